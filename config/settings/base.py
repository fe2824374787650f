"""Settings shared by every environment. Everything that differs between machines comes from
environment variables; the README has the table."""

from email.utils import parseaddr
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_int, env_list, env_str, parse_email_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

SECRET_KEY = env_str("SECRET_KEY")
# Old keys still accepted after a rotation (sessions, signed links, encrypted e-mail bodies).
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS", [])
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [SITE_URL])
# Number of reverse proxies in front of the web processes whose X-Forwarded-For we trust.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

INSTALLED_APPS = [
    "mentora.core",
    "mentora.mail",
    "mentora.accounts",
    "mentora.customers",
    "mentora.audit",
    "mentora.notifications",
    "mentora.invitations",
    "mentora.catalog",
    "mentora.applications",
    "mentora.completion",
    "mentora.schedule",
    "mentora.attendance",
    "mentora.followups",
    "mentora.observations",
    "mentora.mentoring",
    "mentora.privacy",
    "mentora.digests",
    "mentora.learners",
    "mentora.demo",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "django_rq",
]

MIDDLEWARE = [
    "mentora.core.logs.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "mentora.core.middleware.ContentSecurityPolicyMiddleware",
    "mentora.core.middleware.CacheOutageMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "mentora.core.middleware.UserPreferencesMiddleware",
    "mentora.customers.middleware.ActorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "mentora.accounts.middleware.AccountGateMiddleware",
    # Last, so that it sees a view's domain error first: mentora.core.errors.
    "mentora.core.errors.DomainErrorMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "mentora.core.context_processors.navigation",
                "mentora.accounts.context_processors.terms_notice",
                "mentora.notifications.context_processors.notification_bell",
            ],
        },
    },
]

FORM_RENDERER = "mentora.core.forms.FormRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'mentora.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
# Behind pgbouncer in transaction mode, server-side cursors do not survive a transaction.
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = env_bool("DATABASE_DISABLE_SERVER_SIDE_CURSORS", False)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(exist_ok=True)
    # WAL lets the web server and the task worker use the file at the same time.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # An unreachable Redis costs a request at most this long (see mentora.core.cache).
            "OPTIONS": {
                "socket_connect_timeout": env_int("REDIS_TIMEOUT", 2),
                "socket_timeout": env_int("REDIS_TIMEOUT", 2),
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["allauth.account.auth_backends.AuthenticationBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# django-allauth: e-mail is the sign-in; accounts come from invitations and administrators.
ACCOUNT_ADAPTER = "mentora.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
# Every sign-in address is verified by construction (an invitation link, or an administrator who
# knows the person); a change of address is verified with a code sent to the new address, which
# is stored only once the code is entered, so nobody can claim an address they cannot read.
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = True
ACCOUNT_CHANGE_EMAIL = True
# Tells the person of every security change (e-mail, password, two-factor sign-in); the e-mail
# change notice goes to the old address.
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Mentora: "
# allauth's forms, relabelled in the product's words ("E-mail address", sentence case).
ACCOUNT_FORMS = {
    "login": "mentora.accounts.forms.LoginForm",
    "reset_password": "mentora.accounts.forms.ResetPasswordForm",
    "reset_password_from_key": "mentora.accounts.forms.ResetPasswordKeyForm",
    "change_password": "mentora.accounts.forms.ChangePasswordForm",
    "set_password": "mentora.accounts.forms.SetPasswordForm",
}
ACCOUNT_RATE_LIMITS = {
    # Wrong passwords: per address tried and per client.
    "login_failed": env_str("LOGIN_FAILED_RATE_LIMIT", "5/5m/key,20/5m/ip"),
    "reset_password": "20/m/ip,5/5m/key",
    "change_password": "5/m/user",
}
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT

# --- Two-factor sign-in and sessions (allauth.mfa, allauth.usersessions) ---
MFA_ADAPTER = "mentora.accounts.adapter.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_TOTP_ISSUER = "Mentora"
# Passkeys need a secure origin; plain http://localhost counts as one only when this is on (development).
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = env_bool("MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN", False)
# System administrators without a second factor are sent to set one up before anything else.
MFA_REQUIRED_FOR_SYSTEM_ADMINS = env_bool("MFA_REQUIRED_FOR_SYSTEM_ADMINS", False)
# "Last seen" is kept by mentora.accounts.sessions, at most one write per session every five minutes.
USERSESSIONS_TRACK_ACTIVITY = False

SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
# Session data is encrypted at rest: a flow may keep a secret there for a while (a reset key).
SESSION_SERIALIZER = "mentora.core.sessions.EncryptedJSONSerializer"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("sv", _("Swedish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["config.formats"]
LANGUAGE_COOKIE_NAME = "mentora_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
USE_I18N = True
USE_TZ = True
TIME_ZONE = env_str("TIME_ZONE", "Europe/Stockholm")

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Files the task worker prepares for download (large attendance exports). Never served as static
# media: only a signed-in owner's link opens one. With web and worker processes on several
# hosts, point MEDIA_ROOT at a shared volume (or STORAGES["default"] at an object store).
MEDIA_ROOT = env_str("MEDIA_ROOT", str(VAR_DIR / "files"))
# An attendance export of more records than this is prepared in the background and e-mailed
# as a link (a request must finish within gunicorn's 30 s timeout); the link works this long.
ATTENDANCE_EXPORT_MAX_RECORDS_IN_REQUEST = env_int("ATTENDANCE_EXPORT_MAX_RECORDS_IN_REQUEST", 50_000)
ATTENDANCE_EXPORT_LINK_HOURS = env_int("ATTENDANCE_EXPORT_LINK_HOURS", 48)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# E-mail: EMAIL_URL is smtp://user:pass@host:port, smtp+tls://… (STARTTLS) or smtp+ssl://….
EMAIL_URL = env_str("EMAIL_URL")
if EMAIL_URL:
    _email = parse_email_url(EMAIL_URL)
    EMAIL_BACKEND = _email["EMAIL_BACKEND"]
    EMAIL_HOST = _email["EMAIL_HOST"]
    EMAIL_PORT = _email["EMAIL_PORT"]
    EMAIL_HOST_USER = _email["EMAIL_HOST_USER"]
    EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"]
    EMAIL_USE_TLS = _email["EMAIL_USE_TLS"]
    EMAIL_USE_SSL = _email["EMAIL_USE_SSL"]
    EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
else:
    # Without EMAIL_URL, mail goes to the development outbox (a page for system administrators).
    EMAIL_BACKEND = "mentora.core.outbox.OutboxEmailBackend"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Mentora <no-reply@mentora.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Background tasks ---
# TASKS_BACKEND=database (default): the database queue (django-tasks-db), shared safely by several
# `db_worker` processes on PostgreSQL. TASKS_BACKEND=rq: RQ on Redis (django-tasks-rq), run by
# `rqworker` processes, for deployments that outgrow the database queue.
TASKS_BACKEND = env_str("TASKS_BACKEND", "database")
TASKS_REDIS_URL = env_str("TASKS_REDIS_URL", REDIS_URL)
_TASK_BACKENDS = {"database": "django_tasks_db.DatabaseBackend", "rq": "django_tasks_rq.RQBackend"}
if TASKS_BACKEND not in _TASK_BACKENDS:
    raise ImproperlyConfigured(f"TASKS_BACKEND must be database or rq, not {TASKS_BACKEND!r}.")
if TASKS_BACKEND == "rq" and not TASKS_REDIS_URL:
    raise ImproperlyConfigured("TASKS_BACKEND=rq needs TASKS_REDIS_URL (or REDIS_URL).")
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[TASKS_BACKEND], "QUEUES": ["default"]}}
RQ_QUEUES = {
    "default": {
        "URL": TASKS_REDIS_URL or "redis://127.0.0.1:6379/0",
        # A job running longer than this is stopped by its worker (the longest, a prepared export of
        # 1,000,000 records, takes a few minutes).
        "DEFAULT_TIMEOUT": 600,
    }
}
RQ = {"JOB_CLASS": "django_tasks_rq.backend.Job"}
# django-rq's pages show job arguments; they are not mounted, and the back office links none.
RQ_SHOW_ADMIN_LINK = False
# A task RUNNING longer than this lost its worker: the reaper marks it failed.
TASKS_RUNNING_TIMEOUT_SECONDS = env_int("TASKS_RUNNING_TIMEOUT_SECONDS", 1800)

# The Content-Security-Policy header sent with every response (mentora.core.middleware).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'self'; object-src 'none'"
)

# --- Logs, errors, metrics ---
# LOG_FORMAT=json: one JSON object per line. Every line carries the request id or task id, and
# link tokens are redacted (mentora.core.logs).
LOG_FORMAT = env_str("LOG_FORMAT", "text")
if LOG_FORMAT not in ("text", "json"):
    raise ImproperlyConfigured(f"LOG_FORMAT must be text or json, not {LOG_FORMAT!r}.")
SENTRY_DSN = env_str("SENTRY_DSN")
# Error e-mails when Sentry is not set up: ADMINS="Ops <ops@example.com>,dev@example.com".
ADMINS = [parseaddr(address) for address in env_list("ADMINS", [])]
_error_handlers = ["console"] + (["mail_admins"] if ADMINS and not SENTRY_DSN else [])
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "context": {"()": "mentora.core.logs.ContextFilter"},
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
    },
    "formatters": {
        "json": {"()": "mentora.core.logs.JsonFormatter"},
        "text": {
            "()": "mentora.core.logs.TextFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s [%(request_id)s%(task_id)s] %(message)s",
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["context"]},
        "mail_admins": {
            "class": "mentora.core.logs.RedactingAdminEmailHandler",
            "level": "ERROR",
            "filters": ["context", "require_debug_false"],
        },
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "django.request": {"handlers": _error_handlers, "level": "WARNING", "propagate": False},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
SENTRY_ENVIRONMENT = env_str("SENTRY_ENVIRONMENT", "production")
SENTRY_TRACES_SAMPLE_RATE = float(env_str("SENTRY_TRACES_SAMPLE_RATE", "0") or 0)
# Prometheus metrics (django-prometheus), only behind METRICS_TOKEN or on METRICS_PORTS.
METRICS_TOKEN = env_str("METRICS_TOKEN")
METRICS_PORTS = env_str("METRICS_PORTS")
if METRICS_TOKEN or METRICS_PORTS:
    INSTALLED_APPS.append("django_prometheus")
    MIDDLEWARE = [
        "django_prometheus.middleware.PrometheusBeforeMiddleware",
        *MIDDLEWARE,
        "django_prometheus.middleware.PrometheusAfterMiddleware",
    ]
if METRICS_PORTS:
    _first, _dash, _last = METRICS_PORTS.partition("-")
    PROMETHEUS_METRICS_EXPORT_PORT_RANGE = range(int(_first), int(_last or _first) + 1)
    PROMETHEUS_METRICS_EXPORT_ADDRESS = env_str("METRICS_ADDRESS", "127.0.0.1")

# --- Readiness (/readyz) ---
READYZ_HEARTBEAT_MAX_AGE_SECONDS = env_int("READYZ_HEARTBEAT_MAX_AGE_SECONDS", 300)
READYZ_QUEUE_MAX_AGE_SECONDS = env_int("READYZ_QUEUE_MAX_AGE_SECONDS", 300)

# --- Invitations (mentora.invitations, issue 3) ---
# How many invitations (new ones and resends) one customer may send in 24 hours.
INVITATIONS_PER_CUSTOMER_PER_DAY = env_int("INVITATIONS_PER_CUSTOMER_PER_DAY", 200)
# How many invitation links that match nothing one client address may open in 15 minutes.
INVITATION_TOKEN_MISSES_PER_IP = env_int("INVITATION_TOKEN_MISSES_PER_IP", 20)

# --- Outgoing e-mail (mentora.mail) ---
# Temporary failures are retried with exponential backoff (base · 2^n, capped, with jitter)
# for MAIL_RETRY_HOURS after the first attempt.
MAIL_RETRY_BASE_SECONDS = env_int("MAIL_RETRY_BASE_SECONDS", 60)
MAIL_RETRY_MAX_DELAY_SECONDS = env_int("MAIL_RETRY_MAX_DELAY_SECONDS", 2 * 3600)
MAIL_RETRY_HOURS = env_int("MAIL_RETRY_HOURS", 24)
# A message still "sending" after this long lost its worker mid-attempt: marked failed, never resent.
MAIL_SENDING_TIMEOUT_SECONDS = env_int("MAIL_SENDING_TIMEOUT_SECONDS", 600)
# Finished messages (sent, failed, canceled) are deleted after this many days.
MAIL_RETENTION_DAYS = env_int("MAIL_RETENTION_DAYS", 90)

# --- Privacy: personal data export, erasure, audit retention (mentora.privacy) ---
# How long audit events are kept (default five years).
AUDIT_RETENTION_DAYS = env_int("AUDIT_RETENTION_DAYS", 5 * 365)
# How long a data-export download link works.
DATA_EXPORT_LINK_DAYS = env_int("DATA_EXPORT_LINK_DAYS", 7)
# A deletion request of someone with no active membership is carried out after this many days.
ERASURE_AUTOMATIC_AFTER_DAYS = env_int("ERASURE_AUTOMATIC_AFTER_DAYS", 30)
