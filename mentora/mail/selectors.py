from django.db.models import Count, QuerySet

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
