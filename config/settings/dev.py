"""Local development: `make run`. Safe defaults so a newcomer needs no configuration."""

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS
from .env import dev_server, env_bool, env_list, env_str

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production-0123456789")
WHITENOISE_AUTOREFRESH = True
# Passkeys on http://localhost (browsers treat it as secure; allauth needs telling).
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = env_bool("MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN", True)

# `make run` passes its HOST and PORT: e-mailed links point at the address it serves
# (`PORT=18765 make run` mails :18765 links), and `HOST=0.0.0.0` answers other machines.
_site_url, _dev_hosts = dev_server(env_str("HOST", "127.0.0.1"), env_str("PORT", "8000"))
SITE_URL = env_str("SITE_URL", _site_url).rstrip("/")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [SITE_URL])
ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", [*ALLOWED_HOSTS, *(h for h in _dev_hosts if h not in ALLOWED_HOSTS)]
)
