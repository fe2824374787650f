"""Link tokens: invitation links, calendar feeds, download links, anything a URL carries in place
of a session. A token has 256 random bits from `secrets`; only its SHA-256 is stored, so a copy
of the database opens nothing, and a stored hash is compared in constant time, so that timing
tells nothing about how much of a guess was right."""

import hashlib
import hmac
import secrets

TOKEN_BYTES = 32  # 256 bits; the URL-safe text is 43 characters
MAX_TOKEN_LENGTH = 128  # longer input is refused before hashing: no token is that long


def token_new() -> tuple[str, str]:
    """A fresh (token, hash). The token goes into the link and is then forgotten; store the hash."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    return token, token_hash(token)


def token_hash(token: str) -> str:
    """The SHA-256 of `token`, as 64 hex digits: what is stored and looked up."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def token_is_plausible(token: str | None) -> bool:
    """Whether `token` is worth a look-up at all (non-empty, not absurdly long)."""
    return token is not None and 0 < len(token) <= MAX_TOKEN_LENGTH


def token_matches(token: str, stored_hash: str | None) -> bool:
    """Whether `token` hashes to `stored_hash`, compared in constant time."""
    if not stored_hash:
        return False
    return hmac.compare_digest(token_hash(token), stored_hash)
