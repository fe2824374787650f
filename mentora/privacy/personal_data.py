"""The browsers a person has signed in from (known devices) in their export; removed when the
account is erased. The export holds no token: only its hash is stored, and that is not shown."""

from mentora.accounts.models import User
from mentora.core.personal_data import Identity

from .models import KnownDevice


def export(user: User) -> dict[str, object]:
    return {
        "known_devices": [
            {
                "browser": device.user_agent,
                "first_sign_in": device.first_seen_at.isoformat(),
                "last_sign_in": device.last_seen_at.isoformat(),
            }
            for device in KnownDevice.objects.filter(user=user).order_by("first_seen_at", "pk")
        ]
    }


def erase(user: User, identity: Identity) -> None:
    KnownDevice.objects.filter(user=user).delete()
