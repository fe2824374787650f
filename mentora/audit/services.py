import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.db.models import Q
from django.utils import timezone

from mentora.core.personal_data import Identity

from .models import AuditEvent


def audit_record(
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    action: str,
    customer: models.Model | None = None,
    target: models.Model | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    ip: str | None = None,
) -> AuditEvent:
    """Write one audit event. Call it inside the transaction of the change it records, so that
    the change and its record stand or fall together. Every app writes audit events, so this
    one imports none of them: `actor` is the user (or None for the system), `customer` the
    customer the change belongs to."""
    return AuditEvent.objects.create(
        actor_id=actor.pk if actor is not None and actor.is_authenticated else None,
        customer_id=customer.pk if customer is not None else None,
        action=action,
        target_type=target._meta.label if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:255] if target is not None else "",
        before=before,
        after=after,
        ip=ip,
    )


def audit_scrub(*, identity: Identity) -> int:
    """Take a person's personal data out of the audit trail once their account is erased: in
    every event they made, that is about their account, or that names their address, full name
    or phone, each copy of those (and of their first and last name) in the target and
    before/after becomes `identity.replacement`, and the client address of what they did
    themselves is dropped. The events themselves stay (who changed what, when), attributed to
    the anonymised account.

    Who: account erasure (mentora.privacy), inside its transaction. Reads every event that
    mentions the person; erasure is rare and runs in the background. Returns how many changed."""
    user_label = get_user_model()._meta.label
    mentions = Q(actor_id=identity.user_id) | Q(target_type=user_label, target_id=str(identity.user_id))
    for value in identity.locators:
        mentions |= Q(target_repr__icontains=value) | Q(before__icontains=value) | Q(after__icontains=value)
    changed = 0
    for event in AuditEvent.objects.select_for_update().filter(mentions).iterator():
        event.target_repr = _scrub(event.target_repr, identity)
        event.before = _scrub(event.before, identity)
        event.after = _scrub(event.after, identity)
        if event.actor_id == identity.user_id:
            event.ip = None
        event.save(update_fields=["target_repr", "before", "after", "ip"])
        changed += 1
    return changed


def audit_prune(*, now: datetime.datetime | None = None) -> int:
    """Delete audit events older than AUDIT_RETENTION_DAYS. Idempotent; the periodic job calls
    it daily. Returns how many were deleted."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.AUDIT_RETENTION_DAYS)
    deleted, _per_model = AuditEvent.objects.filter(created_at__lt=cutoff).delete()
    return deleted


def _scrub(value: Any, identity: Identity) -> Any:
    if isinstance(value, str):
        return identity.scrub(value)
    if isinstance(value, dict):
        return {key: _scrub(item, identity) for key, item in value.items()}
    if isinstance(value, list):
        return [_scrub(item, identity) for item in value]
    return value
