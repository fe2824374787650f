"""Notification preferences in the person's export (the in-app notifications add theirs here
once they exist); removed when the account is erased."""

from mentora.accounts.models import User
from mentora.core.personal_data import Identity

from .models import NotificationPreference


def export(user: User) -> dict[str, object]:
    preferences = NotificationPreference.objects.filter(user=user).order_by("category")
    return {
        "notifications": {
            "preferences": [
                {"category": preference.category, "email": preference.email_enabled}
                for preference in preferences
            ],
        }
    }


def erase(user: User, identity: Identity) -> None:
    NotificationPreference.objects.filter(user=user).delete()
