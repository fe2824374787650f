"""The follow-ups entry: staff, customer admins and mentors (the list shows each only theirs)."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from mentora.core.navigation import NavItem
from mentora.customers.access import Actor


def nav_items(request: HttpRequest) -> list[NavItem]:
    actor: Actor = request.actor  # type: ignore[attr-defined]
    if not (actor.is_provider_staff or actor.is_customer_admin or actor.is_mentor):
        return []
    return [NavItem(_("Follow-ups"), reverse("followup_list"), 600)]
