"""What the learner's page shows, read through the `Learner` that `access.access_learner` gave.
A fixed number of queries, whatever the number of the learner's sessions, applications,
observations or follow-ups. The attendance figures come from the one attendance arithmetic
(`mentora.attendance.arithmetic`), so they read exactly as the Attendance tab (all sessions) and
the dashboard do; whether the learner's attendance on an application needs attention is the
rule of the learner's customer (`arithmetic.attention_by`), as on the dashboard and in the
alerts."""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Min, Prefetch, QuerySet
from django.db.models.functions import TruncWeek
from django.utils import timezone
from django.utils.translation import gettext as _

from mentora.applications.models import Application, ApplicationAttendee, Kind, MentorAssignment
from mentora.attendance.arithmetic import (
    RECENT_DAYS,
    AttendanceCounts,
    Attention,
    AttentionRule,
    attendance_counts,
    attendance_counts_by,
    attention_by,
    rules_for,
)
from mentora.attendance.models import AttendanceRecord, AttendanceStatus
from mentora.completion.access import completion_applies_q
from mentora.completion.selectors import CompletionRow, completion_rows
from mentora.customers.access import Actor
from mentora.customers.models import Membership
from mentora.followups.access import followup_list_visible
from mentora.followups.models import FollowUp
from mentora.mentoring.selectors.attendance import activity_label
from mentora.observations.access import observation_list_visible
from mentora.observations.models import Observation

from .access import Learner, learner_record_list


@dataclass
class Participation:
    """One application (or course instance) the learner takes part in, with its active mentors."""

    participation: ApplicationAttendee
    mentors: list[Membership]


@dataclass(frozen=True)
class WeekPoint:
    week: datetime.date  # the Monday
    counts: AttendanceCounts


@dataclass(frozen=True)
class SessionPoint:
    record_id: int
    starts_at: datetime.datetime
    title: str
    activity: str
    status: str
    minutes: int | None
    note: str

    @property
    def status_label(self) -> str:
        return str(AttendanceStatus(self.status).label) if self.status else _("Not recorded")


@dataclass
class AttendanceOverTime:
    weeks: list[WeekPoint]
    sessions: list[SessionPoint]
    whole: AttendanceCounts  # every session
    recent: AttendanceCounts  # the last 30 days
    recent_days: int
    rule: AttentionRule  # the learner's customer's
    attention: list["LearnerAttention"]  # where attendance needs attention, and why


def learner_participations(*, learner: Learner) -> list[Participation]:
    """The learner's applications the actor sees, newest first, each with its active mentors
    (two queries)."""
    participations = list(
        learner.participations()
        .select_related(
            "application__customer", "application__service", "application__course_instance__course"
        )
        .prefetch_related(
            Prefetch(
                "application__mentor_assignments",
                queryset=MentorAssignment.objects.filter(membership__in=Membership.objects.active().mentors())
                .select_related("membership__user")
                .order_by("membership__user__first_name", "membership__user__last_name", "pk"),
            )
        )
        .order_by("-application__created_at", "-pk")
    )
    return [
        Participation(participation=p, mentors=[a.membership for a in p.application.mentor_assignments.all()])
        for p in participations
    ]


def learner_completion(*, participations: list[Participation]) -> list[CompletionRow]:
    """Completion per course (and on-request application that tracks it), with its history."""
    applies = {
        p.pk
        for p in ApplicationAttendee.objects.filter(
            completion_applies_q(), pk__in=[item.participation.pk for item in participations]
        )
    }
    return completion_rows(
        [item.participation for item in participations if item.participation.pk in applies], with_history=True
    )


def _records_in_order(records: QuerySet[AttendanceRecord]) -> QuerySet[AttendanceRecord]:
    return records.select_related(
        "session__event__application__service",
        "session__event__application__course_instance__course",
        "session__event__course_instance__course",
    ).order_by("session__event__starts_at", "pk")


def learner_attendance(
    *, actor: Actor, learner: Learner, now: datetime.datetime | None = None
) -> AttendanceOverTime:
    """The learner's attendance the actor sees: counts per week (the week of each session in the
    actor's time zone), every session with its status, the whole period's counts and the last
    30 days', and the applications on which it needs attention (at most eight queries)."""
    now = now or timezone.now()
    records = learner_record_list(actor=actor, learner=learner)
    by_week = attendance_counts_by(records.annotate(week=TruncWeek("session__event__starts_at")), key="week")
    weeks = [WeekPoint(week=_as_date(week), counts=counts) for week, counts in sorted(by_week.items())]
    sessions = [
        SessionPoint(
            record_id=record.pk,
            starts_at=record.session.event.starts_at,
            title=record.session.event.title,
            activity=activity_label(record.session.event),
            status=record.status,
            minutes=record.minutes,
            note=record.note,
        )
        for record in _records_in_order(records)
    ]
    recent = attendance_counts(
        records.filter(session__event__starts_at__gte=now - datetime.timedelta(days=RECENT_DAYS))
    )
    return AttendanceOverTime(
        weeks=weeks,
        sessions=sessions,
        whole=attendance_counts(records),
        recent=recent,
        recent_days=RECENT_DAYS,
        rule=rules_for([learner.attendee.customer_id])[learner.attendee.customer_id],
        attention=_attention(records, learner=learner),
    )


@dataclass(frozen=True)
class LearnerAttention:
    """An application on which the learner's attendance needs attention, and why."""

    activity: str
    attention: Attention
    application: Application | None  # the on-request or course application (observations go there)


def _attention(records: QuerySet[AttendanceRecord], *, learner: Learner) -> list[LearnerAttention]:
    found = list(attention_by(records, needing_only=True).values())
    samples = AttendanceRecord.objects.select_related(
        "session__event__application__service", "session__event__course_instance__course"
    ).in_bulk([a.sample_record_id for a in found])
    events = [(samples[a.sample_record_id].session.event, a) for a in found if a.sample_record_id in samples]
    instance_ids = [event.course_instance_id for event, _ in events if event.course_instance_id]
    courses = (
        {
            p.application.course_instance_id: p.application
            for p in learner.participations()
            .filter(application__kind=Kind.COURSE, application__course_instance_id__in=instance_ids)
            .select_related("application")
        }
        if instance_ids
        else {}
    )
    rows = [
        LearnerAttention(
            activity=activity_label(event),
            attention=attention,
            application=event.application or courses.get(event.course_instance_id),
        )
        for event, attention in events
    ]
    return sorted(rows, key=lambda row: row.activity)


def _as_date(value: datetime.date | datetime.datetime) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def learner_observations(*, actor: Actor, learner: Learner) -> list[Observation]:
    """Observations about the learner the actor may read, newest first (one query)."""
    observations = observation_list_visible(actor=actor).filter(attendee=learner.attendee)
    if learner.application_ids is not None:
        observations = observations.filter(application_id__in=learner.application_ids)
    return list(observations.select_related("author", "application", "event").order_by("-created_at", "-pk"))


def learner_followups(*, actor: Actor, learner: Learner) -> list[FollowUp]:
    """Follow-up threads that link the learner and that the actor may read, newest first (one
    query)."""
    followups = followup_list_visible(actor=actor).filter(attendees=learner.attendee)
    if learner.application_ids is not None:
        followups = followups.filter(application_id__in=learner.application_ids)
    return list(followups.select_related("application", "created_by").order_by("-created_at", "-pk"))


# The export ------------------------------------------------------------------------------------


def learner_first_day(*, actor: Actor, learner: Learner) -> datetime.date | None:
    """The day of the learner's first session the actor sees (one query)."""
    first = learner_record_list(actor=actor, learner=learner).aggregate(
        first=Min("session__event__starts_at")
    )
    return timezone.localtime(first["first"]).date() if first["first"] else None


def learner_export_records(
    *, actor: Actor, learner: Learner, first: datetime.date, last: datetime.date
) -> Iterator[AttendanceRecord]:
    """The learner's records the actor sees with a session from `first` to `last` (the actor's
    dates), read in chunks."""
    start, end = _period_bounds(first, last)
    records = learner_record_list(actor=actor, learner=learner).filter(
        session__event__starts_at__gte=start, session__event__starts_at__lt=end
    )
    return _records_in_order(records).iterator(chunk_size=500)


def learner_export_observations(
    *, actor: Actor, learner: Learner, first: datetime.date, last: datetime.date
) -> Iterator[Observation]:
    start, end = _period_bounds(first, last)
    observations = observation_list_visible(actor=actor).filter(
        attendee=learner.attendee, created_at__gte=start, created_at__lt=end
    )
    if learner.application_ids is not None:
        observations = observations.filter(application_id__in=learner.application_ids)
    return (
        observations.select_related("author", "application", "event")
        .order_by("created_at", "pk")
        .iterator(chunk_size=500)
    )


def _period_bounds(first: datetime.date, last: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(first, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone)
    return start, end
