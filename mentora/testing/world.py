"""A small world for the mentor workspace's tests, on top of the named cast.

north_mentor mentors:
  - `on_request` (north, on-request): attendees `mentee` (takes part) and `bystander` (does not);
    events `past_event` (with a session: mentee PRESENT, bystander ABSENT), `future_event`
    (online classroom) and `canceled_event`;
  - `course_app` (north, APPROVED) to `instance`: attendee `course_mentee`; `course_event` has a
    session with course_mentee ABSENT and `south_learner` (of south's APPROVED `south_course_app`,
    mentored by south_mentor) PRESENT — a non-mentee in the same session;
  - `pending_app` (north, PENDING) to `pending_instance`, whose `pending_event` must stay hidden.
`other_app` (north) is mentored by nobody; north_mentor_inactive is assigned to `on_request`
through an INACTIVE membership. both_mentor mentors `on_request` (north) and `south_course_app`.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from mentora.applications.models import Application, ApplicationStatus, Attendee
from mentora.attendance.models import AttendanceRecord, AttendanceStatus, Session
from mentora.catalog.models import CourseInstance
from mentora.schedule.models import Event, EventStatus
from mentora.testing.cast import Cast
from mentora.testing.factories_activities import (
    ApplicationAttendeeFactory,
    ApplicationFactory,
    AttendeeFactory,
    CourseApplicationFactory,
    CourseInstanceFactory,
    MentorAssignmentFactory,
)
from mentora.testing.factories_schedule import AttendanceRecordFactory, EventFactory, SessionFactory


@dataclass
class World:
    cast: Cast
    on_request: Application
    other_app: Application
    course_app: Application
    south_course_app: Application
    pending_app: Application
    instance: CourseInstance
    pending_instance: CourseInstance
    mentee: Attendee
    bystander: Attendee
    course_mentee: Attendee
    south_learner: Attendee
    past_event: Event
    future_event: Event
    canceled_event: Event
    course_event: Event
    pending_event: Event
    other_event: Event
    past_session: Session
    course_session: Session
    mentee_record: AttendanceRecord
    bystander_record: AttendanceRecord
    course_mentee_record: AttendanceRecord
    south_record: AttendanceRecord


def at(days: int, hour: int = 10) -> datetime.datetime:
    """Today ± days at `hour`:00 UTC."""
    return (timezone.now() + datetime.timedelta(days=days)).replace(
        hour=hour, minute=0, second=0, microsecond=0
    )


def assign(cast: Cast, user, application: Application) -> None:  # type: ignore[no-untyped-def]
    MentorAssignmentFactory(application=application, membership=cast.membership(user, application.customer))


def make_world(cast: Cast) -> World:
    on_request = ApplicationFactory(
        customer=cast.north, title="Leadership coaching", status=ApplicationStatus.ACCEPTED
    )
    other_app = ApplicationFactory(customer=cast.north, title="Someone else's")
    instance = CourseInstanceFactory(code="SWE-1", language="sv")
    pending_instance = CourseInstanceFactory(code="PEND-1")
    course_app = CourseApplicationFactory(
        customer=cast.north, course_instance=instance, status=ApplicationStatus.APPROVED
    )
    south_course_app = CourseApplicationFactory(
        customer=cast.south, course_instance=instance, status=ApplicationStatus.APPROVED
    )
    pending_app = CourseApplicationFactory(customer=cast.north, course_instance=pending_instance)
    for app in (on_request, course_app, pending_app):
        assign(cast, cast.north_mentor, app)
    assign(cast, cast.north_mentor_inactive, on_request)
    assign(cast, cast.south_mentor, south_course_app)
    assign(cast, cast.both_mentor, on_request)
    assign(cast, cast.both_mentor, south_course_app)

    mentee = AttendeeFactory(customer=cast.north, first_name="Mona", last_name="Mentee")
    bystander = AttendeeFactory(customer=cast.north, first_name="Bo", last_name="Bystander")
    course_mentee = AttendeeFactory(customer=cast.north, first_name="Cleo", last_name="Course")
    south_learner = AttendeeFactory(customer=cast.south, first_name="Sune", last_name="Southlearner")
    outside = AttendeeFactory(customer=cast.north, first_name="Olle", last_name="Otherapp")
    ApplicationAttendeeFactory(application=on_request, attendee=mentee)
    ApplicationAttendeeFactory(application=on_request, attendee=bystander, participating=False)
    ApplicationAttendeeFactory(application=course_app, attendee=course_mentee)
    ApplicationAttendeeFactory(application=south_course_app, attendee=south_learner)
    ApplicationAttendeeFactory(application=other_app, attendee=outside)

    past_event = EventFactory(
        application=on_request, title="Coaching 1", starts_at=at(-2), ends_at=at(-2, 11)
    )
    future_event = EventFactory(
        application=on_request,
        title="Coaching 2",
        starts_at=at(3),
        ends_at=at(3, 11),
        online_url="https://meet.example.com/room",
        professional=cast.professional,
    )
    canceled_event = EventFactory(
        application=on_request,
        title="Coaching 3",
        starts_at=at(4),
        ends_at=at(4, 11),
        status=EventStatus.CANCELED,
        canceled_reason="Teacher ill",
    )
    course_event = EventFactory(
        course_instance=instance, title="Swedish lesson", starts_at=at(-1), ends_at=at(-1, 12)
    )
    pending_event = EventFactory(
        course_instance=pending_instance, title="Pending lesson", starts_at=at(2), ends_at=at(2, 11)
    )
    other_event = EventFactory(application=other_app, title="Not yours", starts_at=at(2), ends_at=at(2, 11))

    past_session = SessionFactory(event=past_event)
    course_session = SessionFactory(event=course_event)
    other_session = SessionFactory(event=other_event)
    AttendanceRecordFactory(session=other_session, attendee=outside, status=AttendanceStatus.PRESENT)
    mentee_record = AttendanceRecordFactory(
        session=past_session, attendee=mentee, status=AttendanceStatus.PRESENT, minutes=60, note="Good work"
    )
    bystander_record = AttendanceRecordFactory(
        session=past_session, attendee=bystander, status=AttendanceStatus.ABSENT
    )
    course_mentee_record = AttendanceRecordFactory(
        session=course_session, attendee=course_mentee, status=AttendanceStatus.ABSENT, note="Ill"
    )
    south_record = AttendanceRecordFactory(
        session=course_session, attendee=south_learner, status=AttendanceStatus.PRESENT, note="South secret"
    )
    return World(
        cast=cast,
        on_request=on_request,
        other_app=other_app,
        course_app=course_app,
        south_course_app=south_course_app,
        pending_app=pending_app,
        instance=instance,
        pending_instance=pending_instance,
        mentee=mentee,
        bystander=bystander,
        course_mentee=course_mentee,
        south_learner=south_learner,
        past_event=past_event,
        future_event=future_event,
        canceled_event=canceled_event,
        course_event=course_event,
        pending_event=pending_event,
        other_event=other_event,
        past_session=past_session,
        course_session=course_session,
        mentee_record=mentee_record,
        bystander_record=bystander_record,
        course_mentee_record=course_mentee_record,
        south_record=south_record,
    )
