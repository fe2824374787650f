"""Accounts in the back office, and what allauth and Django's auth app register there. Creating an
account and changing someone's details or provider-staff flags go through the services (and
so are audited); everything else is read-only, and nothing shows a secret: not a session key,
a two-factor secret or an e-mail confirmation key."""

from typing import Any

import django.contrib.auth.admin  # noqa: F401  (registers Group, unregistered below)
from allauth.account.admin import EmailAddressAdmin
from allauth.account.models import EmailAddress, EmailConfirmation
from allauth.mfa.admin import AuthenticatorAdmin
from allauth.mfa.models import Authenticator
from allauth.usersessions.admin import UserSessionAdmin
from allauth.usersessions.models import UserSession
from django import forms
from django.contrib import admin
from django.contrib.auth.models import Group
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from mentora.core.backoffice import ReadOnlyModelAdmin
from mentora.core.net import client_ip
from mentora.core.time_zones import time_zone_field

from .models import ConsentRecord, TermsVersion, User
from .services import STAFF_FIELDS, user_staff_create, user_staff_update


class UserCreationForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["email", "first_name", "last_name", "language", "is_system_admin", "is_professional"]


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ["email", "first_name", "last_name", "is_system_admin", "is_professional", "is_active"]
    list_filter = ["is_system_admin", "is_professional", "is_active", "language"]
    search_fields = ["email", "first_name", "last_name"]
    ordering = ["email"]
    fieldsets = [
        (None, {"fields": ["email"]}),
        (_("Personal details"), {"fields": ["first_name", "last_name", "phone", "language", "time_zone"]}),
        (_("Provider staff"), {"fields": ["is_system_admin", "is_professional", "is_active"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]

    def get_readonly_fields(self, request: HttpRequest, obj: User | None = None) -> list[str]:
        # The e-mail is the sign-in: it changes only through the person's verified e-mail change.
        return ["email", "last_login", "date_joined"] if obj is not None else ["last_login", "date_joined"]

    def get_form(
        self, request: HttpRequest, obj: User | None = None, change: bool = False, **kwargs: Any
    ) -> type[forms.ModelForm[User]]:
        if obj is None:
            kwargs["form"] = UserCreationForm
            kwargs["fields"] = UserCreationForm.Meta.fields
        form = super().get_form(request, obj, change, **kwargs)
        if obj is not None and "time_zone" in form.base_fields:
            # The zones of the person's organizations lead the picker, as on their profile.
            zones = obj.memberships.values_list("customer__time_zone", flat=True).distinct()
            form.base_fields["time_zone"] = time_zone_field(first=list(zones), current=obj.time_zone)
        return form

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return [(None, {"fields": UserCreationForm.Meta.fields})]
        return super().get_fieldsets(request, obj)

    def save_model(self, request: HttpRequest, obj: User, form: forms.ModelForm, change: bool) -> None:
        data = {name: getattr(obj, name) for name in STAFF_FIELDS}
        if change:
            user_staff_update(actor=request.user, user=obj, data=data, ip=client_ip(request))  # type: ignore[arg-type]  # the admin is for signed-in staff
            return
        # New users set their own password through "Forgot password?".
        created = user_staff_create(actor=request.user, email=obj.email, data=data, ip=client_ip(request))  # type: ignore[arg-type]
        obj.pk, obj.password, obj.date_joined = created.pk, created.password, created.date_joined

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Accounts are erased through the privacy flow (it keeps the audit trail), never deleted.
        return False


@admin.register(TermsVersion)
class TermsVersionAdmin(ReadOnlyModelAdmin):
    """Read-only: terms are published on the Terms page (privacy), which records who did it."""

    list_display = ["version", "published_at"]
    search_fields = ["version"]
    ordering = ["-published_at"]


@admin.register(ConsentRecord)
class ConsentRecordAdmin(ReadOnlyModelAdmin):
    """Consent is given by the person, never recorded or withdrawn on their behalf."""

    list_display = ["user", "terms_version", "accepted_at", "ip"]
    list_filter = ["terms_version"]
    search_fields = ["user__email"]


# --- What other apps register ---------------------------------------------------------------------


class ReadOnlyEmailAddressAdmin(ReadOnlyModelAdmin, EmailAddressAdmin):
    """Addresses follow the account's e-mail (accounts.receivers); "mark as verified" is not
    offered: an address is verified by the code sent to it."""

    actions = None


class ReadOnlyAuthenticatorAdmin(ReadOnlyModelAdmin, AuthenticatorAdmin):
    """The two-factor methods, without their data (the encrypted secret, the recovery codes' seed):
    they are set up and removed by the person, with an e-mail and an audit event each."""

    fields = ["user", "type", "created_at", "last_used_at"]


class ReadOnlyUserSessionAdmin(ReadOnlyModelAdmin, UserSessionAdmin):
    """Signed-in sessions without their session key (it would let anyone who reads it in) or data;
    the person signs out of them on their Sessions page."""

    fields = ["user", "created_at", "last_seen_at", "ip", "user_agent"]
    search_fields = ["user__email", "ip"]


for _model, _admin in (
    (EmailAddress, ReadOnlyEmailAddressAdmin),
    (Authenticator, ReadOnlyAuthenticatorAdmin),
    (UserSession, ReadOnlyUserSessionAdmin),
):
    admin.site.unregister(_model)
    admin.site.register(_model, _admin)

# Confirmation keys sign someone in; with HMAC confirmations (allauth's default) there are none
# stored, and the model is not registered.
if admin.site.is_registered(EmailConfirmation):
    admin.site.unregister(EmailConfirmation)
# Groups and permissions mean nothing here (a system administrator may do everything in the
# back office, nobody else gets in): not offered.
admin.site.unregister(Group)
