from django.apps import AppConfig


class AttendanceConfig(AppConfig):
    name = "mentora.attendance"
    label = "attendance"
