"""The attendance arithmetic (DESIGN.md §2), written once. Every page, the export, the
dashboard, the alerts and the learner's page count with it.

- attended = PRESENT + LATE;
- counted = records with a status − EXCUSED − NOT_ENROLLED;
- attendance rate = attended ÷ counted (None while nothing counts);
- "needs attention" is one rule, `AttentionRule`, built from the customer's `AlertSettings`
  (defaults: a rate under 80 % once at least 3 sessions count, or 2 absences in a row), applied
  per mentee and application (an on-request application, or a course instance through the
  mentee's course application) over all its sessions that are complete: a session with a record
  still without a status counts for nobody until it is complete. `attention_by` applies it in a
  fixed number of queries; the dashboard, the learner's page, the Attendees tab and the alerts
  all call it, so they always agree.

Counting happens in the database: `count_aggregates()` for `.aggregate()` or
`.values(...).annotate()`, `attendance_counts` for one set of records, `attendance_counts_by` per
attendee (or per anything else). The callers scope the records first with
`mentora.attendance.access`; nothing here widens what anyone sees.
"""

import datetime
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import (
    DateTimeField,
    Exists,
    Expression,
    F,
    Field,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Value,
    Window,
)
from django.db.models.functions import Coalesce
from django.db.models.lookups import GreaterThanOrEqual, LessThan
from django.db.models.sql.compiler import SQLCompiler
from django.utils.translation import gettext, ngettext

from .models import CONSECUTIVE_ABSENCES_RANGE, AlertSettings, AttendanceRecord, AttendanceStatus

A = AttendanceStatus

# The period of "recent" figures (the learner's page shows the last 30 days beside the whole).
RECENT_DAYS = 30


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

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> "AttendanceCounts":
        return cls(
            **{name: row.get(name) or 0 for name in COUNT_FIELDS}, last_absence=row.get("last_absence")
        )


COUNT_FIELDS = ("recorded", "present", "late", "excused", "absent", "not_enrolled", "unrecorded")


class _OfStatus(Expression):
    """An aggregate over the records whose status is among `statuses` (or, `negated`, is not):
    `COUNT(CASE WHEN status IN (…) THEN 1 END)`, or with `of` the column to take,
    `MAX(CASE WHEN status IN (…) THEN column END)`. The same figure as Django's
    `Count("pk", filter=Q(status__in=…))` (or `Max(of, filter=…)`), written without the filter
    that each counting query otherwise resolves as a lookup for each of its counts (some 1,500
    Python calls a query, measured: a good part of every attendance page's)."""

    contains_aggregate = True
    window_compatible = True  # a running count, over a window

    def __init__(
        self,
        function: str,
        statuses: Sequence[str],
        *,
        of: str | None = None,
        negated: bool = False,
        output_field: Field[Any, Any] | None = None,
    ) -> None:
        super().__init__(output_field=output_field or IntegerField())
        self.function = function
        self.statuses = tuple(str(status) for status in statuses)
        self.negated = negated
        self.columns: list[Any] = [F("status"), *([F(of)] if of else [])]
        # What a count is over no rows at all (as Count's); a MAX then has no value.
        self.empty_result_set_value = 0 if function == "COUNT" else None

    def get_source_expressions(self) -> list[Any]:
        return self.columns

    def set_source_expressions(self, exprs: Sequence[Any]) -> None:
        self.columns = list(exprs)

    def get_group_by_cols(self) -> list[Any]:
        return []  # an aggregate: nothing to group by

    def as_sql(self, compiler: SQLCompiler, connection: BaseDatabaseWrapper) -> tuple[str, tuple[Any, ...]]:
        status, status_params = compiler.compile(self.columns[0])
        value, value_params = compiler.compile(self.columns[1]) if len(self.columns) > 1 else ("1", ())
        test = "NOT IN" if self.negated else "IN"
        placeholders = ", ".join(["%s"] * len(self.statuses))
        sql = f"{self.function}(CASE WHEN {status} {test} ({placeholders}) THEN {value} END)"
        return sql, (*status_params, *self.statuses, *value_params)


def _count_of(*statuses: str, negated: bool = False) -> _OfStatus:
    return _OfStatus("COUNT", statuses, negated=negated)


def count_aggregates() -> dict[str, Any]:
    """The aggregates behind AttendanceCounts, over attendance records."""
    return {
        "recorded": _count_of("", negated=True),
        "present": _count_of(A.PRESENT),
        "late": _count_of(A.LATE),
        "excused": _count_of(A.EXCUSED),
        "absent": _count_of(A.ABSENT),
        "not_enrolled": _count_of(A.NOT_ENROLLED),
        "unrecorded": _count_of(""),
        "last_absence": _OfStatus(
            "MAX", [A.ABSENT], of="session__event__starts_at", output_field=DateTimeField()
        ),
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


# "Needs attention" -----------------------------------------------------------------------------

# Per mentee and application: the on-request application of the event, or the course instance
# (a mentee takes part in an instance through one course application).
ACTIVITY = ("attendee", "session__event__application", "session__event__course_instance")
# The most absences in a row counted (the settings' cap).
STREAK_DEPTH = CONSECUTIVE_ABSENCES_RANGE[1]


@dataclass(frozen=True)
class AttentionRule:
    """When a mentee's attendance on an application needs attention: a rate under
    `rate_percent` once at least `min_sessions` sessions count, or `consecutive_absences`
    absences in a row (the latest counted sessions)."""

    rate_percent: int = 80
    min_sessions: int = 3
    consecutive_absences: int = 2

    @classmethod
    def of(cls, settings: AlertSettings | None) -> "AttentionRule":
        if settings is None:
            return cls()
        return cls(settings.rate_percent, settings.min_sessions, settings.consecutive_absences)

    def low_rate(self, counts: AttendanceCounts) -> bool:
        # rate < threshold  ⇔  100 × attended < threshold × counted: integers, no rounding at the edge.
        return (
            counts.counted >= self.min_sessions and 100 * counts.attended < self.rate_percent * counts.counted
        )


@dataclass(frozen=True)
class Attention:
    """The rule applied to one mentee on one application: the counts over its complete
    sessions, and how many of the latest counted ones are absences in a row."""

    rule: AttentionRule
    counts: AttendanceCounts
    absences_in_a_row: int = 0
    # One of the group's records: names the mentee and the application in one query.
    sample_record_id: int | None = None

    @property
    def low_rate(self) -> bool:
        return self.rule.low_rate(self.counts)

    @property
    def too_many_absences(self) -> bool:
        return self.absences_in_a_row >= self.rule.consecutive_absences

    @property
    def needs_attention(self) -> bool:
        return self.low_rate or self.too_many_absences

    @property
    def reason(self) -> str:
        """Why, in the current language: the one wording of pages, notifications and e-mail."""
        reasons = []
        if self.too_many_absences:
            reasons.append(
                ngettext("%(count)s absence in a row", "%(count)s absences in a row", self.absences_in_a_row)
                % {"count": self.absences_in_a_row}
            )
        if self.low_rate:
            reasons.append(
                gettext(
                    "attendance rate %(rate)s %% (%(attended)s attended ÷ %(counted)s counted), under %(threshold)s %%"
                )
                % {
                    "rate": self.counts.rate_percent,
                    "attended": self.counts.attended,
                    "counted": self.counts.counted,
                    "threshold": self.rule.rate_percent,
                }
            )
        return "; ".join(reasons)


def rules_for(customer_ids: Iterable[int]) -> dict[int, AttentionRule]:
    """Each customer's rule (one query; the defaults for a customer without settings)."""
    ids = set(customer_ids)
    found = {s.customer_id: AttentionRule.of(s) for s in AlertSettings.objects.filter(customer_id__in=ids)}
    return {pk: found.get(pk, AttentionRule()) for pk in ids}


def complete_sessions_only(records: QuerySet[AttendanceRecord]) -> QuerySet[AttendanceRecord]:
    """The records of sessions that are complete (every record of the session has a status)."""
    blank = AttendanceRecord.objects.filter(session_id=OuterRef("session_id"), status="")
    return records.filter(~Exists(blank))


# The attendee's customer's settings, read with the counts (NULL for a customer without any).
_SETTINGS = "attendee__customer__attendance_alert_settings__"
_RULE_FIELDS = ("rate_percent", "min_sessions", "consecutive_absences")


def _rule_of(row: dict[str, Any]) -> AttentionRule:
    values = [row[_SETTINGS + name] for name in _RULE_FIELDS]
    return AttentionRule() if None in values else AttentionRule(*values)


def _may_need_attention() -> Q:
    """Over the grouped counts (HAVING), the groups that may need attention by their customer's
    rule: a low rate, or at least the rule's absences with the latest counted record among them
    (a tie on the start time is let through; `Attention` decides exactly)."""
    default = AttentionRule()

    def setting(name: str) -> Coalesce:
        return Coalesce(F(_SETTINGS + name), Value(getattr(default, name)))

    counted = _count_of(A.PRESENT, A.LATE, A.ABSENT)
    attended = _count_of(A.PRESENT, A.LATE)
    starts_at = "session__event__starts_at"
    last_counted = _OfStatus("MAX", [A.PRESENT, A.LATE, A.ABSENT], of=starts_at, output_field=DateTimeField())
    low_rate = Q(GreaterThanOrEqual(counted, setting("min_sessions"))) & Q(
        LessThan(attended * 100, counted * setting("rate_percent"))
    )
    absences = Q(GreaterThanOrEqual(_count_of(A.ABSENT), setting("consecutive_absences"))) & Q(
        GreaterThanOrEqual(
            _OfStatus("MAX", [A.ABSENT], of=starts_at, output_field=DateTimeField()), last_counted
        )
    )
    return low_rate | absences


def attention_by(
    records: QuerySet[AttendanceRecord], key: tuple[str, ...] = ACTIVITY, *, needing_only: bool = False
) -> dict[tuple[Any, ...], Attention]:
    """The rule of each attendee's customer applied per value of `key` (by default per mentee
    and application) to `records`, counting complete sessions only. Two queries whatever the
    number of rows: the grouped counts with the customer's settings, and the absences in a row
    of each group (a running window over its counted records, newest first).

    `needing_only` keeps the groups that need attention, and lets the database drop the others
    first (a page that lists them reads a few rows, not one per mentee and application)."""
    complete = complete_sessions_only(records).order_by()
    grouped = complete.values(*key, *(_SETTINGS + name for name in _RULE_FIELDS)).annotate(
        **count_aggregates(), sample_record=Max("pk")
    )
    if needing_only:
        grouped = grouped.filter(_may_need_attention())
    rows = list(grouped)
    if not rows:
        return {}
    if needing_only:  # the streaks of the groups found only (a group is within one value of key[0])
        complete = complete.filter(**{f"{key[0]}__in": {row[key[0]] for row in rows}})
    # The absences in a row: the counted records, newest first, that no attended record
    # precedes (the count capped at the settings' maximum). Each counted record's running
    # count of attended ones is read, and those at zero counted here: the groups' records,
    # not a filter on the window in the database, whose emulation (a subquery of the query
    # compiled again) cost more Python than the rows.
    newest_first = [F("session__event__starts_at").desc(), F("pk").desc()]
    running = (
        complete.exclude(status__in=[A.EXCUSED, A.NOT_ENROLLED])
        .annotate(
            attended_since=Window(
                _count_of(A.ABSENT, negated=True),  # the attended ones so far
                partition_by=[F(name) for name in key],
                order_by=newest_first,
            ),
        )
        .values_list(*key, "attended_since")
    )
    width = len(key)
    streaks = Counter(row[:width] for row in running if row[width] == 0)
    found = {
        group: Attention(
            rule=_rule_of(row),
            counts=AttendanceCounts.from_row(row),
            absences_in_a_row=min(streaks.get(group, 0), STREAK_DEPTH),
            sample_record_id=row["sample_record"],
        )
        for row in rows
        for group in [tuple(row[name] for name in key)]
    }
    if needing_only:
        return {group: attention for group, attention in found.items() if attention.needs_attention}
    return found
