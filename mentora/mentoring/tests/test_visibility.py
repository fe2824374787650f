"""The mentor visibility rules of DESIGN.md §3, tested on the selectors themselves. Pages and the
API build on these, so every rule is pinned here once."""

import pytest

from mentora.applications import access as applications_access
from mentora.applications.models import ApplicationStatus
from mentora.attendance import access as attendance_access
from mentora.core.exceptions import NotFound
from mentora.customers.access import actor_for
from mentora.customers.models import Status
from mentora.followups import access as followups_access
from mentora.schedule import access as schedule_access
from mentora.schedule.models import EventStatus
from mentora.testing.factories_activities import (
    ApplicationAttendeeFactory,
    ApplicationFactory,
    CourseApplicationFactory,
    CourseInstanceFactory,
    MentorAssignmentFactory,
)
from mentora.testing.factories_followups import FollowUpFactory
from mentora.testing.factories_schedule import AttendanceRecordFactory, EventFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(cast):
    """North: an on-request application assigned to north_mentor, another not assigned; a course
    instance with an APPROVED and a PENDING application assigned to north_mentor and an approved
    one of south (another customer's learners in the same sessions)."""
    membership = cast.membership(cast.north_mentor, cast.north)
    assigned = ApplicationFactory(customer=cast.north)
    unassigned = ApplicationFactory(customer=cast.north)
    MentorAssignmentFactory(application=assigned, membership=membership)

    instance = CourseInstanceFactory()
    approved = CourseApplicationFactory(
        customer=cast.north, course_instance=instance, status=ApplicationStatus.APPROVED
    )
    pending_instance = CourseInstanceFactory()
    pending = CourseApplicationFactory(customer=cast.north, course_instance=pending_instance)
    south_app = CourseApplicationFactory(
        customer=cast.south, course_instance=instance, status=ApplicationStatus.APPROVED
    )
    MentorAssignmentFactory(application=approved, membership=membership)
    MentorAssignmentFactory(application=pending, membership=membership)
    MentorAssignmentFactory(application=south_app, membership=cast.membership(cast.south_mentor, cast.south))

    mentee = ApplicationAttendeeFactory(application=approved).attendee
    other_learner = ApplicationAttendeeFactory(application=south_app).attendee
    on_request_mentee = ApplicationAttendeeFactory(application=assigned).attendee
    unassigned_learner = ApplicationAttendeeFactory(application=unassigned).attendee

    course_event = EventFactory(course_instance=instance, past=True)
    canceled_event = EventFactory(
        course_instance=instance, status=EventStatus.CANCELED, canceled_reason="Ill"
    )
    pending_event = EventFactory(course_instance=pending_instance)
    assigned_event = EventFactory(application=assigned, past=True)
    unassigned_event = EventFactory(application=unassigned)

    course_session = SessionFactory(event=course_event)
    mentee_record = AttendanceRecordFactory(session=course_session, attendee=mentee, status="PRESENT")
    other_record = AttendanceRecordFactory(session=course_session, attendee=other_learner, status="ABSENT")
    on_request_record = AttendanceRecordFactory(
        session=SessionFactory(event=assigned_event), attendee=on_request_mentee
    )
    unassigned_record = AttendanceRecordFactory(
        session=SessionFactory(event=EventFactory(application=unassigned, past=True)),
        attendee=unassigned_learner,
    )
    return locals()


def ids(queryset):
    return set(queryset.values_list("pk", flat=True))


def test_applications_are_the_assigned_ones_in_any_status(cast, world):
    actor = actor_for(cast.north_mentor)
    assert ids(applications_access.application_list_for_mentor(actor=actor)) == {
        world["assigned"].pk,
        world["approved"].pk,
        world["pending"].pk,
    }
    assert (
        ids(applications_access.application_list_for_mentor(actor=actor_for(cast.north_mentor_unassigned)))
        == set()
    )


def test_schedule_of_a_course_application_shows_only_once_approved(cast, world):
    actor = actor_for(cast.north_mentor)
    assert world["pending"].pk not in ids(
        applications_access.application_list_with_schedule_for_mentor(actor=actor)
    )
    events = ids(schedule_access.event_list_for_mentor(actor=actor))
    assert events == {world["course_event"].pk, world["canceled_event"].pk, world["assigned_event"].pk}
    assert world["pending_event"].pk not in events
    assert world["unassigned_event"].pk not in events


def test_attendance_is_the_mentees_only_never_other_learners_of_the_session(cast, world):
    actor = actor_for(cast.north_mentor)
    records = ids(attendance_access.attendance_record_list_for_mentor(actor=actor))
    assert records == {world["mentee_record"].pk, world["on_request_record"].pk}
    assert world["other_record"].pk not in records
    assert ids(applications_access.mentee_list_for_mentor(actor=actor)) == {
        world["mentee"].pk,
        world["on_request_mentee"].pk,
    }

    south = ids(attendance_access.attendance_record_list_for_mentor(actor=actor_for(cast.south_mentor)))
    assert south == {world["other_record"].pk}


def test_inactive_membership_or_customer_sees_nothing(cast, world):
    membership = cast.membership(cast.north_mentor, cast.north)
    membership.status = Status.INACTIVE
    membership.save()
    actor = actor_for(cast.north_mentor)
    assert not applications_access.application_list_for_mentor(actor=actor).exists()
    assert not schedule_access.event_list_for_mentor(actor=actor).exists()

    membership.status = Status.ACTIVE
    membership.save()
    cast.north.status = Status.INACTIVE
    cast.north.save()
    actor = actor_for(cast.north_mentor)
    assert not applications_access.application_list_for_mentor(actor=actor).exists()
    assert not attendance_access.attendance_record_list_for_mentor(actor=actor).exists()


def test_a_mentor_of_both_customers_sees_only_what_each_assigned(cast, world):
    actor = actor_for(cast.both_mentor)
    assert not applications_access.application_list_for_mentor(actor=actor).exists()
    MentorAssignmentFactory(
        application=world["south_app"], membership=cast.membership(cast.both_mentor, cast.south)
    )
    actor = actor_for(cast.both_mentor)
    assert ids(applications_access.application_list_for_mentor(actor=actor)) == {world["south_app"].pk}
    assert ids(attendance_access.attendance_record_list_for_mentor(actor=actor)) == {world["other_record"].pk}


def test_followups_need_the_application_and_the_selection(cast, world):
    membership = cast.membership(cast.north_mentor, cast.north)
    selected = FollowUpFactory(application=world["assigned"], mentors=[membership])
    not_selected = FollowUpFactory(application=world["assigned"], mentors=[])
    other_application = FollowUpFactory(application=world["unassigned"], mentors=[membership])
    actor = actor_for(cast.north_mentor)
    assert ids(followups_access.followup_list_for_mentor(actor=actor)) == {selected.pk}
    with pytest.raises(NotFound):
        followups_access.access_followup_for_mentor(actor=actor, followup_id=not_selected.pk)
    with pytest.raises(NotFound):
        followups_access.access_followup_for_mentor(actor=actor, followup_id=other_application.pk)


def test_access_functions_answer_not_found_alike(cast, world):
    actor = actor_for(cast.north_mentor)
    assert applications_access.access_application_for_mentor(actor=actor, application_id=world["assigned"].pk)
    for missing in (world["unassigned"].pk, world["south_app"].pk, 10**9, "x"):
        with pytest.raises(NotFound):
            applications_access.access_application_for_mentor(actor=actor, application_id=missing)
    with pytest.raises(NotFound):
        schedule_access.access_event_for_mentor(actor=actor, event_id=world["unassigned_event"].pk)
