from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "mentora.accounts"
    label = "accounts"
    personal_data = "mentora.accounts.personal_data"

    def ready(self) -> None:
        from allauth.account.signals import password_changed, password_reset
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_save

        from . import receivers
        from .models import User

        post_save.connect(
            receivers.sign_in_address_verified, sender=User, dispatch_uid="accounts.address_verified"
        )
        user_logged_in.connect(receivers.session_started, dispatch_uid="accounts.session_started")
        password_changed.connect(receivers.other_sessions_end, dispatch_uid="accounts.password_changed")
        password_reset.connect(receivers.other_sessions_end, dispatch_uid="accounts.password_reset")
        password_reset.connect(receivers.reset_key_forget, dispatch_uid="accounts.reset_key_forget")
