from django.apps import AppConfig


class MentoringConfig(AppConfig):
    name = "mentora.mentoring"
    label = "mentoring"
