"""One-click unsubscribe (RFC 8058). Every non-security e-mail carries a link that turns its
category off for its recipient. The link is a signature over (user id, category) with
SECRET_KEY: nothing is stored, it never expires (an old e-mail's link keeps working), and all it
can do is turn e-mail off; rotating SECRET_KEY without a fallback invalidates every link."""

from django.conf import settings
from django.core import signing
from django.urls import reverse

from mentora.accounts.models import User

from .models import Category

_SALT = "mentora.notifications.unsubscribe"


def unsubscribe_url(*, user: User, category: Category | str = "", kind: str = "") -> str:
    """The absolute one-click address that turns e-mail about `kind` (or `category`) off for `user`."""
    token = unsubscribe_token(user=user, category=kind or category)
    return settings.SITE_URL + reverse("notification_unsubscribe", args=[token])


def unsubscribe_token(*, user: User, category: Category | str) -> str:
    """The signed part of that address."""
    return signing.dumps([user.pk, str(category)], salt=_SALT)


def unsubscribe_token_read(token: str) -> tuple[User, Category] | None:
    """The person and category a link names, or None for a tampered, foreign or stale link
    (unknown category, deleted or deactivated account)."""
    try:
        user_id, category = signing.loads(token, salt=_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if category not in Category.values or not isinstance(user_id, int):
        return None
    user = User.objects.filter(pk=user_id, is_active=True).first()
    return (user, Category(category)) if user is not None else None
