import datetime

from django.db.models import QuerySet

from mentora.accounts.models import User

from .access import notification_list_visible
from .kinds import DEFAULT_EMAIL, DEFAULT_IN_APP, EmailChoice, Kind
from .models import Notification, NotificationSetting


def settings_for(user: User) -> dict[Kind, tuple[EmailChoice, bool]]:
    """Every kind with the person's (e-mail choice, in-app on), defaults where they chose
    nothing, in Kind order."""
    stored = {
        row.kind: (EmailChoice(row.email), row.in_app)
        for row in NotificationSetting.objects.filter(user=user)
    }
    return {kind: stored.get(kind, (DEFAULT_EMAIL[kind], DEFAULT_IN_APP[kind])) for kind in Kind}


def setting_of(user: User, kind: Kind) -> tuple[EmailChoice, bool]:
    """The person's (e-mail choice, in-app on) for one kind."""
    row = NotificationSetting.objects.filter(user=user, kind=kind).values_list("email", "in_app").first()
    if row is None:
        return DEFAULT_EMAIL[kind], DEFAULT_IN_APP[kind]
    return EmailChoice(row[0]), row[1]


def unread_count(user: User) -> int:
    """How many of the person's in-app notifications are unread (one indexed count)."""
    return notification_list_visible(user=user).filter(read_at__isnull=True).count()


def notification_list_for(
    *, user: User, kind: Kind | None = None, unread_only: bool = False
) -> QuerySet[Notification]:
    """The person's in-app notifications, newest first, of one kind when given, only the unread
    ones when asked (through the (user, -created_at) index)."""
    notifications = notification_list_visible(user=user)
    if kind is not None:
        notifications = notifications.filter(kind=kind)
    if unread_only:
        notifications = notifications.filter(read_at__isnull=True)
    return notifications.order_by("-created_at", "-pk")


def digest_items(user: User, choice: EmailChoice, until: datetime.datetime) -> QuerySet[Notification]:
    """The person's notifications waiting for their `choice` digest (DAILY or WEEKLY), created
    before `until`, oldest first."""
    return Notification.objects.filter(
        user=user, email=choice, digested_at__isnull=True, created_at__lt=until
    ).order_by("created_at", "pk")
