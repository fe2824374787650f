"""Who may do what, as questions. Templates ask the same questions to hide buttons; the services
ask them again and refuse with PermissionDenied."""

from mentora.core.exceptions import PermissionDenied

from .access import Actor
from .models import Customer


def require(allowed: bool, message: str = "") -> None:
    if not allowed:
        raise PermissionDenied(message)


def can_use_back_office(actor: Actor) -> bool:
    return actor.is_system_admin


def can_manage_customers(actor: Actor) -> bool:
    return actor.is_system_admin


def can_manage_mentors(actor: Actor, customer: Customer) -> bool:
    """Invite, add, (de)activate and remove the customer's mentors."""
    return actor.is_system_admin or actor.is_customer_admin_of(customer.pk)
