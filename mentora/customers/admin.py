from django.contrib import admin

from mentora.accounts.admin import UserAdmin

from .models import Customer, Membership


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "customer"
    extra = 0
    fields = ["user", "role", "status", "can_submit_applications", "created_at"]
    readonly_fields = ["created_at"]
    autocomplete_fields = ["user"]


@admin.register(Customer)
class CustomerAdmin(admin.ModelAdmin):
    list_display = ["name", "customer_number", "organization_number", "status", "default_language"]
    list_filter = ["status", "default_language"]
    search_fields = ["name", "customer_number", "organization_number"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "customer", "role", "status", "can_submit_applications", "created_at"]
    list_filter = ["role", "status", "customer"]
    search_fields = ["user__email", "user__first_name", "user__last_name", "customer__name"]
    autocomplete_fields = ["user", "customer"]
    readonly_fields = ["added_by", "created_at"]


# A user's memberships show on their page in the back office. The accounts app sits below the
# customers app and knows nothing of memberships, so the inline is added here.
class UserMembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "user"
    extra = 0
    fields = ["customer", "role", "status", "can_submit_applications", "created_at"]
    readonly_fields = ["created_at"]
    autocomplete_fields = ["customer"]


UserAdmin.inlines = [*UserAdmin.inlines, UserMembershipInline]
