from django.contrib import admin

from mentora.core.backoffice import ReadOnlyModelAdmin

from .models import Invitation


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyModelAdmin):
    """Read-only, and never deleted here: invitations change through the Invitations pages, which
    audit every change, and an ended one is kept as the record of how a membership began."""

    list_display = ["email", "customer", "status", "invited_by", "sent_at", "expires_at", "accepted_at"]
    list_filter = ["status", "customer"]
    search_fields = ["email", "customer__name"]
    exclude = ["token_hash", "reminder_token_hash"]
