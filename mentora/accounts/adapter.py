from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest
from django.utils import translation

from mentora.core.emails import queue_email_message


class AccountAdapter(DefaultAccountAdapter):
    """Accounts come from invitations and administrators, never from a public sign-up page; and
    allauth's e-mails (password reset) go through the task worker like every other e-mail."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # In the account's own language when the e-mail is about an account (DESIGN §5), not in
        # the language of whichever browser asked for it.
        language = getattr(context.get("user"), "language", "") or translation.get_language()
        with translation.override(language):
            message = self.render_mail(template_prefix, email, context)
        queue_email_message(message)
