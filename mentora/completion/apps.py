from django.apps import AppConfig


class CompletionConfig(AppConfig):
    name = "mentora.completion"
    label = "completion"
    verbose_name = "Completion"
