"""Writes of the calendar: the person's own iCalendar subscription."""

from django.db import transaction
from django.utils import timezone

from mentora.accounts.models import User
from mentora.audit.services import audit_record
from mentora.core.tokens import token_new

from ..models import CalendarFeedToken


def calendar_feed_token_regenerate(*, user: User, ip: str | None = None) -> str:
    """Make a new subscription token for `user` and return it (the only time it exists in
    clear). The old token, if any, stops working in the same transaction. 256 random bits.
    Any signed-in user may call it for themselves; audited."""
    token, hashed = token_new()
    with transaction.atomic():
        existed = CalendarFeedToken.objects.filter(user=user).exists()
        CalendarFeedToken.objects.update_or_create(
            user=user,
            defaults={"token_hash": hashed, "created_at": timezone.now(), "last_used_at": None},
        )
        audit_record(
            actor=user,
            action="calendar_feed.regenerated" if existed else "calendar_feed.created",
            target=user,
            ip=ip,
        )
    return token


def calendar_feed_token_revoke(*, user: User, ip: str | None = None) -> bool:
    """Delete the user's subscription token: its URL stops working. Returns whether one existed."""
    with transaction.atomic():
        deleted, _ = CalendarFeedToken.objects.filter(user=user).delete()
        if deleted:
            audit_record(actor=user, action="calendar_feed.revoked", target=user, ip=ip)
    return bool(deleted)
