from mentora.accounts.models import User

from .models import Category, NotificationPreference


def wants_email(user: User, category: Category | str) -> bool:
    """Whether `user` wants e-mail about `category`. On unless they turned it off; never for an
    inactive account."""
    if not user.is_active:
        return False
    enabled = (
        NotificationPreference.objects.filter(user=user, category=category)
        .values_list("email_enabled", flat=True)
        .first()
    )
    return True if enabled is None else enabled


def email_preferences_for(user: User) -> dict[str, bool]:
    """Every category with the user's choice (default on), in Category order."""
    stored = dict(NotificationPreference.objects.filter(user=user).values_list("category", "email_enabled"))
    return {category: stored.get(category, True) for category in Category.values}
