"""The applications app's navigation entries: every application for system administrators;
the applications of each administered customer, named after the customer when there are
several."""

from django.urls import reverse
from django.utils.translation import gettext as _

from mentora.core.navigation import NavItem
from mentora.customers.access import Actor
from mentora.customers.http import ActorRequest
from mentora.customers.models import Role


def nav_items(request: ActorRequest) -> list[NavItem]:
    actor: Actor = request.actor
    items = []
    if actor.is_system_admin:
        items.append(NavItem(_("Applications"), reverse("applications_all"), 200))
    administered = actor.customers_as(Role.CUSTOMER_ADMIN)
    for customer in administered:
        label = (
            _("Applications")
            if len(administered) == 1 and not actor.is_system_admin
            else _("Applications: %(customer)s") % {"customer": customer.name}
        )
        items.append(NavItem(label, reverse("applications_customer", args=[customer.pk]), 220))
    return items
