"""The follow-ups entry: staff, customer admins and mentors (the list shows each only theirs)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from mentora.core.navigation import NavItem
from mentora.customers.access import Actor
from mentora.customers.http import ActorRequest


def nav_items(request: ActorRequest) -> list[NavItem]:
    actor: Actor = request.actor
    if not (actor.is_provider_staff or actor.is_customer_admin or actor.is_mentor):
        return []
    return [NavItem(_("Follow-ups"), reverse("followup_list"), 600)]
