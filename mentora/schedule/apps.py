from django.apps import AppConfig


class ScheduleConfig(AppConfig):
    name = "mentora.schedule"
    label = "schedule"
