import sentry_sdk
from django.apps import AppConfig
from django.conf import settings

from .periodic import PeriodicTask


class CoreConfig(AppConfig):
    name = "mentora.core"
    label = "core"
    navigation = "mentora.core.navigation.nav_items"
    periodic_tasks = (
        PeriodicTask("mentora.core.tasks.worker_heartbeat", interval=60),
        PeriodicTask("mentora.core.tasks.reap_stale_tasks", interval=300),
    )

    def ready(self) -> None:
        from django_tasks.signals import task_finished, task_started

        from . import logs, metrics

        task_started.connect(logs.task_started, dispatch_uid="mentora.core.logs.task_started")
        task_finished.connect(logs.task_finished, dispatch_uid="mentora.core.logs.task_finished")
        metrics.register_collector("tasks", metrics.TaskQueueCollector())
        if settings.SENTRY_DSN:
            # Errors go to Sentry, with no personal data and link tokens redacted.
            sentry_sdk.init(
                dsn=settings.SENTRY_DSN,
                environment=settings.SENTRY_ENVIRONMENT,
                traces_sample_rate=settings.SENTRY_TRACES_SAMPLE_RATE,
                send_default_pii=False,
                before_send=logs.sentry_before_send,  # type: ignore[arg-type]
            )
