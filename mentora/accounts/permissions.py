"""Who may do what with accounts, as questions; the services ask them and refuse with
PermissionDenied."""

from .models import User


def can_manage_users(user: User) -> bool:
    """Create accounts and change anyone's details and provider-staff flags: system
    administrators, in the back office."""
    return user.is_authenticated and user.is_staff
