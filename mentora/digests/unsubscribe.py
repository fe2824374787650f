"""One-click unsubscribe from a digest (RFC 8058), built like the notifications' own
(mentora.notifications.unsubscribe): a signature over (user id, digest kind) with SECRET_KEY,
nothing stored, no expiry, and all it can do is turn e-mail off — here, for every kind the person
has in that digest, which stops the digest itself."""

from django.conf import settings
from django.core import signing
from django.urls import reverse

from mentora.accounts.models import User

from .models import DigestKind

_SALT = "mentora.digests.unsubscribe"


def digest_unsubscribe_url(*, user: User, kind: DigestKind | str) -> str:
    """The absolute one-click address that stops digest `kind` for `user`."""
    return settings.SITE_URL + reverse(
        "digest_unsubscribe", args=[digest_unsubscribe_token(user=user, kind=kind)]
    )


def digest_unsubscribe_token(*, user: User, kind: DigestKind | str) -> str:
    return signing.dumps([user.pk, str(kind)], salt=_SALT)


def digest_unsubscribe_token_read(token: str) -> tuple[User, DigestKind] | None:
    """The person and digest a link names, or None for a tampered or stale link (unknown kind,
    deleted or deactivated account)."""
    try:
        user_id, kind = signing.loads(token, salt=_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if kind not in DigestKind.values or not isinstance(user_id, int):
        return None
    user = User.objects.filter(pk=user_id, is_active=True).first()
    return (user, DigestKind(kind)) if user is not None else None
