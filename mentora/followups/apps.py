from django.apps import AppConfig


class FollowupsConfig(AppConfig):
    name = "mentora.followups"
    label = "followups"
    personal_data = "mentora.followups.personal_data"
