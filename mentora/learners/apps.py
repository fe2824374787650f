from django.apps import AppConfig


class LearnersConfig(AppConfig):
    name = "mentora.learners"
    label = "learners"
    verbose_name = "Learners"
