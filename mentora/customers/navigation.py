"""The customers app's navigation entries: customers, every mentor and users for system
administrators; each administered customer's Mentors area, named after the customer when there
are several; the back office."""

from django.urls import reverse
from django.utils.translation import gettext as _

from mentora.core.navigation import NavItem

from . import permissions
from .access import Actor
from .http import ActorRequest
from .models import Role


def nav_items(request: ActorRequest) -> list[NavItem]:
    actor: Actor = request.actor
    items = []
    if permissions.can_manage_customers(actor):
        items.append(NavItem(_("Customers"), reverse("customer_list"), 100))
    if actor.is_system_admin:
        items.append(NavItem(_("Mentors"), reverse("mentors_all"), 110))
        items.append(NavItem(_("Users"), reverse("user_list"), 120))
    administered = actor.customers_as(Role.CUSTOMER_ADMIN)
    for customer in administered:
        label = (
            _("Mentors")
            if len(administered) == 1 and not actor.is_system_admin
            else _("Mentors: %(customer)s") % {"customer": customer.name}
        )
        items.append(NavItem(label, reverse("mentors_list", args=[customer.pk]), 130))
    if permissions.can_use_back_office(actor):
        items.append(NavItem(_("Back office"), reverse("admin:index"), 500))
    return items
