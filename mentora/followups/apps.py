from django.apps import AppConfig


class FollowupsConfig(AppConfig):
    name = "mentora.followups"
    label = "followups"
    navigation = "mentora.followups.navigation.nav_items"
