from collections.abc import Callable
from functools import cache
from typing import Any

from django.http import HttpRequest

from .counts import unread_count_cached


def notification_bell(request: HttpRequest) -> dict[str, Any]:
    """The signed-in person's unread count for the bell in the header, looked up only when a
    template shows it (from the cache; one query when the cache does not hold it)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    count: Callable[[], int] = cache(lambda: unread_count_cached(user))
    return {"notification_unread_count": count}
