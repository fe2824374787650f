"""Accounts in the back office: made and changed through the services (audited); what allauth
registers is read-only and shows no secret."""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.contrib import admin
from django.contrib.auth.models import Group

from mentora.accounts.models import ConsentRecord, TermsVersion, User
from mentora.accounts.services import user_staff_update
from mentora.audit.models import AuditEvent
from mentora.core.exceptions import PermissionDenied
from mentora.testing.backoffice import admin_form_data
from mentora.testing.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db

USERS = "/admin/accounts/user/"


@pytest.fixture
def staff_client(client, cast):
    client.force_login(cast.system_admin)
    return client


def test_an_account_made_in_the_back_office_is_audited_and_has_no_password(staff_client, cast):
    data = admin_form_data(
        staff_client, f"{USERS}add/", email="New.Pro@Example.com", first_name="Nils", is_professional=True
    )
    response = staff_client.post(f"{USERS}add/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    user = User.objects.get(email="new.pro@example.com")
    assert user.is_professional and not user.has_usable_password()
    event = AuditEvent.objects.get(action="user.create")
    assert event.actor == cast.system_admin and event.target_id == str(user.pk)
    assert event.after["is_professional"] is True


def test_making_someone_a_system_administrator_there_is_audited(staff_client, cast):
    url = f"{USERS}{cast.outsider.pk}/change/"
    # The e-mail is read-only there: a posted one is ignored.
    data = admin_form_data(staff_client, url, is_system_admin=True, email="taken.over@example.com")
    assert "email" not in response_fields(staff_client, url)
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    cast.outsider.refresh_from_db()
    assert cast.outsider.is_system_admin and cast.outsider.email == "outsider@example.com"
    event = AuditEvent.objects.get(action="user.update")
    assert event.actor == cast.system_admin
    assert (event.before, event.after) == ({"is_system_admin": False}, {"is_system_admin": True})


def response_fields(client, url: str) -> list[str]:
    return list(client.get(url).context["adminform"].form.fields)


def test_accounts_are_not_deleted_in_the_back_office(staff_client, cast):
    assert staff_client.post(f"{USERS}{cast.outsider.pk}/delete/", {"post": "yes"}).status_code == 403
    assert User.objects.filter(pk=cast.outsider.pk).exists()


def test_only_system_administrators_change_accounts(cast):
    with pytest.raises(PermissionDenied):
        user_staff_update(actor=cast.north_admin, user=cast.north_mentor, data={"is_system_admin": True})
    cast.north_mentor.refresh_from_db()
    assert not cast.north_mentor.is_system_admin


def test_sessions_show_no_session_key(client, staff_client, cast):
    other = type(client)()
    assert (
        other.post(
            "/accounts/login/", {"login": cast.north_mentor.email, "password": TEST_PASSWORD}
        ).status_code
        == 302
    )
    session = UserSession.objects.get(user=cast.north_mentor)
    for url in ("/admin/usersessions/usersession/", f"/admin/usersessions/usersession/{session.pk}/change/"):
        response = staff_client.get(url)
        assert response.status_code == 200
        assert session.session_key not in response.content.decode()
    assert staff_client.get("/admin/usersessions/usersession/?q=north").status_code == 200
    response = staff_client.post(f"/admin/usersessions/usersession/{session.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403


def test_two_factor_methods_show_no_secret(staff_client, cast):
    authenticator = Authenticator.objects.create(
        user=cast.north_mentor, type=Authenticator.Type.TOTP, data={"secret": "ENCRYPTED-SECRET-PROBE"}
    )
    for url in ("/admin/mfa/authenticator/", f"/admin/mfa/authenticator/{authenticator.pk}/change/"):
        response = staff_client.get(url)
        assert response.status_code == 200
        assert "ENCRYPTED-SECRET-PROBE" not in response.content.decode()
    response = staff_client.post(f"/admin/mfa/authenticator/{authenticator.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert Authenticator.objects.filter(pk=authenticator.pk).exists()


def test_email_addresses_are_read_only_and_not_marked_verified_there(staff_client, cast):
    address = EmailAddress.objects.create(user=cast.outsider, email="second@example.com", verified=False)
    response = staff_client.post(
        "/admin/account/emailaddress/", {"action": "make_verified", "_selected_action": [address.pk]}
    )
    assert response.status_code in (200, 302)
    address.refresh_from_db()
    assert not address.verified
    url = f"/admin/account/emailaddress/{address.pk}/change/"
    assert staff_client.post(url, {"email": "x@example.com", "user": cast.outsider.pk}).status_code == 403


def test_terms_and_consents_are_read_only(staff_client, cast):
    terms = TermsVersion.objects.create(version="1.0")
    consent = ConsentRecord.objects.create(user=cast.outsider, terms_version=terms)
    assert (
        staff_client.post(f"/admin/accounts/consentrecord/{consent.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    assert staff_client.get("/admin/accounts/termsversion/add/").status_code == 403
    assert ConsentRecord.objects.filter(pk=consent.pk).exists()


def test_groups_are_not_offered():
    assert not admin.site.is_registered(Group)
