"""Encryption at rest for message bodies that carry a secret (an invitation link, a reset link).

Fernet (AES-128-CBC with HMAC-SHA256) with keys derived from SECRET_KEY and each of
SECRET_KEY_FALLBACKS. New bodies are encrypted with the current key; MultiFernet decrypts with
whichever key made them, so rotating SECRET_KEY (old value moved to SECRET_KEY_FALLBACKS) keeps
pending messages readable. A body made with a key that is no longer configured cannot be read:
its message fails as undecryptable rather than being sent wrong.
"""

import base64

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.utils.crypto import salted_hmac

__all__ = ["InvalidToken", "decrypt", "encrypt"]

_KEY_SALT = "mentora.mail.crypto.body"


def _fernet(secret: str) -> Fernet:
    # A key of its own for this purpose: a leak of it reveals nothing about sessions or signing.
    digest = salted_hmac(_KEY_SALT, "fernet", secret=secret, algorithm="sha256").digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def _keys() -> MultiFernet:
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return MultiFernet([_fernet(secret) for secret in secrets])


def encrypt(data: bytes) -> bytes:
    return _keys().encrypt(data)


def decrypt(token: bytes) -> bytes:
    """Raises InvalidToken when no configured key made `token` (or it was altered)."""
    return _keys().decrypt(token)
