"""Production: PostgreSQL, Redis, SMTP, behind a TLS-terminating proxy. Every value comes from
the environment; a missing secret stops the process instead of running insecurely."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import EMAIL_URL, REDIS_URL, SECRET_KEY
from .env import env_bool, env_int

if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in production.")
if not REDIS_URL and not env_bool("MENTORA_BENCHMARK", False):
    # A cache in each process would give every web process its own rate limits: the sign-in
    # lockout of 5 wrong passwords would let 5 per process through.
    raise ImproperlyConfigured("REDIS_URL must be set in production (redis://host:6379/0).")
if not EMAIL_URL:
    raise ImproperlyConfigured("EMAIL_URL must be set in production (smtp+tls://user:pass@host:587).")

DEBUG = env_bool("DEBUG", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
