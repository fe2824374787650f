"""Encryption at rest with keys derived from SECRET_KEY (and SECRET_KEY_FALLBACKS, so rotating
the key keeps old data readable while the old key is listed there).

Fernet (AES-128-CBC with HMAC-SHA256), one derived key per purpose: a leak of one purpose's key
says nothing about another's, nor about Django's signing. New data is encrypted with the current
SECRET_KEY; MultiFernet decrypts with whichever configured key made it. Data made with a key that
is no longer configured cannot be read (InvalidToken)."""

import base64

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.utils.crypto import salted_hmac

__all__ = ["InvalidToken", "decrypt", "encrypt"]


def _fernet(secret: str, purpose: str) -> Fernet:
    digest = salted_hmac(
        f"mentora.core.crypto.{purpose}", "fernet", secret=secret, algorithm="sha256"
    ).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def _keys(purpose: str) -> MultiFernet:
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return MultiFernet([_fernet(secret, purpose) for secret in secrets])


def encrypt(data: bytes, *, purpose: str) -> bytes:
    return _keys(purpose).encrypt(data)


def decrypt(token: bytes, *, purpose: str) -> bytes:
    """Raises InvalidToken when no configured key made `token` for `purpose` (or it was altered)."""
    return _keys(purpose).decrypt(token)
