from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Count, Q, QuerySet

from mentora.core.exceptions import NotFound

from .models import Message, State


def message_list(*, state: str = "") -> QuerySet[Message]:
    """Outgoing messages, newest first, optionally in one state. The caller has checked
    `can_manage_outgoing_mail`. Bodies are deferred: the staff page never shows one."""
    messages = Message.objects.defer("body").select_related("user")
    if state in State.values:
        messages = messages.filter(state=state)
    return messages


def message_counts() -> dict[str, int]:
    """How many messages are in each state (every state present, zero included)."""
    counted = dict(Message.objects.values_list("state").annotate(n=Count("pk")).values_list("state", "n"))
    return {state: counted.get(state, 0) for state in State.values}


def message_get(*, message_id: int) -> Message:
    message = Message.objects.defer("body").filter(pk=message_id).first()
    if message is None:
        raise NotFound()
    return message


def messages_to_person(*, user: AbstractBaseUser) -> QuerySet[Message]:
    """The messages sent to the person's account or to its current address, oldest first, for
    their data export. Bodies are deferred."""
    email = getattr(user, user.get_email_field_name(), "")
    return (
        Message.objects.defer("body")
        .filter(Q(user_id=user.pk) | Q(recipient__iexact=email))
        .order_by("created_at", "pk")
    )
