"""Sign-ins from a new browser: recognised by the device cookie, of which only a hash is stored;
e-mailed, except at the account's first sign-in."""

import pytest
from django.core import mail
from django.db import connection
from django.test import Client, override_settings

from mentora.audit.models import AuditEvent
from mentora.mail.models import Message
from mentora.privacy.export import export_sections
from mentora.privacy.models import ErasureRequest, KnownDevice
from mentora.privacy.services import DEVICE_COOKIE_NAME, account_erase
from mentora.testing.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db

FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"
SAFARI = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"


def sign_in(client: Client, user) -> None:  # type: ignore[no-untyped-def]
    response = client.post("/accounts/login/", {"login": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 302


def browser(agent: str = FIREFOX, address: str = "198.51.100.7") -> Client:
    return Client(HTTP_USER_AGENT=agent, REMOTE_ADDR=address)


def notices(user) -> list:  # type: ignore[no-untyped-def, type-arg]
    return list(Message.objects.filter(kind="new-device-sign-in", user=user))


@pytest.fixture
def capture(django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    def run(action):  # type: ignore[no-untyped-def]
        with django_capture_on_commit_callbacks(execute=True):
            action()

    return run


@override_settings(SESSION_COOKIE_SECURE=True)
def test_the_first_sign_in_records_the_browser_silently_and_sets_the_cookie(cast):
    laptop = browser()
    sign_in(laptop, cast.north_mentor)
    [device] = KnownDevice.objects.filter(user=cast.north_mentor)
    assert device.user_agent == FIREFOX
    cookie = laptop.cookies[DEVICE_COOKIE_NAME]
    assert cookie["secure"] and cookie["httponly"] and cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) == 400 * 24 * 60 * 60
    assert notices(cast.north_mentor) == []


@override_settings(SESSION_COOKIE_SECURE=False)
def test_on_the_plain_http_development_server_the_cookie_is_not_secure_like_the_session(cast):
    laptop = browser()
    sign_in(laptop, cast.north_mentor)
    assert not laptop.cookies[DEVICE_COOKIE_NAME]["secure"]
    assert not AuditEvent.objects.filter(action="user.sign_in_new_device").exists()


def test_the_same_browser_again_sends_nothing(cast):
    laptop = browser()
    sign_in(laptop, cast.north_mentor)
    first = laptop.cookies[DEVICE_COOKIE_NAME].value
    laptop.post("/accounts/logout/")
    sign_in(laptop, cast.north_mentor)
    assert KnownDevice.objects.filter(user=cast.north_mentor).count() == 1
    assert laptop.cookies[DEVICE_COOKIE_NAME].value == first
    assert notices(cast.north_mentor) == []


def test_another_browser_gets_one_email_in_the_persons_language_and_time_zone(cast, capture):
    user = cast.north_mentor
    user.language, user.time_zone = "sv", "America/New_York"
    user.save()
    sign_in(browser(), user)
    mail.outbox.clear()
    capture(lambda: sign_in(browser(SAFARI, "203.0.113.9"), user))
    [message] = mail.outbox
    assert message.to == [user.email]
    assert message.subject == "Ny inloggning på ditt Mentora-konto"
    assert "Safari på iOS" in message.body
    assert "203.0.113.9" in message.body
    assert "America/New York" in message.body
    assert "/accounts/sessions/" in message.body and "/accounts/password/change/" in message.body
    assert "List-Unsubscribe" not in message.extra_headers  # a security message: always sent
    assert len(notices(user)) == 1
    event = AuditEvent.objects.get(action="user.sign_in_new_device")
    assert event.actor == user and event.ip == "203.0.113.9"
    assert KnownDevice.objects.filter(user=user).count() == 2


def test_a_tampered_cookie_is_a_new_browser(cast):
    laptop = browser()
    sign_in(laptop, cast.north_mentor)
    token = laptop.cookies[DEVICE_COOKIE_NAME].value
    laptop.post("/accounts/logout/")
    laptop.cookies[DEVICE_COOKIE_NAME] = token[:-1] + ("A" if token[-1] != "A" else "B")
    sign_in(laptop, cast.north_mentor)
    assert len(notices(cast.north_mentor)) == 1
    assert laptop.cookies[DEVICE_COOKIE_NAME].value not in (token, token[:-1])
    laptop.cookies[DEVICE_COOKIE_NAME] = "x" * 5000  # absurd: refused before hashing
    laptop.post("/accounts/logout/")
    sign_in(laptop, cast.north_mentor)
    assert len(notices(cast.north_mentor)) == 2


def test_another_persons_cookie_does_not_make_the_browser_known(cast):
    shared = browser()
    sign_in(shared, cast.north_mentor)
    sign_in(browser(), cast.south_mentor)  # south's first sign-in, elsewhere
    shared.post("/accounts/logout/")
    sign_in(shared, cast.south_mentor)
    assert len(notices(cast.south_mentor)) == 1


def test_the_cookie_value_is_never_stored(cast):
    laptop = browser()
    sign_in(laptop, cast.north_mentor)
    token = laptop.cookies[DEVICE_COOKIE_NAME].value
    assert len(token) >= 43
    with connection.cursor() as cursor:
        cursor.execute("SELECT token_hash, user_agent FROM privacy_knowndevice")
        rows = cursor.fetchall()
    assert rows and all(token not in value for row in rows for value in row)


def test_devices_are_in_the_export_and_erased_with_the_account(cast):
    user = cast.north_mentor
    sign_in(browser(), user)
    [row] = export_sections(user)["known_devices"]
    assert row["browser"] == FIREFOX and "token" not in str(row)
    account_erase(user=user, erasure_request=ErasureRequest.objects.create(user=user), approved_by=None)
    assert not KnownDevice.objects.filter(user=user).exists()
