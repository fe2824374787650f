"""The bell's unread count, kept in the cache so that a page does not count on every view
(counted as the person signs in, then whenever it was forgotten).

A change of a person's notifications (a new one, one read, one withdrawn, one pruned unread)
forgets their count, at once and again after the transaction commits (so that a page counting in
between cannot keep a count from before the change). Since every change forgets it, the count
never expires by time: a page's queries stay the same from one view to the next (the benchmark
counts them). Only a speed-up: with the cache unreachable or the key evicted, the page counts in
the database."""

from collections.abc import Iterable

from django.core.cache import cache
from django.db import transaction

from mentora.accounts.models import User
from mentora.core.cache import fail_open

from .selectors import unread_count


def _key(user_id: int) -> str:
    return f"notifications:unread:{user_id}"


def unread_count_cached(user: User) -> int:
    """The person's unread count, from the cache when it holds it."""
    cached = fail_open("notification count", None, cache.get, _key(user.pk))
    if isinstance(cached, int):
        return cached
    count = unread_count(user)
    fail_open("notification count", None, cache.set, _key(user.pk), count, timeout=None)
    return count


def unread_count_forget(user_ids: Iterable[int]) -> None:
    """Forget these people's counts, now and once the current transaction commits."""
    keys = [_key(user_id) for user_id in set(user_ids)]
    if not keys:
        return
    fail_open("notification count", None, cache.delete_many, keys)
    transaction.on_commit(lambda: fail_open("notification count", None, cache.delete_many, keys))
