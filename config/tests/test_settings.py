import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.settings.env import dev_server, env_bool, parse_email_url

ROOT = Path(__file__).resolve().parents[2]


def test_parse_email_url_starttls():
    assert parse_email_url("smtp+tls://mailer:s%40cret@smtp.example.com:587") == {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "smtp.example.com",
        "EMAIL_PORT": 587,
        "EMAIL_HOST_USER": "mailer",
        "EMAIL_HOST_PASSWORD": "s@cret",
        "EMAIL_USE_TLS": True,
        "EMAIL_USE_SSL": False,
    }


def test_parse_email_url_plain_and_ssl_defaults():
    plain = parse_email_url("smtp://relay.internal")
    assert (plain["EMAIL_PORT"], plain["EMAIL_USE_TLS"], plain["EMAIL_USE_SSL"]) == (25, False, False)
    ssl = parse_email_url("smtp+ssl://u:p@mail.example.com")
    assert (ssl["EMAIL_PORT"], ssl["EMAIL_USE_TLS"], ssl["EMAIL_USE_SSL"]) == (465, False, True)


@pytest.mark.parametrize("url", ["http://example.com", "smtp://", "console://"])
def test_parse_email_url_rejects_nonsense(url):
    with pytest.raises(ImproperlyConfigured):
        parse_email_url(url)


def test_env_bool_rejects_typos(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "yes")
    assert env_bool("SOME_FLAG") is True
    monkeypatch.setenv("SOME_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured):
        env_bool("SOME_FLAG")


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    # A clean environment: the browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for this process,
    # which the deployment checklist rightly refuses.
    inherited = {
        "DATABASE_URL",
        "REDIS_URL",
        "TASKS_REDIS_URL",
        "EMAIL_URL",
        "DEBUG",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
    }
    clean = {k: v for k, v in os.environ.items() if k not in inherited}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "x7Kq2v9LmP4tR8wZ1cN6bH3jF5dS0gA7eY2uI9oQ4pW6rT8yU1iO3kL5zX7cV9bN",
    "ALLOWED_HOSTS": "mentora.example.com",
    "SITE_URL": "https://mentora.example.com",
    "EMAIL_URL": "smtp+tls://mailer:secret@smtp.example.com:587",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def test_production_settings_pass_the_deployment_checklist():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {**PRODUCTION_ENV, "SECRET_KEY": ""}
    result = _manage("check", **env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_redis():
    # A cache in each process would give each web process its own sign-in lockout.
    env = {**PRODUCTION_ENV, "REDIS_URL": ""}
    result = _manage("check", **env)
    assert result.returncode != 0
    assert "REDIS_URL must be set in production" in result.stderr


EVERY_INTERFACE = "0.0.0.0"  # noqa: S104 - what HOST says, nothing is bound here


def test_dev_server_links_point_at_the_address_make_run_serves():
    assert dev_server("127.0.0.1", "18765") == ("http://127.0.0.1:18765", ["127.0.0.1"])
    assert dev_server("localhost", "8000") == ("http://localhost:8000", ["localhost"])
    assert dev_server("::1", "8000") == ("http://[::1]:8000", ["[::1]"])


@pytest.mark.parametrize("host", [EVERY_INTERFACE, "::", ""])
def test_dev_server_on_every_interface_names_this_machine_and_answers_any_host(host):
    assert dev_server(host, "8000", lan=lambda: "192.168.1.20") == ("http://192.168.1.20:8000", ["*"])


@pytest.mark.parametrize("port", ["", "http", "0", "70000", "-1"])
def test_dev_server_refuses_a_port_that_is_not_one(port):
    with pytest.raises(ImproperlyConfigured, match="PORT must be a port number"):
        dev_server("127.0.0.1", port)


def _dev_settings(**env: str) -> list[str]:
    script = "from django.conf import settings as s; print(s.SITE_URL, s.CSRF_TRUSTED_ORIGINS[0], *s.ALLOWED_HOSTS)"
    clean = {"DJANGO_SETTINGS_MODULE": "config.settings.dev", "HOST": "", "PORT": "", **env}
    result = _manage("shell", "-c", script, **clean)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()[-1].split()


def test_the_development_settings_follow_make_runs_host_and_port():
    default = _dev_settings(HOST="127.0.0.1", PORT="8000")
    assert default[:2] == ["http://127.0.0.1:8000", "http://127.0.0.1:8000"]
    assert "*" not in default

    moved = _dev_settings(HOST="127.0.0.1", PORT="18765")
    assert moved[:2] == ["http://127.0.0.1:18765", "http://127.0.0.1:18765"]

    everywhere = _dev_settings(HOST=EVERY_INTERFACE, PORT="18765")
    assert everywhere[0].endswith(":18765")
    assert "*" in everywhere[2:]

    explicit = _dev_settings(HOST=EVERY_INTERFACE, PORT="18765", SITE_URL="https://dev.example.com/")
    assert explicit[:2] == ["https://dev.example.com", "https://dev.example.com"]
