"""Signal receivers of notifications, connected in NotificationsConfig.ready()."""

from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.http import HttpRequest

from mentora.accounts.models import User

from .counts import unread_count_cached


def count_on_sign_in(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    """Count the person's unread notifications as they sign in, so that the pages they open next
    find the bell's count in the cache."""
    unread_count_cached(user)


def connect() -> None:
    user_logged_in.connect(count_on_sign_in, dispatch_uid="notifications.count_on_sign_in")
