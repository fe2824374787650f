"""The attendance arithmetic (DESIGN.md §2), written once. Every page, the export, the
dashboard, the alerts and the learner's page count with it.

- attended = PRESENT + LATE;
- counted = records with a status − EXCUSED − NOT_ENROLLED;
- attendance rate = attended ÷ counted (None while nothing counts);
- "needs attention": a rate under 80 %, or two absences or more, over the records given (the
  dashboard gives the last 30 days).

Counting happens in the database: `count_aggregates()` for `.aggregate()` or
`.values(...).annotate()`, `attendance_counts` for one set of records, `attendance_counts_by` per
attendee (or per anything else). The callers scope the records first with
`mentora.attendance.access`; nothing here widens what anyone sees.
"""

import datetime
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, Count, F, FloatField, Max, Q, QuerySet, Value, When

from .models import AttendanceRecord, AttendanceStatus

A = AttendanceStatus

ATTENTION_RATE_PERCENT = 80  # a rate under this needs attention
ATTENTION_ABSENCES = 2  # so do this many absences or more
ATTENTION_DAYS = 30  # the dashboard's period


@dataclass(frozen=True)
class AttendanceCounts:
    recorded: int = 0  # records with a status
    present: int = 0
    late: int = 0
    excused: int = 0
    absent: int = 0
    not_enrolled: int = 0
    unrecorded: int = 0  # records still without a status
    last_absence: datetime.datetime | None = None

    @property
    def records(self) -> int:
        return self.recorded + self.unrecorded

    @property
    def attended(self) -> int:
        return self.present + self.late

    @property
    def counted(self) -> int:
        return self.recorded - self.excused - self.not_enrolled

    @property
    def rate(self) -> float | None:
        return self.attended / self.counted if self.counted else None

    @property
    def rate_percent(self) -> int | None:
        rate = self.rate
        return None if rate is None else round(rate * 100)

    @property
    def is_complete(self) -> bool:
        """Every record has a status (a session is INCOMPLETE until then)."""
        return self.unrecorded == 0

    @property
    def low_rate(self) -> bool:
        """The rate is under 80 % (never when nothing counts)."""
        # rate < 80 %  ⇔  100 × attended < 80 × counted: integers, no rounding at the edge.
        return self.counted > 0 and 100 * self.attended < ATTENTION_RATE_PERCENT * self.counted

    @property
    def needs_attention(self) -> bool:
        return self.low_rate or self.absent >= ATTENTION_ABSENCES

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> "AttendanceCounts":
        return cls(
            **{name: row.get(name) or 0 for name in COUNT_FIELDS}, last_absence=row.get("last_absence")
        )


COUNT_FIELDS = ("recorded", "present", "late", "excused", "absent", "not_enrolled", "unrecorded")


def count_aggregates() -> dict[str, Any]:
    """The aggregates behind AttendanceCounts, over attendance records."""
    return {
        "recorded": Count("pk", filter=~Q(status="")),
        "present": Count("pk", filter=Q(status=A.PRESENT)),
        "late": Count("pk", filter=Q(status=A.LATE)),
        "excused": Count("pk", filter=Q(status=A.EXCUSED)),
        "absent": Count("pk", filter=Q(status=A.ABSENT)),
        "not_enrolled": Count("pk", filter=Q(status=A.NOT_ENROLLED)),
        "unrecorded": Count("pk", filter=Q(status="")),
        "last_absence": Max("session__event__starts_at", filter=Q(status=A.ABSENT)),
    }


def attendance_counts(records: QuerySet[AttendanceRecord]) -> AttendanceCounts:
    """The counts over `records` (one query)."""
    return AttendanceCounts.from_row(records.order_by().aggregate(**count_aggregates()))


def attendance_counts_by(
    records: QuerySet[AttendanceRecord], key: str = "attendee"
) -> dict[Any, AttendanceCounts]:
    """The counts over `records` per value of `key` (one grouped query)."""
    rows = records.order_by().values(key).annotate(**count_aggregates())
    return {row[key]: AttendanceCounts.from_row(row) for row in rows}


def attendance_counts_sum(counts: Iterable[AttendanceCounts]) -> AttendanceCounts:
    """Several counts pooled: the rate of the sum, not the mean of the rates."""
    counts = list(counts)
    totals = {name: sum(getattr(c, name) for c in counts) for name in COUNT_FIELDS}
    last = max((c.last_absence for c in counts if c.last_absence), default=None)
    return AttendanceCounts(**totals, last_absence=last)


def attendance_needing_attention(
    records: QuerySet[AttendanceRecord], key: str = "attendee", *, limit: int
) -> dict[Hashable, AttendanceCounts]:
    """Per value of `key`, the counts that need attention, worst rate first, then most absences
    (one query: the rule is applied in the database, exactly as `needs_attention` states it)."""
    counted = F("recorded") - F("excused") - F("not_enrolled")
    attended = F("present") + F("late")
    rows = (
        records.order_by()
        .values(key)
        .annotate(**count_aggregates())
        .annotate(
            attended_x100=attended * 100,
            counted_x_threshold=counted * ATTENTION_RATE_PERCENT,
            rate=Case(
                When(Q(recorded__gt=F("excused") + F("not_enrolled")), then=attended * 1.0 / counted),
                default=Value(1.0),
                output_field=FloatField(),
            ),
        )
        .filter(
            Q(absent__gte=ATTENTION_ABSENCES)
            | Q(counted_x_threshold__gt=0, attended_x100__lt=F("counted_x_threshold"))
        )
        .order_by("rate", "-absent", key)[:limit]
    )
    return {row[key]: AttendanceCounts.from_row(row) for row in rows}
