"""The person's calendar subscription: in their export, revoked when the account is erased."""

from mentora.accounts.models import User
from mentora.core.personal_data import Identity

from .models import CalendarFeedToken


def export(user: User) -> dict[str, object]:
    return {
        "calendar_subscription": [
            {
                "created": token.created_at.isoformat(),
                "last_used": token.last_used_at.isoformat() if token.last_used_at else None,
            }
            for token in CalendarFeedToken.objects.filter(user=user)
        ]
    }


def erase(user: User, identity: Identity) -> None:
    CalendarFeedToken.objects.filter(user=user).delete()
