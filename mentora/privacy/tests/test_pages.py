"""Every privacy page: the happy path, the wrong role (403), another customer or a missing
thing (404), and the Swedish text."""

import csv
import io

import pytest
from django.urls import reverse

from mentora.accounts.models import User
from mentora.audit.services import audit_record
from mentora.privacy.models import ErasureRequest

pytestmark = pytest.mark.django_db


def table(response) -> str:  # type: ignore[no-untyped-def]
    """The rows of the page's table (the filter's options name every action too)."""
    page = response.content.decode()
    if "<tbody>" not in page:
        return ""
    return page[page.index("<tbody>") : page.index("</tbody>")]


OWN_PAGES = ["my_data", "my_activity", "usersessions_list", "mfa_index", "account_email"]
ADMIN_PAGES = ["terms_versions", "terms_publish", "terms_not_accepted", "erasure_requests"]


@pytest.mark.parametrize("name", OWN_PAGES + ADMIN_PAGES + ["audit_log"])
def test_pages_need_a_sign_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


@pytest.mark.parametrize("name", OWN_PAGES)
def test_own_pages_open_for_everyone_signed_in(client, cast, name):
    for person in (cast.north_mentor, cast.outsider, cast.system_admin):
        client.force_login(person)
        response = client.get(reverse(name))
        # The e-mail page first asks for the password again.
        assert response.status_code in (200, 302), (name, person)
        if response.status_code == 302:
            assert response.url.startswith("/accounts/reauthenticate/")


@pytest.mark.parametrize("name", ADMIN_PAGES)
def test_system_administrator_pages(client, cast, name):
    client.force_login(cast.system_admin)
    assert client.get(reverse(name)).status_code == 200
    for person in (cast.north_admin, cast.north_mentor, cast.professional, cast.outsider):
        client.force_login(person)
        assert client.get(reverse(name)).status_code == 403, (name, person)


def test_audit_log_for_each_role(client, cast):
    audit_record(
        actor=cast.north_admin,
        action="membership.status_change",
        customer=cast.north,
        target=cast.north_mentor,
    )
    audit_record(
        actor=cast.south_admin,
        action="membership.status_change",
        customer=cast.south,
        target=cast.south_mentor,
    )
    client.force_login(cast.system_admin)
    page = table(client.get(reverse("audit_log")))
    assert "North Org" in page and "South Org" in page

    client.force_login(cast.north_admin)
    response = client.get(reverse("audit_log"))
    assert response.status_code == 200
    page = table(response)
    assert "Maria Mentor" in page and "Sara Southmentor" not in page
    assert client.get(reverse("audit_log"), {"customer": cast.north.pk}).status_code == 200
    assert client.get(reverse("audit_log"), {"customer": cast.south.pk}).status_code == 404

    for person in (cast.north_mentor, cast.professional, cast.outsider):
        client.force_login(person)
        assert client.get(reverse("audit_log")).status_code == 403


def test_audit_log_filters_and_csv(client, cast):
    audit_record(
        actor=cast.north_admin,
        action="membership.status_change",
        customer=cast.north,
        target=cast.north_mentor,
        ip="203.0.113.9",
    )
    audit_record(actor=cast.system_admin, action="customer.update", customer=cast.south, target=cast.south)
    client.force_login(cast.system_admin)
    rows = table(client.get(reverse("audit_log"), {"action": "customer.update"}))
    assert "Customer changed" in rows and "Membership status changed" not in rows
    rows = table(client.get(reverse("audit_log"), {"actor": "nina"}))
    assert "Membership status changed" in rows and "Customer changed" not in rows
    page = client.get(reverse("audit_log"), {"date_from": "2200-01-01"}).content.decode()
    assert "No events match" in page
    # Nonsense in the filters is a message, never an error page.
    response = client.get(reverse("audit_log"), {"customer": "x", "date_from": "yesterday", "action": "nope"})
    assert response.status_code == 200
    assert "Please correct the following" in response.content.decode()

    response = client.get(reverse("audit_log"), {"customer": cast.north.pk, "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content).decode()
    assert "membership.status_change" in body and "customer.update" not in body
    assert "203.0.113.9" in body


def test_the_audit_csv_is_formula_safe_and_without_control_characters(client, cast):
    cast.south.name = '=HYPERLINK("http://x")\x1b\x0bSouth'
    cast.south.save(update_fields=["name"])
    audit_record(actor=cast.system_admin, action="customer.update", customer=cast.south, target=cast.south)
    client.force_login(cast.system_admin)
    response = client.get(reverse("audit_log"), {"format": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    customers = [row[1] for row in rows[1:]]
    assert '\'=HYPERLINK("http://x")South' in customers
    assert not any(character in cell for row in rows for cell in row for character in "\x0b\x1b")


def test_customer_admins_do_not_see_client_addresses(client, cast):
    audit_record(
        actor=cast.north_admin,
        action="membership.status_change",
        customer=cast.north,
        target=cast.north_mentor,
        ip="203.0.113.9",
    )
    client.force_login(cast.north_admin)
    assert "203.0.113.9" not in client.get(reverse("audit_log")).content.decode()
    body = b"".join(client.get(reverse("audit_log"), {"format": "csv"}).streaming_content).decode()
    assert "membership.status_change" in body and "203.0.113.9" not in body


def test_my_activity_shows_changes_about_me_by_whoever(client, cast):
    membership = cast.membership(cast.north_mentor, cast.north)
    audit_record(
        actor=cast.north_admin,
        action="membership.status_change",
        customer=cast.north,
        target=membership,
        before={"status": "ACTIVE"},
        after={"status": "INACTIVE"},
    )
    audit_record(
        actor=cast.north_admin,
        action="membership.status_change",
        customer=cast.north,
        target=cast.membership(cast.north_mentor_unassigned, cast.north),
    )
    client.force_login(cast.north_mentor)
    page = table(client.get(reverse("my_activity")))
    assert "Membership status changed" in page
    assert "Nina North" in page  # by whom
    assert "ACTIVE → INACTIVE" in page
    assert page.count("Membership status changed") == 1  # not the other mentor's


def test_erasure_approve_roles_and_missing(client, cast):
    request = ErasureRequest.objects.create(user=cast.outsider)
    client.force_login(cast.north_admin)
    assert client.post(reverse("erasure_approve", args=[request.pk])).status_code == 403
    client.force_login(cast.system_admin)
    assert client.post(reverse("erasure_approve", args=[request.pk + 1000])).status_code == 404
    assert client.post(reverse("erasure_approve", args=[request.pk])).status_code == 302
    assert User.objects.get(pk=cast.outsider.pk).erased_at is not None


def test_download_link_of_someone_else_or_unknown_is_404(client, cast):
    client.force_login(cast.north_mentor)
    assert client.get(reverse("data_export_download", args=["not-a-token"])).status_code == 404


def test_mentors_list_shows_who_uses_two_factor_sign_in(client, cast):
    from allauth.mfa.models import Authenticator

    Authenticator.objects.create(user=cast.north_mentor, type=Authenticator.Type.TOTP, data={"secret": "x"})
    client.force_login(cast.north_admin)
    page = client.get(reverse("mentors_list", args=[cast.north.pk])).content.decode()
    assert "Two-factor sign-in" in page
    row = page[page.index("north.mentor@example.com") :]
    assert row[: row.index("</tr>")].count(">On<") == 1
    row = page[page.index("north.spare@example.com") :]
    assert row[: row.index("</tr>")].count(">Off<") == 1


@pytest.mark.parametrize("name", ["my_data", "my_activity", "usersessions_list", "mfa_index"])
def test_own_pages_in_swedish(client, cast, name):
    cast.north_mentor.language = "sv"
    cast.north_mentor.save()
    client.force_login(cast.north_mentor)
    page = client.get(reverse(name)).content.decode()
    assert 'lang="sv"' in page
    for english in (
        "Your data",
        "Changes to your account",
        "Signed-in sessions",
        "Two-Factor Authentication",
    ):
        assert f"<h1>{english}</h1>" not in page


@pytest.mark.parametrize("name", [*ADMIN_PAGES, "audit_log"])
def test_admin_pages_in_swedish(client, cast, name):
    cast.system_admin.language = "sv"
    cast.system_admin.save()
    client.force_login(cast.system_admin)
    page = client.get(reverse(name)).content.decode()
    for english in (
        "Audit log",
        "Deletion requests",
        "Not yet accepted",
        "Publish a new version of the terms",
    ):
        assert english not in page, (name, english)
