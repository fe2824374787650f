"""Every write to follow-up threads and their comments: atomic, permission-checked, audited, with
e-mail queued for after the commit.

Callers load threads and comments through `mentora.followups.access` first; the services check
again that the actor may see them (NotFound) and may do the action (PermissionDenied)."""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from mentora.accounts.models import User
from mentora.applications.models import Application, Attendee
from mentora.audit.services import audit_record
from mentora.core.exceptions import InvalidInput, NotFound, PermissionDenied
from mentora.core.numbers import grouped
from mentora.customers.access import Actor
from mentora.customers.models import Membership
from mentora.customers.permissions import require
from mentora.notifications.kinds import Kind as NotificationKind
from mentora.notifications.services import notify

from . import permissions
from .access import followup_list_visible
from .models import Comment, FollowUp, FollowUpSeen
from .selectors import followup_assignable_mentors, followup_linkable_attendees, followup_participant_users

MAX_TOPIC_LENGTH = 200
MAX_COMMENT_LENGTH = 10_000


def validate_comment_body(body: str) -> str:
    """The cleaned body, or InvalidInput with a message meant for the comment field."""
    body = (body or "").strip()
    if not body:
        raise InvalidInput(_("Write a comment before sending it."))
    if len(body) > MAX_COMMENT_LENGTH:
        raise InvalidInput(
            _("A comment can be at most %(max)s characters long (this one has %(count)s).")
            % {"max": grouped(MAX_COMMENT_LENGTH), "count": grouped(len(body))}
        )
    return body


def followup_snapshot(followup: FollowUp) -> dict[str, object]:
    return {
        "topic": followup.topic,
        "application": followup.application.number,
        "include_customer_admins": followup.include_customer_admins,
        "mentors": sorted(m.user.email for m in followup.mentors.select_related("user")),
        "attendees": sorted(a.pk for a in followup.attendees.all()),
    }


def followup_create(
    *,
    actor: Actor,
    application: Application,
    topic: str,
    attendees: list[Attendee],
    include_customer_admins: bool,
    mentors: list[Membership],
    ip: str | None = None,
) -> FollowUp:
    """Start a thread on `application`.

    Who may call: a system administrator, or a professional on an application they see as a
    professional (`permissions.can_create_followup`); anyone else gets PermissionDenied (the view
    has already answered NotFound to those who cannot see the application). `attendees` must be
    attendees of the application and `mentors` currently assigned ACTIVE mentors of it, otherwise
    InvalidInput. An empty `mentors` means "mentors: no". Locks nothing: a new row races with
    nothing. Audits "followup.create" and e-mails the participants after the commit."""
    require(permissions.can_create_followup(actor, application))
    topic = (topic or "").strip()
    if not topic:
        raise InvalidInput(_("Give the follow-up a topic."))
    if len(topic) > MAX_TOPIC_LENGTH:
        raise InvalidInput(_("A topic can be at most %(max)d characters long.") % {"max": MAX_TOPIC_LENGTH})
    allowed_attendees = set(followup_linkable_attendees(application=application).values_list("pk", flat=True))
    if any(attendee.pk not in allowed_attendees for attendee in attendees):
        raise InvalidInput(_("Only attendees of this application can be linked."))
    allowed_mentors = set(followup_assignable_mentors(application=application).values_list("pk", flat=True))
    if any(membership.pk not in allowed_mentors for membership in mentors):
        raise InvalidInput(_("Only mentors currently assigned to this application can take part."))
    with transaction.atomic():
        followup = FollowUp.objects.create(
            application=application,
            topic=topic,
            created_by=actor.user,
            include_customer_admins=include_customer_admins,
        )
        followup.attendees.set(attendees)
        followup.mentors.set(mentors)
        audit_record(
            actor=actor.user,
            action="followup.create",
            customer=application.customer,
            target=followup,
            after=followup_snapshot(followup),
            ip=ip,
        )
        _notify_followup_created(followup, actor=actor.user)
    return followup


def _require_visible(actor: Actor, followup: FollowUp) -> None:
    if not followup_list_visible(actor=actor).filter(pk=followup.pk).exists():
        raise NotFound()


def comment_create(*, actor: Actor, followup: FollowUp, body: str, ip: str | None = None) -> Comment:
    """Add a comment to a thread. Who may call: anyone who may see the thread (its participants:
    staff, the customer's admins when included, the selected mentors); others get NotFound.
    Raises InvalidInput for an empty or too long body. Locks the thread row so that
    `last_comment_at` only moves forward. Audits "followup.comment_create" and e-mails the other
    participants who want e-mail about follow-up comments, after the commit."""
    _require_visible(actor, followup)
    body = validate_comment_body(body)
    with transaction.atomic():
        FollowUp.objects.select_for_update().filter(pk=followup.pk).first()
        comment = Comment.objects.create(followup=followup, author=actor.user, body=body)
        FollowUp.objects.filter(pk=followup.pk).update(last_comment_at=comment.created_at)
        followup.last_comment_at = comment.created_at
        # The author has read everything up to their own comment.
        followup_mark_seen(user=actor.user, followup=followup, now=comment.created_at)
        audit_record(
            actor=actor.user,
            action="followup.comment_create",
            customer=followup.application.customer,
            target=comment,
            after={"followup": followup.pk, "body": body},
            ip=ip,
        )
        _notify_comment(comment, actor=actor.user, edited=False)
    return comment


def _locked_changeable_comment(actor: Actor, comment: Comment) -> Comment:
    _require_visible(actor, comment.followup)
    locked = (
        Comment.objects.select_for_update()
        .select_related("followup__application__customer")
        .get(pk=comment.pk)
    )
    if not permissions.can_change_comment(actor, locked):
        raise PermissionDenied(
            _("You can edit or delete your own comments only during the first %(minutes)d minutes.")
            % {"minutes": int(permissions.COMMENT_EDIT_WINDOW.total_seconds() // 60)}
        )
    return locked


@transaction.atomic
def comment_update(*, actor: Actor, comment: Comment, body: str, ip: str | None = None) -> Comment:
    """Edit one's own comment. Who may call: its author, within COMMENT_EDIT_WINDOW of writing it,
    while they still see the thread; after that PermissionDenied. Locks the comment row (two edits
    at once apply one after the other). Raises InvalidInput for an empty or too long body. Marks
    the comment edited and audits "followup.comment_update" with the text before and after."""
    comment = _locked_changeable_comment(actor, comment)
    body = validate_comment_body(body)
    before = comment.body
    if body == before:
        return comment
    comment.body = body
    comment.edited_at = timezone.now()
    comment.save(update_fields=["body", "edited_at"])
    audit_record(
        actor=actor.user,
        action="followup.comment_update",
        customer=comment.followup.application.customer,
        target=comment,
        before={"body": before},
        after={"body": body},
        ip=ip,
    )
    _notify_comment(comment, actor=actor.user, edited=True)
    return comment


@transaction.atomic
def comment_delete(*, actor: Actor, comment: Comment, ip: str | None = None) -> None:
    """Delete one's own comment. Who may call: as for `comment_update` (author, within the edit
    window), else PermissionDenied. Locks the comment row, then moves the thread's
    `last_comment_at` back to its newest remaining comment. Audits "followup.comment_delete" with
    the deleted text."""
    comment = _locked_changeable_comment(actor, comment)
    followup = comment.followup
    audit_record(
        actor=actor.user,
        action="followup.comment_delete",
        customer=followup.application.customer,
        target=comment,
        before={"followup": followup.pk, "body": comment.body},
        ip=ip,
    )
    comment.delete()
    newest = Comment.objects.filter(followup=followup).aggregate(newest=Max("created_at"))["newest"]
    FollowUp.objects.filter(pk=followup.pk).update(last_comment_at=newest)


@transaction.atomic
def comment_pin_set(*, actor: Actor, comment: Comment, pinned: bool, ip: str | None = None) -> Comment:
    """Pin or unpin a comment. Who may call: provider staff who see the thread
    (`permissions.can_pin_comment`); participants who are not staff get PermissionDenied, anyone
    else NotFound. Audits "followup.comment_pin" or "followup.comment_unpin" when it changes."""
    _require_visible(actor, comment.followup)
    require(permissions.can_pin_comment(actor))
    if comment.pinned == pinned:
        return comment
    comment.pinned = pinned
    comment.save(update_fields=["pinned"])
    audit_record(
        actor=actor.user,
        action="followup.comment_pin" if pinned else "followup.comment_unpin",
        customer=comment.followup.application.customer,
        target=comment,
        before={"pinned": not pinned},
        after={"pinned": pinned},
        ip=ip,
    )
    return comment


def followup_mark_seen(*, user: User, followup: FollowUp, now: datetime.datetime | None = None) -> None:
    """Record that `user` has read `followup` up to `now`. The caller has shown them the thread.
    Not audited: reading is not a change. Two simultaneous first reads both end with one row
    (the unique constraint lets one insert through; the other updates)."""
    now = now or timezone.now()
    updated = FollowUpSeen.objects.filter(followup=followup, user=user, seen_at__lt=now).update(seen_at=now)
    if updated:
        return
    try:
        with transaction.atomic():
            FollowUpSeen.objects.get_or_create(followup=followup, user=user, defaults={"seen_at": now})
    except IntegrityError:
        FollowUpSeen.objects.filter(followup=followup, user=user, seen_at__lt=now).update(seen_at=now)


def _notify_followup_created(followup: FollowUp, *, actor: User) -> None:
    """Tell the thread's participants but its creator about a new follow-up."""
    names = {"topic": followup.topic, "number": followup.application.number}
    notify(
        recipients=followup_participant_users(followup=followup),
        kind=NotificationKind.FOLLOWUP_CREATED,
        actor=actor,
        url=reverse("followup_detail", args=[followup.pk]),
        text=lambda: _("New follow-up on %(number)s: %(topic)s") % names,
        email="followup-created",
        context={"followup": followup},
    )


def _notify_comment(comment: Comment, *, actor: User, edited: bool) -> None:
    """Tell the thread's participants but the author about a new or edited comment. An edit
    made while the notification of the comment is still unread tells nobody again (one key per
    comment)."""
    followup = comment.followup
    names = {"author": actor.get_full_name(), "topic": followup.topic}

    def text() -> str:
        if edited:
            return _("%(author)s edited a comment in “%(topic)s”") % names
        return _("%(author)s commented in “%(topic)s”") % names

    notify(
        recipients=followup_participant_users(followup=followup),
        kind=NotificationKind.FOLLOWUP_COMMENT,
        actor=actor,
        url=reverse("followup_detail", args=[followup.pk]) + f"#comment-{comment.pk}",
        text=text,
        email="followup-comment",
        context={"followup": followup, "comment": comment, "edited": edited},
        key=f"followup-comment:{comment.pk}",
    )
