from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth.forms import AdminPasswordChangeForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .models import ConsentRecord, TermsVersion, User


class UserCreationForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["email", "first_name", "last_name", "language", "is_system_admin", "is_professional"]

    def save(self, commit: bool = True) -> User:
        user = super().save(commit=False)
        # New users set their own password through "Forgot password?".
        user.set_unusable_password()
        if commit:
            user.save()
        return user


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ["email", "first_name", "last_name", "is_system_admin", "is_professional", "is_active"]
    list_filter = ["is_system_admin", "is_professional", "is_active", "language"]
    search_fields = ["email", "first_name", "last_name"]
    ordering = ["email"]
    readonly_fields = ["last_login", "date_joined"]
    change_password_form = AdminPasswordChangeForm
    fieldsets = [
        (None, {"fields": ["email"]}),
        (_("Personal details"), {"fields": ["first_name", "last_name", "phone", "language", "time_zone"]}),
        (_("Provider staff"), {"fields": ["is_system_admin", "is_professional", "is_active"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]

    def get_form(
        self, request: HttpRequest, obj: User | None = None, change: bool = False, **kwargs: Any
    ) -> type[forms.ModelForm[User]]:
        if obj is None:
            kwargs["form"] = UserCreationForm
            kwargs["fields"] = UserCreationForm.Meta.fields
        return super().get_form(request, obj, change, **kwargs)

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return [(None, {"fields": UserCreationForm.Meta.fields})]
        return super().get_fieldsets(request, obj)


@admin.register(TermsVersion)
class TermsVersionAdmin(admin.ModelAdmin):
    list_display = ["version", "published_at"]
    search_fields = ["version"]
    ordering = ["-published_at"]


@admin.register(ConsentRecord)
class ConsentRecordAdmin(admin.ModelAdmin):
    list_display = ["user", "terms_version", "accepted_at", "ip"]
    list_filter = ["terms_version"]
    search_fields = ["user__email"]
    readonly_fields = ["user", "terms_version", "accepted_at", "ip"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Consent is given by the person, never recorded on their behalf.
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
