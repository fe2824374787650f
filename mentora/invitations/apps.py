from django.apps import AppConfig


class InvitationsConfig(AppConfig):
    name = "mentora.invitations"
    label = "invitations"
