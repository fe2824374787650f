from django.apps import AppConfig

from mentora.core.periodic import PeriodicTask

QUARTER_HOUR = 15 * 60
DAY = 24 * 60 * 60


class DigestsConfig(AppConfig):
    name = "mentora.digests"
    label = "digests"
    personal_data = "mentora.digests.personal_data"
    # Every quarter of an hour: the digests due in the zones where it is now past 07:00.
    periodic_tasks = (
        PeriodicTask("mentora.digests.tasks.send_due_digests", interval=QUARTER_HOUR),
        PeriodicTask("mentora.digests.tasks.prune_digest_runs", interval=DAY),
    )
