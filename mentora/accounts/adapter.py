from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest
from django.utils import translation

from mentora.core.crypto import decrypt, encrypt
from mentora.mail.services import email_queue_rendered

# The encryption purpose (mentora.core.crypto) of two-factor secrets.
MFA_PURPOSE = "mfa-secret"


class AccountAdapter(DefaultAccountAdapter):
    """Accounts come from invitations and administrators, never from a public sign-up page; and
    allauth's e-mails (password reset links, e-mail change codes, security notices) are durable
    outgoing messages like every other e-mail, encrypted at rest because most of them carry a
    code or a link that signs someone in."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # In the account's own language when the e-mail is about an account (DESIGN §5), not in
        # the language of whichever browser asked for it.
        context = {"site_url": settings.SITE_URL, **context}
        user = context.get("user")
        language = getattr(user, "language", "") or translation.get_language()
        with translation.override(language):
            message = self.render_mail(template_prefix, email, context)
        kind = "account-" + template_prefix.rsplit("/", 1)[-1].replace("_", "-")
        email_queue_rendered(message, kind=kind, language=language, user=user if user and user.pk else None)

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
    encrypted with a key derived from SECRET_KEY (mentora.core.crypto), so a copy of the database
    alone does not let anyone produce codes. Rotating SECRET_KEY keeps them readable while the old
    key is in SECRET_KEY_FALLBACKS; once it is gone, two-factor sign-in has to be set up again."""

    def encrypt(self, text: str) -> str:
        return encrypt(text.encode(), purpose=MFA_PURPOSE).decode()

    def decrypt(self, encrypted_text: str) -> str:
        return decrypt(encrypted_text.encode(), purpose=MFA_PURPOSE).decode()
