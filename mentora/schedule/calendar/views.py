"""The calendar of mentors and customer admins (day, week, month, list), an event's details
(an htmx panel, or a page of its own without JavaScript), and the personal iCalendar feed.
Thin: parse, call a calendar selector, render."""

import datetime
import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date, urlencode
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_safe

from mentora.core.dates import format_date
from mentora.core.exceptions import PermissionDenied
from mentora.core.links import id_link
from mentora.core.net import client_ip
from mentora.core.redirects import same_site_path
from mentora.customers.http import ActorRequest
from mentora.customers.permissions import require

from ..access import access_calendar_event
from ..permissions import can_use_calendar
from .feed import calendar_feed_ics_cached, calendar_feed_version, feed_user_for_token
from .forms import CalendarFilterForm
from .grid import VIEWS, calendar_range, is_weekend, parse_date
from .selectors import (
    EventKind,
    calendar_day_events,
    calendar_event_customer_names,
    calendar_feed_token_for_user,
    calendar_filter_options,
    event_application_links,
    event_customer_names,
    event_kind,
    event_learner_list,
)
from .services import calendar_feed_token_regenerate, calendar_feed_token_revoke

# How many events a day shows before "+N more" (which opens the day view; the day view points
# to the filters). Each page renders a bounded number of events whatever the data.
EVENTS_PER_DAY = {"week": 6, "month": 3, "list": 10, "day": 100}
# How each view names a day (the month's grid shows the day's number; the name is read out).
DAY_HEADINGS = {
    "week": lambda day: capfirst(format_date(day, "day")),
    "day": lambda day: capfirst(format_date(day, "day")),
    "month": lambda day: format_date(day, "heading_date"),
    "list": lambda day: capfirst(format_date(day, "heading_day")),
}


@dataclass
class CalendarEntry:
    title: str
    kind: str
    kind_label: str
    customers: list[str]
    url: str  # the event's details
    back: str  # the way back to this page, the same for every event of the page: "?back=…"
    times: str  # "09:00–10:30"

    @property
    def href(self) -> str:
        """The event's details, with the way back to this page."""
        return self.url + self.back


@dataclass
class CalendarDay:
    date: datetime.date
    iso: str  # 2026-12-02
    number: str  # 2, the day of the month
    heading: str  # as the view names a day: "Wednesday 2 December", "Wed 2 Dec"
    entries: list[CalendarEntry]
    is_today: bool
    in_range: bool  # False for the days of the neighbouring months that fill a month's weeks
    more: int = 0  # events of the day not shown
    day_url: str = ""


def _calendar_url(path: str, params: QueryDict, **overrides: str | None) -> str:
    data = params.copy()
    for key, value in overrides.items():
        data.pop(key, None)
        if value is not None:
            data[key] = value
    return f"{path}?{data.urlencode()}"


@login_required
@require_GET
def calendar_view(request: ActorRequest) -> HttpResponse:
    actor = request.actor
    require(can_use_calendar(actor), _("The calendar is for mentors and customer admins."))
    today = timezone.localdate()
    view = request.GET.get("view", "week")
    span = calendar_range(view=view, anchor=parse_date(request.GET.get("date"), default=today))
    show_weekends = request.GET.get("weekends", "1") != "0"
    start, end = span.bounds()
    tz = timezone.get_current_timezone()
    options = calendar_filter_options(
        actor=actor, start=start, end=end, selected=CalendarFilterForm.requested(request.GET)
    )
    form = CalendarFilterForm(request.GET or None, options=options)
    filters = form.filters()
    shown_days = [
        day for day in span.days if show_weekends or span.view in ("day", "list") or not is_weekend(day)
    ]
    by_day = calendar_day_events(
        actor=actor,
        days=shown_days,
        tz=tz,
        filters=filters,
        per_day=EVENTS_PER_DAY[span.view],
    )
    shown = [event for day in by_day.values() for event in day.events]
    names = calendar_event_customer_names(actor=actor, events=shown) if span.view == "list" else {}
    # The page repeats a few things for every event and day; each is worked out once here (the
    # template's per-row {% url %} and date filters were most of its cost): one reverse() for
    # every event link (id_link), one for every day link (the date goes last), each distinct
    # clock time formatted and each kind's label translated once.
    event_link = id_link("calendar_event")
    back = "?" + urlencode({"back": request.get_full_path()})
    params = request.GET
    path = reverse("calendar")
    day_url = _calendar_url(path, params, view="day", date="")
    clocks: dict[tuple[int, int], str] = {}

    def clock(value: datetime.datetime) -> str:
        local = value.astimezone(tz)
        key = (local.hour, local.minute)  # all a clock reads
        if key not in clocks:
            clocks[key] = format_date(local, "clock")
        return clocks[key]

    kind_labels = {kind: str(label) for kind, label in EventKind.LABELS.items()}
    in_month = (span.anchor.year, span.anchor.month)
    heading = DAY_HEADINGS[span.view]
    days = []
    for day in shown_days:
        entries = []
        for event in by_day[day].events:
            kind = event_kind(event)
            entries.append(
                CalendarEntry(
                    title=event.title,
                    kind=kind,
                    kind_label=kind_labels[kind],
                    customers=names.get(event.pk, []),
                    url=event_link(event.pk),
                    back=back,
                    times=f"{clock(event.starts_at)}–{clock(event.ends_at)}",
                )
            )
        iso = day.isoformat()
        days.append(
            CalendarDay(
                date=day,
                iso=iso,
                number=str(day.day),
                heading=heading(day),
                entries=entries,
                is_today=day == today,
                in_range=span.view != "month" or (day.year, day.month) == in_month,
                more=by_day[day].more,
                day_url=day_url + iso,
            )
        )
    weeks = [
        days[i : i + (7 if show_weekends else 5)] for i in range(0, len(days), 7 if show_weekends else 5)
    ]
    context = {
        "span": span,
        "view": span.view,
        "views": [(key, label, _calendar_url(path, params, view=key)) for key, label in VIEWS.items()],
        "days": days,
        "weeks": weeks,
        "event_count": sum(day.total for day in by_day.values()),
        "show_weekends": show_weekends,
        "weekday_names": [day.date for day in weeks[0]] if weeks else [],
        "previous_url": _calendar_url(path, params, date=span.previous.isoformat()),
        "next_url": _calendar_url(path, params, date=span.next.isoformat()),
        "today_url": _calendar_url(path, params, date=today.isoformat()),
        "weekends_url": _calendar_url(path, params, weekends="0" if show_weekends else "1"),
        "form": form,
        "options": options,
        "filters": filters,
        "legend": list(EventKind.LABELS.items()),
        "view_label": VIEWS[span.view],
        "hidden_params": [(key, value) for key in ("view", "weekends") for value in params.getlist(key)],
        "filter_params": [
            (key, value) for key in ("view", "weekends", "date") for value in params.getlist(key)
        ],
    }
    return render(request, "schedule/calendar/calendar.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"])
def calendar_event(request: ActorRequest, event_id: int) -> HttpResponse:
    actor = request.actor
    event = access_calendar_event(actor=actor, event_id=event_id)
    if request.method not in ("GET", "HEAD"):
        raise PermissionDenied(_("The calendar is read-only: the provider changes the schedule."))
    kind = event_kind(event)
    context = {
        "event": event,
        "kind": kind,
        "kind_label": EventKind.LABELS[kind],
        "customers": event_customer_names(actor=actor, events=[event]).get(event.pk, []),
        "links": event_application_links(actor=actor, events=[event]).get(event.pk, []),
        "learners": event_learner_list(actor=actor, event=event),
        "back_url": same_site_path(request, request.GET.get("back", "")),
    }
    template = "schedule/calendar/event_detail.html"
    if request.htmx and not request.htmx.boosted:
        template = "schedule/calendar/_event_details.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def calendar_subscription(request: ActorRequest) -> HttpResponse:
    """The personal feed: its state, make/regenerate/revoke, and the new address shown once, in
    the answer to the POST that made it. The token is never kept anywhere (no session, no
    redirect carrying it); only its hash is stored. Reloading that answer makes a new address,
    which stops the previous one, so an address is never shown twice."""
    actor = request.actor
    require(can_use_calendar(actor), _("The calendar is for mentors and customer admins."))
    token = ""
    if request.method == "POST":
        ip = client_ip(request)
        if request.POST.get("action") == "revoke":
            calendar_feed_token_revoke(user=request.user, ip=ip)
            return redirect("calendar_subscription")
        token = calendar_feed_token_regenerate(user=request.user, ip=ip)
    feed_url = ""
    if token:
        feed_url = settings.SITE_URL + reverse("calendar_feed", args=[token])
    existing = calendar_feed_token_for_user(user=request.user)
    return render(
        request,
        "schedule/calendar/subscription.html",
        {
            "feed_url": feed_url,
            "webcal_url": re.sub(r"^https?://", "webcal://", feed_url),
            "existing": existing,
        },
    )


@require_safe
def calendar_feed(request: ActorRequest, token: str) -> HttpResponse:
    """The iCalendar feed. No session: the token in the URL is the credential. An unknown or
    revoked token is a 404. An unchanged feed answers 304 to a conditional GET."""
    user = feed_user_for_token(token)
    if user is None:
        raise Http404()
    version = calendar_feed_version(user=user)
    last_modified = int(version.last_modified.timestamp())
    response = get_conditional_response(request, etag=f'"{version.etag}"', last_modified=last_modified)
    if response is None:
        response = HttpResponse(
            calendar_feed_ics_cached(user=user, version=version), content_type="text/calendar; charset=utf-8"
        )
        response["Content-Disposition"] = 'inline; filename="mentora.ics"'
    response["ETag"] = f'"{version.etag}"'
    response["Last-Modified"] = http_date(last_modified)
    # Calendar apps may keep the copy but must ask again (cheaply) before using it.
    response["Cache-Control"] = "private, no-cache"
    response["X-Robots-Tag"] = "noindex"
    return response
