"""Mentor assignment: who may assign, which memberships can be assigned, audit and e-mail."""

import pytest
from django.core import mail

from mentora.applications import services
from mentora.applications.models import MentorAssignment
from mentora.audit.models import AuditEvent
from mentora.core.exceptions import Conflict, InvalidInput, PermissionDenied
from mentora.customers.access import Actor
from mentora.notifications.kinds import EmailChoice
from mentora.notifications.kinds import Kind as NotificationKind
from mentora.notifications.models import Notification, NotificationSetting
from mentora.testing.factories_activities import ApplicationFactory, MentorAssignmentFactory


def actor(user) -> Actor:  # type: ignore[no-untyped-def]
    return Actor(user=user)


@pytest.fixture
def application(cast):  # type: ignore[no-untyped-def]
    return ApplicationFactory(customer=cast.north, title="Reading club")


def test_customer_admin_assigns_an_active_mentor_audited_and_emailed(
    cast, application, django_capture_on_commit_callbacks
):
    membership = cast.membership(cast.north_mentor, cast.north)
    cast.north_mentor.language = "sv"
    cast.north_mentor.save()
    with django_capture_on_commit_callbacks(execute=True):
        assignment = services.application_mentor_assign(
            actor=actor(cast.north_admin), application=application, membership=membership, ip="10.0.0.3"
        )
    assert assignment.assigned_by == cast.north_admin
    event = AuditEvent.objects.get(action="application.mentor_assign")
    assert event.after["mentor"] == cast.north_mentor.email
    assert event.customer == cast.north
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [cast.north_mentor.email]
    assert application.number in message.subject
    assert "mentor" in message.subject.lower()  # Swedish: "Du är nu mentor för ..."
    assert "Reading club" in message.body
    assert f"/mentor/applications/{application.pk}/" in message.body


def test_system_admin_assigns_several_mentors(cast, application, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for user in (cast.north_mentor, cast.both_mentor):
            services.application_mentor_assign(
                actor=actor(cast.system_admin),
                application=application,
                membership=cast.membership(user, cast.north),
            )
    assert MentorAssignment.objects.filter(application=application).count() == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([cast.north_mentor.email, cast.both_mentor.email])


def test_inactive_membership_is_refused(cast, application):
    with pytest.raises(InvalidInput):
        services.application_mentor_assign(
            actor=actor(cast.north_admin),
            application=application,
            membership=cast.membership(cast.north_mentor_inactive, cast.north),
        )
    assert not MentorAssignment.objects.exists()


def test_mentor_of_another_customer_is_refused(cast, application):
    with pytest.raises(InvalidInput):
        services.application_mentor_assign(
            actor=actor(cast.north_admin),
            application=application,
            membership=cast.membership(cast.south_mentor, cast.south),
        )


def test_customer_admin_membership_is_not_a_mentor(cast, application):
    with pytest.raises(InvalidInput):
        services.application_mentor_assign(
            actor=actor(cast.system_admin),
            application=application,
            membership=cast.membership(cast.north_admin, cast.north, role="CUSTOMER_ADMIN"),
        )


def test_duplicate_assignment_is_a_conflict(cast, application):
    membership = cast.membership(cast.north_mentor, cast.north)
    MentorAssignmentFactory(application=application, membership=membership)
    with pytest.raises(Conflict):
        services.application_mentor_assign(
            actor=actor(cast.north_admin), application=application, membership=membership
        )
    assert MentorAssignment.objects.count() == 1


@pytest.mark.parametrize("who", ["north_mentor", "south_admin", "professional", "outsider"])
def test_only_customer_admins_and_system_admins_assign(cast, application, who):
    with pytest.raises(PermissionDenied):
        services.application_mentor_assign(
            actor=actor(getattr(cast, who)),
            application=application,
            membership=cast.membership(cast.north_mentor_unassigned, cast.north),
        )


def test_unassign_is_audited_and_emailed(cast, application, django_capture_on_commit_callbacks):
    membership = cast.membership(cast.north_mentor, cast.north)
    MentorAssignmentFactory(application=application, membership=membership)
    with django_capture_on_commit_callbacks(execute=True):
        services.application_mentor_unassign(
            actor=actor(cast.north_admin), application=application, membership=membership
        )
    assert not MentorAssignment.objects.exists()
    assert (
        AuditEvent.objects.get(action="application.mentor_unassign").before["mentor"]
        == cast.north_mentor.email
    )
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [cast.north_mentor.email]
    assert "no longer" in mail.outbox[0].subject


def test_inactive_mentor_can_still_be_unassigned(cast, application):
    membership = cast.membership(cast.north_mentor_inactive, cast.north)
    MentorAssignmentFactory(application=application, membership=membership)
    services.application_mentor_unassign(
        actor=actor(cast.north_admin), application=application, membership=membership
    )
    assert not MentorAssignment.objects.exists()


def test_unassigning_someone_not_assigned_is_a_conflict(cast, application):
    with pytest.raises(Conflict):
        services.application_mentor_unassign(
            actor=actor(cast.north_admin),
            application=application,
            membership=cast.membership(cast.north_mentor, cast.north),
        )


def test_mentor_who_turned_assignment_email_off_gets_none(
    cast, application, django_capture_on_commit_callbacks
):
    NotificationSetting.objects.create(
        user=cast.north_mentor, kind=NotificationKind.ASSIGNED, email=EmailChoice.OFF, in_app=True
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.application_mentor_assign(
            actor=actor(cast.north_admin),
            application=application,
            membership=cast.membership(cast.north_mentor, cast.north),
        )
    assert MentorAssignment.objects.exists()
    assert mail.outbox == []


def test_invitation_flow_call_sends_no_assignment_email(
    cast, application, django_capture_on_commit_callbacks
):
    """mentor_assignment_create keeps its contract for the invitation flow: no e-mail unless asked."""
    with django_capture_on_commit_callbacks(execute=True):
        services.mentor_assignment_create(
            actor_user=cast.north_mentor,
            application=application,
            membership=cast.membership(cast.north_mentor, cast.north),
        )
    assert MentorAssignment.objects.exists()
    assert mail.outbox == []


def test_assignment_and_unassignment_show_in_the_mentors_notifications(cast, application):
    membership = cast.membership(cast.north_mentor, cast.north)
    services.application_mentor_assign(
        actor=actor(cast.north_admin), application=application, membership=membership
    )
    services.application_mentor_unassign(
        actor=actor(cast.north_admin), application=application, membership=membership
    )
    assigned, unassigned = Notification.objects.filter(user=cast.north_mentor).order_by("pk")
    assert (assigned.kind, assigned.url) == (
        NotificationKind.ASSIGNED,
        f"/mentor/applications/{application.pk}/",
    )
    assert assigned.text == f"You now mentor {application.number} (North Org)."
    assert (unassigned.kind, unassigned.url) == (NotificationKind.UNASSIGNED, "/mentor/applications/")
    assert not Notification.objects.exclude(user=cast.north_mentor).exists()


def test_a_mentor_with_email_off_still_sees_it_in_the_app(
    cast, application, django_capture_on_commit_callbacks
):
    NotificationSetting.objects.create(
        user=cast.north_mentor, kind=NotificationKind.ASSIGNED, email=EmailChoice.OFF, in_app=True
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.application_mentor_assign(
            actor=actor(cast.north_admin),
            application=application,
            membership=cast.membership(cast.north_mentor, cast.north),
        )
    assert mail.outbox == []
    assert Notification.objects.get(user=cast.north_mentor).kind == NotificationKind.ASSIGNED
