import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from mentora.core.health import SCHEDULER, heartbeat_record
from mentora.core.periodic import registered_periodic_tasks, run_due


class Command(BaseCommand):
    help = (
        "Enqueue the registered periodic tasks (mentora.core.periodic) when they are due. Runs until "
        "stopped; with --once, checks once and exits (for cron). A task worker runs the tasks."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Check once, enqueue what is due, exit.")
        parser.add_argument(
            "--tick", type=float, default=30.0, help="Seconds between two checks (default 30)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["once"]:
            self._run()
            return
        self.stdout.write(
            "Scheduler running: "
            + ", ".join(f"{task.path} every {task.interval}s" for task in registered_periodic_tasks())
        )
        try:
            while True:
                self._run()
                time.sleep(options["tick"])
        except KeyboardInterrupt:
            self.stdout.write("Scheduler stopped.")

    def _run(self) -> None:
        heartbeat_record(SCHEDULER)
        for path in run_due():
            self.stdout.write(f"Enqueued {path}")
