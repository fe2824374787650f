"""The person's signed-in sessions (allauth.usersessions' rows): recorded at sign-in, and their
"last seen" refreshed at most every SEEN_EVERY_SECONDS, so that keeping the list costs one
UPDATE every few minutes per session rather than a write on every request. The throttle is only
a saving: with the cache unreachable, "last seen" simply waits for it to come back."""

from allauth.usersessions.models import UserSession
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone

from mentora.core.cache import fail_open
from mentora.core.net import client_ip

from .models import User

SEEN_EVERY_SECONDS = 300
# A test client's force_login has no client address; a real request always has one.
UNKNOWN_ADDRESS = "0.0.0.0"  # noqa: S104 (a value stored, not an address bound to)


def session_record(request: HttpRequest, *, user: User) -> None:
    session = getattr(request, "session", None)
    if session is None:
        return
    if not session.session_key:
        session.save()
    UserSession.objects.update_or_create(
        session_key=session.session_key,
        defaults={
            "user": user,
            "ip": client_ip(request) or UNKNOWN_ADDRESS,
            "user_agent": _user_agent(request),
            "last_seen_at": timezone.now(),
        },
    )
    fail_open(
        "session last-seen throttle", None, cache.set, _seen_key(session.session_key), 1, SEEN_EVERY_SECONDS
    )


def session_seen(request: HttpRequest) -> None:
    """Called on each signed-in request; writes only when the last write is SEEN_EVERY_SECONDS old."""
    key = request.session.session_key
    if not key or not fail_open(
        "session last-seen throttle", False, cache.add, _seen_key(key), 1, SEEN_EVERY_SECONDS
    ):
        return
    updated = UserSession.objects.filter(session_key=key).update(
        last_seen_at=timezone.now(), ip=client_ip(request) or UNKNOWN_ADDRESS, user_agent=_user_agent(request)
    )
    if not updated:
        session_record(request, user=request.user)  # type: ignore[arg-type]


def _seen_key(session_key: str) -> str:
    return f"accounts:session-seen:{session_key}"


def _user_agent(request: HttpRequest) -> str:
    return request.META.get("HTTP_USER_AGENT", "")[: UserSession._meta.get_field("user_agent").max_length]
