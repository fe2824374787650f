from django.apps import AppConfig


class MentoringConfig(AppConfig):
    name = "mentora.mentoring"
    label = "mentoring"
    personal_data = "mentora.mentoring.personal_data"
