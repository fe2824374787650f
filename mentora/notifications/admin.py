from django.contrib import admin

from mentora.core.backoffice import ReadOnlyModelAdmin

from .models import NotificationPreference


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(ReadOnlyModelAdmin):
    """Read-only: each person sets their own on their notification settings page."""

    list_display = ["user", "category", "email_enabled", "updated_at"]
    list_filter = ["category", "email_enabled"]
    search_fields = ["user__email"]
