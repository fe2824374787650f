"""Who may see a notification: only the person it was made for. Anyone else's, and one that
does not exist, answer the same NotFound."""

from django.db.models import QuerySet

from mentora.accounts.models import User
from mentora.core.exceptions import NotFound

from .models import Notification


def notification_list_visible(*, user: User) -> QuerySet[Notification]:
    """The person's own notifications of the in-app centre."""
    return Notification.objects.filter(user=user, in_app=True)


def access_notification(*, user: User, notification_id: int | str) -> Notification:
    """One of the person's own in-app notifications; NotFound for anything else (a foreign id,
    a missing one, or one that is not a number)."""
    try:
        pk = int(notification_id)
    except (TypeError, ValueError):
        raise NotFound() from None
    found = notification_list_visible(user=user).filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return found
