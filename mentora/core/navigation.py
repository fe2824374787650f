"""The main navigation. Each app contributes its own entries: its AppConfig names a function,
``navigation = "mentora.x.navigation.nav_items"``, that takes the request and returns the
`NavItem`s that apply to whoever is looking. Core collects them from the app registry, in
`position` order, and never names an app. A person with several roles or customers sees every
entry that applies to them."""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from django.apps import apps
from django.http import HttpRequest
from django.urls import reverse
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from .outbox import can_read_outbox, outbox_enabled


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    # Where the entry stands: home 0, customer management 100s, applications and catalog 200s,
    # schedules 300s, the mentor's workspace 400s, tools 500s, follow-ups 600s.
    position: int = 0


NavContributor = Callable[[HttpRequest], list[NavItem]]


@cache
def _contributors() -> tuple[NavContributor, ...]:
    return tuple(
        import_string(path)
        for config in apps.get_app_configs()
        if (path := getattr(config, "navigation", None))
    )


def navigation_for(request: HttpRequest) -> list[NavItem]:
    """Every entry the signed-in person may use, in order; nothing for a visitor."""
    actor = getattr(request, "actor", None)
    if actor is None or not actor.is_authenticated:
        return []
    items = [item for contribute in _contributors() for item in contribute(request)]
    return sorted(items, key=lambda item: item.position)


def nav_items(request: HttpRequest) -> list[NavItem]:
    """Core's own entries: home, and the development outbox for those who may read it."""
    items = [NavItem(_("Home"), reverse("home"), 0)]
    actor = getattr(request, "actor", None)
    if actor is not None and can_read_outbox(actor) and outbox_enabled():
        items.append(NavItem(_("Outbox"), reverse("outbox_list"), 510))
    return items
