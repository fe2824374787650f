"""Two-factor sign-in as a person sets it up, in headless Chromium against a live server."""

import datetime
import time

import pytest
import time_machine
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from playwright.sync_api import expect

from mentora.testing.browser import sign_in
from mentora.testing.factories import TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def totp_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def test_set_up_an_authenticator_app_and_sign_in_with_it(page, cast):
    sign_in(page, cast.north_mentor.email, TEST_PASSWORD)
    page.goto("/accounts/profile/")
    page.get_by_role("link", name="Two-factor sign-in").click()
    page.get_by_role("link", name="Set up an authenticator app").click()
    # Setting it up asks for the password again.
    page.locator("#id_password").fill(TEST_PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up an authenticator app")

    secret = page.locator("#authenticator_secret").input_value()
    page.locator("#id_code").fill(totp_code(secret))
    page.get_by_role("button", name="Turn on").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Recovery codes")

    page.get_by_role("button", name="Sign out").click()
    # A code is good once: sign in again in the next 30-second step, with its code.
    with time_machine.travel(datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(seconds=30)):
        sign_in(page, cast.north_mentor.email, TEST_PASSWORD)
        expect(page.get_by_role("heading", level=1)).to_have_text("Two-factor sign-in")
        page.locator("#id_code").fill("000000" if totp_code(secret) != "000000" else "111111")
        page.locator("#id_code").press("Enter")
        expect(page.get_by_text("Incorrect code.", exact=True)).to_be_visible()
        page.locator("#id_code").fill(totp_code(secret))
        page.locator("#id_code").press("Enter")
        expect(page.locator(".signed-in-as")).to_contain_text("Maria Mentor")
