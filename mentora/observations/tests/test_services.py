"""Observations: who reads and who writes them, what they can be about, e-mail and audit."""

import pytest
from django.core import mail

from mentora.applications.models import ApplicationStatus
from mentora.audit.models import AuditEvent
from mentora.core.exceptions import InvalidInput, NotFound, PermissionDenied
from mentora.customers.access import actor_for
from mentora.notifications.kinds import Kind as NotificationKind
from mentora.notifications.models import Notification
from mentora.observations.access import observation_list_visible
from mentora.observations.models import Observation
from mentora.observations.permissions import can_write_observation
from mentora.observations.selectors import (
    observation_attendee_choices,
    observation_event_choices,
    observation_list_for_application,
    observation_list_recent,
)
from mentora.observations.services import MAX_OBSERVATION_LENGTH, observation_create
from mentora.testing.factories_activities import (
    ApplicationAttendeeFactory,
    ApplicationFactory,
    CourseApplicationFactory,
    MentorAssignmentFactory,
)
from mentora.testing.factories_followups import ObservationFactory
from mentora.testing.factories_schedule import EventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def app(cast):  # type: ignore[no-untyped-def]
    application = ApplicationFactory(customer=cast.north, professional=cast.professional)
    MentorAssignmentFactory(
        application=application, membership=cast.membership(cast.north_mentor, cast.north)
    )
    MentorAssignmentFactory(application=application, membership=cast.membership(cast.both_mentor, cast.north))
    return application


def test_mentor_writes_an_observation_about_a_mentee_and_an_event(
    cast, app, django_capture_on_commit_callbacks
):
    mentee = ApplicationAttendeeFactory(application=app).attendee
    event = EventFactory(application=app)
    with django_capture_on_commit_callbacks(execute=True):
        observation = observation_create(
            actor=actor_for(cast.north_mentor),
            application=app,
            body=" Engaged ",
            attendee=mentee,
            event=event,
        )
    assert (observation.body, observation.attendee, observation.event, observation.author) == (
        "Engaged",
        mentee,
        event,
        cast.north_mentor,
    )
    audit = AuditEvent.objects.get(action="observation.create")
    assert audit.customer == cast.north and audit.after["attendee"] == mentee.pk
    # The customer's admin and the other mentor hear about it.
    assert sorted(m.to[0] for m in mail.outbox) == [cast.both_mentor.email, cast.north_admin.email]
    # And in the app, linking to the application's observations.
    told = Notification.objects.filter(kind=NotificationKind.OBSERVATION)
    assert sorted(n.user.email for n in told) == [cast.both_mentor.email, cast.north_admin.email]
    assert {n.url for n in told} == {f"/mentor/applications/{app.pk}/observations/"}


@pytest.mark.parametrize(
    "user_name", ["north_admin", "system_admin", "professional", "north_mentor_unassigned"]
)
def test_those_who_see_but_do_not_mentor_get_403_or_404(cast, app, user_name):
    user = getattr(cast, user_name)
    expected = NotFound if user_name == "north_mentor_unassigned" else PermissionDenied
    with pytest.raises(expected):
        observation_create(actor=actor_for(user), application=app, body="Hello")
    assert not Observation.objects.exists()


@pytest.mark.parametrize("user_name", ["south_admin", "south_mentor", "north_mentor_inactive", "outsider"])
def test_those_who_cannot_see_the_application_get_404(cast, app, user_name):
    with pytest.raises(NotFound):
        observation_create(actor=actor_for(getattr(cast, user_name)), application=app, body="Hello")


def test_choices_are_limited_to_the_applications_mentees_and_events(cast, app):
    mine = ApplicationAttendeeFactory(application=app).attendee
    other_app = ApplicationFactory(customer=cast.north)
    theirs = ApplicationAttendeeFactory(application=other_app).attendee
    my_event = EventFactory(application=app)
    their_event = EventFactory(application=other_app)
    assert list(observation_attendee_choices(application=app)) == [mine]
    assert list(observation_event_choices(application=app)) == [my_event]
    actor = actor_for(cast.north_mentor)
    with pytest.raises(InvalidInput):
        observation_create(actor=actor, application=app, body="x", attendee=theirs)
    with pytest.raises(InvalidInput):
        observation_create(actor=actor, application=app, body="x", event=their_event)
    assert not Observation.objects.exists()


def test_course_application_events_only_once_approved(cast):
    course_app = CourseApplicationFactory(customer=cast.north)
    event = EventFactory(course_instance=course_app.course_instance)
    assert list(observation_event_choices(application=course_app)) == []
    course_app.status = ApplicationStatus.APPROVED
    course_app.save()
    assert list(observation_event_choices(application=course_app)) == [event]


@pytest.mark.parametrize("body", ["", "   ", "x" * (MAX_OBSERVATION_LENGTH + 1)])
def test_empty_or_too_long_body_is_refused(cast, app, body):
    with pytest.raises(InvalidInput):
        observation_create(actor=actor_for(cast.north_mentor), application=app, body=body)


def test_readers_are_mentors_admins_and_staff(cast, app):
    observation = ObservationFactory(application=app, author=cast.north_mentor)
    for user in (cast.north_mentor, cast.both_mentor, cast.north_admin, cast.system_admin, cast.professional):
        assert list(observation_list_visible(actor=actor_for(user))) == [observation], user
    for user in (cast.north_mentor_unassigned, cast.north_mentor_inactive, cast.south_admin, cast.outsider):
        assert list(observation_list_visible(actor=actor_for(user))) == [], user


def test_observation_stays_attributed_after_the_author_stops_mentoring(cast, app):
    observation = ObservationFactory(application=app, author=cast.north_mentor)
    cast.membership(cast.north_mentor, cast.north).assignments.all().delete()
    listed = list(observation_list_for_application(application=app))
    assert listed == [observation]
    assert listed[0].author == cast.north_mentor
    assert listed[0].author_still_mentor is False
    assert not can_write_observation(actor_for(cast.north_mentor), app)


def test_recent_observations_for_dashboard(cast, app):
    south_app = ApplicationFactory(customer=cast.south)
    ObservationFactory(application=south_app, author=cast.south_mentor)
    older = ObservationFactory(application=app, author=cast.both_mentor)
    newer = ObservationFactory(application=app, author=cast.north_mentor)
    assert observation_list_recent(actor=actor_for(cast.north_mentor)) == [newer, older]
    assert observation_list_recent(actor=actor_for(cast.north_mentor), limit=1) == [newer]
