"""Who may take and read attendance, as questions. Templates ask them to hide buttons; the
services ask them again and refuse with PermissionDenied. Who may *see* which records is
`mentora.attendance.access`."""

from mentora.customers.access import Actor
from mentora.customers.models import Customer
from mentora.schedule.models import Event
from mentora.schedule.permissions import can_manage_schedule, delivers


def can_take_attendance(actor: Actor, event: Event) -> bool:
    """Record attendance for the event's session: its professional or substitute, or a system
    administrator."""
    if not actor.is_authenticated:
        return False
    return actor.is_system_admin or (actor.is_professional and delivers(actor, event))


def can_view_attendance(actor: Actor, event: Event) -> bool:
    """Open an event's attendance sheet: those who take it, and staff who manage the event.
    Mentors and customer admins read attendance in their own workspaces, never the whole sheet
    (it lists other customers' learners of a course instance)."""
    return can_take_attendance(actor, event) or can_manage_schedule(actor, event)


def can_manage_alert_settings(actor: Actor, customer: Customer) -> bool:
    """Change a customer's attendance-alert thresholds: its customer admins, or a system
    administrator."""
    return actor.is_authenticated and (actor.is_system_admin or actor.is_customer_admin_of(customer.pk))
