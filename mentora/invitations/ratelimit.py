"""Two limits: invitations sent per customer per day (counted from the audit log, so every web
process and worker agrees), and wrong invitation links per client address (counted in the cache,
Redis in production)."""

from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from mentora.audit.models import AuditEvent
from mentora.core.cache import fail_open
from mentora.customers.models import Customer

SENDING_ACTIONS = ("invitation.create", "invitation.resend")
TOKEN_MISS_WINDOW_SECONDS = 15 * 60


def invitations_per_customer_per_day() -> int:
    return int(getattr(settings, "INVITATIONS_PER_CUSTOMER_PER_DAY", 200))


def token_misses_per_ip() -> int:
    return int(getattr(settings, "INVITATION_TOKEN_MISSES_PER_IP", 20))


def invitations_sent_today(customer: Customer) -> int:
    """Invitations and resends for `customer` in the last 24 hours."""
    since = timezone.now() - timedelta(days=1)
    return AuditEvent.objects.filter(
        customer=customer, action__in=SENDING_ACTIONS, created_at__gte=since
    ).count()


def invitations_left_today(customer: Customer) -> int:
    return max(0, invitations_per_customer_per_day() - invitations_sent_today(customer))


def invitations_retry_after(customer: Customer) -> int:
    """Seconds until the oldest sending of the last 24 hours leaves the window."""
    now = timezone.now()
    oldest = (
        AuditEvent.objects.filter(
            customer=customer, action__in=SENDING_ACTIONS, created_at__gte=now - timedelta(days=1)
        )
        .order_by("created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    if oldest is None:
        return 1
    return max(1, int((oldest + timedelta(days=1) - now).total_seconds()))


def token_guessing_retry_after() -> int:
    """Seconds until the current 15-minute window of wrong links ends."""
    return TOKEN_MISS_WINDOW_SECONDS - int(timezone.now().timestamp()) % TOKEN_MISS_WINDOW_SECONDS


def _miss_key(ip: str | None) -> str:
    # Fixed windows counted from the epoch: every process agrees on them, and they follow our
    # clock rather than the cache server's (Redis expires keys on its own clock).
    window = int(timezone.now().timestamp()) // TOKEN_MISS_WINDOW_SECONDS
    return f"invitations:token-miss:{ip or 'unknown'}:{window}"


def token_guessing_blocked(ip: str | None) -> bool:
    """Fails open when the cache is unreachable: a valid link is never refused for an outage
    (guessing a 256-bit link is hopeless anyway)."""
    misses = fail_open("invitation link misses", 0, cache.get, _miss_key(ip), 0)
    return int(misses) >= token_misses_per_ip()


def token_miss_record(ip: str | None) -> None:
    """Count one link that matched no invitation in the current 15-minute window (best effort:
    nothing is counted while the cache is unreachable)."""
    fail_open("invitation link misses", None, _token_miss_count, ip)


def _token_miss_count(ip: str | None) -> None:
    key = _miss_key(ip)
    cache.add(key, 0, timeout=2 * TOKEN_MISS_WINDOW_SECONDS)
    try:
        cache.incr(key)
    except ValueError:
        # The entry was evicted between add() and incr().
        cache.set(key, 1, timeout=2 * TOKEN_MISS_WINDOW_SECONDS)
