"""Every change to completion: atomic, permission-checked, audited, and the learners' mentors
told by e-mail once the change commits."""

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mentora.accounts.models import User
from mentora.applications.models import ApplicationAttendee, MentorAssignment
from mentora.audit.services import audit_record
from mentora.core.exceptions import InvalidInput, PermissionDenied
from mentora.core.numbers import grouped
from mentora.customers.access import Actor
from mentora.customers.models import Role, Status
from mentora.notifications.kinds import Kind as NotificationKind
from mentora.notifications.services import notify

from .access import application_tracks_completion
from .models import Completion, CompletionChange, CompletionStatus
from .permissions import can_set_completion

MAX_COMMENT_LENGTH = 1000


@dataclass(frozen=True)
class CompletionChangeNotice:
    """One learner's change, as the mentors' e-mail tells it."""

    participation: ApplicationAttendee
    before: str
    after: str
    on: datetime.date | None
    comment: str


def _state(completion: Completion | None) -> dict[str, Any] | None:
    if completion is None:
        return None
    return {
        "status": completion.status,
        "on": completion.on.isoformat() if completion.on else None,
        "comment": completion.comment,
    }


def completion_set(
    *,
    actor: Actor,
    participations: Sequence[ApplicationAttendee],
    status: str,
    on: datetime.date | None = None,
    comment: str = "",
    ip: str | None = None,
) -> int:
    """Set the completion status of one learner or several at once (same status, date and
    comment for each). `on` defaults to today (none for "not started"); it cannot lie in the
    future. Learners whose completion already reads exactly so are left alone. Returns how many
    changed.

    Who: for each participation, the course instance's professional (course application), the
    on-request application's professional, or a system administrator (PermissionDenied
    otherwise); the participation must have a completion status (InvalidInput otherwise). Locks
    the participations' rows (select_for_update) so that two people setting the same learners
    at once keep a correct history. Each change is kept as a CompletionChange and audited
    ("completion.set", one event per learner, with before and after); the learners' active
    mentors who want e-mail about completion get one e-mail each, listing their learners."""
    if status not in CompletionStatus.values:
        raise InvalidInput(_("Choose a completion status from the list."))
    comment = (comment or "").strip()
    if len(comment) > MAX_COMMENT_LENGTH:
        raise InvalidInput(
            _("A comment can be at most %(max)s characters long.") % {"max": grouped(MAX_COMMENT_LENGTH)}
        )
    today = timezone.localdate()
    if on is None and status != CompletionStatus.NOT_STARTED:
        on = today
    if on is not None and on > today:
        raise InvalidInput(_("The date cannot be in the future."))
    if not participations:
        raise InvalidInput(_("Choose at least one learner."))
    ids = sorted({p.pk for p in participations})
    with transaction.atomic():
        locked = list(
            ApplicationAttendee.objects.select_for_update(of=("self",))
            .filter(pk__in=ids)
            .select_related(
                "attendee", "application__customer", "application__service", "application__course_instance"
            )
            .order_by("pk")
        )
        if len(locked) != len(ids):
            raise InvalidInput(_("The list of learners is out of date. Reload the page and try again."))
        for participation in locked:
            application = participation.application
            if not can_set_completion(actor, application):
                raise PermissionDenied(_("You cannot set the completion of these learners."))
            if not participation.participating or not application_tracks_completion(application):
                raise InvalidInput(
                    _("%(name)s has no completion status on %(number)s.")
                    % {"name": participation.attendee.full_name, "number": application.number}
                )
        existing = {c.participation_id: c for c in Completion.objects.filter(participation_id__in=ids)}
        now = timezone.now()
        changes: list[CompletionChange] = []
        notices: list[CompletionChangeNotice] = []
        after = {"status": status, "on": on.isoformat() if on else None, "comment": comment}
        for participation in locked:
            completion = existing.get(participation.pk)
            before = _state(completion)
            if before == after:
                continue
            if completion is None:
                completion = Completion(participation=participation)
            completion.status, completion.on, completion.comment = status, on, comment
            completion.updated_by, completion.updated_at = actor.user, now
            completion.save()
            changes.append(
                CompletionChange(
                    completion=completion, changed_by=actor.user, changed_at=now, before=before, after=after
                )
            )
            notices.append(
                CompletionChangeNotice(
                    participation=participation,
                    before=before["status"] if before else CompletionStatus.NOT_STARTED,
                    after=status,
                    on=on,
                    comment=comment,
                )
            )
            audit_record(
                actor=actor.user,
                action="completion.set",
                customer=participation.application.customer,
                target=completion,
                before=before,
                after={
                    **after,
                    "attendee": participation.attendee_id,
                    "application": participation.application.number,
                },
                ip=ip,
            )
        CompletionChange.objects.bulk_create(changes)
        _notify_mentors(notices, exclude=actor.user)
    return len(changes)


def _notify_mentors(notices: list[CompletionChangeNotice], *, exclude: User) -> None:
    """One e-mail per active mentor of the changed learners' applications, listing the changes
    that concern them (queued in the caller's transaction, sent after it commits)."""
    if not notices:
        return
    by_application: dict[int, list[CompletionChangeNotice]] = {}
    for notice in notices:
        by_application.setdefault(notice.participation.application_id, []).append(notice)
    assignments = MentorAssignment.objects.filter(
        application_id__in=by_application,
        membership__role=Role.MENTOR,
        membership__status=Status.ACTIVE,
        membership__customer__status=Status.ACTIVE,
    ).select_related("membership__user")
    per_mentor: dict[int, tuple[User, list[CompletionChangeNotice]]] = {}
    for assignment in assignments.order_by("pk"):
        user = assignment.membership.user
        if user.pk == exclude.pk or not user.is_active:
            continue
        per_mentor.setdefault(user.pk, (user, []))[1].extend(by_application[assignment.application_id])
    for user, mentor_notices in per_mentor.values():
        attendees = {notice.participation.attendee_id for notice in mentor_notices}
        # One learner: their page; several: the mentor's applications.
        url = (
            reverse("learner_detail", args=[next(iter(attendees))])
            if len(attendees) == 1
            else reverse("mentor_applications")
        )
        notify(
            recipients=[user],
            kind=NotificationKind.COMPLETION,
            actor=exclude,
            url=url,
            text=_completion_text(len(mentor_notices)),
            email="completion-changed",
            context={"notices": mentor_notices},
        )


def _completion_text(count: int) -> Callable[[], str]:
    return lambda: (
        ngettext(
            "Completion status changed for %(count)d of your learners",
            "Completion status changed for %(count)d of your learners",
            count,
        )
        % {"count": count}
    )
