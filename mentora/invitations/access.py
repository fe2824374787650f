"""Loading invitations: by id for the people who manage them, by token for the invitee."""

from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from mentora.core.dates import format_date
from mentora.core.exceptions import Conflict, NotFound, RateLimited
from mentora.core.tokens import token_hash, token_is_plausible, token_matches
from mentora.customers.access import Actor, customer_list_visible
from mentora.customers.permissions import can_manage_mentors, require

from . import ratelimit
from .models import Invitation, InvitationStatus, ReplacedInvitationLink


def access_invitation(*, actor: Actor, invitation_id: int | str) -> Invitation:
    """An invitation the actor may manage (customer admin of its customer, or system
    administrator). NotFound when its customer is not visible to the actor (missing and foreign
    look the same); PermissionDenied when the actor sees the customer but does not administer it."""
    try:
        invitation = (
            Invitation.objects.select_related("customer", "invited_by")
            .filter(customer__in=customer_list_visible(actor=actor))
            .get(pk=int(invitation_id))
        )
    except (Invitation.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None
    require(can_manage_mentors(actor, invitation.customer))
    return invitation


def invitation_for_token(*, token: str, ip: str | None) -> Invitation:
    """The invitation whose link carries `token`, in whatever state it is (the caller decides
    what each state means). Anyone holding the link may call it.

    Raises NotFound for an unknown or altered token, exactly like a page that does not exist, and
    RateLimited for such a token once the client address has tried too many wrong links recently.
    A valid link is never refused: many people share one address (an office, a mail scanner
    that opens every link), and the limit only has to slow down guessing, which it does as well
    when it looks the token up first (one indexed query)."""
    invitation = None
    if token_is_plausible(token):
        hashed = token_hash(token)
        invitation = (
            Invitation.objects.select_related("customer", "invited_by").filter(token_hash=hashed).first()
            or Invitation.objects.select_related("customer", "invited_by")
            .filter(reminder_token_hash=hashed)
            .first()
        )
    if invitation is None or not (
        token_matches(token, invitation.token_hash) or token_matches(token, invitation.reminder_token_hash)
    ):
        _refuse_replaced_link(token)
        if ratelimit.token_guessing_blocked(ip):
            raise RateLimited(
                _(
                    "Too many invitation links that do not work were opened from your network. Wait a quarter of an hour and try again."
                ),
                retry_after=ratelimit.token_guessing_retry_after(),
            )
        ratelimit.token_miss_record(ip)
        raise NotFound()
    return invitation


class LinkReplaced(Conflict):
    """The link was valid once, but a resend replaced it (only its own addressee has it)."""


def _refuse_replaced_link(token: str) -> None:
    if not token_is_plausible(token):
        return
    replaced = (
        ReplacedInvitationLink.objects.select_related("invitation__customer")
        .filter(token_hash=token_hash(token))
        .first()
    )
    if replaced is None or not token_matches(token, replaced.token_hash):
        return
    invitation = replaced.invitation
    if invitation.status != InvitationStatus.PENDING:
        return  # accepted or canceled since: the newest link's page says so, not this one
    raise LinkReplaced(
        _("A newer invitation was sent to you on %(when)s; use the newest e-mail.")
        % {"when": format_date(localtime(invitation.sent_at), "detail_datetime")}
    )
