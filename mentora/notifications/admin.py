from django.contrib import admin

from .models import Notification, NotificationSetting


@admin.register(NotificationSetting)
class NotificationSettingAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "email", "in_app", "updated_at"]
    list_filter = ["kind", "email", "in_app"]
    search_fields = ["user__email"]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "created_at", "read_at", "in_app", "email", "digested_at"]
    list_filter = ["kind", "in_app", "email"]
    search_fields = ["user__email"]
    raw_id_fields = ["user"]
