"""What the bench measures, how, and the targets it holds the pages to."""

import http.client
import os
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentora.accounts.models import User
from mentora.applications.models import Application, Kind
from mentora.attendance.models import Session
from mentora.customers.models import Customer
from mentora.followups.models import FollowUp
from mentora.schedule.calendar.services import calendar_feed_token_regenerate

from . import data
from .server import TIMEOUT, Server
from .urls import BARE_PATH

# Targets (issue: pages whose cost follows what the person sees).
MAX_QUERIES = 15
MAX_GROWTH = 1.25
MIN_SHARE_OF_BARE = 0.20
MAX_FIRST_BYTE_SECONDS = 1.0
MAX_CALENDAR_BYTES = 300 * 1024
MAX_EXPORT_GROWTH_PER_100K = 10 * 1024 * 1024
MAX_EXPORT_GROWTH_1M = 100 * 1024 * 1024

# BENCH_SHOW_QUERIES=application prints the queries of every page whose label holds that text.
SHOW_QUERIES = os.environ.get("BENCH_SHOW_QUERIES", "")
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "20"))
# A page is measured ROUNDS times, or for this many seconds when it is slow (at least 5 rounds).
SECONDS_PER_PAGE = float(os.environ.get("BENCH_SECONDS_PER_PAGE", "20"))

MENTOR_PAGE = "mentor page"
ADMIN_LIST = "admin list"
ADMIN_PAGE = "admin page"
FEED = "feed"
EXPORT = "export"
# A customer admin whose own customer grows tenfold with the data: queries and size are held to
# the targets, times are shown (their cost may follow what they see, which grows).
SCALE = "scale"


@dataclass(frozen=True)
class Page:
    who: str  # e-mail of the person asking
    label: str
    path: str
    kind: str
    max_bytes: int | None = None


@dataclass
class Result:
    queries: int = 0
    size: int = 0
    median: float = 0.0
    p95: float = 0.0
    bare_median: float = 0.0
    first_byte: float = 0.0
    # Each round's page time ÷ the bare view's time in the same round (the two requests are
    # neighbours, so a busier moment slows both).
    ratio: float = 0.0
    notes: list[str] = field(default_factory=list)

    @property
    def share(self) -> float:
        """The page's throughput as a share of the bare view's (one request at a time)."""
        return self.bare_median / self.median if self.median else 0.0


def pages() -> list[Page]:
    north = Customer.objects.get(customer_number="C-1001")
    result: list[Page] = []
    wide = "?date_from=2000-01-01&date_to=2100-12-31"
    for who, tag in ((data.MENTOR_EMAIL, "mentor"), (data.HEAVY_MENTOR_EMAIL, "heavy")):
        user = User.objects.get(email=who)
        mine = Application.objects.filter(
            mentor_assignments__membership__user=user, title__startswith="Bench"
        ).order_by("pk")
        application = mine.filter(kind=Kind.ON_REQUEST).first()
        course = mine.filter(kind=Kind.COURSE).first() or application
        session = (
            Session.objects.filter(event__course_instance=course.course_instance_id).order_by("pk").first()
            if course.kind == Kind.COURSE
            else Session.objects.filter(event__application=application).order_by("pk").first()
        )
        followup = FollowUp.objects.filter(mentors__user=user).order_by("pk").first()
        token = calendar_feed_token_regenerate(user=user)
        assert application and session and followup
        rows = [
            ("home", reverse("home")),
            ("applications", reverse("mentor_applications")),
            ("course applications", reverse("mentor_course_applications")),
            ("application", reverse("mentor_application_detail", args=[application.pk])),
            ("observations", reverse("observation_list", args=[application.pk])),
            ("calendar week", reverse("calendar")),
            ("calendar month", reverse("calendar") + "?view=month"),
            ("calendar day", reverse("calendar") + "?view=day"),
            ("calendar list", reverse("calendar") + "?view=list"),
            ("calendar event", reverse("calendar_event", args=[session.event_id])),
            ("subscription", reverse("calendar_subscription")),
            ("att. sessions", reverse("mentor_attendance_sessions")),
            ("att. session", reverse("mentor_attendance_session", args=[session.pk])),
            ("att. courses", reverse("mentor_attendance_courses")),
            ("att. attendees", reverse("mentor_attendance_attendees")),
            ("att. report", reverse("mentor_attendance_report")),
            ("follow-ups", reverse("followup_list")),
            ("follow-up", reverse("followup_detail", args=[followup.pk])),
        ]
        result += [Page(who, f"{tag}: {label}", path, MENTOR_PAGE) for label, path in rows]
        result.append(Page(who, f"{tag}: feed", reverse("calendar_feed", args=[token]), FEED))
        for file_format in ("csv", "xlsx"):
            path = reverse("mentor_attendance_export", args=[file_format]) + wide
            result.append(Page(who, f"{tag}: export {file_format}, all time", path, EXPORT))
    lake = Customer.objects.get(customer_number="C-1002")
    admin_application = Application.objects.filter(customer=lake, title__startswith="Bench").order_by("pk")[0]
    for label, path, kind, limit in (
        ("home", reverse("home"), ADMIN_PAGE, None),
        ("applications", reverse("applications_customer", args=[lake.pk]), ADMIN_LIST, None),
        ("mentors", reverse("mentors_list", args=[lake.pk]), ADMIN_LIST, None),
        ("invitations", reverse("invitation_list", args=[lake.pk]), ADMIN_LIST, None),
        ("application", reverse("application_detail", args=[admin_application.pk]), ADMIN_PAGE, None),
        ("calendar week", reverse("calendar"), ADMIN_LIST, MAX_CALENDAR_BYTES),
        ("calendar month", reverse("calendar") + "?view=month", ADMIN_LIST, MAX_CALENDAR_BYTES),
        ("calendar list", reverse("calendar") + "?view=list", ADMIN_LIST, MAX_CALENDAR_BYTES),
    ):
        result.append(Page(data.ADMIN_EMAIL, f"admin: {label}", path, kind, limit))
    for label, path in (
        ("applications", reverse("applications_customer", args=[north.pk])),
        ("calendar week", reverse("calendar")),
        ("calendar month", reverse("calendar") + "?view=month"),
        ("calendar list", reverse("calendar") + "?view=list"),
    ):
        result.append(Page(data.SCALE_ADMIN_EMAIL, f"scale admin: {label}", path, SCALE, MAX_CALENDAR_BYTES))
    return result


class People:
    """One signed-in test client per person; its session cookie also signs in the HTTP requests."""

    def __init__(self) -> None:
        self.clients: dict[str, Client] = {}

    def client(self, email: str) -> Client:
        if email not in self.clients:
            client = Client(HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
            client.force_login(User.objects.get(email=email))
            self.clients[email] = client
        return self.clients[email]

    def cookie(self, email: str) -> str:
        return "; ".join(f"{key}={morsel.value}" for key, morsel in self.client(email).cookies.items())


def count_queries(people: People, page: Page) -> tuple[int, int]:
    """Queries and bytes of the page, asked in-process: once to warm up, then twice, the fewer
    queries counting (a signed-in request writes the session's last-seen time every five minutes,
    which would otherwise land on one page or another by the clock)."""
    client = people.client(page.who)
    client.get(page.path)
    counted = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(page.path)
            body = b"".join(response.streaming_content) if response.streaming else response.content
        if response.status_code != 200:
            raise SystemExit(f"{page.label}: {page.path} answered {response.status_code}")
        counted.append(captured)
    captured = min(counted, key=len)
    if SHOW_QUERIES and SHOW_QUERIES in page.label:
        print(f"-- {page.label}: {len(captured)} queries", file=sys.stderr)
        for query in captured.captured_queries:
            print(f"   {query['sql']}", file=sys.stderr)
    return len(captured), len(body)


def time_page(server: Server, people: People, page: Page, result: Result) -> None:
    """Requests to the page interleaved with requests to the bare view, one at a time."""
    cookie = "" if page.kind == FEED else people.cookie(page.who)
    for _ in range(2):  # warm up
        try:
            server.get(page.path, cookie=cookie)
        except (http.client.HTTPException, OSError):
            server.wait_ready()
    timings, bare, first_bytes, ratios = [], [], [], []
    started = time.monotonic()
    rounds = 0
    while rounds < ROUNDS and (rounds < 5 or time.monotonic() - started < SECONDS_PER_PAGE):
        bare.append(server.get(BARE_PATH, cookie=cookie).seconds)
        try:
            answer = server.get(page.path, cookie=cookie)
        except (http.client.HTTPException, OSError) as error:
            # gunicorn killed the worker (over its timeout): the page fails, the bench goes on.
            result.notes.append(f"no answer ({type(error).__name__})")
            server.wait_ready()
            break
        if answer.status != 200:
            result.notes.append(f"answered {answer.status}")
            break
        timings.append(answer.seconds)
        first_bytes.append(answer.first_byte)
        ratios.append(answer.seconds / bare[-1])
        rounds += 1
    if not timings:
        timings, first_bytes, ratios = [float(TIMEOUT)], [float(TIMEOUT)], [float(TIMEOUT) / bare[-1]]
    result.median = statistics.median(timings)
    result.p95 = sorted(timings)[max(0, round(0.95 * len(timings)) - 1)]
    result.bare_median = statistics.median(bare)
    result.first_byte = statistics.median(first_bytes)
    result.ratio = statistics.median(ratios)


def measure(people: People, page_list: list[Page], *, timed: bool) -> dict[str, Result]:
    results = {page.label: Result() for page in page_list}
    for page in page_list:
        results[page.label].queries, results[page.label].size = count_queries(people, page)
    if timed:
        cache.clear()
        with Server() as server:
            for page in page_list:
                result = results[page.label]
                time_page(server, people, page, result)
                # Progress, so that a long run shows where it is.
                print(
                    f"  {page.label:34} {result.median * 1000:8.0f} ms  {result.share:5.0%} of bare  "
                    + " ".join(result.notes),
                    file=sys.stderr,
                    flush=True,
                )
    return results


def report(
    page_list: list[Page],
    one: dict[str, Result],
    ten: dict[str, Result],
    *,
    timed: bool,
    out: Callable[[str], None],
) -> list[str]:
    """Prints the table and returns the targets missed."""
    missed: list[str] = []
    if timed:
        out(
            f"{'page':34} {'queries':>9} {'KB 1×/10×':>13} {'median ms 1×/10×':>17} {'p95 ms 10×':>10} "
            f"{'% bare 1×/10×':>14} {'growth':>7}"
        )
    else:
        out(f"{'page':34} {'queries 1×/10×':>15} {'KB 1×/10×':>13}")
    for page in page_list:
        a, b = one[page.label], ten[page.label]
        flags = []
        flags += a.notes + b.notes
        if max(a.queries, b.queries) > MAX_QUERIES:
            flags.append(f"over {MAX_QUERIES} queries")
        if a.queries != b.queries:
            flags.append("queries grow")
        if page.max_bytes and b.size > page.max_bytes:
            flags.append(f"over {page.max_bytes // 1024} KB")
        sizes = f"{a.size / 1024:6.0f}/{b.size / 1024:<6.0f}"
        if timed:
            growth = b.ratio / a.ratio
            if growth > MAX_GROWTH and page.kind != SCALE:
                flags.append(f"growth over {MAX_GROWTH}")
            if page.kind in (MENTOR_PAGE, ADMIN_LIST) and min(a.share, b.share) < MIN_SHARE_OF_BARE:
                flags.append(f"under {MIN_SHARE_OF_BARE:.0%} of bare")
            # The CSV streams; the XLSX is a zip written in constant memory and sent when done.
            streamed = page.path.split("?")[0].endswith(".csv")
            if page.kind == EXPORT and streamed and max(a.first_byte, b.first_byte) > MAX_FIRST_BYTE_SECONDS:
                flags.append(f"first byte over {MAX_FIRST_BYTE_SECONDS:.0f} s")
            line = (
                f"{page.label:34} {a.queries:>4}/{b.queries:<4} {sizes} {a.median * 1000:8.0f}/{b.median * 1000:<8.0f} "
                f"{b.p95 * 1000:10.0f} {a.share:6.0%}/{b.share:<6.0%}  {growth:5.2f}"
            )
            if page.kind == EXPORT:
                line += f"  first byte {a.first_byte * 1000:.0f}/{b.first_byte * 1000:.0f} ms"
        else:
            line = f"{page.label:34} {a.queries:>7}/{b.queries:<7} {sizes}"
        if flags:
            line += "  <- " + ", ".join(flags)
            missed.append(f"{page.label}: {', '.join(flags)}")
        out(line)
    if timed:
        bare = statistics.median(r.bare_median for r in ten.values()) * 1000
        out(
            f"bare view median at 10×: {bare:.1f} ms. growth = the median of each round's page ÷ bare time "
            "at 10× ÷ the same at 1×"
        )
    return missed
