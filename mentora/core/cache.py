"""What happens when the cache (Redis in production) cannot be reached while running.

Each use decides, and the README lists the decisions:

- By default a request that needs the cache fails closed, with a 503 "try again in a moment"
  page (CacheOutageMiddleware), never a 500. That covers the sign-in lockout and the password
  reset limit (allauth keeps both in the cache): while Redis is down, nobody can guess passwords
  unthrottled, and people already signed in keep working (sessions live in the database).
- Uses that must not turn a cache outage into a refusal say so with `fail_open`: the limit on
  unknown invitation links (never refuse a valid link) and anything that is only a speed-up.
- The scheduler's claims fail closed: no claim, no enqueue; it tries again on its next tick.
"""

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

T = TypeVar("T")

# What the cache client raises when Redis is down, unreachable or too slow to answer.
CACHE_ERRORS: tuple[type[BaseException], ...] = (RedisError,)


def fail_open(use: str, default: T, call: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """`call(*args, **kwargs)`, or `default` when the cache cannot be reached (logged, naming `use`)."""
    try:
        return call(*args, **kwargs)
    except CACHE_ERRORS as error:
        logger.warning("Cache unreachable (%s), failing open: %s", use, error)
        return default
