from mentora.audit.services import audit_record

from .models import ConsentRecord, TermsVersion, User

PROFILE_FIELDS = ("first_name", "last_name", "phone", "language", "time_zone")


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
