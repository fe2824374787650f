"""The schedule's navigation entries: professionals' own events, the whole schedule for system
administrators, and the calendar of mentors and customer admins."""

from django.urls import reverse
from django.utils.translation import gettext as _

from mentora.core.navigation import NavItem
from mentora.customers.access import Actor
from mentora.customers.http import ActorRequest

from .permissions import can_use_calendar


def nav_items(request: ActorRequest) -> list[NavItem]:
    actor: Actor = request.actor
    items = []
    if actor.is_professional:
        items.append(NavItem(_("My events"), reverse("my_events"), 300))
    if actor.is_system_admin:
        items.append(NavItem(_("Schedule"), reverse("schedule_list"), 310))
    if can_use_calendar(actor):
        items.append(NavItem(_("Calendar"), reverse("calendar"), 410))
    return items
