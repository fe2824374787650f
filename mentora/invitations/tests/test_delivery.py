"""What a customer admin sees of an invitation e-mail that could not be delivered."""

import smtplib

import pytest

from mentora.customers.access import actor_for
from mentora.invitations.services import invitation_resend
from mentora.mail.models import Failure, State
from mentora.mail.tests.fakes import FakeConnection

pytestmark = pytest.mark.django_db


def row_of(html: str, email: str) -> str:
    return next(row for row in html.split("<tr") if email in row)


def test_an_undeliverable_invitation_says_why_on_the_list(client, cast, invite, monkeypatch):
    monkeypatch.setattr(
        "mentora.mail.delivery.get_connection",
        FakeConnection([smtplib.SMTPRecipientsRefused({"typo@example.com": (550, b"5.1.1 User unknown")})]),
    )
    sent = invite("typo@example.com")
    invite("fine@example.com")
    sent.invitation.refresh_from_db()
    message = sent.invitation.last_message
    assert (message.state, message.failure) == (State.FAILED, Failure.MAILBOX_UNKNOWN)

    client.force_login(cast.north_admin)
    html = client.get(f"/invitations/customer/{cast.north.pk}/").content.decode()
    assert "Not delivered: The mailbox is unknown" in row_of(html, "typo@example.com")
    assert "Not delivered" not in row_of(html, "fine@example.com")
    client.force_login(cast.system_admin)
    html = client.get("/invitations/all/").content.decode()
    assert "Not delivered: The mailbox is unknown" in row_of(html, "typo@example.com")


def test_a_delayed_invitation_says_so_and_a_resend_shows_the_new_e_mail(
    cast, client, invite, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(
        "mentora.mail.delivery.get_connection", FakeConnection([ConnectionRefusedError(111, "refused")])
    )
    sent = invite("later@example.com")
    client.force_login(cast.north_admin)
    html = client.get(f"/invitations/customer/{cast.north.pk}/").content.decode()
    assert "Delivery delayed; trying again" in row_of(html, "later@example.com")

    with django_capture_on_commit_callbacks(execute=True):
        invitation_resend(actor=actor_for(cast.north_admin), invitation=sent.invitation)
    sent.invitation.refresh_from_db()
    assert sent.invitation.last_message.state == State.SENT
    html = client.get(f"/invitations/customer/{cast.north.pk}/").content.decode()
    assert "Delivery delayed" not in row_of(html, "later@example.com")
