"""Template tags behind the include points other pages use:
``followups/_application_section.html``, ``followups/_professional_section.html`` and
``observations/_application_section.html``. Each reads through the same selectors as the pages,
scoped to the current actor."""

from typing import Any

from django import template

from mentora.applications.models import Application
from mentora.customers.access import actor_in
from mentora.followups import permissions
from mentora.followups.selectors import (
    FollowUpFilters,
    followup_count_for_application,
    followup_list,
    followup_list_for_application,
    followups_decorate,
)

register = template.Library()

SECTION_LIMIT = 10


@register.simple_tag(takes_context=True)
def application_followups(context: template.Context, application: Application) -> dict[str, Any]:
    actor = actor_in(context)
    if actor is None or not actor.is_authenticated:
        return {"followups": [], "count": 0, "can_create": False}
    followups = followup_list_for_application(actor=actor, application=application, limit=SECTION_LIMIT)
    count = len(followups)
    if count == SECTION_LIMIT:
        count = followup_count_for_application(actor=actor, application=application)
    return {
        "followups": followups,
        "count": count,
        "can_create": permissions.can_create_followup(actor, application),
    }


@register.simple_tag(takes_context=True)
def professional_followups(context: template.Context) -> dict[str, Any]:
    """The threads the actor reads, newest activity first, with unread counts."""
    actor = actor_in(context)
    if actor is None or not actor.is_authenticated:
        return {"followups": []}
    followups = followups_decorate(
        list(followup_list(actor=actor, filters=FollowUpFilters())[:SECTION_LIMIT])
    )
    return {"followups": followups, "unread_total": sum(f.unread_count for f in followups)}  # type: ignore[attr-defined]  # annotated by with_unread
