from django.apps import AppConfig


class ScheduleConfig(AppConfig):
    name = "mentora.schedule"
    label = "schedule"
    navigation = "mentora.schedule.navigation.nav_items"
