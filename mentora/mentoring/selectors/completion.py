"""Completion as the mentor reads it (read-only): for their mentees, through the applications
they mentor (`mentora.applications.access.mentee_participation_list`), never another learner's.
Each function runs a fixed number of queries whatever the number of rows."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from mentora.applications.access import mentee_participation_list
from mentora.applications.models import Kind
from mentora.completion.access import completion_applies_q
from mentora.completion.models import Completion, CompletionStatus
from mentora.completion.selectors import CompletionRow, completed_since
from mentora.customers.access import Actor

from .attendance import ActivityAttendance


def mentee_completion(*, actor: Actor, attendee_ids: list[int]) -> dict[int, list[CompletionRow]]:
    """Each mentee's completion statuses, per application that tracks completion, by attendee
    id (one query: each participation with its completion, if it has one)."""
    participations = (
        mentee_participation_list(actor=actor)
        .filter(completion_applies_q(), attendee_id__in=attendee_ids)
        .select_related("application__service", "application__course_instance__course", "completion")
        .order_by("attendee_id", "application__number")
    )
    by_attendee: dict[int, list[CompletionRow]] = defaultdict(list)
    for participation in participations:
        # Without a completion the reverse one-to-one raises (an AttributeError): not started.
        completion = getattr(participation, "completion", None)
        by_attendee[participation.attendee_id].append(
            CompletionRow(participation=participation, completion=completion)
        )
    return dict(by_attendee)


@dataclass(frozen=True)
class CompletionTally:
    completed: int
    total: int


def activity_completion(*, actor: Actor, rows: list[ActivityAttendance]) -> dict[int, CompletionTally]:
    """For a page of the Courses tab, how many of the actor's mentees in each row have
    completed, of those with a completion status, by the row's position (one query)."""
    counted = (
        mentee_participation_list(actor=actor)
        .filter(completion_applies_q())
        .values(
            "application_id",
            "application__kind",
            "application__course_instance_id",
            "application__customer_id",
        )
        .annotate(
            total=Count("pk"), completed=Count("pk", filter=Q(completion__status=CompletionStatus.COMPLETED))
        )
        .order_by()
    )
    by_application: dict[int, CompletionTally] = {}
    by_instance: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0, 0])
    for row in counted:
        if row["application__kind"] == Kind.ON_REQUEST:
            by_application[row["application_id"]] = CompletionTally(row["completed"], row["total"])
        else:
            tally = by_instance[(row["application__course_instance_id"], row["application__customer_id"])]
            tally[0] += row["completed"]
            tally[1] += row["total"]
    result: dict[int, CompletionTally] = {}
    for index, activity in enumerate(rows):
        if activity.application is not None and activity.application.pk in by_application:
            result[index] = by_application[activity.application.pk]
        elif activity.course_instance is not None:
            key = (activity.course_instance.pk, activity.customer_id)
            if key in by_instance:
                completed, total = by_instance[key]
                result[index] = CompletionTally(completed, total)
    return result


def completed_this_week(*, actor: Actor, now: datetime.datetime | None = None) -> list[Completion]:
    """The actor's mentees who completed a course (or activity) since Monday of this week, in
    the actor's time zone, newest first (one query)."""
    today = timezone.localdate(now)
    monday = today - datetime.timedelta(days=today.weekday())
    return completed_since(mentee_participation_list(actor=actor), since=monday)


@dataclass(frozen=True)
class CompletionLookup:
    """The completion status of each of the actor's mentees per on-request application and per
    course instance, for the export's completion column."""

    by_application: dict[tuple[int, int], str]  # (attendee, on-request application) → status
    by_instance: dict[tuple[int, int], str]  # (attendee, course instance) → status

    def status(self, *, attendee_id: int, application_id: int | None, course_instance_id: int | None) -> str:
        """The status of the attendee on an event of that application or course instance; ""
        when that participation has no completion status."""
        if application_id is not None:
            return self.by_application.get((attendee_id, application_id), "")
        if course_instance_id is not None:
            return self.by_instance.get((attendee_id, course_instance_id), "")
        return ""


def mentee_completion_lookup(*, actor: Actor) -> CompletionLookup:
    """Every completion status of the actor's mentees' participations (one query: as many rows
    as the mentor has mentee participations, whatever the number of records)."""
    rows = (
        mentee_participation_list(actor=actor)
        .filter(completion_applies_q())
        .values_list(
            "attendee_id",
            "application_id",
            "application__kind",
            "application__course_instance_id",
            "completion__status",
        )
        .order_by()
    )
    by_application: dict[tuple[int, int], str] = {}
    by_instance: dict[tuple[int, int], str] = {}
    for attendee_id, application_id, kind, instance_id, status in rows:
        status = status or CompletionStatus.NOT_STARTED
        if kind == Kind.ON_REQUEST:
            by_application[(attendee_id, application_id)] = status
        else:
            by_instance[(attendee_id, instance_id)] = status
    return CompletionLookup(by_application=by_application, by_instance=by_instance)
