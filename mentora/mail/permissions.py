"""Who may do what with outgoing mail, as questions."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser


def can_manage_outgoing_mail(user: AbstractBaseUser | AnonymousUser) -> bool:
    """System administrators see every outgoing message (never a body) and retry or cancel them."""
    return bool(user.is_authenticated and user.is_active and getattr(user, "is_system_admin", False))
