"""Reads of attendance: a session's sheet and history, and attendance rates computed in the
database (DESIGN.md §2): attended = PRESENT + LATE; counted = records with a status − EXCUSED −
NOT_ENROLLED; rate = attended ÷ counted (None when nothing counts).

The rate functions take a records queryset the caller has already scoped with
`mentora.attendance.access` (a mentor's records, or one application's)."""

from dataclasses import dataclass

from django.db.models import Case, Count, F, FloatField, OuterRef, Q, QuerySet, Subquery, When
from django.db.models.functions import Cast
from django.utils import timezone

from mentora.applications.models import Application, ApplicationAttendee, ApplicationStatus, Kind
from mentora.schedule.models import Event
from mentora.schedule.selectors import application_event_list

from .models import (
    ATTENDED,
    NOT_COUNTED,
    AttendanceChange,
    AttendanceRecord,
    AttendanceStatus,
    Session,
    attendance_rate,
)
from .services import event_tracks_attendance

HISTORY_LIMIT = 200


def _counts() -> dict[str, Count]:
    counted = ~Q(status="") & ~Q(status__in=NOT_COUNTED)
    return {
        "records": Count("pk"),
        "present": Count("pk", filter=Q(status=AttendanceStatus.PRESENT)),
        "late": Count("pk", filter=Q(status=AttendanceStatus.LATE)),
        "excused": Count("pk", filter=Q(status=AttendanceStatus.EXCUSED)),
        "absent": Count("pk", filter=Q(status=AttendanceStatus.ABSENT)),
        "not_enrolled": Count("pk", filter=Q(status=AttendanceStatus.NOT_ENROLLED)),
        "blank": Count("pk", filter=Q(status="")),
        "attended": Count("pk", filter=Q(status__in=ATTENDED)),
        "counted": Count("pk", filter=counted),
    }


def _rate() -> Case:
    return Case(
        When(counted=0, then=None),
        default=Cast(F("attended"), FloatField()) / Cast(F("counted"), FloatField()),
        output_field=FloatField(),
    )


@dataclass
class Totals:
    records: int
    present: int
    late: int
    excused: int
    absent: int
    not_enrolled: int
    blank: int
    attended: int
    counted: int
    rate: float | None

    @property
    def is_complete(self) -> bool:
        return self.blank == 0


def attendance_totals(records: QuerySet[AttendanceRecord]) -> Totals:
    """Counts by status and the rate over `records`, in one query."""
    values = records.order_by().aggregate(**_counts())
    rate = values["attended"] / values["counted"] if values["counted"] else None
    return Totals(**values, rate=rate)


def attendance_by_attendee(records: QuerySet[AttendanceRecord]) -> QuerySet:
    """One row per attendee of `records`: attendee_id, names, the counts and `rate`, in one query."""
    return (
        records.order_by()
        .values("attendee_id", "attendee__first_name", "attendee__last_name")
        .annotate(**_counts())
        .annotate(rate=_rate())
        .order_by("attendee__last_name", "attendee__first_name", "attendee_id")
    )


def attendance_by_application(applications: QuerySet[Application]) -> dict[int, Totals]:
    """Totals per application for a (scoped, small) set of applications: one query per kind."""
    result: dict[int, Totals] = {}
    on_request = AttendanceRecord.objects.filter(session__event__application__in=applications).values(
        key=F("session__event__application_id")
    )
    course = AttendanceRecord.objects.filter(
        attendee__participations__application__in=applications.filter(kind=Kind.COURSE),
        session__event__course_instance_id=F("attendee__participations__application__course_instance_id"),
    ).values(key=F("attendee__participations__application_id"))
    for rows in (on_request, course):
        for row in rows.annotate(**_counts()).order_by():
            key = row.pop("key")
            rate = row["attended"] / row["counted"] if row["counted"] else None
            result[key] = Totals(**row, rate=rate)
    return result


@dataclass
class SessionSummary:
    tracked: bool
    started: bool
    session: Session | None
    totals: Totals | None


def session_summary(*, event: Event) -> SessionSummary:
    """Whether the event takes attendance and, if its session exists, the counts. Never creates."""
    session = Session.objects.filter(event=event).first()
    totals = attendance_totals(session.records.all()) if session is not None else None
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
        record.joined_late = bool(record.joined_at and record.joined_at > session.created_at)
    return records


def session_history(*, session: Session) -> list[AttendanceChange]:
    """The latest changes of a session's records, newest first."""
    return list(
        AttendanceChange.objects.filter(record__session=session)
        .select_related("changed_by", "record__attendee")
        .order_by("-changed_at", "-pk")[:HISTORY_LIMIT]
    )


@dataclass
class AttendanceRow:
    participation: ApplicationAttendee
    present: int
    late: int
    excused: int
    absent: int
    not_enrolled: int
    unrecorded: int
    rate: float | None

    @property
    def rate_percent(self) -> int | None:
        return None if self.rate is None else round(self.rate * 100)


def attendance_summary(
    application: Application, participants: list[ApplicationAttendee]
) -> list[AttendanceRow]:
    """Per attendee of the application: their attendance records on the application's events,
    counted by status in the database (one query), and their attendance rate."""
    counts = {
        row["attendee_id"]: row
        for row in AttendanceRecord.objects.filter(
            session__event__in=application_event_list(application=application).values("pk"),
            attendee_id__in=[p.attendee_id for p in participants],
        )
        .values("attendee_id")
        .annotate(
            present=Count("pk", filter=Q(status=AttendanceStatus.PRESENT)),
            late=Count("pk", filter=Q(status=AttendanceStatus.LATE)),
            excused=Count("pk", filter=Q(status=AttendanceStatus.EXCUSED)),
            absent=Count("pk", filter=Q(status=AttendanceStatus.ABSENT)),
            not_enrolled=Count("pk", filter=Q(status=AttendanceStatus.NOT_ENROLLED)),
            unrecorded=Count("pk", filter=Q(status="")),
        )
    }
    rows = []
    for participation in participants:
        c = counts.get(participation.attendee_id, {})
        present, late, excused = c.get("present", 0), c.get("late", 0), c.get("excused", 0)
        absent, not_enrolled = c.get("absent", 0), c.get("not_enrolled", 0)
        rows.append(
            AttendanceRow(
                participation=participation,
                present=present,
                late=late,
                excused=excused,
                absent=absent,
                not_enrolled=not_enrolled,
                unrecorded=c.get("unrecorded", 0),
                rate=attendance_rate(attended=present + late, counted=present + late + absent),
            )
        )
    return rows
