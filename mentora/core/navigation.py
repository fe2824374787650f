"""The main navigation, by role. A person with several roles or customers sees every entry that
applies to them. Each feature adds its entries here."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from mentora.customers import permissions
from mentora.customers.access import Actor

from .outbox import outbox_enabled


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str


def navigation_for(actor: Actor) -> list[NavItem]:
    if not actor.is_authenticated:
        return []
    items = [NavItem(_("Home"), reverse("home"))]
    if permissions.can_use_back_office(actor):
        items.append(NavItem(_("Back office"), reverse("admin:index")))
    if permissions.can_read_outbox(actor) and outbox_enabled():
        items.append(NavItem(_("Outbox"), reverse("outbox_list")))
    items.append(NavItem(_("Profile"), reverse("profile")))
    return items
