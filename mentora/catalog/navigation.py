"""The catalog's navigation entry, for those who manage it."""

from django.urls import reverse
from django.utils.translation import gettext as _

from mentora.core.navigation import NavItem
from mentora.customers.http import ActorRequest

from .permissions import can_manage_catalog


def nav_items(request: ActorRequest) -> list[NavItem]:
    if not can_manage_catalog(request.actor):
        return []
    return [NavItem(_("Catalog"), reverse("catalog"), 210)]
