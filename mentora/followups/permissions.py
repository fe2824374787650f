"""What a visible thread lets someone do, as questions. Templates ask them to hide controls; the
services ask them again and refuse with PermissionDenied."""

import datetime
import math

from django.utils import timezone

from mentora.applications.models import Application
from mentora.customers.access import Actor

from .access import application_list_for_professional
from .models import Comment

# How long the author of a comment may still edit or delete it.
COMMENT_EDIT_WINDOW = datetime.timedelta(minutes=15)


def can_create_followup(actor: Actor, application: Application) -> bool:
    """Provider staff start threads: system administrators on any application, professionals on
    the applications they see as professionals (one query for a professional)."""
    if actor.is_system_admin:
        return True
    if not actor.is_professional:
        return False
    return application_list_for_professional(actor=actor).filter(pk=application.pk).exists()


def can_pin_comment(actor: Actor) -> bool:
    return actor.is_system_admin or actor.is_professional


def can_change_comment(actor: Actor, comment: Comment, *, now: datetime.datetime | None = None) -> bool:
    """Authors edit or delete their own comments for COMMENT_EDIT_WINDOW after writing them."""
    now = now or timezone.now()
    return comment.author_id == actor.user.pk and now - comment.created_at <= COMMENT_EDIT_WINDOW


def comment_edit_minutes_left(comment: Comment, *, now: datetime.datetime | None = None) -> int:
    """Whole minutes (rounded up) left in the comment's edit window; 0 once it has closed."""
    left = comment.created_at + COMMENT_EDIT_WINDOW - (now or timezone.now())
    return max(0, math.ceil(left.total_seconds() / 60))
