"""The e-mail sent to the person: its metadata in their export (never a body: bodies are dropped
once delivered, and may carry a secret until then); forgotten on erasure."""

from django.contrib.auth.base_user import AbstractBaseUser

from mentora.core.personal_data import Identity

from .selectors import messages_to_person
from .services import messages_forget_person


def export(user: AbstractBaseUser) -> dict[str, object]:
    return {
        "emails": [
            {
                "kind": message.kind,
                "to": message.recipient,
                "subject": message.subject,
                "language": message.language,
                "state": message.state,
                "created": message.created_at.isoformat(),
                "sent": message.sent_at.isoformat() if message.sent_at else None,
            }
            for message in messages_to_person(user=user)
        ]
    }


def erase(user: AbstractBaseUser, identity: Identity) -> None:
    messages_forget_person(identity=identity)
