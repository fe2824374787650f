"""Customers and memberships in the back office. Every change goes through the services, so it is
permission-checked and audited like a change made on the product's pages; the forms validate
first (the model's constraints: a taken customer number, a duplicate role), so the services
rarely refuse, and when they do the answer is the product's error page, never a 500."""

from typing import Any

from django.conf import settings
from django.contrib import admin
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest

from mentora.accounts.admin import UserAdmin
from mentora.core.backoffice import ReadOnlyInline
from mentora.core.net import client_ip
from mentora.core.time_zones import time_zone_field

from . import services
from .access import Actor
from .models import Customer, Membership


def _actor(request: HttpRequest) -> Actor:
    return request.actor  # type: ignore[attr-defined]  # ActorMiddleware


class MembershipInline(ReadOnlyInline):
    """Shown on the customer's page; changed on the membership's own page (a service each)."""

    model = Membership
    fk_name = "customer"
    fields = ["user", "role", "status", "can_submit_applications", "created_at"]
    show_change_link = True


@admin.register(Customer)
class CustomerAdmin(admin.ModelAdmin):
    list_display = ["name", "customer_number", "organization_number", "status", "default_language"]
    list_filter = ["status", "default_language"]
    search_fields = ["name", "customer_number", "organization_number"]
    fields = list(services.CUSTOMER_FIELDS)
    inlines = [MembershipInline]

    def get_form(
        self, request: HttpRequest, obj: Customer | None = None, change: bool = False, **kwargs: Any
    ) -> Any:
        form = super().get_form(request, obj, change, **kwargs)
        current = obj.time_zone if obj is not None else settings.TIME_ZONE
        form.base_fields["time_zone"] = time_zone_field(first=[current], current=current)
        return form

    def save_model(self, request: HttpRequest, obj: Customer, form: ModelForm, change: bool) -> None:
        if change:
            services.customer_update(
                actor=_actor(request),
                customer=obj,
                data={name: getattr(obj, name) for name in services.CUSTOMER_FIELDS},
                ip=client_ip(request),
            )
            return
        created = services.customer_create(
            actor=_actor(request),
            name=obj.name,
            customer_number=obj.customer_number,
            organization_number=obj.organization_number,
            default_language=obj.default_language,
            time_zone=obj.time_zone,
            status=obj.status,
            ip=client_ip(request),
        )
        obj.pk, obj.created_at = created.pk, created.created_at

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # A customer is made inactive, never deleted: its applications, memberships and audit
        # trail would go with it.
        return False


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "customer", "role", "status", "can_submit_applications", "created_at"]
    list_filter = ["role", "status", "customer"]
    search_fields = ["user__email", "user__first_name", "user__last_name", "customer__name"]
    autocomplete_fields = ["user", "customer"]
    fields = ["user", "customer", "role", "status", "can_submit_applications", "added_by", "created_at"]

    def get_readonly_fields(self, request: HttpRequest, obj: Membership | None = None) -> list[str]:
        # Who, where and in what role is the membership itself: another is a removal and an add.
        if obj is not None:
            return ["user", "customer", "role", "added_by", "created_at"]
        return ["added_by", "created_at"]

    def save_model(self, request: HttpRequest, obj: Membership, form: ModelForm, change: bool) -> None:
        if change:
            services.membership_staff_update(
                actor=_actor(request),
                membership=obj,
                status=obj.status,
                can_submit_applications=obj.can_submit_applications,
                ip=client_ip(request),
            )
            return
        created = services.membership_staff_create(
            actor=_actor(request),
            customer=obj.customer,
            user=obj.user,
            role=obj.role,
            status=obj.status,
            can_submit_applications=obj.can_submit_applications,
            ip=client_ip(request),
        )
        obj.pk, obj.added_by, obj.created_at = created.pk, created.added_by, created.created_at

    def delete_model(self, request: HttpRequest, obj: Membership) -> None:
        services.membership_staff_remove(actor=_actor(request), membership=obj, ip=client_ip(request))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Membership]) -> None:
        for membership in queryset:
            self.delete_model(request, membership)


# A user's memberships show on their page in the back office. The accounts app sits below the
# customers app and knows nothing of memberships, so the inline is added here.
class UserMembershipInline(ReadOnlyInline):
    model = Membership
    fk_name = "user"
    fields = ["customer", "role", "status", "can_submit_applications", "created_at"]
    show_change_link = True


UserAdmin.inlines = [*UserAdmin.inlines, UserMembershipInline]
