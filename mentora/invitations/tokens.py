"""Invitation link tokens: 256 random bits from `secrets`, of which only a SHA-256 hash is stored."""

import hashlib
import hmac
import secrets

TOKEN_BYTES = 32


def token_new() -> tuple[str, str]:
    """A fresh (token, hash). The token goes into the e-mail's link and is then forgotten."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    return token, token_hash(token)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def token_matches(token: str, stored_hash: str | None) -> bool:
    """Constant-time comparison, so that timing tells nothing about how much of a guess was right."""
    if not stored_hash:
        return False
    return hmac.compare_digest(token_hash(token), stored_hash)
