import datetime
from typing import Any

from django import template

from mentora.applications.models import Application, ApplicationAttendee

from ..models import CompletionStatus
from ..selectors import (
    ApplicationCompletion,
    CompletionRow,
    CompletionSheet,
    completion_for_application,
    completion_sheet_list_for_professional,
)

register = template.Library()


@register.filter
def completion_status_label(value: str) -> str:
    """The translated label of a status value kept in the history ("" for none)."""
    return str(CompletionStatus(value).label) if value in CompletionStatus.values else ""


@register.filter
def completion_badge(value: str) -> str:
    """The badge modifier of a status: the words say it, the colour only repeats them."""
    badges: dict[str, str] = {
        CompletionStatus.COMPLETED: "badge--ok",
        CompletionStatus.NOT_COMPLETED: "badge--err",
        CompletionStatus.WITHDRAWN: "badge--warn",
        CompletionStatus.ONGOING: "badge--info",
    }
    return badges.get(value, "")


@register.filter
def completion_date(value: str | None) -> datetime.date | None:
    """A date kept in the history (ISO text) as a date, for the date filters."""
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


@register.simple_tag(takes_context=True)
def application_completion(
    context: template.Context, application: Application, participants: list[Any]
) -> ApplicationCompletion:
    """The completion column of an application page (see `completion_for_application`);
    `participants` are participations, or rows that hold one as `.participation`."""
    participations: list[ApplicationAttendee] = [getattr(p, "participation", p) for p in participants]
    return completion_for_application(
        actor=context["request"].actor, application=application, participants=participations
    )


@register.filter
def completion_row(rows: dict[int, CompletionRow], participation_id: int) -> CompletionRow | None:
    """The CompletionRow of a participation in `rows` (None when it has no completion status)."""
    return rows.get(participation_id)


@register.simple_tag(takes_context=True)
def completion_sheets(context: template.Context) -> list[CompletionSheet]:
    """The completion sheets the professional sets (their workspace's Completion section)."""
    return completion_sheet_list_for_professional(actor=context["request"].actor)
