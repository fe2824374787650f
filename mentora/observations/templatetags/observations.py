"""The template tag behind ``observations/_application_section.html``, the include point other
pages use: an application's observations and, for its mentors, the add form. It reads through
the same selectors as the pages; the application is the including page's, loaded by that page
through an access function for the current actor."""

from typing import Any

from django import template

from mentora.applications.models import Application
from mentora.customers.access import actor_in

from ..forms import observation_form_for
from ..permissions import can_write_observation
from ..selectors import observation_list_for_application

register = template.Library()

OBSERVATIONS_SHOWN = 5


@register.simple_tag(takes_context=True)
def application_observations(context: template.Context, application: Application) -> dict[str, Any]:
    actor = actor_in(context)
    if actor is None or not actor.is_authenticated:
        return {"observations": [], "count": 0, "can_write": False, "form": None}
    observations = observation_list_for_application(application=application)
    shown = list(observations[:OBSERVATIONS_SHOWN])
    count = len(shown) if len(shown) < OBSERVATIONS_SHOWN else observations.count()
    can_write = can_write_observation(actor, application)
    return {
        "observations": shown,
        "count": count,
        "can_write": can_write,
        "form": observation_form_for(application) if can_write else None,
    }
