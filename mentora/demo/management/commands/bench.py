"""`make bench`, `make bench-check`, `make bench-export`: see mentora/demo/bench/ and the README.

It empties the database DATABASE_URL points at (SQLite by default: var/bench.sqlite3).
"""

import os
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from mentora.demo.bench import data
from mentora.demo.bench.export import run_export
from mentora.demo.bench.run import People, measure, pages, report


def analyze() -> None:
    """Fresh planner statistics after a bulk load, as autovacuum would soon give a live database."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def ensure_database() -> None:
    """PostgreSQL: create the named database when it does not exist yet."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.postgresql":
        return
    import psycopg
    from psycopg import sql

    params = {
        "host": database["HOST"] or None,
        "port": database["PORT"] or None,
        "user": database["USER"] or None,
        "password": database["PASSWORD"] or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as maintenance:
        exists = maintenance.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [database["NAME"]]
        ).fetchone()
        if not exists:
            maintenance.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database["NAME"])))


class Command(BaseCommand):
    help = "Benchmark the pages at 1× and 10× data over HTTP (use the make targets)."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument(
            "--check", action="store_true", help="Query counts and sizes only, small data (CI)."
        )
        mode.add_argument(
            "--export", action="store_true", help="The big export run (100,000 and 1,000,000 records)."
        )
        mode.add_argument("--build", action="store_true", help="Only build the 10× data (for EXPLAIN).")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        if settings.SETTINGS_MODULE != "config.settings.bench":
            raise CommandError(
                "Run the bench with DJANGO_SETTINGS_MODULE=config.settings.bench (make bench)."
            )
        out = self.stdout.write
        engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
        cache_backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
        out(f"Database: {engine} ({settings.DATABASES['default']['NAME']}); cache: {cache_backend}")
        ensure_database()
        with open(os.devnull, "w") as quiet:
            call_command("migrate", verbosity=0, stdout=quiet)
            call_command("flush", interactive=False, verbosity=0, stdout=quiet)
            call_command("collectstatic", interactive=False, verbosity=0, stdout=quiet)
            call_command("seed_demo", verbosity=0, stdout=quiet)
        if options["build"]:
            data.build_fixed()
            data.build_others(data.FULL.times(10))
            analyze()
            out(f"Built 10×: {data.describe()}")
            return
        missed = run_export(out) if options["export"] else self.pages_at_two_sizes(timed=not options["check"])
        if missed:
            out("Targets missed:")
            for line in missed:
                out(f"  {line}")
            raise SystemExit(1)
        out("Every target met.")

    def pages_at_two_sizes(self, *, timed: bool) -> list[str]:
        out = self.stdout.write
        size = data.FULL if timed else data.SMALL
        started = time.perf_counter()
        data.build_fixed()
        data.build_others(size)
        analyze()
        out(f"Built 1× in {time.perf_counter() - started:.1f} s: {data.describe()}")
        page_list = pages()
        people = People()
        one = measure(people, page_list, timed=timed)
        started = time.perf_counter()
        data.build_others(size.times(9))
        analyze()
        out(f"Built 10× in {time.perf_counter() - started:.1f} s more: {data.describe()}")
        ten = measure(people, page_list, timed=timed)
        return report(page_list, one, ten, timed=timed, out=out)
