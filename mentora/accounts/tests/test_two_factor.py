import os
import subprocess
import sys
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core import mail
from django.urls import reverse

from mentora.audit.models import AuditEvent
from mentora.mail.models import Message
from mentora.testing.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _mid_window(time_machine):  # type: ignore[no-untyped-def]
    """A code is computed here and checked by the server a moment later: at a 30-second boundary
    the two fall in different windows and a right code is refused. Start every test 5 s into a
    window, with the clock running, so each test has 25 s before the next boundary."""
    now = int(time.time())
    time_machine.move_to(now - now % 30 + 30 + 5, tick=True)


def totp_code(secret: str, offset: int = 0) -> str:
    """The authenticator app's current code, computed here as the app does (RFC 6238)."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + offset))


def set_up_totp(client, user, capture) -> str:  # type: ignore[no-untyped-def]
    client.force_login(user)
    client.post("/accounts/reauthenticate/", {"password": TEST_PASSWORD})
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 200
    secret = response.context["form"].secret
    with capture(execute=True):
        response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response.status_code == 302
    return secret


def sign_in(client, user):  # type: ignore[no-untyped-def]
    client.post("/accounts/logout/")
    response = client.post("/accounts/login/", {"login": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    return response


def test_set_up_totp_then_sign_in_with_a_computed_code(client, cast, django_capture_on_commit_callbacks):
    secret = set_up_totp(client, cast.north_mentor, django_capture_on_commit_callbacks)
    stored = Authenticator.objects.get(user=cast.north_mentor, type=Authenticator.Type.TOTP)
    assert secret not in str(stored.data)  # encrypted at rest
    assert AuditEvent.objects.filter(action="mfa.added", actor=cast.north_mentor, after__kind="totp").exists()
    assert any(m.to == [cast.north_mentor.email] and "Authenticator" in m.body for m in mail.outbox)

    sign_in(client, cast.north_mentor)
    response = client.post(
        reverse("mfa_authenticate"), {"code": "000000" if totp_code(secret) != "000000" else "111111"}
    )
    assert "_auth_user_id" not in client.session
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret, offset=1)})
    assert "_auth_user_id" not in client.session
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(cast.north_mentor.pk)


def test_the_secret_stays_readable_after_a_key_rotation_with_the_old_key_as_fallback(
    client, cast, settings, django_capture_on_commit_callbacks
):
    secret = set_up_totp(client, cast.north_mentor, django_capture_on_commit_callbacks)
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "rotated-" + settings.SECRET_KEY
    sign_in(client, cast.north_mentor)
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(cast.north_mentor.pk)


def test_a_recovery_code_works_once(client, cast, django_capture_on_commit_callbacks):
    set_up_totp(client, cast.north_mentor, django_capture_on_commit_callbacks)
    codes = RecoveryCodes(
        Authenticator.objects.get(user=cast.north_mentor, type=Authenticator.Type.RECOVERY_CODES)
    )
    code = codes.get_unused_codes()[0]
    mail.outbox.clear()

    sign_in(client, cast.north_mentor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("mfa_authenticate"), {"code": code})
    assert client.session["_auth_user_id"] == str(cast.north_mentor.pk)
    event = AuditEvent.objects.get(action="mfa.recovery_code_used")
    assert event.actor == cast.north_mentor and event.after == {"codes_left": 9}
    [message] = mail.outbox
    assert message.to == [cast.north_mentor.email]
    assert "9 unused codes left" in message.body
    assert "List-Unsubscribe" not in message.extra_headers  # a security message
    assert Message.objects.filter(kind="mfa-recovery-code-used", user=cast.north_mentor).exists()

    sign_in(client, cast.north_mentor)
    client.post(reverse("mfa_authenticate"), {"code": code})
    assert "_auth_user_id" not in client.session


def test_turning_totp_off_is_audited_and_e_mailed(client, cast, django_capture_on_commit_callbacks):
    set_up_totp(client, cast.north_mentor, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("mfa_deactivate_totp"))
    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=cast.north_mentor, type=Authenticator.Type.TOTP).exists()
    assert AuditEvent.objects.filter(action="mfa.removed", actor=cast.north_mentor).exists()
    assert any("turned off" in m.body.lower() for m in mail.outbox if m.to == [cast.north_mentor.email])


def test_system_administrators_are_sent_to_set_it_up_when_required(client, cast, settings):
    settings.MFA_REQUIRED_FOR_SYSTEM_ADMINS = True
    client.force_login(cast.system_admin)
    response = client.get(reverse("customer_list"))
    assert response.status_code == 302 and response.url.startswith(reverse("mfa_index"))
    assert client.get(reverse("mfa_index")).status_code == 200
    # Everyone else is left alone.
    client.force_login(cast.north_admin)
    assert client.get(reverse("mentors_list", args=[cast.north.pk])).status_code == 200


def test_once_set_up_system_administrators_go_on(client, cast, settings, django_capture_on_commit_callbacks):
    settings.MFA_REQUIRED_FOR_SYSTEM_ADMINS = True
    set_up_totp(client, cast.system_admin, django_capture_on_commit_callbacks)
    assert client.get(reverse("customer_list")).status_code == 200


def test_not_required_by_default_outside_production(client, cast, settings):
    assert settings.MFA_REQUIRED_FOR_SYSTEM_ADMINS is False
    client.force_login(cast.system_admin)
    assert client.get(reverse("customer_list")).status_code == 200


def test_production_requires_it_by_default():
    environment = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "x" * 60,
        "EMAIL_URL": "smtp://localhost:25",
        "REDIS_URL": "redis://127.0.0.1:6379/3",  # production requires one; settings do not connect
    }
    script = "from django.conf import settings; print(settings.MFA_REQUIRED_FOR_SYSTEM_ADMINS)"
    for extra, expected in (({}, "True"), ({"MFA_REQUIRED_FOR_SYSTEM_ADMINS": "0"}, "False")):
        result = subprocess.run(
            [sys.executable, "-c", script],
            env={**environment, **extra},
            capture_output=True,
            text=True,
            check=True,
        )
        assert result.stdout.strip() == expected
