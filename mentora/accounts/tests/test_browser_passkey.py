"""A passkey as a person adds it and signs in with it alone, in headless Chromium with a
virtual authenticator (Chrome DevTools' WebAuthn domain) against a live server."""

import pytest
from playwright.sync_api import expect

from mentora.audit.models import AuditEvent
from mentora.testing.browser import sign_in
from mentora.testing.factories import TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def authenticator(page):  # type: ignore[no-untyped-def]
    """A platform authenticator that holds discoverable credentials and verifies its user."""
    session = page.context.new_cdp_session(page)
    session.send("WebAuthn.enable")
    session.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    return session


def test_add_a_passkey_and_sign_in_with_it_without_a_password(page, authenticator, cast, settings):
    # The live server is plain http://localhost (a secure context for the browser).
    settings.MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True
    sign_in(page, cast.north_mentor.email, TEST_PASSWORD)
    page.goto("/accounts/2fa/webauthn/add/")
    page.locator("#id_password").fill(TEST_PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.locator("#id_passwordless").check()
    page.locator("#mfa_webauthn_add").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Recovery codes")
    assert AuditEvent.objects.filter(
        action="mfa.added", actor=cast.north_mentor, after__kind="webauthn"
    ).exists()

    page.get_by_role("button", name="Sign out").click()
    page.goto("/accounts/login/")
    page.get_by_role("button", name="Sign in with a passkey").click()
    expect(page.locator(".signed-in-as")).to_contain_text("Maria Mentor")
