"""Template tags behind the include points other pages use:
``followups/_application_section.html``, ``followups/_professional_section.html`` and
``mentoring/_observations_section.html``. Each reads through the same selectors as the pages,
scoped to the current actor."""

from typing import Any

from django import template
from django.urls import NoReverseMatch, reverse

from mentora.applications.models import Application
from mentora.customers.access import Actor
from mentora.followups import permissions
from mentora.followups.selectors import (
    FollowUpFilters,
    followup_count_for_application,
    followup_list,
    followup_list_for_application,
    followups_decorate,
)
from mentora.mentoring.observation_access import can_write_observation
from mentora.mentoring.observation_forms import observation_form_for
from mentora.mentoring.observation_selectors import observation_list_for_application

register = template.Library()

SECTION_LIMIT = 10
OBSERVATIONS_SHOWN = 5

# Where an application's page lives, by who is looking: the read-only mentor page for someone
# who sees it only as its mentor, the workspace page for everyone else. Tried in order.
_MENTOR_APPLICATION_URLS = ("mentor_application_detail",)
_APPLICATION_URLS = ("application_detail",)


def _actor(context: template.Context) -> Actor | None:
    actor = context.get("actor")
    if actor is None and context.get("request") is not None:
        actor = getattr(context["request"], "actor", None)
    return actor


def _reverse_first(names: tuple[str, ...], pk: int) -> str:
    for name in names:
        try:
            return reverse(name, args=[pk])
        except NoReverseMatch:
            continue
    return ""


@register.simple_tag(takes_context=True)
def application_url(context: template.Context, application: Application) -> str:
    """The page of `application` suited to the actor, or "" when there is none."""
    actor = _actor(context)
    if actor is None:
        return ""
    staff_or_admin = actor.is_provider_staff or actor.is_customer_admin_of(application.customer_id)
    names = _APPLICATION_URLS + _MENTOR_APPLICATION_URLS
    if not staff_or_admin:
        names = _MENTOR_APPLICATION_URLS + _APPLICATION_URLS
    return _reverse_first(names, application.pk)


@register.simple_tag(takes_context=True)
def application_followups(context: template.Context, application: Application) -> dict[str, Any]:
    actor = _actor(context)
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
    actor = _actor(context)
    if actor is None or not actor.is_authenticated:
        return {"followups": []}
    followups = followups_decorate(
        list(followup_list(actor=actor, filters=FollowUpFilters())[:SECTION_LIMIT])
    )
    return {"followups": followups, "unread_total": sum(f.unread_count for f in followups)}


@register.simple_tag(takes_context=True)
def application_observations(context: template.Context, application: Application) -> dict[str, Any]:
    actor = _actor(context)
    if actor is None or not actor.is_authenticated:
        return {"observations": [], "count": 0, "can_write": False, "form": None}
    observations = observation_list_for_application(actor=actor, application=application)
    shown = list(observations[:OBSERVATIONS_SHOWN])
    count = len(shown) if len(shown) < OBSERVATIONS_SHOWN else observations.count()
    can_write = can_write_observation(actor, application)
    return {
        "observations": shown,
        "count": count,
        "can_write": can_write,
        "form": observation_form_for(application) if can_write else None,
    }
