from django.apps import AppConfig

from mentora.core.periodic import PeriodicTask

HOUR = 60 * 60


class MentoringConfig(AppConfig):
    name = "mentora.mentoring"
    label = "mentoring"
    navigation = "mentora.mentoring.navigation.nav_items"
    periodic_tasks = (PeriodicTask("mentora.mentoring.tasks.expire_attendance_exports", interval=HOUR),)
