from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import Invitation


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Read-only: invitations change through the Invitations pages, which audit every change."""

    list_display = ["email", "customer", "status", "invited_by", "sent_at", "expires_at", "accepted_at"]
    list_filter = ["status", "customer"]
    search_fields = ["email", "customer__name"]
    exclude = ["token_hash", "reminder_token_hash"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
