"""The audit events about the person, for their export. (Erasure scrubs the trail last of all,
with `audit_scrub`, once every other app's part has written its own events.)"""

from django.contrib.auth.base_user import AbstractBaseUser

from .models import AuditEvent
from .selectors import audit_events_about


def export(user: AbstractBaseUser) -> dict[str, object]:
    return {"audit_events": [_event(event, user) for event in audit_events_about(user=user)]}


def _event(event: AuditEvent, user: AbstractBaseUser) -> dict[str, object]:
    # Who made a change is told only as "you" or "someone else": the export carries no other
    # person's data.
    return {
        "time": event.created_at.isoformat(),
        "action": event.action,
        "by_you": event.actor_id == user.pk,
        "customer": event.customer.name if event.customer else None,
        "before": event.before,
        "after": event.after,
        "client_address": event.ip if event.actor_id == user.pk else None,
    }
