"""Reads for the mentor's Attendance tabs (Sessions, Courses, Attendees, Report) and the export.

Every read starts from `mentora.attendance.access.attendance_record_list_for_mentor`: records of the mentor's
mentees on the events of the applications (or course instances) through which they are mentees;
never another learner of the same session. Counting happens in the database, grouped; each
function runs a fixed number of queries whatever the number of rows.

The counting is `mentora.attendance.arithmetic`, the same as everywhere else.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    Count,
    F,
    Max,
    QuerySet,
    Window,
)
from django.db.models.functions import RowNumber
from django.utils import timezone

from mentora.applications.access import mentee_list_for_mentor
from mentora.applications.models import Application, Attendee
from mentora.attendance.access import attendance_record_list_for_mentor
from mentora.attendance.arithmetic import (
    COUNT_FIELDS,
    AttendanceCounts,
    Attention,
    attendance_counts_by,
    attention_by,
    count_aggregates,
)
from mentora.attendance.models import AttendanceRecord, AttendanceStatus, Session
from mentora.catalog.models import CourseInstance
from mentora.customers.access import Actor
from mentora.schedule.access import event_filter_for_mentor
from mentora.schedule.models import Event

A = AttendanceStatus
STRIP_LENGTH = 10
RECORD_RELATED = (
    "attendee__customer",
    "session__event__application__service",
    "session__event__application__customer",
    "session__event__course_instance__course",
)


def _records(
    *,
    actor: Actor,
    customer_id: int | None = None,
    start: datetime.datetime | None = None,
    end: datetime.datetime | None = None,
) -> QuerySet[AttendanceRecord]:
    records = attendance_record_list_for_mentor(actor=actor)
    if customer_id:
        records = records.filter(attendee__customer_id=customer_id)
    if start is not None:
        records = records.filter(session__event__starts_at__gte=start)
    if end is not None:
        records = records.filter(session__event__starts_at__lt=end)
    return records


def local_day_bounds(
    first: datetime.date, last: datetime.date
) -> tuple[datetime.datetime, datetime.datetime]:
    """[local midnight of `first`, local midnight after `last`) in the user's time zone."""
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(first, datetime.time.min, tzinfo=tz)
    end = datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz)
    return start, end


# What `activity_label` reads of an event (with its activity select_related): a page names a
# score of activities, and their models read whole cost more than the rest of the strips.
ACTIVITY_LABEL_FIELDS = (
    "application__number",
    "application__title",
    "application__kind",
    "application__service__name",
    "course_instance__code",
    "course_instance__course__code",
    "course_instance__course__title",
)


def activity_label(event: Event) -> str:
    """ "A-2026-000123 Title" for an on-request event, "CODE Course title (INSTANCE)" for a course one."""
    if event.application is not None:
        return f"{event.application.number} {event.application.display_title}".strip()
    instance = event.course_instance
    return f"{instance.course} ({instance.code})" if instance is not None else ""


# Sessions ----------------------------------------------------------------------------------


def attendance_session_list_for_mentor(
    *, actor: Actor, customer_id: int | None = None
) -> QuerySet[Session, int]:
    """The ids of the sessions with at least one of the actor's mentees (of the customer, when
    one is given), newest first. The sessions of the mentor's own events (indexes) that are
    among the sessions of the visible records, read once in an uncorrelated subquery: never a
    check per session (SQLite would re-read the mentor's lists of ids for each one). Only ids
    are ordered (a mentor of many applications has thousands of sessions; ordering them joined
    to their activities cost twice as much): page it, `attendance_session_page` the page, then
    `session_mentees` it."""
    records = _records(actor=actor, customer_id=customer_id).order_by()
    return (
        # The own-events condition says nothing the records do not, but it is what lets the
        # database start from the mentor's events: without it, PostgreSQL walks every event
        # newest first until a page of the mentor's sessions turns up.
        Session.objects.filter(event_filter_for_mentor(actor=actor, through="event__"))
        .filter(pk__in=records.values("session_id"))
        .order_by("-event__starts_at", "-pk")
        .values_list("pk", flat=True)
    )


# What the Sessions tab shows of a session: its event's times, title and activity.
SESSION_ROW_FIELDS = (
    "event__starts_at",
    "event__ends_at",
    "event__title",
    *(f"event__{name}" for name in ACTIVITY_LABEL_FIELDS),
)


def attendance_session_page(session_ids: list[int]) -> list[Session]:
    """The sessions of a page of `attendance_session_list_for_mentor`, in its order, with their
    events' activities (one query, with only what the tab shows: twenty sessions with five
    related models each cost more read whole than the rest of the query)."""
    sessions = (
        Session.objects.select_related("event__application__service", "event__course_instance__course")
        .only(*SESSION_ROW_FIELDS)
        .in_bulk(session_ids)
    )
    return [sessions[pk] for pk in session_ids if pk in sessions]


def session_mentees(
    *, actor: Actor, sessions: list[Session], customer_id: int | None = None
) -> dict[int, list[str]]:
    """For a page of sessions (one query over their visible records): sets each session's
    `mentee_count`, the actor's mentees in it (of the customer, when one is given), nobody
    else; and returns the customers of the actor's mentees in each session, by name."""
    rows = (
        _records(actor=actor)
        .filter(session__in=[s.pk for s in sessions])
        .order_by()
        .values_list("session_id", "attendee__customer_id", "attendee__customer__name")
    )
    counts: dict[int, int] = defaultdict(int)
    names: dict[int, set[str]] = defaultdict(set)
    for session_id, attendee_customer_id, name in rows:
        names[session_id].add(name)
        if customer_id is None or attendee_customer_id == customer_id:
            counts[session_id] += 1
    for session in sessions:
        session.mentee_count = counts[session.pk]  # type: ignore[attr-defined]  # shown per row
    return {session_id: sorted(values) for session_id, values in names.items()}


# Courses -----------------------------------------------------------------------------------


@dataclass
class ActivityAttendance:
    application: Application | None
    course_instance: CourseInstance | None
    customer_id: int
    customer_name: str
    sessions: int
    mentees: int
    last_session: datetime.datetime | None
    counts: AttendanceCounts

    @property
    def label(self) -> str:
        return activity_name(self.application, self.course_instance)


def activity_name(application: Application | None, course_instance: CourseInstance | None) -> str:
    """ "A-2026-000123 Title" for an on-request application, "CODE Course title (INSTANCE)" for a
    course instance."""
    if application is not None:
        return f"{application.number} {application.display_title}".strip()
    if course_instance is not None:
        return f"{course_instance.course} ({course_instance.code})"
    return ""


def _counts_without_last_absence() -> dict[str, Any]:
    """`count_aggregates` without the last absence, in the order of COUNT_FIELDS, for the tables
    that do not show it (the Courses tab, the report): it is a date parsed per line."""
    aggregates = count_aggregates()
    return {name: aggregates[name] for name in COUNT_FIELDS}


def attendance_activity_rows_for_mentor(*, actor: Actor, customer_id: int | None = None) -> QuerySet:
    """One row per (on-request application or course instance, customer): sessions held with the
    actor's mentees, the number of mentees, and their pooled counts (rate = all their attended
    sessions ÷ all their counted ones). Most recent activity first. A values() queryset of one
    row per activity the mentor follows: page it (read whole, it costs no more than a count of
    its groups), then `attendance_activity_resolve` the page."""
    return (
        _records(actor=actor, customer_id=customer_id)
        .values(
            "session__event__application",
            "session__event__course_instance",
            "attendee__customer",
            "attendee__customer__name",
        )
        .annotate(
            sessions=Count("session", distinct=True),
            mentees=Count("attendee", distinct=True),
            last_session=Max("session__event__starts_at"),
            **_counts_without_last_absence(),
        )
        .order_by("-last_session", "session__event__application", "session__event__course_instance")
    )


def attendance_activity_resolve(rows: list[dict[str, Any]]) -> list[ActivityAttendance]:
    """Turn a page of `attendance_activity_rows_for_mentor` into objects (two queries)."""
    application_ids = {r["session__event__application"] for r in rows if r["session__event__application"]}
    instance_ids = {
        r["session__event__course_instance"] for r in rows if r["session__event__course_instance"]
    }
    # Only what names them (`activity_name`), and their ids.
    applications = (
        Application.objects.select_related("service")
        .only("number", "title", "kind", "service__name")
        .in_bulk(application_ids)
    )
    instances = (
        CourseInstance.objects.select_related("course")
        .only("code", "course__code", "course__title")
        .in_bulk(instance_ids)
    )
    return [
        ActivityAttendance(
            application=applications.get(r["session__event__application"]),
            course_instance=instances.get(r["session__event__course_instance"]),
            customer_id=r["attendee__customer"],
            customer_name=r["attendee__customer__name"],
            sessions=r["sessions"],
            mentees=r["mentees"],
            last_session=r["last_session"],
            counts=AttendanceCounts.from_row(r),
        )
        for r in rows
    ]


# Attendees ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class StripItem:
    starts_at: datetime.datetime
    status: str
    label: str
    activity: str


@dataclass(frozen=True)
class MenteeAttention:
    """One mentee on one application (or course instance) whose attendance needs attention."""

    attendee: Attendee
    activity: str
    application: Application | None
    course_instance: CourseInstance | None
    attention: Attention


@dataclass
class MenteeAttendance:
    attendee: Attendee
    counts: AttendanceCounts
    strip: list[StripItem] = field(default_factory=list)
    attention: list[MenteeAttention] = field(default_factory=list)


def attendance_mentee_list_for_mentor(*, actor: Actor, customer_id: int | None = None) -> QuerySet[Attendee]:
    """The actor's mentees (whose attendance they may see), by name."""
    mentees = mentee_list_for_mentor(actor=actor).select_related("customer")
    if customer_id:
        mentees = mentees.filter(customer_id=customer_id)
    return mentees.order_by("last_name", "first_name", "pk")


def _strips(records: QuerySet[AttendanceRecord]) -> dict[int, list[StripItem]]:
    """The last ten recorded sessions of each attendee of `records`, oldest first. Two queries: a
    window function numbers each attendee's records newest first (read as values), then one
    event of each application or course instance among them names it (a page's strips hold over
    a hundred records of a score of activities: reading every record's event whole cost most of
    the tab's queries' time)."""
    numbered = (
        records.exclude(status="")
        .annotate(
            position=Window(
                RowNumber(),
                partition_by=[F("attendee_id")],
                order_by=[F("session__event__starts_at").desc(), F("pk").desc()],
            )
        )
        .filter(position__lte=STRIP_LENGTH)
        .order_by("attendee_id", "session__event__starts_at", "pk")
        .values_list(
            "attendee_id",
            "status",
            "session__event__starts_at",
            "session__event_id",
            "session__event__application_id",
            "session__event__course_instance_id",
        )
    )
    rows = list(numbered)
    event_of_activity: dict[tuple[int | None, int | None], int] = {}
    for *_, event_id, application_id, course_instance_id in rows:
        event_of_activity.setdefault((application_id, course_instance_id), event_id)
    events = (
        Event.objects.select_related("application__service", "course_instance__course")
        .only(*ACTIVITY_LABEL_FIELDS)
        .in_bulk(list(event_of_activity.values()))
    )
    activities = {activity: activity_label(events[pk]) for activity, pk in event_of_activity.items()}
    labels = {status: str(A(status).label) for status in {row[1] for row in rows}}
    strips: dict[int, list[StripItem]] = defaultdict(list)
    for attendee_id, status, starts_at, _event_id, application_id, course_instance_id in rows:
        strips[attendee_id].append(
            StripItem(
                starts_at=starts_at,
                status=status,
                label=labels[status],
                activity=activities[(application_id, course_instance_id)],
            )
        )
    return strips


def mentee_attendance_list(*, actor: Actor, attendees: list[Attendee]) -> list[MenteeAttendance]:
    """Counts, strips and what needs attention for a page of mentees (at most five queries)."""
    ids = [a.pk for a in attendees]
    # The page's records are read three ways; the mentor's filter is built once (its ids and
    # its EXISTS cost some 3,000 Python calls each time).
    records = _records(actor=actor).filter(attendee_id__in=ids)
    counts = attendance_counts_by(records, "attendee")
    strips = _strips(records)
    attention: dict[int, list[MenteeAttention]] = defaultdict(list)
    for row in attention_rows(records, attendees={a.pk: a for a in attendees}):
        attention[row.attendee.pk].append(row)
    return [
        MenteeAttendance(
            attendee=a,
            counts=counts.get(a.pk, AttendanceCounts()),
            strip=strips.get(a.pk, []),
            attention=attention.get(a.pk, []),
        )
        for a in attendees
    ]


def _worst_first(attention: Attention) -> tuple[float, int, int]:
    rate = attention.counts.rate
    return (1.0 if rate is None else rate, -attention.absences_in_a_row, -attention.counts.absent)


def attention_rows(
    records: QuerySet[AttendanceRecord],
    *,
    attendees: dict[int, Attendee] | None = None,
    limit: int | None = None,
) -> list[MenteeAttention]:
    """Of `records`, already scoped to what the caller may see, each attendee on each
    application whose attendance needs attention by the customer's rule, worst rate first,
    named. Two queries, and one more to name what was found (a sample record of each)."""
    found = sorted(
        ((group, attention) for group, attention in attention_by(records, needing_only=True).items()),
        key=lambda item: (_worst_first(item[1]), item[0][0]),
    )[:limit]
    samples = (
        AttendanceRecord.objects.select_related(
            "attendee__customer",
            "session__event__application__service",
            "session__event__course_instance__course",
        )
        # Who (named, with their customer) and what the activity is called: the lists show no more.
        .only(
            "attendee__first_name",
            "attendee__last_name",
            "attendee__customer__name",
            *(f"session__event__{name}" for name in ACTIVITY_LABEL_FIELDS),
        )
        .in_bulk([attention.sample_record_id for _, attention in found])
    )
    rows = []
    for _group, attention in found:
        sample = samples.get(attention.sample_record_id)
        if sample is None:
            continue
        event = sample.session.event
        rows.append(
            MenteeAttention(
                attendee=attendees[sample.attendee_id] if attendees else sample.attendee,
                activity=activity_label(event),
                application=event.application,
                course_instance=event.course_instance,
                attention=attention,
            )
        )
    return rows


def mentees_needing_attention(
    *, actor: Actor, now: datetime.datetime | None = None, limit: int = 10
) -> list[MenteeAttention]:
    """The actor's mentees whose attendance on an application needs attention by their
    customer's rule, over all its completed sessions up to `now` (the rule the alerts apply):
    worst rate first, `limit` at most. At most three queries."""
    return attention_rows(_records(actor=actor, end=now), limit=limit)


# Report and export -------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportLine:
    """One mentee's line of the report: who, of which customer, and their counts."""

    attendee_id: int
    name: str  # as Attendee.full_name
    customer: str
    counts: AttendanceCounts


# Each mentee of the report is named from their counts' own row.
REPORT_NAME_FIELDS = ("attendee", "attendee__first_name", "attendee__last_name", "attendee__customer__name")


@dataclass
class AttendanceReport:
    first: datetime.date
    last: datetime.date
    mentees: list[ReportLine]
    total: AttendanceCounts


def attendance_report_for_mentor(
    *, actor: Actor, first: datetime.date, last: datetime.date, customer_id: int | None = None
) -> AttendanceReport:
    """Per mentee and in total, the sessions that started between `first` and `last` (local
    dates, inclusive). One query; each mentee's name is read with their counts, as tuples (a
    year of a large customer is over a thousand lines). The report shows no last absence, so it
    is not read (it was a date parsed per line)."""
    start, end = local_day_bounds(first, last)
    records = _records(actor=actor, customer_id=customer_id, start=start, end=end)
    aggregates = _counts_without_last_absence()  # each row ends in the order of COUNT_FIELDS
    rows = sorted(
        records.order_by().values_list(*REPORT_NAME_FIELDS).annotate(**aggregates),
        key=lambda row: (row[2], row[1], row[0]),  # last name, first name, id
    )
    counts = [row[len(REPORT_NAME_FIELDS) :] for row in rows]
    mentees = [
        ReportLine(
            attendee_id=attendee_id,
            name=f"{first_name} {last_name}".strip(),
            customer=customer,
            counts=AttendanceCounts(**dict(zip(COUNT_FIELDS, line_counts, strict=True))),
        )
        for (attendee_id, first_name, last_name, customer, *_), line_counts in zip(rows, counts, strict=True)
    ]
    # Every record is one mentee's: the total is the sum of the lines (no second pass over the
    # records), column by column (`attendance_counts_sum` adds up field by field and line by
    # line: a third of the page's Python calls at a thousand lines).
    total = AttendanceCounts()  # no lines: nothing
    if counts:
        columns = zip(*counts, strict=True)
        totals: dict[str, Any] = dict(zip(COUNT_FIELDS, map(sum, columns), strict=True))
        total = AttendanceCounts(**totals)
    return AttendanceReport(first=first, last=last, mentees=mentees, total=total)


def attendance_export_count(
    *,
    actor: Actor,
    first: datetime.date,
    last: datetime.date,
    customer_id: int | None = None,
    at_most: int | None = None,
) -> int:
    """How many records `attendance_export_records` gives, counting no further than `at_most`
    (so that asking "more than the limit?" costs the same however many there are)."""
    start, end = local_day_bounds(first, last)
    records = _records(actor=actor, customer_id=customer_id, start=start, end=end)
    return (records[:at_most] if at_most is not None else records).count()


def attendance_export_records(
    *, actor: Actor, first: datetime.date, last: datetime.date, customer_id: int | None = None
) -> Iterator[AttendanceRecord]:
    """Every actor-visible record of sessions that started between `first` and `last`, in
    session order, streamed in chunks (one query per 1 000 rows)."""
    start, end = local_day_bounds(first, last)
    return (
        _records(actor=actor, customer_id=customer_id, start=start, end=end)
        .select_related(*RECORD_RELATED)
        .order_by("session__event__starts_at", "attendee__last_name", "attendee__first_name", "pk")
        .iterator(chunk_size=1000)
    )
