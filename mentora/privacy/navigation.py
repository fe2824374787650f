"""The audit log: system administrators (every customer) and customer admins (their own)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from mentora.core.navigation import NavItem
from mentora.customers.access import Actor
from mentora.customers.http import ActorRequest

from .permissions import can_read_audit_log


def nav_items(request: ActorRequest) -> list[NavItem]:
    actor: Actor = request.actor
    if not can_read_audit_log(actor):
        return []
    return [NavItem(_("Audit log"), reverse("audit_log"), 650)]
