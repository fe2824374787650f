"""The back office as a whole: every page Django's admin offers, ours and what third-party apps
register, either writes through a service or is read-only; none answers 500, and none shows a
secret (a link token, a session key, a two-factor secret, a task's arguments)."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.contrib import admin
from django.contrib.admin import ModelAdmin
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from mentora.accounts.models import User
from mentora.customers.access import actor_for
from mentora.customers.models import Customer, Membership
from mentora.invitations.models import Invitation
from mentora.invitations.services import invitation_create
from mentora.mail.services import message_create
from mentora.schedule.calendar.services import calendar_feed_token_regenerate
from mentora.testing.factories import TEST_PASSWORD
from mentora.testing.smtp import database_backend_settings

pytestmark = pytest.mark.django_db

# The only pages that write, each through the services (customers.services, accounts.services).
WRITABLE = {User, Customer, Membership}


def test_every_page_writes_through_a_service_or_is_read_only(cast):
    request = RequestFactory().get("/admin/")
    request.user = cast.system_admin
    for model, model_admin in admin.site._registry.items():
        if model in WRITABLE:
            assert type(model_admin).save_model is not ModelAdmin.save_model, model
            deletes = model_admin.has_delete_permission(request)
            assert not deletes or type(model_admin).delete_queryset is not ModelAdmin.delete_queryset, model
            continue
        assert not model_admin.has_add_permission(request), model
        assert not model_admin.has_change_permission(request), model
        assert not model_admin.has_delete_permission(request), model


@override_settings(TASKS=database_backend_settings())
def test_no_page_answers_500_or_shows_a_secret(client, cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sent = invitation_create(
            actor=actor_for(cast.north_admin), customer=cast.north, email="new@example.com"
        )
        message_create(kind="probe", to="a@example.com", language="en", subject="S", text="T", html="")
    feed_token = calendar_feed_token_regenerate(user=cast.north_mentor)
    browser = Client()
    browser.post("/accounts/login/", {"login": cast.north_mentor.email, "password": TEST_PASSWORD})
    Authenticator.objects.create(
        user=cast.north_mentor, type=Authenticator.Type.TOTP, data={"secret": "TOTP-PROBE"}
    )
    secrets = [
        sent.token,
        feed_token,
        UserSession.objects.get(user=cast.north_mentor).session_key,
        "TOTP-PROBE",
        "message_id",  # the delivery task's arguments
    ]
    assert DBTaskResult.objects.exists()

    client.force_login(cast.system_admin)
    rows_shown = set()
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        urls = [reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")]
        if model_admin.get_search_fields(RequestFactory().get(urls[0])):
            urls.append(urls[0] + "?q=probe")
        first = model._default_manager.first()
        if first is not None:
            urls.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[first.pk]))
            rows_shown.add(model)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            html = response.content.decode()
            assert [secret[:10] for secret in secrets if secret in html] == [], url
    # The rows that hold a secret were among those shown.
    assert {Invitation, UserSession, Authenticator, DBTaskResult} <= rows_shown


def test_invitations_cannot_be_deleted_there(client, cast):
    invitation = invitation_create(
        actor=actor_for(cast.north_admin), customer=cast.north, email="new@example.com"
    ).invitation
    client.force_login(cast.system_admin)
    url = reverse("admin:invitations_invitation_delete", args=[invitation.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    listing = client.post(
        reverse("admin:invitations_invitation_changelist"),
        {"action": "delete_selected", "_selected_action": [invitation.pk], "post": "yes"},
    )
    assert listing.status_code in (200, 302)
    assert Invitation.objects.filter(pk=invitation.pk).exists()
