from django.contrib import admin

from mentora.core.backoffice import ReadOnlyModelAdmin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyModelAdmin):
    """The audit trail is read-only, even for system administrators."""

    list_display = ["created_at", "action", "actor", "customer", "target_repr", "ip"]
    list_filter = ["action", "customer"]
    search_fields = ["action", "target_repr", "actor__email"]
    date_hierarchy = "created_at"
