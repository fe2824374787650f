from django.contrib import admin

from mentora.core.backoffice import ReadOnlyModelAdmin

from .models import Notification, NotificationSetting


@admin.register(NotificationSetting)
class NotificationSettingAdmin(ReadOnlyModelAdmin):
    """Read-only: each person sets their own on their notification settings page."""

    list_display = ["user", "kind", "email", "in_app", "updated_at"]
    list_filter = ["kind", "email", "in_app"]
    search_fields = ["user__email"]


@admin.register(Notification)
class NotificationAdmin(ReadOnlyModelAdmin):
    """Read-only: notifications are written by the services that notify."""

    list_display = ["user", "kind", "created_at", "read_at", "in_app", "email", "digested_at"]
    list_filter = ["kind", "in_app", "email"]
    search_fields = ["user__email"]
    raw_id_fields = ["user"]
