"""A person's notification choices and notifications in their export; removed when the account
is erased."""

from mentora.accounts.models import User
from mentora.core.personal_data import Identity

from .models import Notification, NotificationSetting


def export(user: User) -> dict[str, object]:
    settings = NotificationSetting.objects.filter(user=user).order_by("kind")
    notifications = Notification.objects.filter(user=user).order_by("created_at", "pk")
    return {
        "notifications": {
            "settings": [
                {"kind": setting.kind, "email": setting.email, "in_app": setting.in_app}
                for setting in settings
            ],
            "received": [
                {
                    "kind": notification.kind,
                    "text": notification.text,
                    "url": notification.url,
                    "created_at": notification.created_at.isoformat(),
                    "read_at": notification.read_at.isoformat() if notification.read_at else None,
                }
                for notification in notifications
            ],
        }
    }


def erase(user: User, identity: Identity) -> None:
    NotificationSetting.objects.filter(user=user).delete()
    Notification.objects.filter(user=user).delete()
