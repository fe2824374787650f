"""What the inviter hears about an invitation they sent: that it expires unaccepted in two days,
and that a reminder went to the invitee (its acceptance is told by the acceptance itself, to the
same person: `inviter_who_sees`). Told only while they still manage the customer's mentors (they see the invitation list then), linked to that list, in their
own language and time zone. A notice about expiry is withdrawn, while unread, once the invitation
is accepted or canceled: it has nothing left to say."""

from datetime import timedelta

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from mentora.accounts.models import User
from mentora.core.dates import format_date
from mentora.customers.access import actor_for
from mentora.customers.permissions import can_manage_mentors
from mentora.notifications.kinds import Kind
from mentora.notifications.services import notify, withdraw

from .models import Invitation

# The inviter hears of an invitation about to expire two days before it does; an invitation
# that lives two days or less would say so as soon as it is sent, so it says nothing.
EXPIRY_NOTICE_BEFORE = timedelta(days=2)
EXPIRY_NOTICE_MIN_LIFETIME_DAYS = 2


def inviter_who_sees(invitation: Invitation) -> User | None:
    """The person who sent `invitation`, while they still may see it (they manage the customer's
    mentors); None otherwise."""
    inviter = invitation.invited_by
    if inviter is None or not inviter.is_active:
        return None
    return inviter if can_manage_mentors(actor_for(inviter), invitation.customer) else None


def expiry_key(invitation: Invitation) -> str:
    return f"invitation-expiring:{invitation.pk}"


def _tell_inviter(invitation: Invitation, *, kind: Kind, text: Promise, email: str, key: str = "") -> None:
    """Tell the inviter, while they still manage the customer's mentors, something about
    `invitation`; `text` is formatted with its address, customer and expiry."""
    inviter = inviter_who_sees(invitation)
    if inviter is None:
        return
    address, customer, expires_at = invitation.email, invitation.customer.name, invitation.expires_at
    notify(
        recipients=[inviter],
        kind=kind,
        actor=None,
        url=reverse("invitation_list", args=[invitation.customer_id]),
        text=lambda: (
            str(text)
            % {"email": address, "customer": customer, "when": format_date(expires_at, "detail_datetime")}
        ),
        email=email,
        context={"invitation": invitation},
        key=key,
    )


def invitation_expiring_notify(*, invitation: Invitation) -> None:
    """Tell the inviter that `invitation` expires unaccepted soon. The caller, the expiry sweep,
    holds its lock and records that it was told."""
    _tell_inviter(
        invitation,
        kind=Kind.INVITATION_EXPIRING,
        text=_("Your invitation to %(email)s (%(customer)s) has not been accepted and expires on %(when)s."),
        email="invitation-expiring",
        key=expiry_key(invitation),
    )


def invitation_reminder_notify(*, invitation: Invitation) -> None:
    """Tell the inviter that a reminder of `invitation` went to the invitee. The caller, the
    reminder service, holds its lock."""
    _tell_inviter(
        invitation,
        kind=Kind.INVITATION_REMINDER,
        text=_("A reminder of your invitation went to %(email)s (%(customer)s). It expires on %(when)s."),
        email="invitation-reminder-sent",
    )


def invitation_expiry_withdraw(*, invitation: Invitation) -> None:
    """The invitation was accepted or canceled: an unread notice of its expiry goes."""
    withdraw(key=expiry_key(invitation))
