"""Every write of the privacy app: terms publishing, data exports, account erasure, known devices."""

import base64
import datetime
import hashlib

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from mentora.accounts.models import TermsVersion, User
from mentora.accounts.personal_data import erased_email, user_anonymise
from mentora.accounts.selectors import current_terms_forget
from mentora.audit.services import audit_record, audit_scrub
from mentora.core.exceptions import Conflict, InvalidInput, NotFound
from mentora.core.net import client_ip
from mentora.core.personal_data import Identity, personal_data_modules
from mentora.core.tokens import token_hash, token_is_plausible, token_new
from mentora.customers.access import Actor
from mentora.customers.models import Membership
from mentora.customers.permissions import require
from mentora.mail.services import email_queue

from . import permissions
from .export import export_zip
from .models import DataExport, ErasureRequest, ErasureState, ExportState, KnownDevice

# --- Terms ------------------------------------------------------------------------------------


def terms_version_publish(
    *, actor: Actor, version: str, text: str, text_sv: str, is_major: bool, ip: str | None = None
) -> TermsVersion:
    """Publish a new terms version now. A major version must be accepted again by everyone at
    their next request; a minor one is announced. Versions are never edited once published.

    Who: system administrators (PermissionDenied). Raises InvalidInput for a version name in use
    or an empty English text. Audits "terms.publish"."""
    require(permissions.can_publish_terms(actor))
    version, text, text_sv = version.strip(), text.strip(), text_sv.strip()
    if not version or not text:
        raise InvalidInput(_("A version needs a name and an English text."))
    with transaction.atomic():
        if TermsVersion.objects.filter(version=version).exists():
            raise InvalidInput(
                _("Version %(version)s already exists: choose another name.") % {"version": version}
            )
        terms = TermsVersion.objects.create(
            version=version, text=text, text_sv=text_sv, is_major=is_major, published_at=timezone.now()
        )
        audit_record(
            actor=actor.user,
            action="terms.publish",
            target=terms,
            after={"version": version, "major": is_major},
            ip=ip,
        )
        transaction.on_commit(current_terms_forget)
    current_terms_forget()
    return terms


# --- Data export ----------------------------------------------------------------------------


def data_export_request(*, user: User, ip: str | None = None) -> DataExport:
    """The person asks for all their data. It is prepared by the task worker, which e-mails a
    link valid for DATA_EXPORT_LINK_DAYS. Raises Conflict while an earlier one is still being
    prepared. Audits "privacy.export_request"."""
    with transaction.atomic():
        User.objects.select_for_update().get(pk=user.pk)
        if DataExport.objects.filter(user=user, state=ExportState.PENDING).exists():
            raise Conflict(
                _("Your data is already being prepared. The e-mail with the link follows shortly.")
            )
        export = DataExport.objects.create(user=user)
        audit_record(
            actor=user, action="privacy.export_request", target=user, after={"export": export.pk}, ip=ip
        )
        transaction.on_commit(lambda: build_data_export.enqueue(export_id=export.pk))
    return export


def data_export_build(*, export_id: int) -> bool:
    """Prepare a requested export: the ZIP, encrypted with the key of a fresh link token, and
    the e-mail with that link (the token is in nothing but the e-mail). Idempotent: an export no
    longer being prepared is left alone. Returns whether it built one."""
    with transaction.atomic():
        export = DataExport.objects.select_for_update().select_related("user").filter(pk=export_id).first()
        if export is None or export.state != ExportState.PENDING:
            return False
        user = export.user
        token, hashed = token_new()
        content = export_zip(user)
        now = timezone.now()
        export.content = _fernet(token).encrypt(content)
        export.size = len(content)
        export.token_hash = hashed
        export.state = ExportState.READY
        export.ready_at = now
        export.expires_at = now + datetime.timedelta(days=settings.DATA_EXPORT_LINK_DAYS)
        export.save()
        audit_record(actor=None, action="privacy.export_ready", target=user, after={"export": export.pk})
        email_queue(
            "data-export-ready",
            {
                "user": user,
                "url": settings.SITE_URL + reverse("data_export_download", args=[token]),
                "expires_at": export.expires_at,
            },
            to=user.email,
            language=user.language,
            kind="data-export-ready",
            user=user,
            carries_secret=True,  # the link's token is the key to the export
        )
    return True


@task()
def build_data_export(*, export_id: int) -> bool:
    """The task worker's half of `data_export_request`."""
    return data_export_build(export_id=export_id)


def data_export_open(*, user: User, token: str, ip: str | None = None) -> tuple[DataExport, bytes]:
    """The ZIP behind a download link, for the person it belongs to. Anything else (someone
    else's link, an expired or unknown one, a tampered token) raises the same NotFound.
    Audits "privacy.export_download"."""
    if not token_is_plausible(token):
        raise NotFound()
    export = DataExport.objects.filter(
        token_hash=token_hash(token), user=user, state=ExportState.READY
    ).first()
    if (
        export is None
        or export.content is None
        or export.expires_at is None
        or export.expires_at <= timezone.now()
    ):
        raise NotFound()
    try:
        content = _fernet(token).decrypt(bytes(export.content))
    except InvalidToken:
        raise NotFound() from None
    with transaction.atomic():
        DataExport.objects.filter(pk=export.pk).update(downloaded_at=timezone.now())
        audit_record(
            actor=user, action="privacy.export_download", target=user, after={"export": export.pk}, ip=ip
        )
    return export, content


def data_exports_expire(*, now: datetime.datetime | None = None) -> int:
    """Drop the content of exports whose link has expired (and of any stuck being prepared for a
    day). Idempotent; the periodic job calls it hourly. Returns how many were expired."""
    now = now or timezone.now()
    expired = DataExport.objects.filter(state=ExportState.READY, expires_at__lte=now).update(
        state=ExportState.EXPIRED, content=None, token_hash=None
    )
    stuck = DataExport.objects.filter(
        state=ExportState.PENDING, requested_at__lte=now - datetime.timedelta(days=1)
    ).update(state=ExportState.FAILED)
    return expired + stuck


def _fernet(token: str) -> Fernet:
    # A key of its own, derived from the token: the stored hash is SHA-256 of the token alone.
    digest = hashlib.sha256(b"mentora.privacy.export:" + token.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


# --- Erasure ----------------------------------------------------------------------------------


def erasure_request_create(*, user: User, ip: str | None = None) -> ErasureRequest:
    """The person asks for their account to be deleted. A system administrator approves it;
    without an active membership it happens by itself after ERASURE_AUTOMATIC_AFTER_DAYS. The
    person and the system administrators are e-mailed. Raises Conflict when a request is already
    waiting. Audits "privacy.erasure_request"."""
    with transaction.atomic():
        User.objects.select_for_update().get(pk=user.pk)
        if ErasureRequest.objects.filter(user=user, state=ErasureState.PENDING).exists():
            raise Conflict(_("You have already asked for your account to be deleted."))
        request = ErasureRequest.objects.create(user=user)
        audit_record(
            actor=user, action="privacy.erasure_request", target=user, after={"request": request.pk}, ip=ip
        )
        automatic = not Membership.objects.active().filter(user=user).exists()
        email_queue(
            "erasure-requested",
            {
                "user": user,
                "automatic": automatic,
                "days": settings.ERASURE_AUTOMATIC_AFTER_DAYS,
                "url": settings.SITE_URL + reverse("my_data"),
            },
            to=user.email,
            language=user.language,
            kind="erasure-requested",
            user=user,
        )
        for admin in User.objects.filter(is_system_admin=True, is_active=True).exclude(pk=user.pk):
            email_queue(
                "erasure-request-admin",
                {"admin": admin, "person": user, "url": settings.SITE_URL + reverse("erasure_requests")},
                to=admin.email,
                language=admin.language,
                kind="erasure-request-admin",
                user=admin,
            )
    return request


def erasure_request_cancel(*, user: User, ip: str | None = None) -> ErasureRequest:
    """The person withdraws their waiting request. Raises NotFound when there is none."""
    with transaction.atomic():
        request = (
            ErasureRequest.objects.select_for_update().filter(user=user, state=ErasureState.PENDING).first()
        )
        if request is None:
            raise NotFound()
        request.state = ErasureState.CANCELED
        request.completed_at = timezone.now()
        request.save(update_fields=["state", "completed_at"])
        audit_record(
            actor=user, action="privacy.erasure_cancel", target=user, after={"request": request.pk}, ip=ip
        )
    return request


def erasure_request_approve(
    *, actor: Actor, erasure_request: ErasureRequest, ip: str | None = None
) -> ErasureRequest:
    """A system administrator approves a waiting request: the account is erased now.

    Who: system administrators (PermissionDenied); not their own request (InvalidInput: another
    administrator approves it). Locks the request. Raises Conflict when it is no longer waiting."""
    require(permissions.can_decide_erasure(actor))
    with transaction.atomic():
        locked = ErasureRequest.objects.select_for_update().select_related("user").get(pk=erasure_request.pk)
        if locked.state != ErasureState.PENDING:
            raise Conflict(_("This request has already been dealt with."))
        if locked.user_id == actor.user.pk:
            raise InvalidInput(
                _("Another system administrator must approve the deletion of your own account.")
            )
        account_erase(user=locked.user, erasure_request=locked, approved_by=actor.user, ip=ip)
    return locked


def erasure_due_run(*, now: datetime.datetime | None = None) -> int:
    """Carry out the waiting requests older than ERASURE_AUTOMATIC_AFTER_DAYS whose person has
    no active membership. Idempotent; the periodic job calls it daily. Returns how many."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.ERASURE_AUTOMATIC_AFTER_DAYS)
    due = ErasureRequest.objects.filter(state=ErasureState.PENDING, requested_at__lte=cutoff).exclude(
        user__in=Membership.objects.active().values("user_id")
    )
    done = 0
    for request_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            locked = ErasureRequest.objects.select_for_update().select_related("user").get(pk=request_id)
            if (
                locked.state != ErasureState.PENDING
                or Membership.objects.active().filter(user=locked.user).exists()
            ):
                continue
            account_erase(user=locked.user, erasure_request=locked, approved_by=None)
            done += 1
    return done


def account_erase(
    *, user: User, erasure_request: ErasureRequest, approved_by: User | None, ip: str | None = None
) -> None:
    """Anonymise the account, inside the caller's transaction: every app revokes and forgets its
    part (sessions, second factors, feed token, preferences, memberships and their assignments,
    invitations to the address), from the top of the dependency order down; then the account's
    name, e-mail and phone are replaced; last, the audit trail is scrubbed of them. Comments and
    observations stay, attributed to "Deleted user"; audit events stay, without personal data."""
    identity = Identity(
        user_id=user.pk,
        email=user.email,
        first_name=user.first_name,
        last_name=user.last_name,
        phone=user.phone,
        replacement=erased_email(user),
    )
    for module in reversed(personal_data_modules()):
        if hasattr(module, "erase"):
            module.erase(user, identity)
    DataExport.objects.filter(user=user).delete()
    user_anonymise(user)
    audit_scrub(identity=identity)
    erasure_request.state = ErasureState.DONE
    erasure_request.decided_by = approved_by
    erasure_request.completed_at = timezone.now()
    erasure_request.save(update_fields=["state", "decided_by", "completed_at"])
    audit_record(
        actor=approved_by,
        action="privacy.erasure_done",
        target=user,
        after={"request": erasure_request.pk, "automatic": approved_by is None},
        ip=ip,
    )


# --- Known devices ----------------------------------------------------------------------------

DEVICE_COOKIE_NAME = "mentora_device"
DEVICE_COOKIE_AGE = 60 * 60 * 24 * 400  # 400 days, the longest a browser keeps a cookie
# Where a sign-in leaves a new device's token for DeviceCookieMiddleware to set on the response.
DEVICE_TOKEN_ATTRIBUTE = "known_device_token"  # noqa: S105 (an attribute name, not a secret)


def device_sign_in(request: HttpRequest, *, user: User) -> KnownDevice | None:
    """A successful sign-in: the browser is recognised by its device cookie, if that names a
    device of this account (its last sign-in is then updated). Otherwise the browser is recorded
    as a new device under a fresh token, which the response sets as the cookie, and the person
    is told by e-mail (audited), a security message that is always sent; except at the account's
    very first sign-in (no device known yet, e.g. just registered), which is recorded silently.
    A sign-in that came with no client address did not come from a browser (the test client's
    force_login): no device."""
    ip = client_ip(request)
    if ip is None:
        return None
    now = timezone.now()
    user_agent = request.META.get("HTTP_USER_AGENT", "")[
        : KnownDevice._meta.get_field("user_agent").max_length
    ]
    token = request.COOKIES.get(DEVICE_COOKIE_NAME)
    if token_is_plausible(token):
        known = KnownDevice.objects.filter(user=user, token_hash=token_hash(token)).first()  # type: ignore[arg-type]
        if known is not None:
            known.last_seen_at = now
            known.user_agent = user_agent
            known.save(update_fields=["last_seen_at", "user_agent"])
            return known
    first = not KnownDevice.objects.filter(user=user).exists()
    token, hashed = token_new()
    known = KnownDevice.objects.create(user=user, token_hash=hashed, user_agent=user_agent, last_seen_at=now)
    setattr(request, DEVICE_TOKEN_ATTRIBUTE, token)
    if first:
        return known
    audit_record(actor=user, action="user.sign_in_new_device", target=user, after={"device": known.pk}, ip=ip)
    email_queue(
        "new-device-sign-in",
        {
            "user": user,
            "when": now,
            "user_agent": user_agent,
            "ip": ip,
            "password_url": settings.SITE_URL + reverse("account_change_password"),
            "sessions_url": settings.SITE_URL + reverse("usersessions_list"),
        },
        to=user.email,
        language=user.language,
        kind="new-device-sign-in",
        user=user,
    )
    return known
