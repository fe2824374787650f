"""One-click unsubscribe (RFC 8058). Every non-security e-mail carries a link that turns e-mail
about its kind off for its recipient. The link is a signature over (user id, kind) with
SECRET_KEY: nothing is stored, it never expires (an old e-mail's link keeps working), and all it
can do is turn e-mail off; rotating SECRET_KEY without a fallback invalidates every link. Links
sent before kinds name one of the old categories and turn off each kind of that category."""

from django.conf import settings
from django.core import signing
from django.urls import reverse

from mentora.accounts.models import User

from .kinds import LEGACY_CATEGORY_KINDS, Kind

_SALT = "mentora.notifications.unsubscribe"


def unsubscribe_url(*, user: User, kind: Kind | str) -> str:
    """The absolute one-click address that turns e-mail about `kind` off for `user`."""
    token = unsubscribe_token(user=user, kind=kind)
    return settings.SITE_URL + reverse("notification_unsubscribe", args=[token])


def unsubscribe_token(*, user: User, kind: Kind | str) -> str:
    """The signed part of that address (`kind`: a kind, or one of the old categories)."""
    return signing.dumps([user.pk, str(kind)], salt=_SALT)


def unsubscribe_token_read(token: str) -> tuple[User, list[Kind]] | None:
    """The person and the kinds a link names, or None for a tampered, foreign or stale link
    (unknown kind, deleted or deactivated account)."""
    try:
        user_id, name = signing.loads(token, salt=_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(user_id, int) or not isinstance(name, str):
        return None
    if name in Kind.values:
        kinds = [Kind(name)]
    elif name in LEGACY_CATEGORY_KINDS:
        kinds = LEGACY_CATEGORY_KINDS[name]
    else:
        return None
    user = User.objects.filter(pk=user_id, is_active=True).first()
    return (user, kinds) if user is not None else None
