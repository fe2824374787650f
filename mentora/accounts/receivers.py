"""Keeping allauth's records in step with the account."""

from typing import Any

from allauth.account.models import EmailAddress
from allauth.account.views._password_reset import INTERNAL_RESET_SESSION_KEY
from allauth.usersessions.models import UserSession
from django.db import transaction
from django.http import HttpRequest

from . import sessions
from .middleware import terms_standing_refresh
from .models import User


def sign_in_address_verified(
    sender: type[User], instance: User, created: bool, raw: bool = False, **kwargs: Any
) -> None:
    """The sign-in address is verified by construction: it came through an invitation link, from
    an administrator, or through allauth's e-mail change, which stores a new address only once the
    code sent to it was entered. So allauth's EmailAddress for it is verified and primary, and
    allauth's other flows (mandatory verification at sign-in, turning on two-factor sign-in)
    accept it. Other addresses are never verified here."""
    if raw or not instance.email:
        return
    with transaction.atomic():
        address = EmailAddress.objects.filter(user=instance, email__iexact=instance.email).first()
        if address is not None and address.verified and address.primary:
            return
        EmailAddress.objects.filter(user=instance, primary=True).exclude(
            pk=getattr(address, "pk", None)
        ).update(primary=False)
        if address is None:
            EmailAddress.objects.create(user=instance, email=instance.email, verified=True, primary=True)
        else:
            address.verified = address.primary = True
            address.save(update_fields=["verified", "primary"])


def other_sessions_end(sender: object, request: HttpRequest, user: User, **kwargs: Any) -> None:
    """A password change or reset signs out every other session of the account: whoever knew the
    old password is out. The session that made the change stays signed in (a reset's session was
    not signed in)."""
    current = request.session.session_key if hasattr(request, "session") else None
    for session in UserSession.objects.filter(user=user).exclude(session_key=current or ""):
        session.end()


def reset_key_forget(sender: object, request: HttpRequest, user: User, **kwargs: Any) -> None:
    """allauth keeps a password-reset key in the session between opening the link and choosing
    the new password, and leaves it there afterwards. Used, it is worthless, but no secret stays
    stored longer than it is needed: it goes with the reset (the session is encrypted meanwhile,
    mentora.core.sessions)."""
    if hasattr(request, "session"):
        request.session.pop(INTERNAL_RESET_SESSION_KEY, None)


def session_started(sender: object, request: HttpRequest, user: User, **kwargs: Any) -> None:
    """Every sign-in (the form, an invitation's registration, a passkey) starts a listed session,
    and the person's standing with the terms is worked out once, here, not on every request."""
    sessions.session_record(request, user=user)
    terms_standing_refresh(request, user=user)
