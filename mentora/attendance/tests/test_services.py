import datetime

import pytest
from django.utils import timezone

from mentora.attendance.access import attendance_record_list_for_application
from mentora.attendance.arithmetic import attendance_counts, attendance_counts_by
from mentora.attendance.models import AttendanceChange, AttendanceRecord, AttendanceStatus, Session
from mentora.attendance.services import Entry, attendance_save, session_create_due, session_ensure
from mentora.attendance.tasks import create_due_sessions
from mentora.core.exceptions import InvalidInput, PermissionDenied
from mentora.customers.access import actor_for
from mentora.schedule.models import EventStatus
from mentora.testing.factories_activities import (
    ApplicationAttendeeFactory,
    ApplicationFactory,
    ServiceFactory,
)
from mentora.testing.factories_schedule import EventFactory

pytestmark = pytest.mark.django_db
S = AttendanceStatus


def past_event(activities, cast, **kwargs):  # type: ignore[no-untyped-def]
    kwargs.setdefault("application", activities.north_app)
    return EventFactory(past=True, professional=cast.professional, **kwargs)


def test_task_creates_sessions_for_started_tracked_events_only(cast, activities):
    on_request = past_event(activities, cast)
    course = EventFactory(past=True, course_instance=activities.course_instance)
    EventFactory(application=activities.north_app)  # tomorrow
    past_event(activities, cast, status=EventStatus.CANCELED, canceled_reason="Ill")
    untracked = ApplicationFactory(customer=cast.north, service=ServiceFactory(tracks_attendance=False))
    past_event(activities, cast, application=untracked)

    create_due_sessions.enqueue()  # the immediate backend runs it here

    assert set(Session.objects.values_list("event_id", flat=True)) == {on_request.pk, course.pk}
    # On-request: the application's participating attendees, not the bystander.
    assert set(on_request.session.records.values_list("attendee_id", flat=True)) == {
        a.pk for a in activities.north_attendees
    }
    # Course: attendees of APPROVED course applications only (South's is PENDING).
    assert list(course.session.records.values_list("attendee_id", flat=True)) == [
        activities.north_course_attendee.pk
    ]
    assert all(record.status == "" for record in AttendanceRecord.objects.all())


def test_creating_sessions_is_idempotent(cast, activities):
    past_event(activities, cast)
    assert session_create_due() == 1
    assert session_create_due() == 0
    assert Session.objects.count() == 1 and AttendanceRecord.objects.count() == 2


def test_session_on_demand_and_late_joiners(cast, activities):
    event = past_event(activities, cast)
    session = session_ensure(event=event)
    assert session is not None and session.records.count() == 2
    assert session_ensure(event=event) == session
    late = ApplicationAttendeeFactory(application=activities.north_app).attendee
    session_ensure(event=event)
    assert session.records.filter(attendee=late, status="").exists()
    assert session.records.count() == 3


def test_no_session_before_the_start(cast, activities):
    event = EventFactory(application=activities.north_app)
    assert session_ensure(event=event) is None
    assert session_ensure(event=event, now=event.starts_at) is not None


def _sheet(session, **statuses):  # type: ignore[no-untyped-def]
    records = {r.attendee.first_name: r for r in session.records.select_related("attendee")}
    return [
        Entry(record_id=records[name].pk, status=status, minutes=minutes, note=note)
        for name, (status, minutes, note) in statuses.items()
    ]


def test_partial_save_incomplete_then_complete_with_history(cast, activities):
    event = past_event(activities, cast)
    session = session_ensure(event=event)
    actor = actor_for(cast.professional)
    assert not attendance_counts(session.records.all()).is_complete

    changed = attendance_save(actor=actor, session=session, entries=_sheet(session, Anna=(S.PRESENT, 90, "")))
    assert changed == 1
    totals = attendance_counts(session.records.all())
    assert totals.unrecorded == 1 and not totals.is_complete

    changed = attendance_save(
        actor=actor,
        session=session,
        entries=_sheet(session, Anna=(S.LATE, 70, "Bus was late"), Bo=(S.ABSENT, None, "")),
    )
    assert changed == 2
    assert attendance_counts(session.records.all()).is_complete

    anna = session.records.get(attendee__first_name="Anna")
    assert anna.recorded_by == cast.professional and anna.recorded_at is not None
    history = list(AttendanceChange.objects.filter(record=anna).order_by("pk"))
    assert [(c.before, c.after) for c in history] == [
        (None, {"status": "PRESENT", "minutes": 90, "note": ""}),
        (
            {"status": "PRESENT", "minutes": 90, "note": ""},
            {"status": "LATE", "minutes": 70, "note": "Bus was late"},
        ),
    ]
    assert all(c.changed_by == cast.professional for c in history)

    # Saving the same values again changes nothing and records nothing.
    again = attendance_save(
        actor=actor,
        session=session,
        entries=_sheet(session, Anna=(S.LATE, 70, "Bus was late"), Bo=(S.ABSENT, None, "")),
    )
    assert again == 0 and AttendanceChange.objects.count() == 3


def test_who_may_take_attendance(cast, activities, other_professional):
    event = past_event(activities, cast)
    session = session_ensure(event=event)
    entries = _sheet(session, Anna=(S.PRESENT, None, ""))
    for who in (cast.north_mentor, cast.north_admin, other_professional, cast.outsider):
        with pytest.raises(PermissionDenied):
            attendance_save(actor=actor_for(who), session=session, entries=entries)
    attendance_save(actor=actor_for(cast.system_admin), session=session, entries=entries)
    event.substitute = other_professional
    event.save()
    session.event.refresh_from_db()
    attendance_save(
        actor=actor_for(other_professional),
        session=session,
        entries=_sheet(session, Bo=(S.EXCUSED, None, "")),
    )
    assert attendance_counts(session.records.all()).is_complete


def test_invalid_entries_are_refused(cast, activities):
    session = session_ensure(event=past_event(activities, cast))
    actor = actor_for(cast.professional)
    with pytest.raises(InvalidInput):
        attendance_save(actor=actor, session=session, entries=_sheet(session, Anna=(S.PRESENT, 91, "")))
    with pytest.raises(InvalidInput):
        attendance_save(
            actor=actor,
            session=session,
            entries=[Entry(record_id=0, status=S.PRESENT, minutes=None, note="")],
        )
    with pytest.raises(InvalidInput):
        attendance_save(actor=actor, session=session, entries=_sheet(session, Anna=("SLEEPING", None, "")))
    assert not AttendanceChange.objects.exists()


def test_attendance_rate_excludes_excused_and_not_enrolled(cast, activities):
    people = activities.north_attendees + [
        ApplicationAttendeeFactory(application=activities.north_app).attendee for _ in range(4)
    ]
    sessions = [
        session_ensure(
            event=past_event(activities, cast, starts_at=timezone.now() - datetime.timedelta(days=d))
        )
        for d in (3, 2)
    ]
    statuses = [S.PRESENT, S.LATE, S.ABSENT, S.EXCUSED, S.NOT_ENROLLED, ""]
    for attendee, status in zip(people, statuses, strict=True):
        AttendanceRecord.objects.filter(session=sessions[0], attendee=attendee).update(status=status)
    # Second session: everyone ABSENT except Anna, PRESENT.
    AttendanceRecord.objects.filter(session=sessions[1]).update(status=S.ABSENT)
    AttendanceRecord.objects.filter(session=sessions[1], attendee=people[0]).update(status=S.PRESENT)

    first = attendance_counts(sessions[0].records.all())
    assert (first.attended, first.counted) == (2, 3)
    assert first.rate == pytest.approx(2 / 3)
    assert first.unrecorded == 1 and not first.is_complete

    rows = attendance_counts_by(AttendanceRecord.objects.all(), "attendee")
    assert rows[people[0].pk].rate == pytest.approx(1.0)  # present twice
    assert rows[people[1].pk].rate == pytest.approx(0.5)  # late, absent
    assert rows[people[3].pk].rate == pytest.approx(0.0)  # excused (not counted), absent
    assert rows[people[3].pk].counted == 1
    assert rows[people[4].pk].counted == 1  # not enrolled, then absent

    totals = attendance_counts(attendance_record_list_for_application(application=activities.north_app))
    assert (totals.attended, totals.counted) == (3, 3 + 6)


def test_course_application_records_are_its_own_attendees(cast, activities):
    event = EventFactory(past=True, course_instance=activities.course_instance)
    session = session_ensure(event=event)
    other = ApplicationAttendeeFactory(
        application=ApplicationFactory._meta.model.objects.get(pk=activities.south_course_app.pk)
    ).attendee
    activities.south_course_app.status = "APPROVED"
    activities.south_course_app.save()
    session_ensure(event=event)
    session.records.update(status=S.PRESENT)
    north = attendance_record_list_for_application(application=activities.north_course_app)
    assert list(north.values_list("attendee_id", flat=True)) == [activities.north_course_attendee.pk]
    south = attendance_record_list_for_application(application=activities.south_course_app)
    assert attendance_counts(north).records == 1
    assert attendance_counts(south).records == 2  # its two attendees
    assert other.pk in set(session.records.values_list("attendee_id", flat=True))
