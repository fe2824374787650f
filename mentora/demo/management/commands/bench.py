"""The benchmark (`make bench`): builds the demo plus a larger volume in a scratch SQLite
database, then measures the pages people use most, per role: median and worst time, queries and
peak memory. Speed and memory targets live here, not in the unit tests.

`make bench` points DATABASE_URL at var/bench.sqlite3 and migrates first; never run it against a
database you care about (it adds hundreds of applications).
"""

import os
import statistics
import time
import tracemalloc
from datetime import timedelta
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentora.accounts.models import User
from mentora.applications.models import ApplicationStatus
from mentora.customers.models import Customer, Membership, Role

APPLICATIONS = int(os.environ.get("BENCH_APPLICATIONS", "300"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "15"))
# Targets: a page a person waits for should answer well within these on a 2-core machine.
TARGET_MEDIAN_MS = 150
TARGET_QUERIES = 25


@transaction.atomic
def grow(*, customer: Customer, mentor: User) -> None:
    """APPLICATIONS more on-request applications for `customer`, each with 4 attendees, 6 past
    weekly events with attendance and 2 upcoming; `mentor` mentors every tenth (a busy mentor)."""
    from mentora.attendance.models import AttendanceStatus
    from mentora.testing.factories_activities import (
        ApplicationAttendeeFactory,
        ApplicationFactory,
        MentorAssignmentFactory,
        ServiceFactory,
    )
    from mentora.testing.factories_schedule import AttendanceRecordFactory, EventFactory, SessionFactory

    membership = Membership.objects.get(user=mentor, customer=customer, role=Role.MENTOR)
    service = ServiceFactory(name="Benchmark service")
    statuses = list(AttendanceStatus.values)
    for n in range(APPLICATIONS):
        application = ApplicationFactory(
            customer=customer, service=service, number=f"A-1999-{n:06d}", status=ApplicationStatus.ACCEPTED
        )
        if n % 10 == 0:
            MentorAssignmentFactory(application=application, membership=membership)
        attendees = [ApplicationAttendeeFactory(application=application).attendee for _ in range(4)]
        for week in range(6):
            event = EventFactory(application=application, past=True)
            event.starts_at -= timedelta(days=7 * week)
            event.ends_at -= timedelta(days=7 * week)
            event.save(update_fields=["starts_at", "ends_at"])
            session = SessionFactory(event=event)
            for i, attendee in enumerate(attendees):
                AttendanceRecordFactory(
                    session=session, attendee=attendee, status=statuses[(n + week + i) % 5]
                )
        for _ in range(2):
            EventFactory(application=application)


def measure(client: Client, url: str) -> tuple[float, float, int, int]:
    timings = []
    queries = 0
    for _ in range(ROUNDS):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        queries = len(captured)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    tracemalloc.start()
    client.get(url)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return statistics.median(timings), max(timings), queries, peak


class Command(BaseCommand):
    help = "Time the most used pages on a larger data set (use `make bench`, which prepares the database)."

    def handle(self, *args: Any, **options: Any) -> None:
        run()


def run() -> None:
    with open(os.devnull, "w") as quiet:
        call_command("seed_demo", verbosity=0, stdout=quiet)
    north = Customer.objects.get(customer_number="C-1001")
    mentor = User.objects.get(email="mentor@example.com")
    if not north.applications.filter(number__startswith="A-1999-").exists():
        started = time.perf_counter()
        grow(customer=north, mentor=mentor)
        print(f"Built {APPLICATIONS} extra applications in {time.perf_counter() - started:.1f} s")

    pages = {
        "mentor@example.com": [
            ("home (dashboard)", reverse("home")),
            ("my applications", reverse("mentor_applications")),
            ("calendar, week", reverse("calendar")),
            ("calendar, month", reverse("calendar") + "?view=month"),
            ("attendance: sessions", reverse("mentor_attendance_sessions")),
            ("attendance: attendees", reverse("mentor_attendance_attendees")),
            ("follow-ups", reverse("followup_list")),
        ],
        "north.admin@example.com": [
            ("applications", reverse("applications_customer", args=[north.pk])),
            ("mentors", reverse("mentors_list", args=[north.pk])),
            ("calendar, week", reverse("calendar")),
        ],
        "admin@example.com": [
            ("schedule", reverse("schedule_list")),
        ],
    }
    print(f"{'page':32} {'median ms':>10} {'worst ms':>9} {'queries':>8} {'peak KiB':>9}")
    failures = []
    for email, urls in pages.items():
        client = Client(HTTP_HOST="localhost")
        client.force_login(User.objects.get(email=email))
        print(email)
        for label, url in urls:
            median, worst, queries, peak = measure(client, url)
            flag = ""
            if median > TARGET_MEDIAN_MS or queries > TARGET_QUERIES:
                flag = "  <- over target"
                failures.append(label)
            print(f"  {label:30} {median:10.1f} {worst:9.1f} {queries:8d} {peak / 1024:9.0f}{flag}")
    print(f"Targets: median under {TARGET_MEDIAN_MS} ms, at most {TARGET_QUERIES} queries per page.")
    if failures:
        raise SystemExit(f"Over target: {', '.join(failures)}")
