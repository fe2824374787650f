from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from mentora.audit.services import audit_record
from mentora.core.exceptions import Conflict, InvalidInput, NotFound, PermissionDenied

from .models import ConsentRecord, TermsVersion, User, normalize_email
from .permissions import can_manage_users

PROFILE_FIELDS = ("first_name", "last_name", "phone", "language", "time_zone")
# What a system administrator may set on anyone's account (the e-mail is the person's own: it
# changes only through the verified e-mail change).
STAFF_FIELDS = (*PROFILE_FIELDS, "is_system_admin", "is_professional", "is_active")


def user_update_profile(*, user: User, data: dict[str, str], ip: str | None = None) -> User:
    """The user changes their own details. Only PROFILE_FIELDS can change; the e-mail and the
    staff flags cannot. Writes an audit event when anything changed."""
    # From the database, not the instance: a ModelForm bound to `user` has already changed it.
    before = User.objects.filter(pk=user.pk).values(*PROFILE_FIELDS).get()
    for name in PROFILE_FIELDS:
        if name in data:
            setattr(user, name, data[name])
    user.full_clean()
    after = {name: getattr(user, name) for name in PROFILE_FIELDS}
    if after != before:
        user.save(update_fields=list(PROFILE_FIELDS))
        audit_record(actor=user, action="user.profile_update", target=user, before=before, after=after, ip=ip)
    return user


def consent_record_create(*, user: User, terms_version: TermsVersion, ip: str | None = None) -> ConsentRecord:
    """Record that `user` accepted `terms_version` now, from `ip`. Called by the person's own act
    (registration through an invitation). Idempotent per (user, version); writes an audit event."""

    consent, created = ConsentRecord.objects.get_or_create(
        user=user, terms_version=terms_version, defaults={"ip": ip}
    )
    if created:
        audit_record(
            actor=user,
            action="user.consent",
            target=user,
            after={"terms_version": terms_version.version},
            ip=ip,
        )
    return consent


# --- Accounts in the back office (system administrators) ----------------------------------------


def user_staff_create(*, actor: User, email: str, data: dict[str, Any], ip: str | None = None) -> User:
    """Make an account for `email`, with no usable password: the person sets one through "Forgot
    password?". Only STAFF_FIELDS in `data` are used.

    Who may call: system administrators (`can_manage_users`), else PermissionDenied. Locks
    nothing: the unique e-mail decides between two simultaneous creates, and the other gets
    Conflict. Raises InvalidInput for invalid values. Audits "user.create"."""
    if not can_manage_users(actor):
        raise PermissionDenied()
    user = User(email=normalize_email(email), **{name: data[name] for name in STAFF_FIELDS if name in data})
    user.set_unusable_password()
    _validate_user(user)
    try:
        with transaction.atomic():
            user.save()
            audit_record(actor=actor, action="user.create", target=user, after=_staff_snapshot(user), ip=ip)
    except IntegrityError:
        raise Conflict(_("There already is an account with this e-mail address.")) from None
    return user


def user_staff_update(*, actor: User, user: User, data: dict[str, Any], ip: str | None = None) -> User:
    """Change anyone's details and provider-staff flags (system administrator, professional,
    active). Only STAFF_FIELDS in `data` are used.

    Who may call: system administrators, else PermissionDenied. Locks the user's row. Raises
    NotFound when the account is gone, InvalidInput for invalid values. Audits "user.update" with
    the changed fields before and after; nothing when nothing changed."""
    if not can_manage_users(actor):
        raise PermissionDenied()
    with transaction.atomic():
        try:
            locked = User.objects.select_for_update().get(pk=user.pk)
        except User.DoesNotExist:
            raise NotFound() from None
        before = _staff_snapshot(locked)
        for name in STAFF_FIELDS:
            if name in data:
                setattr(locked, name, data[name])
        _validate_user(locked)
        after = _staff_snapshot(locked)
        changed = [name for name in STAFF_FIELDS if before[name] != after[name]]
        if not changed:
            return locked
        locked.save(update_fields=changed)
        audit_record(
            actor=actor,
            action="user.update",
            target=locked,
            before={name: before[name] for name in changed},
            after={name: after[name] for name in changed},
            ip=ip,
        )
    return locked


def _staff_snapshot(user: User) -> dict[str, object]:
    return {name: getattr(user, name) for name in STAFF_FIELDS}


def _validate_user(user: User) -> None:
    try:
        # The e-mail's uniqueness is the database's to guard (reported as Conflict), race-free.
        user.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        raise InvalidInput(" ".join(error.messages)) from None
