"""The catalog's navigation entry, for those who manage it."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from mentora.core.navigation import NavItem

from .permissions import can_manage_catalog


def nav_items(request: HttpRequest) -> list[NavItem]:
    if not can_manage_catalog(request.actor):  # type: ignore[attr-defined]
        return []
    return [NavItem(_("Catalog"), reverse("catalog"), 210)]
