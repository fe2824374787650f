"""Setting completion: who may, what is kept (history, audit), what is refused, who is told."""

import datetime

import pytest
import time_machine
from django.core import mail

from mentora.applications.models import ApplicationAttendee, ApplicationStatus
from mentora.audit.models import AuditEvent
from mentora.completion.access import participation_list_for_instance
from mentora.completion.models import Completion, CompletionChange, CompletionStatus
from mentora.completion.selectors import completed_since, completion_rows
from mentora.completion.services import completion_set
from mentora.core.exceptions import InvalidInput, PermissionDenied
from mentora.customers.access import actor_for
from mentora.notifications.kinds import EmailChoice
from mentora.notifications.kinds import Kind as NotificationKind
from mentora.notifications.models import Notification, NotificationSetting
from mentora.testing.factories import UserFactory
from mentora.testing.factories_activities import (
    ApplicationAttendeeFactory,
    ApplicationFactory,
    ServiceFactory,
)

pytestmark = pytest.mark.django_db
C = CompletionStatus


def participation(world, attendee) -> ApplicationAttendee:  # type: ignore[no-untyped-def]
    return ApplicationAttendee.objects.get(attendee=attendee, application__course_instance=world.instance)


def test_the_history_keeps_who_when_before_and_after(cast, scene, django_capture_on_commit_callbacks):
    course = participation(scene, scene.course_mentee)
    pro = actor_for(cast.professional)
    with time_machine.travel(datetime.datetime(2026, 3, 2, 9, tzinfo=datetime.UTC), tick=False):
        assert completion_set(actor=pro, participations=[course], status=C.ONGOING) == 1
    with time_machine.travel(datetime.datetime(2026, 3, 20, 9, tzinfo=datetime.UTC), tick=False):
        changed = completion_set(
            actor=actor_for(cast.system_admin),
            participations=[course],
            status=C.COMPLETED,
            on=datetime.date(2026, 3, 19),
            comment=" Final test passed ",
        )
    assert changed == 1
    completion = Completion.objects.get(participation=course)
    assert (completion.status, completion.on, completion.comment, completion.updated_by) == (
        C.COMPLETED,
        datetime.date(2026, 3, 19),
        "Final test passed",
        cast.system_admin,
    )
    history = list(CompletionChange.objects.filter(completion=completion))
    assert [(c.changed_by, c.before, c.after) for c in history] == [
        (
            cast.system_admin,
            {"status": C.ONGOING, "on": "2026-03-02", "comment": ""},
            {"status": C.COMPLETED, "on": "2026-03-19", "comment": "Final test passed"},
        ),
        (cast.professional, None, {"status": C.ONGOING, "on": "2026-03-02", "comment": ""}),
    ]
    assert history[0].changed_at == datetime.datetime(2026, 3, 20, 9, tzinfo=datetime.UTC)
    (row,) = completion_rows([course], with_history=True)
    assert row.status == C.COMPLETED and [c.pk for c in row.history] == [c.pk for c in history]
    audits = AuditEvent.objects.filter(action="completion.set").order_by("pk")
    assert [(a.actor, a.customer, a.before and a.before["status"], a.after["status"]) for a in audits] == [
        (cast.professional, cast.north, None, C.ONGOING),
        (cast.system_admin, cast.north, C.ONGOING, C.COMPLETED),
    ]


def test_several_learners_of_two_customers_at_once_and_unchanged_ones_are_left_alone(cast, scene):
    learners = list(participation_list_for_instance(instance=scene.instance))
    assert {p.attendee for p in learners} == {scene.course_mentee, scene.south_learner}
    pro = actor_for(cast.professional)
    assert completion_set(actor=pro, participations=learners, status=C.ONGOING) == 2
    assert completion_set(actor=pro, participations=learners, status=C.ONGOING) == 0
    assert CompletionChange.objects.count() == 2
    assert set(AuditEvent.objects.filter(action="completion.set").values_list("customer", flat=True)) == {
        cast.north.pk,
        cast.south.pk,
    }


def test_a_change_tells_the_learners_active_mentors_once_each(
    cast, scene, django_capture_on_commit_callbacks
):
    learners = list(participation_list_for_instance(instance=scene.instance))
    with django_capture_on_commit_callbacks(execute=True):
        completion_set(actor=actor_for(cast.professional), participations=learners, status=C.COMPLETED)
    by_recipient = {m.to[0]: m for m in mail.outbox}
    told = Notification.objects.filter(kind=NotificationKind.COMPLETION)
    assert sorted(n.user.email for n in told) == sorted(by_recipient)
    north = told.get(user=cast.north_mentor)
    assert north.url == f"/learners/{scene.course_mentee.pk}/"
    assert north.text == "Completion status changed for 1 of your learners"
    # north_mentor mentors the north course application; south_mentor and both_mentor the south one.
    assert sorted(by_recipient) == sorted(
        [cast.north_mentor.email, cast.south_mentor.email, cast.both_mentor.email]
    )
    north = by_recipient[cast.north_mentor.email]
    assert "Cleo Course" in north.body and "Sune" not in north.body
    assert f"/learners/{scene.course_mentee.pk}/" in north.body
    assert "Not started → Completed" in north.body
    assert north.extra_headers.get("List-Unsubscribe")


def test_mentors_who_turned_completion_mail_off_and_the_actor_are_not_told(
    cast, scene, django_capture_on_commit_callbacks
):
    NotificationSetting.objects.create(
        user=cast.north_mentor, kind=NotificationKind.COMPLETION, email=EmailChoice.OFF, in_app=True
    )
    with django_capture_on_commit_callbacks(execute=True):
        completion_set(
            actor=actor_for(cast.system_admin),
            participations=[participation(scene, scene.course_mentee)],
            status=C.WITHDRAWN,
        )
    assert mail.outbox == []


@pytest.mark.parametrize("who", ["north_admin", "north_mentor", "outsider", "south_admin"])
def test_nobody_but_the_professional_and_system_administrators_sets_it(cast, scene, who):
    with pytest.raises(PermissionDenied):
        completion_set(
            actor=actor_for(getattr(cast, who)),
            participations=[participation(scene, scene.course_mentee)],
            status=C.COMPLETED,
        )
    assert not Completion.objects.exists()


def test_another_professional_cannot_set_it(cast, scene):
    other = UserFactory(is_professional=True)
    with pytest.raises(PermissionDenied):
        completion_set(
            actor=actor_for(other),
            participations=[participation(scene, scene.course_mentee)],
            status=C.ONGOING,
        )


def test_bad_input_is_refused_and_nothing_is_kept(cast, scene):
    course = participation(scene, scene.course_mentee)
    pro = actor_for(cast.professional)
    with time_machine.travel(datetime.datetime(2026, 3, 2, 9, tzinfo=datetime.UTC), tick=False):
        for kwargs in (
            {"status": "DONE"},
            {"status": C.COMPLETED, "on": datetime.date(2026, 3, 3)},
            {"status": C.COMPLETED, "comment": "x" * 1001},
        ):
            with pytest.raises(InvalidInput):
                completion_set(actor=pro, participations=[course], **kwargs)
        with pytest.raises(InvalidInput):
            completion_set(actor=pro, participations=[], status=C.COMPLETED)
    assert not Completion.objects.exists()


def test_only_participations_with_a_completion_status_take_one(cast, scene):
    pending = ApplicationAttendeeFactory(application=scene.pending_app)
    untracked = ApplicationAttendee.objects.get(attendee=scene.mentee)  # its service does not track it
    admin = actor_for(cast.system_admin)
    for p in (pending, untracked):
        with pytest.raises(InvalidInput):
            completion_set(actor=admin, participations=[p], status=C.ONGOING)
    tracked = ApplicationFactory(
        customer=cast.north,
        service=ServiceFactory(tracks_completion=True),
        status=ApplicationStatus.ACCEPTED,
        professional=cast.professional,
    )
    learner = ApplicationAttendeeFactory(application=tracked)
    assert completion_set(actor=actor_for(cast.professional), participations=[learner], status=C.ONGOING) == 1


def test_completed_since_counts_from_the_date_given(cast, scene):
    learners = list(participation_list_for_instance(instance=scene.instance))
    with time_machine.travel(datetime.datetime(2026, 3, 20, 9, tzinfo=datetime.UTC), tick=False):
        completion_set(
            actor=actor_for(cast.system_admin),
            participations=learners[:1],
            status=C.COMPLETED,
            on=datetime.date(2026, 3, 10),
        )
        completion_set(actor=actor_for(cast.system_admin), participations=learners[1:], status=C.COMPLETED)
    scope = ApplicationAttendee.objects.filter(pk__in=[p.pk for p in learners])
    assert [c.participation for c in completed_since(scope, since=datetime.date(2026, 3, 16))] == learners[1:]
    assert len(completed_since(scope, since=datetime.date(2026, 3, 1))) == 2
