"""Local development: `make run`. Safe defaults so a newcomer needs no configuration."""

from .base import *  # noqa: F403
from .env import env_bool, env_str

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production-0123456789")
WHITENOISE_AUTOREFRESH = True
# Passkeys on http://localhost (browsers treat it as secure; allauth needs telling).
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = env_bool("MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN", True)
