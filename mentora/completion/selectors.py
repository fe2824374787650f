"""Reads of completion, for participations the caller has already scoped (see access.py).
Each read is a fixed number of queries, whatever the number of participations."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.urls import reverse

from mentora.applications.models import Application, ApplicationAttendee, Kind
from mentora.catalog.models import CourseInstance
from mentora.customers.access import Actor

from .access import ON_REQUEST_TRACKED_STATUSES, application_tracks_completion
from .models import Completion, CompletionChange, CompletionStatus
from .permissions import can_set_completion


@dataclass
class CompletionRow:
    """One participation with its completion (None: not started yet) and, where asked for, its
    history, newest first."""

    participation: ApplicationAttendee
    completion: Completion | None
    history: list[CompletionChange] = field(default_factory=list)

    @property
    def status(self) -> str:
        return self.completion.status if self.completion else CompletionStatus.NOT_STARTED

    @property
    def status_label(self) -> str:
        return str(CompletionStatus(self.status).label)

    @property
    def on(self) -> datetime.date | None:
        return self.completion.on if self.completion else None

    @property
    def comment(self) -> str:
        return self.completion.comment if self.completion else ""


def completion_for_participations(participation_ids: Iterable[int]) -> dict[int, Completion]:
    """The completion of each participation that has one, by participation id (one query)."""
    ids = list(participation_ids)
    if not ids:
        return {}
    return {c.participation_id: c for c in Completion.objects.filter(participation_id__in=ids)}


def completion_rows(
    participations: Iterable[ApplicationAttendee], *, with_history: bool = False
) -> list[CompletionRow]:
    """A CompletionRow per participation, in the order given (one query; two with the history)."""
    participations = list(participations)
    completions = Completion.objects.filter(
        participation_id__in=[p.pk for p in participations]
    ).select_related("updated_by")
    if with_history:
        completions = completions.prefetch_related(
            Prefetch(
                "changes",
                queryset=CompletionChange.objects.select_related("changed_by").order_by("-changed_at", "-pk"),
            )
        )
    by_participation = {c.participation_id: c for c in completions} if participations else {}
    rows = []
    for participation in participations:
        completion = by_participation.get(participation.pk)
        history = list(completion.changes.all()) if with_history and completion else []
        rows.append(CompletionRow(participation=participation, completion=completion, history=history))
    return rows


def completed_since(
    participations: QuerySet[ApplicationAttendee], *, since: datetime.date
) -> list[Completion]:
    """Completions marked COMPLETED on or after `since` among `participations` (already scoped
    by the caller), newest first, with the learner and the application: only what names them
    (one query)."""
    return list(
        Completion.objects.filter(
            participation__in=participations, status=CompletionStatus.COMPLETED, on__gte=since
        )
        .select_related(
            "participation__attendee",
            "participation__application__course_instance__course",
            "participation__application__service",
            "participation__application__customer",
        )
        .only(
            "on",
            "participation__attendee__first_name",
            "participation__attendee__last_name",
            "participation__application__title",
            "participation__application__kind",
            "participation__application__number",
            "participation__application__service__name",
            "participation__application__course_instance__course__code",
            "participation__application__course_instance__course__title",
            "participation__application__customer__name",
        )
        .order_by("-on", "-pk")
    )


@dataclass
class ApplicationCompletion:
    """The completion column of an application page: the status of each participant (by
    participation id) when the application tracks completion, and the sheet to set it for those
    who may."""

    tracked: bool
    rows: dict[int, CompletionRow]
    sheet_url: str | None


def completion_for_application(
    *, actor: Actor, application: Application, participants: Iterable[ApplicationAttendee]
) -> ApplicationCompletion:
    """The application page's completion column, for participants the caller already shows
    (one query; none when the application does not track completion)."""
    if not application_tracks_completion(application):
        return ApplicationCompletion(tracked=False, rows={}, sheet_url=None)
    participants = [p for p in participants if p.participating]
    rows = {row.participation.pk: row for row in completion_rows(participants)}
    sheet_url = None
    if can_set_completion(actor, application):
        sheet_url = (
            reverse("completion_instance", args=[application.course_instance_id])
            if application.kind == Kind.COURSE
            else reverse("completion_application", args=[application.pk])
        )
    return ApplicationCompletion(tracked=True, rows=rows, sheet_url=sheet_url)


@dataclass(frozen=True)
class CompletionSheet:
    label: str
    url: str


def completion_sheet_list_for_professional(*, actor: Actor, limit: int = 20) -> list[CompletionSheet]:
    """The completion sheets a professional sets: the course instances they are responsible for
    and their on-request applications that track completion, latest first (two queries)."""
    if not actor.is_professional:
        return []
    instances = (
        CourseInstance.objects.filter(professional=actor.user)
        .select_related("course")
        .order_by("-starts_on", "code")[:limit]
    )
    applications = (
        Application.objects.filter(
            kind=Kind.ON_REQUEST,
            professional=actor.user,
            service__tracks_completion=True,
            status__in=ON_REQUEST_TRACKED_STATUSES,
        )
        .select_related("service")
        .order_by("-created_at", "-pk")[:limit]
    )
    return [
        CompletionSheet(f"{i.code} {i.course.title}", reverse("completion_instance", args=[i.pk]))
        for i in instances
    ] + [
        CompletionSheet(f"{a.number} {a.display_title}", reverse("completion_application", args=[a.pk]))
        for a in applications
    ]
