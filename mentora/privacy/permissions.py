"""Who may do what with the audit logs, the terms and erasure requests."""

from mentora.customers.access import Actor
from mentora.customers.models import Customer


def can_read_audit_log(actor: Actor) -> bool:
    """System administrators read every customer's log; customer admins their customers'."""
    return actor.is_system_admin or actor.is_customer_admin


def can_read_customer_audit_log(actor: Actor, customer: Customer) -> bool:
    return actor.is_system_admin or actor.is_customer_admin_of(customer.pk)


def can_read_platform_audit_log(actor: Actor) -> bool:
    """Events that belong to no customer (staff, terms, accounts) and the CSV of everything."""
    return actor.is_system_admin


def can_publish_terms(actor: Actor) -> bool:
    return actor.is_system_admin


def can_decide_erasure(actor: Actor) -> bool:
    return actor.is_system_admin
