from django.apps import AppConfig


class MentoringConfig(AppConfig):
    name = "mentora.mentoring"
    label = "mentoring"
    navigation = "mentora.mentoring.navigation.nav_items"
