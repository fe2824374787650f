"""Reads for the privacy pages, each scoped to the actor."""

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from mentora.accounts.models import User
from mentora.audit.models import AuditEvent
from mentora.core.exceptions import NotFound
from mentora.customers.access import Actor
from mentora.customers.models import Customer, Role
from mentora.customers.permissions import require

from . import permissions
from .models import DataExport, ErasureRequest, ErasureState


@dataclass(frozen=True)
class AuditFilters:
    customer: Customer | None = None
    actor: str = ""
    action: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None


def audit_log_customers(*, actor: Actor) -> list[Customer]:
    """The customers whose log the actor reads: every one for system administrators (filter
    choices), the administered ones for customer admins."""
    if actor.is_system_admin:
        return list(Customer.objects.order_by("name"))
    return sorted(actor.customers_as(Role.CUSTOMER_ADMIN), key=lambda customer: customer.name)


def audit_log(*, actor: Actor, filters: AuditFilters) -> QuerySet[AuditEvent]:
    """The audit log, newest first. System administrators: every event. Customer admins: their
    customers' events only (a filter for another customer was refused by the form). Anyone else:
    PermissionDenied. Served by the (customer, -created_at) and created_at indexes."""
    require(permissions.can_read_audit_log(actor))
    events = AuditEvent.objects.select_related("actor", "customer")
    if not actor.is_system_admin:
        events = events.filter(customer__in=[c.pk for c in audit_log_customers(actor=actor)])
    if filters.customer is not None:
        if not (actor.is_system_admin or permissions.can_read_customer_audit_log(actor, filters.customer)):
            raise NotFound()
        events = events.filter(customer=filters.customer)
    for word in filters.actor.split():
        events = events.filter(
            Q(actor__email__icontains=word)
            | Q(actor__first_name__icontains=word)
            | Q(actor__last_name__icontains=word)
        )
    if filters.action:
        events = events.filter(action=filters.action)
    if filters.date_from:
        events = events.filter(created_at__date__gte=filters.date_from)
    if filters.date_to:
        events = events.filter(created_at__date__lte=filters.date_to)
    return events.order_by("-created_at", "-pk")


def data_exports_of(*, user: User) -> QuerySet[DataExport]:
    return DataExport.objects.filter(user=user).defer("content").order_by("-requested_at", "-pk")[:5]


def erasure_request_pending(*, user: User) -> ErasureRequest | None:
    return ErasureRequest.objects.filter(user=user, state=ErasureState.PENDING).first()


def erasure_requests(*, actor: Actor) -> QuerySet[ErasureRequest]:
    """Waiting requests first, then the most recent decided ones; system administrators only."""
    require(permissions.can_decide_erasure(actor))
    return ErasureRequest.objects.select_related("user", "decided_by").order_by("-state", "-requested_at")


def access_erasure_request(*, actor: Actor, request_id: int) -> ErasureRequest:
    require(permissions.can_decide_erasure(actor))
    try:
        return ErasureRequest.objects.select_related("user").get(pk=request_id)
    except ErasureRequest.DoesNotExist:
        raise NotFound() from None
