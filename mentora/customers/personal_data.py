"""Memberships: in the person's export, and ended when their account is erased."""

from mentora.accounts.models import User
from mentora.audit.services import audit_record
from mentora.core.personal_data import Identity

from .models import Membership
from .selectors import mentor_assignment_count


def export(user: User) -> dict[str, object]:
    memberships = Membership.objects.filter(user=user).select_related("customer").order_by("created_at")
    return {
        "memberships": [
            {
                "customer": membership.customer.name,
                "role": membership.role,
                "status": membership.status,
                "allowed_to_submit_applications": membership.can_submit_applications,
                "since": membership.created_at.isoformat(),
            }
            for membership in memberships
        ]
    }


def erase(user: User, identity: Identity) -> None:
    """Every membership ends (its assignments were ended by the applications app's part, which
    runs first), each with an audit event that names no one."""
    for membership in Membership.objects.select_for_update().filter(user=user).select_related("customer"):
        audit_record(
            actor=None,
            action="membership.end_by_erasure",
            customer=membership.customer,
            target=None,
            before={"membership": membership.pk, "role": membership.role, "status": membership.status},
            after={"assignments_ended": mentor_assignment_count(membership=membership)},
        )
        membership.delete()
