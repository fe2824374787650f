import datetime
import zoneinfo

import pytest
from django.utils import timezone

from mentora.applications.models import ApplicationStatus
from mentora.audit.models import AuditEvent
from mentora.core.exceptions import Conflict, InvalidInput, PermissionDenied
from mentora.customers.access import actor_for
from mentora.schedule.models import Event, EventStatus
from mentora.schedule.services import (
    DoubleBooking,
    EventDetails,
    Scope,
    event_cancel,
    event_create,
    event_update,
)
from mentora.testing.factories_schedule import EventFactory

pytestmark = pytest.mark.django_db

STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")
UTC = datetime.UTC


def local(*args: int) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=STOCKHOLM)


def details(professional, start: datetime.datetime, minutes: int = 90, **extra) -> EventDetails:  # type: ignore[no-untyped-def]
    return EventDetails(
        title=extra.pop("title", "Swedish for beginners"),
        starts_at=start,
        ends_at=start + datetime.timedelta(minutes=minutes),
        language="sv",
        professional=professional,
        **extra,
    )


def test_weekly_series_keeps_local_time_across_the_autumn_change(cast, activities):
    with timezone.override(STOCKHOLM):
        events = event_create(
            actor=actor_for(cast.professional),
            details=details(cast.professional, local(2026, 10, 13, 10, 0)),
            application=activities.north_app,
            repeat_until=datetime.date(2026, 11, 3),
        )
    assert len(events) == 4
    assert [e.starts_at.astimezone(STOCKHOLM).strftime("%Y-%m-%d %H:%M") for e in events] == [
        "2026-10-13 10:00",
        "2026-10-20 10:00",
        "2026-10-27 10:00",
        "2026-11-03 10:00",
    ]
    # Summer time (UTC+2) before 25 October, standard time (UTC+1) after: UTC moves an hour.
    assert [e.starts_at.astimezone(UTC).hour for e in events] == [8, 8, 9, 9]
    assert [e.ends_at.astimezone(STOCKHOLM).strftime("%H:%M") for e in events] == ["11:30"] * 4
    assert len({e.series_id for e in events}) == 1 and events[0].series.repeat_until == datetime.date(
        2026, 11, 3
    )


def test_weekly_series_across_the_spring_change(cast, activities):
    with timezone.override(STOCKHOLM):
        events = event_create(
            actor=actor_for(cast.system_admin),
            details=details(cast.professional, local(2026, 3, 24, 18, 0)),
            course_instance=activities.course_instance,
            repeat_until=datetime.date(2026, 4, 1),
        )
    assert [e.starts_at.astimezone(STOCKHOLM).hour for e in events] == [18, 18]
    assert [e.starts_at.astimezone(UTC).hour for e in events] == [17, 16]


def test_single_event_is_stored_in_utc_and_audited(cast, activities):
    [event] = event_create(
        actor=actor_for(cast.professional),
        details=details(cast.professional, local(2026, 6, 1, 9, 0), online_url="https://meet.example.com/x"),
        application=activities.north_app,
    )
    event.refresh_from_db()
    assert event.starts_at == datetime.datetime(2026, 6, 1, 7, 0, tzinfo=UTC)
    assert event.series is None and event.created_by == cast.professional
    audit = AuditEvent.objects.get(action="event.create")
    assert audit.customer == cast.north and audit.actor == cast.professional


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"minutes": 0}, "The end must be after the start."),
        ({"minutes": -30}, "The end must be after the start."),
        ({"online_url": "http://insecure.example.com"}, "https://"),
        ({"title": "  "}, "Enter a title."),
    ],
)
def test_invalid_details_are_refused(cast, activities, change, message):
    minutes = change.pop("minutes", 60)
    with pytest.raises(InvalidInput, match=message):
        event_create(
            actor=actor_for(cast.professional),
            details=details(cast.professional, local(2026, 6, 1, 9, 0), minutes=minutes, **change),
            application=activities.north_app,
        )
    assert not Event.objects.exists()


def test_substitute_must_differ_and_be_a_professional(cast, activities):
    for substitute in (cast.professional, cast.north_mentor):
        with pytest.raises(InvalidInput):
            event_create(
                actor=actor_for(cast.system_admin),
                details=details(cast.professional, local(2026, 6, 1, 9, 0), substitute=substitute),
                application=activities.north_app,
            )


def test_series_end_before_start_and_too_long_series_are_refused(cast, activities):
    actor = actor_for(cast.professional)
    with pytest.raises(InvalidInput):
        event_create(
            actor=actor,
            details=details(cast.professional, local(2026, 6, 1, 9, 0)),
            application=activities.north_app,
            repeat_until=datetime.date(2026, 5, 1),
            tz=STOCKHOLM,
        )
    with pytest.raises(InvalidInput):
        event_create(
            actor=actor,
            details=details(cast.professional, local(2026, 6, 1, 9, 0)),
            application=activities.north_app,
            repeat_until=datetime.date(2030, 1, 1),
            tz=STOCKHOLM,
        )


def test_draft_application_cannot_get_events(cast, activities):
    activities.north_app.status = ApplicationStatus.DRAFT
    with pytest.raises(InvalidInput):
        event_create(
            actor=actor_for(cast.system_admin),
            details=details(cast.professional, local(2026, 6, 1, 9, 0)),
            application=activities.north_app,
        )


@pytest.mark.parametrize("who", ["north_admin", "north_mentor", "outsider"])
def test_only_staff_create_events(cast, activities, who):
    with pytest.raises(PermissionDenied):
        event_create(
            actor=actor_for(getattr(cast, who)),
            details=details(cast.professional, local(2026, 6, 1, 9, 0)),
            application=activities.north_app,
        )


def test_professional_not_responsible_cannot_create(cast, activities, other_professional):
    with pytest.raises(PermissionDenied):
        event_create(
            actor=actor_for(other_professional),
            details=details(other_professional, local(2026, 6, 1, 9, 0)),
            application=activities.north_app,
        )


def test_double_booking_is_a_warning_that_can_be_overridden(cast, activities):
    actor = actor_for(cast.system_admin)
    busy = EventFactory(
        professional=cast.professional, starts_at=local(2026, 6, 1, 9, 30), ends_at=local(2026, 6, 1, 10, 30)
    )
    EventFactory(  # a canceled event does not make anyone busy
        professional=cast.professional,
        starts_at=local(2026, 6, 1, 8, 0),
        ends_at=local(2026, 6, 1, 12, 0),
        status=EventStatus.CANCELED,
        canceled_reason="Ill",
    )
    with pytest.raises(DoubleBooking) as warning:
        event_create(
            actor=actor,
            details=details(cast.professional, local(2026, 6, 1, 9, 0)),
            application=activities.north_app,
        )
    assert warning.value.conflicts == [busy]
    assert Event.objects.filter(application=activities.north_app).count() == 0

    events = event_create(
        actor=actor,
        details=details(cast.professional, local(2026, 6, 1, 9, 0)),
        application=activities.north_app,
        allow_double_booking=True,
    )
    assert len(events) == 1


def test_back_to_back_events_and_substitute_duty(cast, activities, other_professional):
    actor = actor_for(cast.system_admin)
    EventFactory(
        professional=cast.professional, starts_at=local(2026, 6, 1, 8, 0), ends_at=local(2026, 6, 1, 9, 0)
    )
    # Starting when the other ends is not a double booking.
    event_create(
        actor=actor,
        details=details(cast.professional, local(2026, 6, 1, 9, 0)),
        application=activities.north_app,
    )
    EventFactory(
        professional=other_professional,
        substitute=cast.professional,
        starts_at=local(2026, 6, 2, 9, 0),
        ends_at=local(2026, 6, 2, 10, 0),
    )
    with pytest.raises(DoubleBooking):
        event_create(
            actor=actor,
            details=details(cast.professional, local(2026, 6, 2, 9, 30)),
            application=activities.north_app,
        )


def _series(cast, activities, start=None, until=datetime.date(2026, 10, 27)):  # type: ignore[no-untyped-def]
    with timezone.override(STOCKHOLM):
        return event_create(
            actor=actor_for(cast.professional),
            details=details(cast.professional, start or local(2026, 10, 6, 10, 0)),
            application=activities.north_app,
            repeat_until=until,
        )


def test_edit_one_event_of_a_series(cast, activities):
    events = _series(cast, activities)
    with timezone.override(STOCKHOLM):
        event_update(
            actor=actor_for(cast.professional),
            event=events[1],
            details=details(cast.professional, local(2026, 10, 13, 14, 0), title="Moved"),
            scope=Scope.ONE,
        )
    titles = list(Event.objects.order_by("starts_at").values_list("title", flat=True))
    assert titles == ["Swedish for beginners", "Moved", "Swedish for beginners", "Swedish for beginners"]
    assert AuditEvent.objects.filter(action="event.update").count() == 1


def test_edit_the_rest_of_a_series_keeps_local_time_across_dst(cast, activities):
    events = _series(cast, activities)
    with timezone.override(STOCKHOLM):
        changed = event_update(
            actor=actor_for(cast.professional),
            event=events[1],
            details=details(cast.professional, local(2026, 10, 14, 15, 0), minutes=60, title="Later"),
            scope=Scope.REST,
        )
    assert len(changed) == 3
    rows = list(Event.objects.order_by("starts_at"))
    assert rows[0].title == "Swedish for beginners"
    assert rows[0].starts_at.astimezone(STOCKHOLM).strftime("%m-%d %H:%M") == "10-06 10:00"
    assert [r.starts_at.astimezone(STOCKHOLM).strftime("%m-%d %H:%M") for r in rows[1:]] == [
        "10-14 15:00",
        "10-21 15:00",
        "10-28 15:00",
    ]
    assert [r.ends_at.astimezone(STOCKHOLM).strftime("%H:%M") for r in rows[1:]] == ["16:00"] * 3
    assert [r.starts_at.astimezone(UTC).hour for r in rows[1:]] == [13, 13, 14]
    assert {r.title for r in rows[1:]} == {"Later"}


def test_edit_the_rest_skips_canceled_events(cast, activities):
    events = _series(cast, activities)
    event_cancel(actor=actor_for(cast.professional), event=events[2], reason="Holiday")
    with timezone.override(STOCKHOLM):
        changed = event_update(
            actor=actor_for(cast.professional),
            event=events[1],
            details=details(cast.professional, local(2026, 10, 13, 10, 0), title="Renamed"),
            scope=Scope.REST,
        )
    assert [e.pk for e in changed] == [events[1].pk, events[3].pk]
    events[2].refresh_from_db()
    assert events[2].title == "Swedish for beginners" and events[2].is_canceled


def test_edit_refuses_canceled_events_and_other_people(cast, activities, other_professional):
    event = EventFactory(application=activities.north_app, professional=cast.professional)
    new = details(cast.professional, event.starts_at)
    for who in (cast.north_mentor, cast.north_admin, other_professional):
        with pytest.raises(PermissionDenied):
            event_update(actor=actor_for(who), event=event, details=new)
    # The substitute may change the event they deliver, even without being responsible.
    event.substitute = other_professional
    event.save()
    event_update(actor=actor_for(other_professional), event=event, details=new, allow_double_booking=True)
    event_cancel(actor=actor_for(cast.professional), event=event, reason="Storm")
    with pytest.raises(Conflict):
        event_update(actor=actor_for(cast.professional), event=event, details=new)


def test_cancel_keeps_the_event_with_reason_and_author(cast, activities):
    event = EventFactory(application=activities.north_app, professional=cast.professional)
    with pytest.raises(InvalidInput):
        event_cancel(actor=actor_for(cast.professional), event=event, reason="   ")
    event_cancel(actor=actor_for(cast.professional), event=event, reason="The teacher is ill")
    event.refresh_from_db()
    assert event.status == EventStatus.CANCELED
    assert event.canceled_reason == "The teacher is ill"
    assert event.canceled_by == cast.professional and event.canceled_at is not None
    assert AuditEvent.objects.get(action="event.cancel").customer == cast.north
    with pytest.raises(Conflict):
        event_cancel(actor=actor_for(cast.professional), event=event, reason="Again")
    with pytest.raises(PermissionDenied):
        event_cancel(actor=actor_for(cast.north_admin), event=event, reason="No")


def test_cancel_the_rest_of_a_series(cast, activities):
    events = _series(cast, activities)
    canceled = event_cancel(
        actor=actor_for(cast.professional), event=events[2], reason="Course ends early", scope=Scope.REST
    )
    assert [e.pk for e in canceled] == [events[2].pk, events[3].pk]
    statuses = list(Event.objects.order_by("starts_at").values_list("status", flat=True))
    assert statuses == [
        EventStatus.SCHEDULED,
        EventStatus.SCHEDULED,
        EventStatus.CANCELED,
        EventStatus.CANCELED,
    ]
