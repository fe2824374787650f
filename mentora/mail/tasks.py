import logging

from django_tasks import task

from .delivery import message_deliver, messages_claim_due, messages_fail_interrupted, messages_prune

logger = logging.getLogger(__name__)


@task()
def deliver_message(*, message_id: int) -> None:
    """Send one outgoing message. Its only argument is the row's id: nothing of the message (and
    so no secret) ever sits in the task queue or its results."""
    message_deliver(message_id=message_id)


def enqueue_delivery(message_id: int) -> bool:
    """Put the delivery of one message on the task queue. A queue that cannot be reached (Redis
    down) loses nothing: the row is durable and the sweep enqueues it again later. So this fails
    open and never raises into the request that caused the e-mail."""
    try:
        deliver_message.enqueue(message_id=message_id)
    except Exception:
        logger.warning(
            "Could not enqueue delivery of message %s; the sweep will retry", message_id, exc_info=True
        )
        return False
    return True


@task()
def enqueue_due_messages() -> int:
    """Periodic: enqueue the delivery of every due message (retries whose time has come, and any
    whose first enqueue was lost), and fail those whose worker died mid-attempt."""
    messages_fail_interrupted()
    ids = messages_claim_due()
    for message_id in ids:
        enqueue_delivery(message_id)
    return len(ids)


@task()
def prune_messages() -> int:
    """Periodic: forget finished messages after MAIL_RETENTION_DAYS."""
    return messages_prune()
