"""allauth's account events, written into the audit trail (and, where allauth sends no e-mail
of its own, e-mailed to the person). allauth sends its own security notices for e-mail,
password and two-factor changes (ACCOUNT_EMAIL_NOTIFICATIONS); the use of a recovery code has
none, so it is e-mailed here. A sign-in from a browser not known for the account is e-mailed
too (mentora.privacy.services.device_sign_in; DeviceCookieMiddleware sets the cookie)."""

from typing import Any

from allauth.account import signals as account_signals
from allauth.mfa import signals as mfa_signals
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.http import HttpRequest
from django.urls import reverse

from mentora.accounts.models import User
from mentora.audit.services import audit_record
from mentora.core.net import client_ip
from mentora.invitations.services import invitations_follow_email_change
from mentora.mail.services import email_queue

from .services import device_sign_in


def connect() -> None:
    mfa_signals.authenticator_added.connect(_authenticator_added, dispatch_uid="privacy.mfa_added")
    mfa_signals.authenticator_removed.connect(_authenticator_removed, dispatch_uid="privacy.mfa_removed")
    mfa_signals.authenticator_reset.connect(_authenticator_reset, dispatch_uid="privacy.mfa_reset")
    mfa_signals.authenticator_used.connect(_authenticator_used, dispatch_uid="privacy.mfa_used")
    account_signals.email_changed.connect(_email_changed, dispatch_uid="privacy.email_changed")
    account_signals.password_changed.connect(_password_changed, dispatch_uid="privacy.password_changed")
    account_signals.password_reset.connect(_password_reset, dispatch_uid="privacy.password_reset")
    user_logged_in.connect(_logged_in, dispatch_uid="privacy.logged_in")


def _ip(request: HttpRequest | None) -> str | None:
    return client_ip(request) if request is not None else None


def _authenticator_added(
    sender: Any, request: HttpRequest, user: User, authenticator: Authenticator, **kwargs: Any
) -> None:
    audit_record(
        actor=user, action="mfa.added", target=user, after={"kind": authenticator.type}, ip=_ip(request)
    )


def _authenticator_removed(
    sender: Any, request: HttpRequest, user: User, authenticator: Authenticator, **kwargs: Any
) -> None:
    audit_record(
        actor=user, action="mfa.removed", target=user, before={"kind": authenticator.type}, ip=_ip(request)
    )


def _authenticator_reset(
    sender: Any, request: HttpRequest, user: User, authenticator: Authenticator, **kwargs: Any
) -> None:
    audit_record(
        actor=user,
        action="mfa.recovery_codes_renewed",
        target=user,
        after={"kind": authenticator.type},
        ip=_ip(request),
    )


def _authenticator_used(
    sender: Any, request: HttpRequest, user: User, authenticator: Authenticator, **kwargs: Any
) -> None:
    if authenticator.type != Authenticator.Type.RECOVERY_CODES:
        return
    # allauth marks the code used on its own copy of the row.
    authenticator.refresh_from_db()
    remaining = len(RecoveryCodes(authenticator).get_unused_codes())
    audit_record(
        actor=user,
        action="mfa.recovery_code_used",
        target=user,
        after={"codes_left": remaining},
        ip=_ip(request),
    )
    # A security message: always sent, no unsubscribe.
    email_queue(
        "mfa-recovery-code-used",
        {"user": user, "remaining": remaining, "url": settings.SITE_URL + reverse("mfa_index")},
        to=user.email,
        language=user.language,
        kind="mfa-recovery-code-used",
        user=user,
    )


def _email_changed(
    sender: Any,
    request: HttpRequest,
    user: User,
    from_email_address: Any,
    to_email_address: Any,
    **kwargs: Any,
) -> None:
    old = from_email_address.email if from_email_address else ""
    audit_record(
        actor=user,
        action="user.email_change",
        target=user,
        before={"email": old},
        after={"email": to_email_address.email},
        ip=_ip(request),
    )
    if old:
        invitations_follow_email_change(
            user=user, old_email=old, new_email=to_email_address.email, ip=_ip(request)
        )


def _password_changed(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    audit_record(actor=user, action="user.password_change", target=user, ip=_ip(request))


def _password_reset(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    audit_record(actor=user, action="user.password_reset", target=user, ip=_ip(request))


def _logged_in(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    if request is not None:
        device_sign_in(request, user=user)
