"""Every write to invitations. Each function is atomic, checks who may call it, writes an audit
event, and queues its e-mail (and the reminder) to go out only after the transaction commits."""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from mentora.accounts.models import TermsVersion, User, normalize_email
from mentora.accounts.services import consent_record_create
from mentora.applications.models import Application
from mentora.applications.services import mentor_assignment_create
from mentora.audit.services import audit_record
from mentora.core.exceptions import Conflict, InvalidInput, PermissionDenied, RateLimited
from mentora.core.numbers import grouped
from mentora.core.tokens import token_new
from mentora.customers.access import Actor
from mentora.customers.models import Customer, Membership, Role, Status
from mentora.customers.permissions import can_manage_mentors, require
from mentora.customers.services import mentor_membership_create
from mentora.mail.services import email_queue
from mentora.notifications.kinds import Kind as NotificationKind
from mentora.notifications.services import notify

from . import ratelimit
from .models import LIFETIME_CHOICES_DAYS, Invitation, InvitationStatus, ReplacedInvitationLink
from .notices import (
    EXPIRY_NOTICE_BEFORE,
    EXPIRY_NOTICE_MIN_LIFETIME_DAYS,
    invitation_expiring_notify,
    invitation_expiry_withdraw,
    invitation_reminder_notify,
    inviter_who_sees,
)

MAX_BULK_ADDRESSES = 100
# A reminder goes out two days before expiry, and only when the lifetime is longer than three days.
REMINDER_BEFORE_EXPIRY = timedelta(days=2)
REMINDER_MIN_LIFETIME_DAYS = 3
NAME_MIN_LENGTH = 2
NAME_MAX_LENGTH = 70


class AlreadyMentor(Conflict):
    """The address belongs to someone who already is a mentor of the customer."""

    def __init__(self, message: str) -> None:
        super().__init__(message, field="email")


class InvitationPending(Conflict):
    """The address already has a PENDING invitation (open or expired): offer to resend it."""

    def __init__(self, message: str, *, invitation: Invitation) -> None:
        super().__init__(message)
        self.invitation = invitation


@dataclass
class InvitationSent:
    """An invitation and the token of the link just e-mailed (kept nowhere else)."""

    invitation: Invitation
    token: str

    @property
    def url(self) -> str:
        return invitation_url(self.token)


@dataclass
class AcceptResult:
    invitation: Invitation
    membership: Membership
    user: User
    already_mentor: bool = False
    assigned: list[Application] = field(default_factory=list)


class BulkOutcome:
    INVITED = "invited"
    RESENT = "resent"
    ALREADY_MENTOR = "already_mentor"
    INVALID = "invalid"
    LIMIT = "limit"


@dataclass
class BulkLine:
    email: str
    outcome: str
    message: str


def invitation_url(token: str) -> str:
    return settings.SITE_URL + reverse("invitation_accept", args=[token])


# --- inviting -------------------------------------------------------------------------------


def invitation_create(
    *,
    actor: Actor,
    customer: Customer,
    email: str,
    first_name: str = "",
    last_name: str = "",
    message: str = "",
    lifetime_days: int = 14,
    applications: Iterable[Application] = (),
    ip: str | None = None,
) -> InvitationSent:
    """Invite `email` to become a mentor of `customer` and queue the invitation e-mail.

    Who: a customer admin of `customer` or a system administrator (else PermissionDenied).
    Locks: the customer row, so that the daily limit holds under concurrent invites.
    Raises: InvalidInput (bad address, lifetime or application; inactive customer), AlreadyMentor,
    InvitationPending (offer a resend instead), RateLimited."""
    require(can_manage_mentors(actor, customer))
    email = _clean_email(email)
    _check_lifetime(lifetime_days)
    applications = list(applications)
    if any(application.customer_id != customer.pk for application in applications):
        raise InvalidInput(_("Only this organization's applications can be assigned."))
    with transaction.atomic():
        customer = Customer.objects.select_for_update().get(pk=customer.pk)
        _check_customer_active(customer)
        _check_not_mentor(customer=customer, email=email)
        pending = Invitation.objects.filter(
            customer=customer, email=email, role=Role.MENTOR, status=InvitationStatus.PENDING
        ).first()
        if pending is not None:
            raise InvitationPending(_pending_message(pending), invitation=pending)
        _check_rate_limit(customer)
        token, hashed = token_new()
        now = timezone.now()
        try:
            with transaction.atomic():
                invitation = Invitation.objects.create(
                    customer=customer,
                    email=email,
                    role=Role.MENTOR,
                    invited_by=actor.user,
                    first_name=first_name.strip(),
                    last_name=last_name.strip(),
                    message=message.strip(),
                    token_hash=hashed,
                    created_at=now,
                    sent_at=now,
                    lifetime_days=lifetime_days,
                    expires_at=now + timedelta(days=lifetime_days),
                )
        except IntegrityError:
            # Another request invited the same address a moment ago.
            pending = Invitation.objects.get(
                customer=customer, email=email, role=Role.MENTOR, status=InvitationStatus.PENDING
            )
            raise InvitationPending(_pending_message(pending), invitation=pending) from None
        if applications:
            invitation.applications.set(applications)
        audit_record(
            actor=actor.user,
            action="invitation.create",
            customer=customer,
            target=invitation,
            after=_snapshot(invitation),
            ip=ip,
        )
        _queue_invitation_email(invitation, token, name="invitation")
        _schedule_reminder(invitation)
    return InvitationSent(invitation=invitation, token=token)


def invitation_resend(*, actor: Actor, invitation: Invitation, ip: str | None = None) -> InvitationSent:
    """Send a PENDING invitation (open or expired) again with a new link and a new expiry; the
    old link (and any reminder link) stops working at once, and opening it says that a newer
    invitation was sent (ReplacedInvitationLink keeps its hash).

    Who: a customer admin of the invitation's customer or a system administrator.
    Locks: the customer row (daily limit), then the invitation row.
    Raises: PermissionDenied, Conflict (accepted or canceled), AlreadyMentor, InvalidInput
    (inactive customer), RateLimited."""
    require(can_manage_mentors(actor, invitation.customer))
    with transaction.atomic():
        customer = Customer.objects.select_for_update().get(pk=invitation.customer_id)
        invitation = (
            Invitation.objects.select_for_update(of=("self",))
            .select_related("customer")
            .get(pk=invitation.pk)
        )
        if invitation.status != InvitationStatus.PENDING:
            raise Conflict(_closed_message(invitation))
        _check_customer_active(customer)
        _check_not_mentor(customer=customer, email=invitation.email)
        _check_rate_limit(customer)
        before = _snapshot(invitation)
        token, hashed = token_new()
        now = timezone.now()
        ReplacedInvitationLink.objects.bulk_create(
            [
                ReplacedInvitationLink(invitation=invitation, token_hash=old, replaced_at=now)
                for old in (invitation.token_hash, invitation.reminder_token_hash)
                if old
            ]
        )
        invitation.token_hash = hashed
        invitation.reminder_token_hash = None
        invitation.reminder_sent_at = None
        invitation.expiry_notified_at = None
        invitation.sent_at = now
        invitation.expires_at = now + timedelta(days=invitation.lifetime_days)
        invitation.invited_by = invitation.invited_by or actor.user
        invitation.save()
        audit_record(
            actor=actor.user,
            action="invitation.resend",
            customer=customer,
            target=invitation,
            before=before,
            after=_snapshot(invitation),
            ip=ip,
        )
        _queue_invitation_email(invitation, token, name="invitation")
        _schedule_reminder(invitation)
        invitation_expiry_withdraw(invitation=invitation)
    return InvitationSent(invitation=invitation, token=token)


def invitation_cancel(*, actor: Actor, invitation: Invitation, ip: str | None = None) -> Invitation:
    """Cancel a PENDING invitation (open or expired); its link stops working.

    Who: a customer admin of the invitation's customer or a system administrator.
    Locks: the invitation row. Raises: PermissionDenied, Conflict (already accepted or canceled)."""
    require(can_manage_mentors(actor, invitation.customer))
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update(of=("self",))
            .select_related("customer")
            .get(pk=invitation.pk)
        )
        if invitation.status != InvitationStatus.PENDING:
            raise Conflict(_closed_message(invitation))
        before = _snapshot(invitation)
        invitation.status = InvitationStatus.CANCELED
        invitation.canceled_by = actor.user
        invitation.canceled_at = timezone.now()
        invitation.save(update_fields=["status", "canceled_by", "canceled_at"])
        audit_record(
            actor=actor.user,
            action="invitation.cancel",
            customer=invitation.customer,
            target=invitation,
            before=before,
            after=_snapshot(invitation),
            ip=ip,
        )
        invitation_expiry_withdraw(invitation=invitation)
    return invitation


def invitation_bulk_create(
    *,
    actor: Actor,
    customer: Customer,
    emails: Sequence[str],
    message: str = "",
    lifetime_days: int = 14,
    ip: str | None = None,
) -> list[BulkLine]:
    """Invite up to MAX_BULK_ADDRESSES addresses at once; each gets its own result: invited,
    resent (it had a pending invitation), already a mentor, invalid address, or daily limit reached.
    Each address is its own transaction, so one failure does not undo the others.

    Who: a customer admin of `customer` or a system administrator. Raises PermissionDenied, and
    InvalidInput for more than MAX_BULK_ADDRESSES addresses or a bad lifetime."""
    require(can_manage_mentors(actor, customer))
    _check_lifetime(lifetime_days)
    _check_customer_active(customer)
    if len(emails) > MAX_BULK_ADDRESSES:
        raise InvalidInput(
            _("Paste at most %(limit)s addresses at a time; you pasted %(count)s.")
            % {"limit": grouped(MAX_BULK_ADDRESSES), "count": grouped(len(emails))}
        )
    lines = []
    for raw in emails:
        try:
            email = _clean_email(raw)
        except InvalidInput:
            lines.append(BulkLine(raw, BulkOutcome.INVALID, _("Not a valid e-mail address.")))
            continue
        try:
            invitation_create(
                actor=actor,
                customer=customer,
                email=email,
                message=message,
                lifetime_days=lifetime_days,
                ip=ip,
            )
            lines.append(BulkLine(email, BulkOutcome.INVITED, _("Invited.")))
        except AlreadyMentor:
            lines.append(BulkLine(email, BulkOutcome.ALREADY_MENTOR, _("Already a mentor.")))
        except InvitationPending as pending:
            try:
                invitation_resend(actor=actor, invitation=pending.invitation, ip=ip)
                lines.append(BulkLine(email, BulkOutcome.RESENT, _("Had a pending invitation: sent again.")))
            except RateLimited as error:
                lines.append(BulkLine(email, BulkOutcome.LIMIT, error.message))
        except RateLimited as error:
            lines.append(BulkLine(email, BulkOutcome.LIMIT, error.message))
    return lines


def parse_addresses(text: str) -> list[str]:
    """Addresses pasted one per line, or separated by commas, semicolons or spaces; duplicates
    (ignoring case) removed, order kept. "Name <address>" is accepted."""
    found: list[str] = []
    seen: set[str] = set()
    for part in re.split(r"[\s,;]+", text.replace("<", " ").replace(">", " ")):
        part = part.strip().strip('"').strip("'")
        if "@" not in part and part:
            # A bare word is a name from "Name <address>", unless nothing else is on the line.
            continue
        key = normalize_email(part)
        if key and key not in seen:
            seen.add(key)
            found.append(part)
    return found


# --- accepting ------------------------------------------------------------------------------


def invitation_accept(*, invitation: Invitation, user: User, ip: str | None = None) -> AcceptResult:
    """The signed-in invitee accepts: in one transaction an ACTIVE mentor membership, the
    pre-selected assignments, the invitation ACCEPTED with who and when, an audit event, and the
    inviter's e-mail queued for after commit. When `user` already is a mentor of the customer, the
    invitation is closed as accepted and nothing else changes (no e-mail to the inviter either).

    Who: only the person whose e-mail the invitation was sent to (else PermissionDenied).
    Locks: the invitation row (select_for_update), so two simultaneous acceptances of one link
    produce one membership; the loser gets Conflict.
    Raises: PermissionDenied, Conflict (expired, canceled or already used)."""
    with transaction.atomic():
        locked = _lock_open(invitation)
        if not user.is_active or normalize_email(user.email) != locked.email:
            raise PermissionDenied(_("This invitation was sent to another e-mail address."))
        return _accept_locked(locked, user=user, ip=ip)


def invitation_register_and_accept(
    *,
    invitation: Invitation,
    first_name: str,
    last_name: str,
    password: str,
    language: str,
    terms_version: TermsVersion,
    ip: str | None = None,
) -> AcceptResult:
    """A person without an account registers through the invitation and accepts it, in one
    transaction: the account (the invitation's e-mail, counted as verified), their consent to
    `terms_version`, then everything invitation_accept does. The caller signs them in.

    Who: anyone holding the link, when no account has the invitation's e-mail.
    Locks: the invitation row. Raises: Conflict (expired, canceled, used, or an account with that
    e-mail exists), InvalidInput (names, password, language)."""
    first_name, last_name = first_name.strip(), last_name.strip()
    for value in (first_name, last_name):
        if not NAME_MIN_LENGTH <= len(value) <= NAME_MAX_LENGTH:
            raise InvalidInput(_("First and last name must each be 2 to 70 characters long."))
    if language not in dict(settings.LANGUAGES):
        raise InvalidInput(_("Choose a language."))
    with transaction.atomic():
        locked = _lock_open(invitation)
        if User.objects.filter(email=locked.email).exists():
            raise Conflict(
                _("An account with this e-mail address already exists. Sign in to accept the invitation.")
            )
        user = User(
            email=locked.email,
            first_name=first_name,
            last_name=last_name,
            language=language,
            time_zone=locked.customer.time_zone,
        )
        try:
            password_validation.validate_password(password, user=user)
        except ValidationError as error:
            raise InvalidInput(" ".join(error.messages)) from None
        user.set_password(password)
        user.save()
        audit_record(
            actor=user,
            action="user.create_by_invitation",
            customer=locked.customer,
            target=user,
            after={"email": user.email, "invitation": locked.pk},
            ip=ip,
        )
        consent_record_create(user=user, terms_version=terms_version, ip=ip)
        return _accept_locked(locked, user=user, ip=ip)


def _lock_open(invitation: Invitation) -> Invitation:
    locked = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("customer", "invited_by")
        .get(pk=invitation.pk)
    )
    if locked.status != InvitationStatus.PENDING or locked.is_expired:
        raise Conflict(_closed_message(locked))
    return locked


def _accept_locked(invitation: Invitation, *, user: User, ip: str | None) -> AcceptResult:
    customer = invitation.customer
    already_mentor = False
    try:
        membership = mentor_membership_create(
            actor_user=user,
            customer=customer,
            user=user,
            audit_action="membership.create_by_invitation",
            ip=ip,
        )
    except Conflict:
        already_mentor = True
        membership = Membership.objects.get(user=user, customer=customer, role=Role.MENTOR)
    assigned = []
    if membership.status == Status.ACTIVE:
        for application in invitation.applications.filter(customer=customer):
            try:
                # The inviter chose these assignments; they are made on acceptance.
                mentor_assignment_create(
                    actor_user=invitation.invited_by, application=application, membership=membership, ip=ip
                )
                assigned.append(application)
            except (Conflict, InvalidInput):
                continue
    before = _snapshot(invitation)
    _mark_accepted(invitation, user=user)
    audit_record(
        actor=user,
        action="invitation.accept",
        customer=customer,
        target=invitation,
        before=before,
        after={**_snapshot(invitation), "already_mentor": already_mentor},
        ip=ip,
    )
    inviter = inviter_who_sees(invitation)
    # Someone who already was a mentor only closes the invitation: nothing the inviter must hear.
    if not already_mentor and inviter is not None:
        names = {"name": user.get_full_name() or user.email, "customer": customer.name}
        notify(
            recipients=[inviter],
            kind=NotificationKind.INVITATION_ACCEPTED,
            actor=user,
            url=reverse("invitation_list", args=[customer.pk]),
            text=lambda: _("%(name)s accepted your invitation to %(customer)s") % names,
            email="invitation-accepted",
            context={
                "invitation": invitation,
                "customer_name": customer.name,
                "accepted_by_name": user.get_full_name(),
                "accepted_by_email": user.email,
                "already_mentor": already_mentor,
                "accepted_at": invitation.accepted_at,
                "time_zone": inviter.time_zone,
                "list_url": settings.SITE_URL + reverse("invitation_list", args=[customer.pk]),
            },
        )
    return AcceptResult(
        invitation=invitation,
        membership=membership,
        user=user,
        already_mentor=already_mentor,
        assigned=assigned,
    )


def invitations_close_for_direct_add(
    *, membership: Membership, actor_user: User | None, ip: str | None = None
) -> int:
    """Someone was made a mentor directly: their pending invitations (open or expired) to that
    customer for that role are closed as accepted by them, as when an existing mentor opens the
    link (DESIGN.md 4.3), so none stays pending or sends a reminder. No e-mail. Returns how many.

    Who: the direct add (customers.signals.mentor_added_directly), inside its transaction.
    Locks: those invitation rows."""
    user = membership.user
    closed = 0
    pending = Invitation.objects.select_for_update(of=("self",)).filter(
        customer_id=membership.customer_id,
        role=membership.role,
        email=normalize_email(user.email),
        status=InvitationStatus.PENDING,
    )
    for invitation in pending:
        before = _snapshot(invitation)
        _mark_accepted(invitation, user=user)
        audit_record(
            actor=actor_user,
            action="invitation.close_on_direct_add",
            customer=membership.customer,
            target=invitation,
            before=before,
            after={**_snapshot(invitation), "already_mentor": True},
            ip=ip,
        )
        closed += 1
    return closed


# --- reminders ------------------------------------------------------------------------------


def invitation_reminder_due_at(invitation: Invitation) -> datetime | None:
    """When the reminder should go out, or None when this invitation gets none."""
    if invitation.lifetime_days <= REMINDER_MIN_LIFETIME_DAYS:
        return None
    return invitation.expires_at - REMINDER_BEFORE_EXPIRY


def invitation_send_reminder(*, invitation_id: int, expected_expires_at: datetime | None = None) -> bool:
    """Send the one reminder of an invitation, if it is still due: PENDING, not expired, no
    reminder yet, a lifetime over three days, within two days of expiry, and (when the scheduled
    task passes it) still the same expiry, i.e. not resent since. Returns whether it was sent.

    Who: the task worker and the send_invitation_reminders command. Locks: the invitation row,
    so a reminder goes out once even when the task and the command run together."""
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update(of=("self",))
            .select_related("customer", "invited_by")
            .filter(pk=invitation_id)
            .first()
        )
        if invitation is None or not invitation.is_open or invitation.reminder_sent_at is not None:
            return False
        if expected_expires_at is not None and invitation.expires_at != expected_expires_at:
            return False
        due_at = invitation_reminder_due_at(invitation)
        if due_at is None or timezone.now() < due_at:
            return False
        token, hashed = token_new()
        invitation.reminder_token_hash = hashed
        invitation.reminder_sent_at = timezone.now()
        invitation.save(update_fields=["reminder_token_hash", "reminder_sent_at"])
        _queue_invitation_email(invitation, token, name="invitation-reminder")
        invitation_reminder_notify(invitation=invitation)
    return True


def invitation_send_due_reminders() -> int:
    """Send every reminder that is due (the fallback for a scheduled task that did not run).
    Idempotent. Returns how many were sent."""
    now = timezone.now()
    candidates = Invitation.objects.filter(
        status=InvitationStatus.PENDING,
        reminder_sent_at__isnull=True,
        lifetime_days__gt=REMINDER_MIN_LIFETIME_DAYS,
        expires_at__gt=now,
        expires_at__lte=now + REMINDER_BEFORE_EXPIRY,
    ).values_list("pk", flat=True)
    return sum(invitation_send_reminder(invitation_id=pk) for pk in list(candidates))


def invitations_notify_expiring(*, now: datetime | None = None) -> int:
    """Tell each inviter whose invitation expires unaccepted within EXPIRY_NOTICE_BEFORE, once
    per sending (a resend clears the mark); invitations that live EXPIRY_NOTICE_MIN_LIFETIME_DAYS
    days or less are left alone. Who: the periodic task; idempotent. Locks each invitation row
    while it marks it, so two sweeps at once tell the inviter once. Returns how many were marked."""
    now = now or timezone.now()
    candidates = Invitation.objects.filter(
        status=InvitationStatus.PENDING,
        expiry_notified_at__isnull=True,
        lifetime_days__gt=EXPIRY_NOTICE_MIN_LIFETIME_DAYS,
        expires_at__gt=now,
        expires_at__lte=now + EXPIRY_NOTICE_BEFORE,
    ).values_list("pk", flat=True)
    told = 0
    for invitation_id in list(candidates):
        with transaction.atomic():
            invitation = (
                Invitation.objects.select_for_update(of=("self",))
                .select_related("customer", "invited_by")
                .filter(pk=invitation_id, status=InvitationStatus.PENDING, expiry_notified_at__isnull=True)
                .first()
            )
            if invitation is None or invitation.expires_at <= now:
                continue
            invitation.expiry_notified_at = now
            invitation.save(update_fields=["expiry_notified_at"])
            invitation_expiring_notify(invitation=invitation)
            told += 1
    return told


def _schedule_reminder(invitation: Invitation) -> None:
    due_at = invitation_reminder_due_at(invitation)
    if due_at is None:
        return
    from .tasks import send_invitation_reminder

    def enqueue() -> None:
        # A backend that cannot defer (the test suite's inline one) leaves it to the command.
        if send_invitation_reminder.get_backend().supports_defer:
            send_invitation_reminder.using(run_after=due_at).enqueue(
                invitation_id=invitation.pk, expires_at=invitation.expires_at.isoformat()
            )

    transaction.on_commit(enqueue)


# --- helpers --------------------------------------------------------------------------------


def _clean_email(email: str) -> str:
    email = normalize_email(email)
    try:
        validate_email(email)
    except ValidationError:
        raise InvalidInput(_("Enter a valid e-mail address.")) from None
    return email


def _check_lifetime(lifetime_days: int) -> None:
    if lifetime_days not in LIFETIME_CHOICES_DAYS:
        raise InvalidInput(_("Choose a lifetime of 1, 3, 7, 14 or 30 days."))


def _check_customer_active(customer: Customer) -> None:
    if not customer.is_active:
        raise InvalidInput(_("This organization is inactive; it cannot invite mentors."))


def _check_not_mentor(*, customer: Customer, email: str) -> None:
    membership = (
        Membership.objects.filter(customer=customer, role=Role.MENTOR, user__email=email)
        .only("status")
        .first()
    )
    if membership is None:
        return
    if membership.status == Status.ACTIVE:
        raise AlreadyMentor(
            _("%(email)s is already a mentor of %(customer)s.") % {"email": email, "customer": customer.name}
        )
    raise AlreadyMentor(
        _(
            "%(email)s is already a mentor of %(customer)s, but inactive: activate them in the Mentors list instead."
        )
        % {"email": email, "customer": customer.name}
    )


def _check_rate_limit(customer: Customer) -> None:
    if ratelimit.invitations_left_today(customer) <= 0:
        raise RateLimited(
            _(
                "%(customer)s has sent %(limit)s invitations in the last 24 hours, the most allowed. Try again later."
            )
            % {"customer": customer.name, "limit": grouped(ratelimit.invitations_per_customer_per_day())},
            retry_after=ratelimit.invitations_retry_after(customer),
        )


def _pending_message(invitation: Invitation) -> str:
    if invitation.is_expired:
        return _("An earlier invitation to %(email)s has expired. You can send it again with a new link.") % {
            "email": invitation.email
        }
    return _("%(email)s already has a pending invitation. You can send it again with a new link.") % {
        "email": invitation.email
    }


def _closed_message(invitation: Invitation) -> str:
    if invitation.status == InvitationStatus.ACCEPTED:
        return _("This invitation has already been accepted.")
    if invitation.status == InvitationStatus.CANCELED:
        return _("This invitation has been canceled.")
    return _("This invitation has expired.")


def _snapshot(invitation: Invitation) -> dict[str, object]:
    return {
        "email": invitation.email,
        "role": invitation.role,
        "status": invitation.status,
        "expires_at": invitation.expires_at.isoformat(),
        "applications": sorted(invitation.applications.values_list("number", flat=True))
        if invitation.pk
        else [],
    }


def _queue_invitation_email(invitation: Invitation, token: str, *, name: str) -> None:
    customer = invitation.customer
    inviter = invitation.invited_by
    # Someone with an account reads it in their own language and time zone; a newcomer in the
    # customer's (the language they will most likely choose on registering).
    recipient = User.objects.filter(email=invitation.email).only("language", "time_zone").first()
    invitation.last_message = email_queue(
        name,
        {
            "customer_name": customer.name,
            "inviter_name": inviter.get_full_name() if inviter else customer.name,
            "inviter_email": inviter.email if inviter else "",
            "message": invitation.message,
            "recipient_name": invitation.first_name,
            "expires_at": invitation.expires_at,
            "time_zone": recipient.time_zone if recipient else customer.time_zone,
            "url": invitation_url(token),
        },
        to=invitation.email,
        language=recipient.language if recipient else customer.default_language,
        kind=name,
        carries_secret=True,  # the link is the invitation
    )
    invitation.save(update_fields=["last_message"])


# --- The invitee's account changes: e-mail change, erasure, retention -----------------------------

ENDED_INVITATION_RETENTION = timedelta(days=90)


def invitations_follow_email_change(
    *, user: User, old_email: str, new_email: str, ip: str | None = None
) -> int:
    """The person changed their sign-in address (verified): their pending invitations follow
    them to the new address, so the links keep working for them. Where a customer already has a
    pending invitation to the new address for the same role, the one to the old address is
    canceled instead (there is at most one per address). Returns how many followed.

    Who: the account's own verified e-mail change (mentora.privacy). Locks the invitations."""
    old_email, new_email = normalize_email(old_email), normalize_email(new_email)
    followed = 0
    with transaction.atomic():
        pending = Invitation.objects.select_for_update(of=("self",)).select_related("customer")
        for invitation in pending.filter(email=old_email, status=InvitationStatus.PENDING):
            before = _snapshot(invitation)
            taken = Invitation.objects.filter(
                customer=invitation.customer,
                email=new_email,
                role=invitation.role,
                status=InvitationStatus.PENDING,
            ).exists()
            if taken:
                invitation.status = InvitationStatus.CANCELED
                invitation.canceled_at = timezone.now()
                invitation.save(update_fields=["status", "canceled_at"])
                action = "invitation.cancel_replaced_by_email_change"
            else:
                invitation.email = new_email
                invitation.save(update_fields=["email"])
                followed += 1
                action = "invitation.follow_email_change"
            audit_record(
                actor=user,
                action=action,
                customer=invitation.customer,
                target=invitation,
                before=before,
                after=_snapshot(invitation),
                ip=ip,
            )
    return followed


def invitations_end_for_erasure(*, email: str, replacement: str) -> int:
    """The account with `email` is being erased: pending invitations to it are canceled, and
    every invitation to it forgets the address, the prefilled name and the personal message (the
    inviter may have named the person there). Returns how many were canceled.

    Who: account erasure (mentora.privacy), inside its transaction. Writes one audit event per
    canceled invitation, without the address."""
    email = normalize_email(email)
    now = timezone.now()
    invitations = Invitation.objects.select_for_update(of=("self",)).filter(email=email)
    canceled = 0
    for invitation in invitations.select_related("customer"):
        if invitation.status == InvitationStatus.PENDING:
            invitation.status = InvitationStatus.CANCELED
            invitation.canceled_at = now
            canceled += 1
            audit_record(
                actor=None,
                action="invitation.cancel_by_erasure",
                customer=invitation.customer,
                target=None,
                after={"invitation": invitation.pk},
            )
        invitation.email = replacement
        invitation.first_name = invitation.last_name = invitation.message = ""
        invitation.save(
            update_fields=["status", "canceled_at", "email", "first_name", "last_name", "message"]
        )
    return canceled


def invitations_prune_ended(*, now: datetime | None = None) -> int:
    """Delete invitations that ended (canceled, or expired without being accepted) more than 90
    days ago. Accepted invitations stay: they show how a membership began. Idempotent; the
    periodic job calls it daily. Returns how many were deleted."""
    cutoff = (now or timezone.now()) - ENDED_INVITATION_RETENTION
    ended = Q(status=InvitationStatus.CANCELED, canceled_at__lte=cutoff) | Q(
        status=InvitationStatus.PENDING, expires_at__lte=cutoff
    )
    _total, per_model = Invitation.objects.filter(ended).delete()
    return per_model.get(Invitation._meta.label, 0)


def _mark_accepted(invitation: Invitation, *, user: User) -> None:
    """Close `invitation` as accepted by `user`, now (the caller audits it)."""
    invitation.status = InvitationStatus.ACCEPTED
    invitation.accepted_by = user
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["status", "accepted_by", "accepted_at"])
    invitation_expiry_withdraw(invitation=invitation)
