import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.settings.env import env_bool, parse_email_url

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
