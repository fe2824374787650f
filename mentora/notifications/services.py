from django.db import transaction

from mentora.accounts.models import User
from mentora.audit.services import audit_record

from .models import Category, NotificationPreference
from .selectors import email_preferences_for


@transaction.atomic
def notification_preferences_update(
    *, user: User, email_enabled: dict[str, bool], ip: str | None = None
) -> dict[str, bool]:
    """The user sets their own e-mail choices. Only known categories count; others are ignored.
    Writes one audit event when anything changed. Returns the choices now in force."""
    before = email_preferences_for(user)
    for category in Category.values:
        if category in email_enabled and bool(email_enabled[category]) != before[category]:
            NotificationPreference.objects.update_or_create(
                user=user, category=category, defaults={"email_enabled": bool(email_enabled[category])}
            )
    after = email_preferences_for(user)
    if after != before:
        audit_record(
            actor=user, action="user.notification_preferences", target=user, before=before, after=after, ip=ip
        )
    return after


def notification_unsubscribe(*, user: User, category: Category, ip: str | None = None) -> dict[str, bool]:
    """Turn e-mail about `category` off for `user`, from a one-click unsubscribe link (the link's
    signature is the permission). Audited like any other change of preferences; doing it twice
    changes nothing the second time."""
    return notification_preferences_update(user=user, email_enabled={category: False}, ip=ip)
