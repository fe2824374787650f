"""The account's part of a person's data export and erasure (mentora.core.personal_data)."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from mentora.core.personal_data import Identity

from .models import ConsentRecord, User


def export(user: User) -> dict[str, object]:
    return {
        "profile": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "phone": user.phone,
            "language": user.language,
            "time_zone": user.time_zone,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "system_administrator": user.is_system_admin,
            "professional": user.is_professional,
        },
        "consents": [
            {"terms_version": version, "accepted_at": accepted_at.isoformat(), "client_address": ip}
            for version, accepted_at, ip in ConsentRecord.objects.filter(user=user)
            .order_by("accepted_at")
            .values_list("terms_version__version", "accepted_at", "ip")
        ],
        "sessions": [
            {
                "started": session.created_at.isoformat(),
                "last_seen": session.last_seen_at.isoformat(),
                "client_address": session.ip,
                "browser": session.user_agent,
            }
            for session in UserSession.objects.filter(user=user).order_by("created_at")
        ],
        "two_factor": [
            {
                "kind": authenticator.type,
                "added": authenticator.created_at.isoformat(),
                "last_used": authenticator.last_used_at.isoformat() if authenticator.last_used_at else None,
            }
            for authenticator in Authenticator.objects.filter(user=user).order_by("created_at")
        ],
    }


def erase(user: User, identity: Identity) -> None:
    """Signs the account out everywhere and removes its second factors and addresses. The
    anonymisation of the account itself is `user_anonymise`, the last step of an erasure."""
    for session in UserSession.objects.filter(user=user):
        session.end()
    Authenticator.objects.filter(user=user).delete()
    EmailAddress.objects.filter(user=user).delete()
    # Proof of consent stays (version and time), without the client address.
    ConsentRecord.objects.filter(user=user).update(ip=None)
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk)
    ).update(object_repr="Deleted user", change_message="")


def erased_email(user: User) -> str:
    """The address an erased account (and invitations to its old address) is left with."""
    return f"deleted-{user.pk}@deleted.invalid"


def user_anonymise(user: User) -> User:
    """Replace the account's name, e-mail and phone; it can no longer sign in. What the person
    wrote stays, attributed to "Deleted user"."""
    user.email = erased_email(user)
    user.first_name = user.last_name = user.phone = ""
    user.erased_at = timezone.now()
    user.is_active = False
    user.is_system_admin = user.is_professional = False
    user.set_unusable_password()
    user.save()
    EmailAddress.objects.filter(user=user).delete()
    return user
