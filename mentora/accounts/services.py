from mentora.audit.services import audit_record

from .models import User

PROFILE_FIELDS = ("first_name", "last_name", "phone", "language", "time_zone")


def user_update_profile(*, user: User, data: dict[str, str], ip: str | None = None) -> User:
    """The user changes their own details. Only PROFILE_FIELDS can change; the e-mail and the
    staff flags cannot. Writes an audit event when anything changed."""
    before = {name: getattr(user, name) for name in PROFILE_FIELDS}
    for name in PROFILE_FIELDS:
        if name in data:
            setattr(user, name, data[name])
    user.full_clean()
    after = {name: getattr(user, name) for name in PROFILE_FIELDS}
    if after != before:
        user.save(update_fields=list(PROFILE_FIELDS))
        audit_record(actor=user, action="user.profile_update", target=user, before=before, after=after, ip=ip)
    return user
