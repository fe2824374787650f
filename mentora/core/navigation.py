"""The main navigation, by role. A person with several roles or customers sees every entry that
applies to them. Each feature adds its entries here."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from mentora.customers import permissions
from mentora.customers.access import Actor
from mentora.customers.models import Role

from .outbox import outbox_enabled


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str


def navigation_for(actor: Actor) -> list[NavItem]:
    if not actor.is_authenticated:
        return []
    items = [NavItem(_("Home"), reverse("home"))]
    items.extend(_customer_management_items(actor))
    items.extend(_application_items(actor))
    items.extend(_schedule_items(actor))
    items.extend(_mentor_items(actor))
    if permissions.can_use_back_office(actor):
        items.append(NavItem(_("Back office"), reverse("admin:index")))
    if permissions.can_read_outbox(actor) and outbox_enabled():
        items.append(NavItem(_("Outbox"), reverse("outbox_list")))
    # Follow-up threads: staff, customer admins and mentors (the list shows each only theirs).
    if actor.is_provider_staff or actor.is_customer_admin or actor.is_mentor:
        items.append(NavItem(_("Follow-ups"), reverse("followup_list")))
    # The profile is the person's name at the end of the header, not a navigation entry.
    return items


def _customer_management_items(actor: Actor) -> list[NavItem]:
    """System administrators: customers, every mentor, users. Customer admins: the Mentors area of
    each customer they administer, named after the customer when there are several."""
    items = []
    if permissions.can_manage_customers(actor):
        items.append(NavItem(_("Customers"), reverse("customer_list")))
    if actor.is_system_admin:
        items.append(NavItem(_("Mentors"), reverse("mentors_all")))
        items.append(NavItem(_("Users"), reverse("user_list")))
    administered = actor.customers_as(Role.CUSTOMER_ADMIN)
    for customer in administered:
        label = (
            _("Mentors")
            if len(administered) == 1 and not actor.is_system_admin
            else _("Mentors: %(customer)s") % {"customer": customer.name}
        )
        items.append(NavItem(label, reverse("mentors_list", args=[customer.pk])))
    return items


def _schedule_items(actor: Actor) -> list[NavItem]:
    """Professionals: their own events (workspace). System administrators: the whole schedule."""
    items = []
    if actor.is_professional:
        items.append(NavItem(_("My events"), reverse("my_events")))
    if actor.is_system_admin:
        items.append(NavItem(_("Schedule"), reverse("schedule_list")))
    return items


def _application_items(actor: Actor) -> list[NavItem]:
    """System administrators: every application, and the catalog. Customer admins: the
    applications of each customer they administer, named after the customer when there are several."""
    items = []
    if actor.is_system_admin:
        items.append(NavItem(_("Applications"), reverse("applications_all")))
        items.append(NavItem(_("Catalog"), reverse("catalog")))
    administered = actor.customers_as(Role.CUSTOMER_ADMIN)
    for customer in administered:
        label = (
            _("Applications")
            if len(administered) == 1 and not actor.is_system_admin
            else _("Applications: %(customer)s") % {"customer": customer.name}
        )
        items.append(NavItem(label, reverse("applications_customer", args=[customer.pk])))
    return items


def _mentor_items(actor: Actor) -> list[NavItem]:
    """Mentors: their applications, the calendar and their mentees' attendance. Customer admins:
    the calendar of their customers' events."""
    items = []
    if actor.is_mentor:
        items.append(NavItem(_("My applications"), reverse("mentor_applications")))
    if actor.is_mentor or actor.is_customer_admin:
        items.append(NavItem(_("Calendar"), reverse("calendar")))
    if actor.is_mentor:
        items.append(NavItem(_("Attendance"), reverse("mentor_attendance_sessions")))
    return items
