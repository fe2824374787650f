"""Application reads: the attendance summary (counted in the database) and the schedule."""

import datetime

from django.urls import reverse
from django.utils import timezone

from mentora.attendance.models import AttendanceRecord, AttendanceStatus, Session
from mentora.attendance.selectors import attendance_summary
from mentora.schedule.models import Event
from mentora.schedule.selectors import application_event_list
from mentora.testing.factories_activities import (
    ApplicationAttendeeFactory,
    ApplicationFactory,
    CourseApplicationFactory,
)

A = AttendanceStatus


def _event(n: int, **owner) -> Event:  # type: ignore[no-untyped-def]
    start = timezone.now() - datetime.timedelta(days=10 - n)
    return Event.objects.create(
        title=f"Session {n}",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        language="sv",
        **owner,
    )


def _record(event: Event, attendee, status: str) -> None:  # type: ignore[no-untyped-def]
    session, _ = Session.objects.get_or_create(event=event)
    AttendanceRecord.objects.create(session=session, attendee=attendee, status=status)


def test_attendance_summary_counts_by_status_and_rate(cast):
    application = ApplicationFactory(customer=cast.north)
    ada, bob = ApplicationAttendeeFactory.create_batch(2, application=application)
    events = [_event(n, application=application) for n in range(6)]
    for event, status in zip(
        events, [A.PRESENT, A.LATE, A.ABSENT, A.EXCUSED, A.NOT_ENROLLED, ""], strict=True
    ):
        _record(event, ada.attendee, status)
    # Another application's event with the same attendee does not count here.
    _record(_event(9, application=ApplicationFactory(customer=cast.north)), ada.attendee, A.ABSENT)
    rows = {
        row.participation.pk: row.counts
        for row in attendance_summary(application=application, participants=[ada, bob])
    }
    first = rows[ada.pk]
    assert (first.present, first.late, first.absent, first.excused, first.not_enrolled, first.unrecorded) == (
        1, 1, 1, 1, 1, 1,
    )  # fmt: skip
    assert first.rate_percent == 67  # (1 + 1) / (1 + 1 + 1)
    assert rows[bob.pk].rate is None


def test_course_application_schedule_is_the_instance_schedule(cast):
    application = CourseApplicationFactory(customer=cast.north)
    _event(1, course_instance=application.course_instance)
    _event(2, application=ApplicationFactory(customer=cast.north))
    events = application_event_list(application=application)
    assert [event.title for event in events] == ["Session 1"]


def test_detail_with_events_and_attendance_has_bounded_queries(cast, client, django_assert_max_num_queries):
    application = ApplicationFactory(customer=cast.north)
    client.force_login(cast.north_admin)
    url = reverse("application_detail", args=[application.pk])

    def grow(count: int) -> None:
        participants = ApplicationAttendeeFactory.create_batch(count, application=application)
        for n in range(count):
            event = _event(n, application=application)
            for participation in participants:
                _record(event, participation.attendee, A.PRESENT)

    grow(3)
    with django_assert_max_num_queries(40) as few:
        assert client.get(url).status_code == 200
    grow(12)
    with django_assert_max_num_queries(40) as many:
        response = client.get(url)
    assert response.status_code == 200
    assert "100 %" in response.content.decode()
    assert len(few.captured_queries) == len(many.captured_queries)
