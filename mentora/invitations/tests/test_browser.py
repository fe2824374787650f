"""The invitation flow as people walk through it, in headless Chromium against a live server."""

import email
import re
import socket
import time
from email.message import Message

import pytest
from aiosmtpd.controller import Controller
from playwright.sync_api import expect

from mentora.accounts.models import TermsVersion, User
from mentora.customers.access import actor_for
from mentora.customers.models import Membership, Role, Status
from mentora.invitations.models import Invitation, InvitationStatus
from mentora.invitations.services import invitation_create
from mentora.testing.browser import sign_in
from mentora.testing.factories import TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


class Inbox:
    """aiosmtpd handler that keeps every message it receives."""

    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 Message accepted for delivery"

    def wait_for(self, count: int, timeout: float = 10.0) -> list[Message]:
        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.messages


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_inbox(settings, live_server):  # type: ignore[no-untyped-def]
    """A real SMTP server on loopback, and Django configured for it as EMAIL_URL=smtp://127.0.0.1:<port>
    would (the test settings otherwise keep mail in memory)."""
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.SITE_URL = live_server.url
    yield inbox
    controller.stop()


@pytest.fixture
def terms(db):  # type: ignore[no-untyped-def]
    """Transactional tests flush the tables after each test, including the terms version the data
    migration seeds; put one back when an earlier test removed it. Ask for it before `cast`, so
    that the cast has accepted it (and is not sent to accept it first)."""
    return TermsVersion.objects.current() or TermsVersion.objects.create(version="test-1", text="Terms.")


def text_part(message: Message) -> str:
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            return part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
    raise AssertionError("no text part")


def test_admin_invites_and_the_invitee_registers_from_the_emailed_link(
    page, chromium, live_server, terms, cast, smtp_inbox
):
    cast.north.default_language = "en"
    cast.north.save()
    sign_in(page, cast.north_admin.email, TEST_PASSWORD)
    page.goto(f"/invitations/customer/{cast.north.pk}/")
    page.get_by_role("link", name="Invite a mentor").click()
    page.get_by_label("E-mail address").fill("Newcomer@Example.com")
    page.get_by_label("First name (optional)").fill("Nils")
    page.get_by_label("Personal message (optional)").fill("Welcome to the North mentors!")
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_text("Invitation sent to newcomer@example.com.")).to_be_visible()
    expect(page.locator("table tbody tr").first).to_contain_text("Pending")

    [message] = smtp_inbox.wait_for(1)
    assert message["To"] == "newcomer@example.com"
    assert "North Org" in message["Subject"]
    body = text_part(message)
    assert "Welcome to the North mentors!" in body
    link = re.search(re.escape(live_server.url) + r"/invitations/accept/[\w-]+/", body).group(0)

    # The invitee opens the link in a browser of their own.
    invitee_context = chromium.new_context(base_url=live_server.url, locale="en-GB")
    invitee_context.set_default_timeout(10_000)
    try:
        invitee = invitee_context.new_page()
        invitee.goto(link)
        expect(invitee.get_by_role("heading", level=1)).to_have_text("Invitation from North Org")
        expect(invitee.get_by_text("Nina North").first).to_be_visible()
        expect(invitee.get_by_label("E-mail address")).to_have_value("newcomer@example.com")
        expect(invitee.get_by_label("E-mail address")).to_be_disabled()
        expect(invitee.get_by_label("First name")).to_have_value("Nils")
        invitee.get_by_label("Last name").fill("Newman")
        invitee.get_by_role("textbox", name=re.compile(r"^Password:?$")).fill(
            "a-long-and-unusual-passphrase-42"
        )
        invitee.get_by_label("Password again").fill("a-long-and-unusual-passphrase-42")
        invitee.get_by_label("I accept the terms of use and privacy notice").check()
        invitee.get_by_role("button", name="Create account and accept").click()

        expect(invitee.get_by_role("heading", level=1)).to_have_text("Set up your account")
        expect(invitee.get_by_text("Welcome! You are now a mentor of North Org.")).to_be_visible()
        invitee.get_by_label("Phone (optional)").fill("+46 70 000 00 00")
        invitee.get_by_role("button", name="Save and continue").click()

        expect(invitee.get_by_role("heading", level=1)).to_have_text("Welcome, Nils")
        mentor_section = invitee.locator(
            "section", has=invitee.get_by_role("heading", name="You are a mentor for")
        )
        expect(mentor_section).to_contain_text("North Org")
    finally:
        invitee_context.close()

    user = User.objects.get(email="newcomer@example.com")
    assert Membership.objects.get(user=user, role=Role.MENTOR).status == Status.ACTIVE
    assert Invitation.objects.get().status == InvitationStatus.ACCEPTED
    # And the inviter was told, through the same SMTP server.
    messages = smtp_inbox.wait_for(2)
    assert messages[1]["To"] == cast.north_admin.email


def test_signed_in_with_another_address_sees_the_mismatch_and_nothing_is_used(
    page, cast, live_server, settings
):
    settings.SITE_URL = live_server.url
    sent = invitation_create(
        actor=actor_for(cast.north_admin), customer=cast.north, email="invitee@example.com"
    )
    sign_in(page, cast.north_mentor.email, TEST_PASSWORD)
    page.goto(f"/invitations/accept/{sent.token}/")
    expect(page.get_by_role("heading", name="You are signed in with another e-mail address")).to_be_visible()
    expect(page.get_by_text("You are signed in as north.mentor@example.com")).to_be_visible()
    expect(page.get_by_role("button", name="Accept invitation")).to_have_count(0)
    expect(page.get_by_role("button", name="Sign out and continue")).to_be_visible()
    assert Invitation.objects.get().status == InvitationStatus.PENDING

    page.get_by_role("button", name="Sign out and continue").click()
    expect(page.get_by_role("heading", name="Create your account")).to_be_visible()
    assert Invitation.objects.get().status == InvitationStatus.PENDING
