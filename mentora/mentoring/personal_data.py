"""Observations the person wrote (export; they stay after erasure, attributed to "Deleted
user") and their calendar subscription (revoked on erasure)."""

from mentora.accounts.models import User
from mentora.core.personal_data import Identity

from .models import CalendarFeedToken, Observation


def export(user: User) -> dict[str, object]:
    observations = (
        Observation.objects.filter(author=user).select_related("application", "event").order_by("created_at")
    )
    return {
        "observations": [
            {
                "application": observation.application.number,
                "event": observation.event.title if observation.event else None,
                "observation": observation.body,
                "written": observation.created_at.isoformat(),
            }
            for observation in observations
        ],
        "calendar_subscription": [
            {
                "created": token.created_at.isoformat(),
                "last_used": token.last_used_at.isoformat() if token.last_used_at else None,
            }
            for token in CalendarFeedToken.objects.filter(user=user)
        ],
    }


def erase(user: User, identity: Identity) -> None:
    CalendarFeedToken.objects.filter(user=user).delete()
