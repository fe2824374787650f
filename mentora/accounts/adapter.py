from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest
from django.utils import translation

from mentora.mail.services import email_queue_rendered


class AccountAdapter(DefaultAccountAdapter):
    """Accounts come from invitations and administrators, never from a public sign-up page; and
    allauth's e-mails (password reset) are durable outgoing messages like every other e-mail,
    encrypted at rest because they carry a link that signs someone in."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # In the account's own language when the e-mail is about an account (DESIGN §5), not in
        # the language of whichever browser asked for it.
        user = context.get("user")
        language = getattr(user, "language", "") or translation.get_language()
        with translation.override(language):
            message = self.render_mail(template_prefix, email, context)
        kind = "account-" + template_prefix.rsplit("/", 1)[-1].replace("_", "-")
        email_queue_rendered(message, kind=kind, language=language, user=user if user and user.pk else None)
