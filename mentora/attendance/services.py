"""Every change to attendance: sessions (created by the periodic task and on demand) and the
records a professional takes. Atomic; each saved change is kept as an AttendanceChange.

A session exists for every SCHEDULED event that has started and whose service (on-request) or
course (course instance) tracks attendance. It holds one record per participating attendee:
the application's for an on-request event; those of the instance's APPROVED course applications
for a course event. Attendees who join later get a record (blank) the next time the session is
opened; the professional may record them NOT_ENROLLED.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from mentora.applications.models import ApplicationAttendee, ApplicationStatus, Kind
from mentora.audit.services import audit_record
from mentora.core.exceptions import InvalidInput, PermissionDenied
from mentora.customers.access import Actor
from mentora.schedule.models import Event, EventStatus

from .models import AttendanceChange, AttendanceRecord, AttendanceStatus, Session
from .permissions import can_take_attendance


def tracks_attendance_q(prefix: str = "") -> Q:
    """Events whose service or course tracks attendance (`prefix` for lookups from another model)."""
    return Q(**{f"{prefix}application__service__tracks_attendance": True}) | Q(
        **{f"{prefix}course_instance__course__tracks_attendance": True}
    )


def event_tracks_attendance(event: Event) -> bool:
    if event.application is not None:
        return bool(event.application.service and event.application.service.tracks_attendance)
    return bool(event.course_instance and event.course_instance.course.tracks_attendance)


def expected_attendee_ids(event: Event) -> set[int]:
    """The participating attendees an event's session has a record for."""
    if event.application_id:
        participations = ApplicationAttendee.objects.filter(application_id=event.application_id)
    else:
        participations = ApplicationAttendee.objects.filter(
            application__kind=Kind.COURSE,
            application__status=ApplicationStatus.APPROVED,
            application__course_instance_id=event.course_instance_id,
        )
    return set(participations.filter(participating=True).values_list("attendee_id", flat=True))


def session_is_due(event: Event, *, now: datetime.datetime | None = None) -> bool:
    return (
        event.status == EventStatus.SCHEDULED
        and event.starts_at <= (now or timezone.now())
        and event_tracks_attendance(event)
    )


def session_ensure(*, event: Event, now: datetime.datetime | None = None) -> Session | None:
    """The event's session, created if it is due, with a record for every expected attendee
    (missing ones added). None when the event has no session and none is due (not started,
    canceled, or attendance not tracked). Idempotent and safe when two callers race: the
    one-session-per-event and one-record-per-attendee constraints decide, the loser reads.
    Called by the periodic task and by the attendance page; no permission of its own because it
    only materialises what the schedule already implies."""
    session = Session.objects.filter(event=event).first()
    if session is None:
        if not session_is_due(event, now=now):
            return None
        with transaction.atomic():
            session, _created = Session.objects.get_or_create(event=event)
    expected = expected_attendee_ids(event)
    existing = set(session.records.values_list("attendee_id", flat=True))
    missing = expected - existing
    if missing:
        AttendanceRecord.objects.bulk_create(
            [AttendanceRecord(session=session, attendee_id=attendee_id) for attendee_id in sorted(missing)],
            ignore_conflicts=True,
        )
    return session


def due_event_list(*, now: datetime.datetime) -> QuerySet[Event]:
    """Started, SCHEDULED events that track attendance and have no session yet."""
    return (
        Event.objects.filter(status=EventStatus.SCHEDULED, starts_at__lte=now, session__isnull=True)
        .filter(tracks_attendance_q())
        .select_related("application__service", "course_instance__course")
        .order_by("starts_at", "pk")
    )


def session_create_due(*, now: datetime.datetime | None = None) -> int:
    """Create the session of every due event; returns how many were created. Run by the periodic
    task `create_due_sessions` and the management command of the same name."""
    now = now or timezone.now()
    created = 0
    for event in due_event_list(now=now).iterator(chunk_size=200):
        if session_ensure(event=event, now=now) is not None:
            created += 1
    return created


@dataclass
class Entry:
    """One row of the attendance sheet as submitted."""

    record_id: int
    status: str
    minutes: int | None
    note: str


def _record_state(record: AttendanceRecord) -> dict[str, Any]:
    return {"status": record.status, "minutes": record.minutes, "note": record.note}


EMPTY_STATE = {"status": "", "minutes": None, "note": ""}


def attendance_save(*, actor: Actor, session: Session, entries: list[Entry], ip: str | None = None) -> int:
    """Save the submitted rows of a session's attendance sheet; rows may be left blank (partial
    saves). Each record that changes gets recorded_by/at and an AttendanceChange (before is None
    for a record that had never been filled). Returns the number of changed records.

    Who: the event's professional or substitute, or a system administrator. Locks the session's
    records (select_for_update) so two people saving at once keep a correct history. Raises
    PermissionDenied and InvalidInput (unknown record, status or minutes out of range)."""
    event = session.event
    if not can_take_attendance(actor, event):
        raise PermissionDenied(_("You cannot take attendance for this event."))
    longest = int((event.ends_at - event.starts_at).total_seconds() // 60)
    with transaction.atomic():
        records = {record.pk: record for record in session.records.select_for_update()}
        now = timezone.now()
        changes: list[AttendanceChange] = []
        for entry in entries:
            record = records.get(entry.record_id)
            if record is None:
                raise InvalidInput(_("The attendance sheet is out of date. Reload the page and try again."))
            if entry.status and entry.status not in AttendanceStatus.values:
                raise InvalidInput(_("Choose a status from the list."))
            if entry.minutes is not None and not 0 <= entry.minutes <= longest:
                raise InvalidInput(
                    _("Minutes attended must be between 0 and %(minutes)d.") % {"minutes": longest}
                )
            before = _record_state(record)
            after = {"status": entry.status, "minutes": entry.minutes, "note": entry.note.strip()}
            if after == before:
                continue
            record.status, record.minutes, record.note = entry.status, entry.minutes, entry.note.strip()
            record.recorded_by = actor.user
            record.recorded_at = now
            record.save(update_fields=["status", "minutes", "note", "recorded_by", "recorded_at"])
            changes.append(
                AttendanceChange(
                    record=record,
                    changed_by=actor.user,
                    before=None if before == EMPTY_STATE else before,
                    after=after,
                )
            )
        AttendanceChange.objects.bulk_create(changes)
        if changes:
            audit_record(
                actor=actor.user,
                action="attendance.save",
                customer=event.application.customer if event.application is not None else None,
                target=session,
                after={"changed": len(changes)},
                ip=ip,
            )
    return len(changes)
