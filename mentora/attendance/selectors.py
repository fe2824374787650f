"""Reads of attendance: a session's sheet, summary and history, and an application's attendance
per participant. The counting is `mentora.attendance.arithmetic`; who sees which records is
`mentora.attendance.access`."""

from dataclasses import dataclass

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from mentora.applications.models import Application, ApplicationAttendee, ApplicationStatus, Kind
from mentora.customers.models import Customer
from mentora.schedule.models import Event

from .access import attendance_record_list_for_application
from .arithmetic import AttendanceCounts, attendance_counts, attendance_counts_by
from .models import AlertSettings, AttendanceChange, AttendanceRecord, Session
from .services import event_tracks_attendance

HISTORY_LIMIT = 200


@dataclass
class SessionSummary:
    tracked: bool
    started: bool
    session: Session | None
    totals: AttendanceCounts | None


def session_summary(*, event: Event) -> SessionSummary:
    """Whether the event takes attendance and, if its session exists, the counts. Never creates."""
    session = Session.objects.filter(event=event).first()
    totals = attendance_counts(session.records.all()) if session is not None else None
    return SessionSummary(
        tracked=event_tracks_attendance(event),
        started=event.starts_at <= timezone.now(),
        session=session,
        totals=totals,
    )


def session_record_list(*, session: Session) -> list[AttendanceRecord]:
    """The sheet: every record of the session with its attendee, by name, each with `joined_at`
    (when the attendee was added to the event's application or, for a course event, to an
    APPROVED course application of the instance) and `joined_late`: added after the session was
    created, which the periodic task does minutes after the start, so the learner was not enrolled
    at the time (the professional will usually record NOT_ENROLLED)."""
    event = session.event
    participations = ApplicationAttendee.objects.filter(attendee=OuterRef("attendee"))
    if event.application_id:
        participations = participations.filter(application_id=event.application_id)
    else:
        participations = participations.filter(
            application__kind=Kind.COURSE,
            application__status=ApplicationStatus.APPROVED,
            application__course_instance_id=event.course_instance_id,
        )
    records = list(
        session.records.select_related("attendee", "recorded_by")
        .annotate(joined_at=Subquery(participations.order_by("added_at").values("added_at")[:1]))
        .order_by("attendee__last_name", "attendee__first_name", "pk")
    )
    for record in records:
        # Set for the sheet's template, next to the annotated joined_at.
        record.joined_late = bool(record.joined_at and record.joined_at > session.created_at)  # type: ignore[attr-defined]  # set for the template
    return list(records)


def session_history(*, session: Session) -> list[AttendanceChange]:
    """The latest changes of a session's records, newest first."""
    return list(
        AttendanceChange.objects.filter(record__session=session)
        .select_related("changed_by", "record__attendee")
        .order_by("-changed_at", "-pk")[:HISTORY_LIMIT]
    )


@dataclass
class ParticipantAttendance:
    participation: ApplicationAttendee
    counts: AttendanceCounts


def attendance_summary(
    *, application: Application, participants: list[ApplicationAttendee]
) -> list[ParticipantAttendance]:
    """Per participant of the application, in the order given: their records on the
    application's own events (its course instance's, for a course application), counted in one
    grouped query. Every role that sees the application's attendance sees exactly these
    records (a mentor's mentees on a mentored application are its participants)."""
    records = attendance_record_list_for_application(application=application).filter(
        attendee_id__in=[p.attendee_id for p in participants]
    )
    counts = attendance_counts_by(records, "attendee")
    return [
        ParticipantAttendance(participation=p, counts=counts.get(p.attendee_id, AttendanceCounts()))
        for p in participants
    ]


def alert_settings_for(*, customer: Customer) -> AlertSettings:
    """The customer's alert settings; unsaved defaults when it has none (one query)."""
    return AlertSettings.objects.filter(customer=customer).first() or AlertSettings(customer=customer)
