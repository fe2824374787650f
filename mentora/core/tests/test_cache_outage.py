"""Redis unreachable while running: no page answers 500; each use fails open or closed as
mentora.core.cache says. The cache points at a closed port on loopback."""

import pytest
from django.test import override_settings
from django.urls import reverse

from mentora.core.periodic import PeriodicTask, run_due
from mentora.customers.access import actor_for
from mentora.invitations.services import invitation_create
from mentora.testing.smtp import free_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_down():  # type: ignore[no-untyped-def]
    location = f"redis://127.0.0.1:{free_port()}/0"
    unreachable = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": location,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    with override_settings(CACHES=unreachable):  # Django resets its cache handlers on this change
        yield


@pytest.fixture(autouse=True)
def _clear_cache():  # type: ignore[no-untyped-def]
    """Overrides the suite's cache clearing: there is no cache to clear here."""
    yield


def test_sign_in_fails_closed_with_a_503_not_a_500(client, cast, redis_down):
    response = client.post(
        "/accounts/login/", {"login": cast.north_mentor.email, "password": "wrong-password"}
    )
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Temporarily unavailable" in response.content.decode()


def test_password_reset_fails_closed_with_a_503(client, cast, redis_down):
    response = client.post("/accounts/password/reset/", {"email": cast.north_mentor.email})
    assert response.status_code == 503


def test_people_already_signed_in_keep_working(client, cast, redis_down):
    client.force_login(cast.north_mentor)
    assert client.get("/").status_code == 200


def test_an_invitation_link_still_opens_fails_open(
    client, cast, redis_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sent = invitation_create(
            actor=actor_for(cast.north_admin), customer=cast.north, email="new@example.com"
        )
    assert client.get(reverse("invitation_accept", args=[sent.token])).status_code == 200
    assert client.get("/invitations/accept/not-a-real-token-at-all/").status_code == 404


def test_the_scheduler_fails_closed_and_says_so(redis_down, caplog):
    probe = PeriodicTask("mentora.mail.tasks.prune_messages", interval=60)
    assert run_due(tasks=[probe]) == []
    assert "enqueues nothing" in caplog.text


def test_readyz_is_not_ready_and_names_the_cache(client, redis_down):
    response = client.get("/readyz")
    assert response.status_code == 503
    assert "cache" in response.content.decode().lower()
