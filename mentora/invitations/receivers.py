"""What the invitations app does when an app below it, which cannot call it, says something happened."""

from typing import Any

from mentora.accounts.models import User
from mentora.customers import signals as customer_signals
from mentora.customers.models import Membership

from .services import invitations_close_for_direct_add


def connect() -> None:
    customer_signals.mentor_added_directly.connect(
        _mentor_added_directly, sender=Membership, dispatch_uid="invitations.mentor_added_directly"
    )


def _mentor_added_directly(
    sender: type[Membership], *, membership: Membership, actor_user: User | None, ip: str | None, **_: Any
) -> None:
    invitations_close_for_direct_add(membership=membership, actor_user=actor_user, ip=ip)
