import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from mentora.audit.models import AuditEvent
from mentora.customers.access import actor_for
from mentora.invitations.models import Invitation
from mentora.invitations.services import invitation_create
from mentora.mail.models import Message
from mentora.testing.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db

EMAIL = "/accounts/email/"
CODE = "/accounts/confirm-email/"
CODE_PATTERN = r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$"


def sign_in(client, user):  # type: ignore[no-untyped-def]
    # Changing the address asks for the password again first.
    client.force_login(user)
    response = client.post("/accounts/reauthenticate/", {"password": TEST_PASSWORD})
    assert response.status_code == 302


def ask_for_change(client, address, capture):  # type: ignore[no-untyped-def]
    with capture(execute=True):
        response = client.post(EMAIL, {"action_add": "", "email": address})
    assert response.status_code == 302
    assert response.url == CODE
    [message] = [m for m in mail.outbox if m.to == [address]]
    return re.search(CODE_PATTERN, message.body, re.MULTILINE).group(1)


def test_the_code_and_the_notice_are_security_messages(client, cast, django_capture_on_commit_callbacks):
    sign_in(client, cast.north_mentor)
    code = ask_for_change(client, "maria.new@example.com", django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(CODE, {"code": code})
    kinds = {m.kind: m for m in Message.objects.filter(user=cast.north_mentor)}
    # The code is a secret: its body was encrypted until it was sent (and is gone now).
    assert kinds["account-email-confirmation"].recipient == "maria.new@example.com"
    assert kinds["account-email-confirmation"].carries_secret
    assert kinds["account-email-changed"].recipient == "north.mentor@example.com"
    assert all(m.body is None for m in kinds.values())
    # Security messages always go out and carry no unsubscribe link.
    assert all("List-Unsubscribe" not in m.extra_headers for m in mail.outbox)


def test_the_page_shows_the_current_address_and_a_form_for_a_new_one(client, cast):
    sign_in(client, cast.north_mentor)
    response = client.get(EMAIL)
    assert response.status_code == 200
    page = response.content.decode()
    assert cast.north_mentor.email in page
    assert 'name="email"' in page


def test_the_page_needs_a_sign_in(client):
    response = client.get(EMAIL)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_a_new_address_counts_only_once_its_code_is_entered(client, cast, django_capture_on_commit_callbacks):
    sign_in(client, cast.north_mentor)
    code = ask_for_change(client, "maria.new@example.com", django_capture_on_commit_callbacks)
    # Nothing is stored for the new address until the code comes back.
    assert not EmailAddress.objects.filter(email="maria.new@example.com").exists()
    cast.north_mentor.refresh_from_db()
    assert cast.north_mentor.email == "north.mentor@example.com"

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(CODE, {"code": code})
    assert response.status_code == 302
    cast.north_mentor.refresh_from_db()
    assert cast.north_mentor.email == "maria.new@example.com"
    address = EmailAddress.objects.get(user=cast.north_mentor)
    assert (address.email, address.verified, address.primary) == ("maria.new@example.com", True, True)
    # The old address is told.
    [notice] = [m for m in mail.outbox if m.to == ["north.mentor@example.com"]]
    assert "maria.new@example.com" in notice.body
    # The person signs in with the new address from now on; the memberships followed the account.
    client.post("/accounts/logout/")
    response = client.post("/accounts/login/", {"login": "maria.new@example.com", "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert cast.north_mentor.memberships.count() == 1


def test_a_wrong_code_changes_nothing(client, cast, django_capture_on_commit_callbacks):
    sign_in(client, cast.north_mentor)
    ask_for_change(client, "maria.new@example.com", django_capture_on_commit_callbacks)
    response = client.post(CODE, {"code": "WRONG1"})
    assert response.status_code == 200
    assert "code" in response.content.decode().lower()
    cast.north_mentor.refresh_from_db()
    assert cast.north_mentor.email == "north.mentor@example.com"


def test_nobody_can_add_or_switch_to_an_unverified_email_address(
    client, cast, django_capture_on_commit_callbacks
):
    # The e-mail is the identity: an invitation or a direct add finds people by it. Claiming an
    # address nobody verified would let one person be added as a mentor in someone else's place.
    sign_in(client, cast.outsider)
    ask_for_change(client, "victim@example.com", django_capture_on_commit_callbacks)
    for action in ("action_primary", "action_send", "action_remove"):
        client.post(EMAIL, {action: "", "email": "victim@example.com"})
    cast.outsider.refresh_from_db()
    assert cast.outsider.email == "outsider@example.com"
    assert not EmailAddress.objects.filter(email="victim@example.com").exists()


def test_an_address_someone_else_signs_in_with_cannot_be_taken(
    client, cast, django_capture_on_commit_callbacks
):
    sign_in(client, cast.outsider)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(EMAIL, {"action_add": "", "email": cast.north_mentor.email})
    codes = [
        re.search(CODE_PATTERN, m.body, re.MULTILINE)
        for m in mail.outbox
        if m.to == [cast.north_mentor.email]
    ]
    for match in filter(None, codes):
        client.post(CODE, {"code": match.group(1)})
    cast.outsider.refresh_from_db()
    assert cast.outsider.email == "outsider@example.com"
    assert EmailAddress.objects.get(email=cast.north_mentor.email).user == cast.north_mentor


def test_the_change_is_audited_and_pending_invitations_follow(
    client, cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation_create(actor=actor_for(cast.south_admin), customer=cast.south, email=cast.outsider.email)
    sign_in(client, cast.outsider)
    code = ask_for_change(client, "otto@example.org", django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(CODE, {"code": code})
    event = AuditEvent.objects.get(action="user.email_change")
    assert (event.before, event.after) == ({"email": "outsider@example.com"}, {"email": "otto@example.org"})
    assert Invitation.objects.get().email == "otto@example.org"
