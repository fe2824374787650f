"""Invitations sent to the person: in their export; canceled and forgotten on erasure."""

from mentora.accounts.models import User
from mentora.core.personal_data import Identity

from .models import Invitation
from .services import invitations_end_for_erasure


def export(user: User) -> dict[str, object]:
    invitations = Invitation.objects.filter(email=user.email).select_related("customer").order_by("sent_at")
    return {
        "invitations": [
            {
                "customer": invitation.customer.name,
                "role": invitation.role,
                "status": invitation.status,
                "sent": invitation.sent_at.isoformat(),
                "expires": invitation.expires_at.isoformat(),
                "accepted": invitation.accepted_at.isoformat() if invitation.accepted_at else None,
            }
            for invitation in invitations
        ]
    }


def erase(user: User, identity: Identity) -> None:
    invitations_end_for_erasure(email=identity.email, replacement=identity.replacement)
