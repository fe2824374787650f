"""Sessions encrypted at rest. Django keeps session data signed but readable in the database
(django_session.session_data is base64 of JSON), and some flows put a secret there for a while:
allauth keeps a password-reset key in the session between opening the link and choosing the new
password. This serializer encrypts the whole session (core.crypto), so nothing in it can be read
from the database or a backup."""

from typing import Any

from django.core.signing import JSONSerializer

from .crypto import InvalidToken, decrypt, encrypt

_PURPOSE = "session"


class EncryptedJSONSerializer(JSONSerializer):
    def dumps(self, obj: Any) -> bytes:
        return encrypt(super().dumps(obj), purpose=_PURPOSE)

    def loads(self, data: bytes) -> Any:
        try:
            return super().loads(decrypt(data, purpose=_PURPOSE))
        except InvalidToken:
            # A session from before encryption, or made with a key no longer configured: it is
            # simply no longer valid, as if it had expired (the person signs in again).
            raise ValueError("undecryptable session") from None
