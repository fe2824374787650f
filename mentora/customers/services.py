"""Writes to customers and memberships. Every function is atomic, checks permissions through
`permissions`, and writes an audit event."""

from django.db import IntegrityError, transaction

from mentora.accounts.models import User
from mentora.audit.services import audit_record
from mentora.core.exceptions import Conflict

from .access import Actor
from .models import Customer, Membership, Role, Status


def membership_snapshot(membership: Membership) -> dict[str, object]:
    return {
        "user": membership.user.email,
        "role": membership.role,
        "status": membership.status,
        "can_submit_applications": membership.can_submit_applications,
    }


def mentor_membership_create(
    *,
    actor_user: User | None,
    customer: Customer,
    user: User,
    audit_action: str,
    ip: str | None = None,
) -> Membership:
    """Make `user` an ACTIVE mentor of `customer`. The caller has already decided that
    `actor_user` may do this (direct add checks `can_manage_mentors`; accepting an invitation is
    the invitee's own act). Raises Conflict when the user already is a mentor of the customer,
    ACTIVE or INACTIVE: reactivating is an edit, not an add.

    Safe against two simultaneous calls: the unique (user, customer, role) constraint lets only
    one insert through, and the loser gets Conflict."""
    try:
        with transaction.atomic():
            membership = Membership.objects.create(
                user=user, customer=customer, role=Role.MENTOR, status=Status.ACTIVE, added_by=actor_user
            )
    except IntegrityError:
        raise Conflict(_already_mentor_message()) from None
    audit_record(
        actor=actor_user,
        action=audit_action,
        customer=customer,
        target=membership,
        after=membership_snapshot(membership),
        ip=ip,
    )
    return membership


def _already_mentor_message() -> str:
    from django.utils.translation import gettext

    return gettext("This person is already a mentor of this organization.")


__all__ = ["Actor", "membership_snapshot", "mentor_membership_create"]
