import base64
import hashlib

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from cryptography.fernet import Fernet
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest
from django.utils import translation

from mentora.core.emails import queue_email_message


class AccountAdapter(DefaultAccountAdapter):
    """Accounts come from invitations and administrators, never from a public sign-up page; and
    allauth's e-mails (password reset, e-mail change codes, security notices) go through the task
    worker like every other e-mail."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # In the account's own language when the e-mail is about an account (DESIGN §5), not in
        # the language of whichever browser asked for it.
        context = {"site_url": settings.SITE_URL, **context}
        language = getattr(context.get("user"), "language", "") or translation.get_language()
        with translation.override(language):
            message = self.render_mail(template_prefix, email, context)
        queue_email_message(message)

    def send_notification_mail(
        self,
        template_prefix: str,
        user: AbstractBaseUser,
        context: dict | None = None,
        email: str | None = None,
    ) -> None:
        """allauth's security notices (e-mail, password and two-factor changes) go to the person
        in their own language; they are always sent, whatever their notification settings."""
        super().send_notification_mail(template_prefix, user, {"user": user, **(context or {})}, email)


class MFAAdapter(DefaultMFAAdapter):
    """Two-factor secrets (the authenticator app's key, the recovery codes' seed) are stored
    encrypted with a key derived from SECRET_KEY, so a copy of the database alone does not let
    anyone produce codes. Changing SECRET_KEY therefore means setting up two-factor sign-in again."""

    def encrypt(self, text: str) -> str:
        return _fernet().encrypt(text.encode()).decode()

    def decrypt(self, encrypted_text: str) -> str:
        return _fernet().decrypt(encrypted_text.encode()).decode()


def _fernet() -> Fernet:
    digest = hashlib.sha256(b"mentora.mfa.secrets:" + settings.SECRET_KEY.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))
