from django.contrib import admin

from .models import Invitation


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Read-only: invitations change through the Invitations pages, which audit every change."""

    list_display = ["email", "customer", "status", "invited_by", "sent_at", "expires_at", "accepted_at"]
    list_filter = ["status", "customer"]
    search_fields = ["email", "customer__name"]
    exclude = ["token_hash", "reminder_token_hash"]

    def has_add_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False
