from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest

from mentora.core.emails import queue_email_message


class AccountAdapter(DefaultAccountAdapter):
    """Accounts come from invitations and administrators, never from a public sign-up page; and
    allauth's e-mails (password reset) go through the task worker like every other e-mail."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        message = self.render_mail(template_prefix, email, context)
        queue_email_message(message)
