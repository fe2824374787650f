from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Q, QuerySet

from .models import AuditEvent

MEMBERSHIP_LABEL = "customers.Membership"


def audit_events_about(*, user: AbstractBaseUser) -> QuerySet[AuditEvent]:
    """The events about a person's own profile and memberships (including memberships since
    removed, whose events name the person's address), newest first, whoever made the change.
    Starts from the person's own rows through the (target_type, target_id) index."""
    membership_ids = [str(pk) for pk in user.memberships.values_list("pk", flat=True)]  # type: ignore[attr-defined]
    about = Q(target_type=get_user_model()._meta.label, target_id=str(user.pk)) | Q(
        target_type=MEMBERSHIP_LABEL, target_id__in=membership_ids
    )
    removed = Q(target_type=MEMBERSHIP_LABEL, action="membership.remove", before__user=user.email)  # type: ignore[attr-defined]
    return (
        AuditEvent.objects.filter(about | removed)
        .select_related("actor", "customer")
        .order_by("-created_at", "-pk")
    )
