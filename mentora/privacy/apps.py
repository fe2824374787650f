from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    """A person's account security and personal data: the audit logs, terms publishing, the
    export of one's data and erasure of one's account."""

    name = "mentora.privacy"
    label = "privacy"
