"""The sign-in library's pages speak the product's language: sentence case, "E-mail address" /
"e-postadress", and none of the library's own headings or labels."""

import datetime
import re
import zoneinfo
from html import unescape

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core import mail
from django.urls import reverse

from mentora.accounts.tests.test_email_change import ask_for_change
from mentora.testing.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db

MOMENT = datetime.datetime(2026, 12, 2, 14, 5, tzinfo=zoneinfo.ZoneInfo("Europe/Stockholm"))

# What the library itself would show on these pages.
LIBRARY_WORDS = (
    "Email",
    "Password (again)",
    "Sign In",
    "Confirm Access",
    "Please reauthenticate",
    "Enter your password:",
    "Alternative options",
    "Request Code",
    "Two-Factor Authentication",
    "Authenticator App",
    "Security Keys",
    "Recovery Codes",
    "Activate Authenticator App",
    "Deactivate Authenticator App",
    "Add Security Key",
    "Enter Email Verification Code",
    "Confirmation email sent",
    "Password successfully changed",
    "Successfully signed in",
)


def _text(response) -> str:  # type: ignore[no-untyped-def]
    html = re.sub(r"(?s)<script.*?</script>", "", response.content.decode())
    attributes = " ".join(re.findall(r'(?:placeholder|aria-label|title)="([^"]*)"', html))
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)) + " " + attributes)


def _assert_product_words(text: str) -> None:
    for words in LIBRARY_WORDS:
        assert not re.search(rf"\b{re.escape(words)}\b", text), words


@pytest.mark.parametrize(
    ("language", "url", "expected"),
    [
        ("en", "/accounts/login/", "E-mail address"),
        ("sv", "/accounts/login/", "E-postadress"),
        ("en", "/accounts/password/reset/", "E-mail address"),
        ("sv", "/accounts/password/reset/", "e-postadressen du loggar in med"),
    ],
)
def test_signed_out_pages(client, language, url, expected) -> None:  # type: ignore[no-untyped-def]
    client.cookies["mentora_language"] = language
    text = _text(client.get(url))
    assert expected in text
    _assert_product_words(text)


@pytest.mark.parametrize(
    ("language", "url", "expected"),
    [
        ("en", "/accounts/password/change/", "New password again"),
        ("sv", "/accounts/password/change/", "Nytt lösenord igen"),
        ("en", "/accounts/email/", "New e-mail address"),
        ("sv", "/accounts/email/", "Ny e-postadress"),
        ("en", "/accounts/reauthenticate/", "Confirm it is you"),
        ("sv", "/accounts/reauthenticate/", "Bekräfta att det är du"),
        ("en", "/accounts/reauthenticate/code/", "E-mail me a code"),
        ("sv", "/accounts/reauthenticate/code/", "Skicka en kod till mig"),
        ("en", "/accounts/2fa/", "Authenticator app"),
        ("sv", "/accounts/2fa/", "Reservkoder"),
    ],
)
def test_signed_in_pages(client, cast, language, url, expected) -> None:  # type: ignore[no-untyped-def]
    cast.north_mentor.language = language
    cast.north_mentor.save()
    client.force_login(cast.north_mentor)
    response = client.get(url)
    assert response.status_code == 200
    text = _text(response)
    assert expected in text
    _assert_product_words(text)


@pytest.mark.parametrize(
    ("language", "heading"), [("en", "Two-factor sign-in"), ("sv", "Tvåstegsinloggning")]
)
def test_the_second_step_of_signing_in(client, cast, language, heading) -> None:  # type: ignore[no-untyped-def]
    TOTP.activate(cast.north_mentor, generate_totp_secret())
    client.cookies["mentora_language"] = language
    response = client.post("/accounts/login/", {"login": cast.north_mentor.email, "password": TEST_PASSWORD})
    assert response.url == reverse("mfa_authenticate")
    text = _text(client.get(response.url))
    assert f" {heading} " in text
    _assert_product_words(text)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ["Set up an authenticator app", "Security keys and passkeys", "Recovery codes", "Turn off"]),
        (
            "sv",
            [
                "Lägg till en autentiseringsapp",
                "Säkerhetsnycklar och nycklar (passkeys)",
                "Reservkoder",
                "Stäng av",
            ],
        ),
    ],
)
def test_managing_two_factor_sign_in(client, cast, language, expected) -> None:  # type: ignore[no-untyped-def]
    cast.north_mentor.language = language
    cast.north_mentor.save()
    client.force_login(cast.north_mentor)
    client.post("/accounts/reauthenticate/", {"password": TEST_PASSWORD})
    pages = [_text(client.get(url)) for url in ("/accounts/2fa/totp/activate/", "/accounts/2fa/webauthn/")]
    TOTP.activate(cast.north_mentor, generate_totp_secret())
    RecoveryCodes.activate(cast.north_mentor)
    pages += [
        _text(client.get(url)) for url in ("/accounts/2fa/recovery-codes/", "/accounts/2fa/totp/deactivate/")
    ]
    for text, words in zip(pages, expected, strict=True):
        assert words in text
        _assert_product_words(text)


@pytest.mark.parametrize(
    ("language", "subject", "when"),
    [
        ("en", "Mentora: Your password was changed", "When: 2 December 2026, 14:05 (Europe/Stockholm)"),
        ("sv", "Mentora: Ditt lösenord har ändrats", "När: 2 december 2026 kl. 14:05 (Europe/Stockholm)"),
    ],
)
def test_security_notices_read_like_every_other_email(  # type: ignore[no-untyped-def]
    client, cast, django_capture_on_commit_callbacks, language, subject, when
) -> None:
    cast.north_mentor.language = language
    cast.north_mentor.save()
    client.force_login(cast.north_mentor)
    mail.outbox.clear()
    new_password = "a-long-and-unusual-passphrase-42"
    with time_machine.travel(MOMENT, tick=False), django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/accounts/password/change/",
            {"oldpassword": TEST_PASSWORD, "password1": new_password, "password2": new_password},
        )
    assert response.status_code == 302
    said = {"en": "Your password was changed.", "sv": "Ditt lösenord har ändrats."}[language]
    assert said in _text(client.get(response.url))
    [notice] = [message for message in mail.outbox if message.to == [cast.north_mentor.email]]
    assert notice.subject == subject
    assert when in notice.body
    assert "Unspecified" not in notice.body  # the test client names no browser
    _assert_product_words(notice.subject + " " + notice.body)


@pytest.mark.parametrize(
    ("language", "heading", "sent"),
    [
        ("en", "Confirm your new e-mail address", "We e-mailed a code to maria.new@example.com."),
        ("sv", "Bekräfta din nya e-postadress", "Vi har skickat en kod till maria.new@example.com."),
    ],
)
def test_the_code_step_of_an_email_change(  # type: ignore[no-untyped-def]
    client, cast, django_capture_on_commit_callbacks, language, heading, sent
) -> None:
    cast.north_mentor.language = language
    cast.north_mentor.save()
    client.force_login(cast.north_mentor)
    client.post("/accounts/reauthenticate/", {"password": TEST_PASSWORD})
    ask_for_change(client, "maria.new@example.com", django_capture_on_commit_callbacks)
    text = _text(client.get("/accounts/confirm-email/"))
    assert f" {heading} " in text
    assert text.count(sent) == 1  # said once, by the page, not again by a message
    _assert_product_words(text)


@pytest.mark.parametrize(("language", "said"), [("en", "Signed in as Maria"), ("sv", "Inloggad som Maria")])
def test_the_message_after_signing_in(client, cast, language, said) -> None:  # type: ignore[no-untyped-def]
    client.cookies["mentora_language"] = language
    cast.north_mentor.language = language
    cast.north_mentor.save()
    response = client.post(
        "/accounts/login/", {"login": cast.north_mentor.email, "password": TEST_PASSWORD}, follow=True
    )
    text = _text(response)
    assert said in text
    _assert_product_words(text)


@pytest.mark.parametrize(
    ("language", "added", "unused"),
    [("en", "Added on 2 Dec 2026", "Not used yet."), ("sv", "Tillagd 2 dec. 2026", "Inte använd ännu.")],
)
def test_the_list_of_keys_dates_them_like_every_list(client, cast, language, added, unused) -> None:  # type: ignore[no-untyped-def]
    with time_machine.travel(MOMENT, tick=False):
        Authenticator.objects.create(
            user=cast.north_mentor,
            type=Authenticator.Type.WEBAUTHN,
            data={
                "name": "Office key",
                "credential": {"clientExtensionResults": {"credProps": {"rk": True}}},
            },
        )
    cast.north_mentor.language = language
    cast.north_mentor.save()
    client.force_login(cast.north_mentor)
    client.post("/accounts/reauthenticate/", {"password": TEST_PASSWORD})
    text = _text(client.get("/accounts/2fa/webauthn/"))
    assert added in text
    assert unused in text
    assert "Office key" in text
    _assert_product_words(text)


def test_a_security_notice_names_the_browser_when_it_said(  # type: ignore[no-untyped-def]
    client, cast, django_capture_on_commit_callbacks
) -> None:
    client.force_login(cast.north_mentor)
    mail.outbox.clear()
    new_password = "a-long-and-unusual-passphrase-42"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/accounts/password/change/",
            {"oldpassword": TEST_PASSWORD, "password1": new_password, "password2": new_password},
            HTTP_USER_AGENT="TestBrowser/1.0",
        )
    [notice] = [message for message in mail.outbox if message.to == [cast.north_mentor.email]]
    assert "Browser: TestBrowser/1.0" in notice.body
