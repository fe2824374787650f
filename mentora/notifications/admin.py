from django.contrib import admin

from .models import NotificationPreference


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "category", "email_enabled", "updated_at"]
    list_filter = ["category", "email_enabled"]
    search_fields = ["user__email"]
