"""Reads for the calendar pages and the iCalendar feed, for mentors and customer admins.

Which events a person sees is decided elsewhere, once: `mentora.schedule.access.calendar_event_list`.
Everything here narrows that set; nothing widens it. Every function runs a fixed number of queries whatever the
number of events.
"""

import datetime
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.conf import settings
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Count, Expression, F, IntegerField, Q, QuerySet, Window
from django.db.models.expressions import Combinable
from django.db.models.functions import RowNumber
from django.db.models.sql.compiler import SQLCompiler
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from mentora.accounts.models import User
from mentora.applications.access import application_list_with_schedule_for_mentor, mentor_scope
from mentora.applications.models import Application, ApplicationAttendee, ApplicationStatus, Attendee, Kind
from mentora.catalog.models import Course, Service
from mentora.core.forms import parse_id
from mentora.core.lookups import IdIn
from mentora.customers.access import Actor
from mentora.customers.models import Customer, Role

from ..access import EVENT_RELATED, calendar_event_list
from ..models import CalendarFeedToken, Event, EventStatus


class EventKind:
    """How the calendar tells events apart: by colour AND by a text label."""

    ON_REQUEST = "on-request"
    COURSE = "course"
    CANCELED = "canceled"

    LABELS = {
        ON_REQUEST: _("On-request event"),
        COURSE: _("Course-instance event"),
        CANCELED: _("Canceled"),
    }
    CHOICES = [
        (ON_REQUEST, _("On-request events")),
        (COURSE, _("Course-instance events")),
        (CANCELED, _("Canceled events")),
    ]


class CalendarEvent(NamedTuple):
    """An event as the calendar's days show it: read as a row, not a model (a list shows up to
    310 events)."""

    pk: int
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    title: str
    status: str
    application_id: int | None
    course_instance_id: int | None
    customer_name: str | None  # an on-request event's customer


def event_kind(event: "Event | CalendarEvent") -> str:
    if event.status == EventStatus.CANCELED:
        return EventKind.CANCELED
    return EventKind.ON_REQUEST if event.application_id else EventKind.COURSE


def _visible_course_applications(actor: Actor) -> QuerySet[Application]:
    """APPROVED course applications through which the actor sees course-instance events: those
    they mentor, and those of the customers they administer."""
    admin_of = [c.pk for c in actor.customers_as(Role.CUSTOMER_ADMIN)]
    # The mentor's own ids, as `application_list_with_schedule_for_mentor` reads them, not that
    # queryset as a subquery (compiled again in every query it is part of).
    scope = Q(IdIn("id", mentor_scope(actor).scheduled_ids))
    if admin_of:
        scope |= Q(customer_id__in=admin_of)
    return Application.objects.filter(scope, kind=Kind.COURSE, status=ApplicationStatus.APPROVED)


def event_customer_names(*, actor: Actor, events: list[Event]) -> dict[int, list[str]]:
    """For each event, the customers it concerns *for this actor*: the application's customer, or,
    for a course-instance event, the actor's customers with an APPROVED application to the
    instance (never another customer's). One query for the course-instance events."""
    return _customer_names(
        actor,
        [
            (e.pk, e.course_instance_id, e.application.customer.name if e.application is not None else None)
            for e in events
        ],
    )


def calendar_event_customer_names(
    *, actor: Actor, events: "Sequence[CalendarEvent | UpcomingEvent]"
) -> dict[int, list[str]]:
    """`event_customer_names` for the calendar's (and the dashboard's) rows."""
    return _customer_names(actor, [(e.pk, e.course_instance_id, e.customer_name) for e in events])


def _customer_names(actor: Actor, events: list[tuple[int, int | None, str | None]]) -> dict[int, list[str]]:
    """For each (event id, course instance id, on-request customer's name), the event's customers
    for this actor."""
    instance_ids = {instance_id for _pk, instance_id, _name in events if instance_id}
    by_instance: dict[int, set[str]] = defaultdict(set)
    if instance_ids:
        rows = (
            _visible_course_applications(actor)
            .filter(course_instance_id__in=instance_ids)
            .values_list("course_instance_id", "customer__name")
            .distinct()
        )
        for instance_id, name in rows:
            by_instance[instance_id].add(name)
    names: dict[int, list[str]] = {}
    for pk, event_instance_id, customer_name in events:
        if customer_name is not None:
            names[pk] = [customer_name]
        elif event_instance_id is not None:
            names[pk] = sorted(by_instance.get(event_instance_id, ()))
    return names


def mentored_applications_for_events(*, actor: Actor, events: list[Event]) -> dict[int, list[Application]]:
    """For each event, the applications behind it that the actor mentors (for the links to the
    mentor's read-only application page). One query."""
    if not actor.is_mentor or not events:
        return {}
    app_ids = {e.application_id for e in events if e.application_id}
    instance_ids = {e.course_instance_id for e in events if e.course_instance_id}
    mentored = application_list_with_schedule_for_mentor(actor=actor).filter(
        Q(pk__in=app_ids) | Q(kind=Kind.COURSE, course_instance_id__in=instance_ids)
    )
    by_app: dict[int, Application] = {}
    by_instance: dict[int, list[Application]] = defaultdict(list)
    for application in mentored.select_related("customer").order_by("number"):
        by_app[application.pk] = application
        if application.course_instance_id:
            by_instance[application.course_instance_id].append(application)
    result: dict[int, list[Application]] = {}
    for event in events:
        if event.application_id:
            result[event.pk] = [by_app[event.application_id]] if event.application_id in by_app else []
        elif event.course_instance_id is not None:
            result[event.pk] = by_instance.get(event.course_instance_id, [])
    return result


@dataclass(frozen=True)
class ApplicationLink:
    number: str
    url: str


def event_application_links(*, actor: Actor, events: list[Event]) -> dict[int, list[ApplicationLink]]:
    """For each event, links to the applications behind it that the actor may open: the
    mentor's read-only page for those they mentor, the customer workspace's page for those of a
    customer they administer (never another customer's). Two queries at most."""
    links: dict[int, list[ApplicationLink]] = defaultdict(list)
    seen: set[tuple[int, int]] = set()
    for event_id, applications in mentored_applications_for_events(actor=actor, events=events).items():
        for application in applications:
            seen.add((event_id, application.pk))
            links[event_id].append(
                ApplicationLink(
                    application.number, reverse("mentor_application_detail", args=[application.pk])
                )
            )
    admin_of = [c.pk for c in actor.customers_as(Role.CUSTOMER_ADMIN)]
    if admin_of and events:
        app_ids = {e.application_id for e in events if e.application_id}
        instance_ids = {e.course_instance_id for e in events if e.course_instance_id}
        administered = Application.objects.filter(customer_id__in=admin_of).filter(
            Q(pk__in=app_ids)
            | Q(kind=Kind.COURSE, status=ApplicationStatus.APPROVED, course_instance_id__in=instance_ids)
        )
        by_app: dict[int, Application] = {}
        by_instance: dict[int, list[Application]] = defaultdict(list)
        for application in administered.order_by("number"):
            by_app[application.pk] = application
            if application.course_instance_id:
                by_instance[application.course_instance_id].append(application)
        for event in events:
            candidates = (
                ([by_app[event.application_id]] if event.application_id in by_app else [])
                if event.application_id
                else by_instance.get(event.course_instance_id or 0, [])
            )
            for application in candidates:
                if (event.pk, application.pk) not in seen:
                    links[event.pk].append(
                        ApplicationLink(
                            application.number, reverse("application_detail", args=[application.pk])
                        )
                    )
    return dict(links)


def event_learner_list(*, actor: Actor, event: Event) -> list[Attendee]:
    """The learners of an event the actor follows, for its panel: the participants of the
    applications behind it that the actor mentors (their mentees) or whose customer they
    administer; never another customer's learner of a course instance. One query."""
    scope = Q(application_id__in=application_list_with_schedule_for_mentor(actor=actor).values("pk"))
    admin_of = [c.pk for c in actor.customers_as(Role.CUSTOMER_ADMIN)]
    if admin_of:
        scope |= Q(application__customer_id__in=admin_of)
    if event.application_id:
        behind = Q(application_id=event.application_id)
    else:
        behind = Q(
            application__kind=Kind.COURSE,
            application__status=ApplicationStatus.APPROVED,
            application__course_instance_id=event.course_instance_id,
        )
    participations = ApplicationAttendee.objects.filter(scope, behind, participating=True)
    return list(
        Attendee.objects.filter(pk__in=participations.values("attendee_id")).order_by(
            "last_name", "first_name", "pk"
        )
    )


@dataclass(frozen=True)
class CalendarFilter:
    customer_id: int | None = None
    kind: str = ""
    offering: str = ""  # "s<id>" a service (on-request), "c<id>" a course
    professional_id: int | None = None
    language: str = ""

    @property
    def is_active(self) -> bool:
        return bool(self.customer_id or self.kind or self.offering or self.professional_id or self.language)


def _apply_filter(actor: Actor, events: QuerySet[Event], filters: CalendarFilter) -> QuerySet[Event]:
    if filters.customer_id:
        # A course-instance event concerns a customer for this actor only through a course
        # application the actor sees (the one they mentor, or their own customer's).
        instances = (
            _visible_course_applications(actor)
            .filter(customer_id=filters.customer_id)
            .values("course_instance")
        )
        events = events.filter(
            Q(application__customer_id=filters.customer_id) | Q(course_instance__in=instances)
        )
    if filters.kind == EventKind.ON_REQUEST:
        events = events.filter(application__isnull=False)
    elif filters.kind == EventKind.COURSE:
        events = events.filter(course_instance__isnull=False)
    elif filters.kind == EventKind.CANCELED:
        events = events.filter(status=EventStatus.CANCELED)
    offering_id = parse_id(filters.offering[1:])
    if filters.offering[:1] == "s" and offering_id is not None:
        events = events.filter(application__service_id=offering_id)
    elif filters.offering[:1] == "c" and offering_id is not None:
        events = events.filter(course_instance__course_id=offering_id)
    if filters.professional_id:
        events = events.filter(
            Q(professional_id=filters.professional_id) | Q(substitute_id=filters.professional_id)
        )
    if filters.language:
        events = events.filter(language=filters.language)
    return events


@dataclass
class DayEvents:
    events: list[CalendarEvent]
    total: int  # all the day's events; `total - len(events)` more are behind "+N more"

    @property
    def more(self) -> int:
        return self.total - len(self.events)


class _DayIndex(Expression):
    """Which day a datetime falls in, as a number from 0, given the start of each day (local
    midnights, so that a day of a DST change is still one day); the datetime is known to fall
    within the days. Written out as nested CASEs that halve the days at each step: for a month's
    42 days about six comparisons a row instead of up to 42, and without the Python cost of
    Django's Case/When (about 0.2 ms a branch to build, measured, and the query holds it three
    times)."""

    output_field = IntegerField()

    def __init__(self, expression: F, *, day_starts: list[datetime.datetime]) -> None:
        super().__init__()
        self.expression: Any = expression
        self.day_starts = day_starts
        # The query compiles the expression several times (its select and each window, again
        # for the filter on the window): the SQL is written once, shared by the copies.
        self._written: dict[tuple[Any, ...], tuple[str, tuple[Any, ...]]] = {}

    def get_source_expressions(self) -> list[Any]:
        return [self.expression]

    def set_source_expressions(self, exprs: Sequence[Combinable | Expression]) -> None:
        (self.expression,) = exprs

    def as_sql(self, compiler: SQLCompiler, connection: BaseDatabaseWrapper) -> tuple[str, tuple[Any, ...]]:
        column, column_params = compiler.compile(self.expression)
        key = (connection.alias, column, *column_params)
        if key not in self._written:
            self._written[key] = self._write(connection, column, column_params)
        return self._written[key]

    def _write(
        self, connection: BaseDatabaseWrapper, column: str, column_params: Sequence[Any]
    ) -> tuple[str, tuple[Any, ...]]:
        params: list[Any] = []

        def day_among(first: int, last: int) -> str:
            if first == last:
                return str(first)
            middle = (first + last + 1) // 2
            start = connection.ops.adapt_datetimefield_value(self.day_starts[middle])
            params.extend([*column_params, start])
            before, after = day_among(first, middle - 1), day_among(middle, last)
            return f"CASE WHEN {column} < %s THEN {before} ELSE {after} END"

        return day_among(0, len(self.day_starts) - 1), tuple(params)


def calendar_day_events(
    *, actor: Actor, days: list[datetime.date], tz: datetime.tzinfo, filters: CalendarFilter, per_day: int
) -> dict[datetime.date, DayEvents]:
    """For each local day, its first `per_day` events (by start) and how many it has in all.
    Two queries whatever the number of events: a window function numbers and counts each day's
    events in the database over the events' ids alone (no joins, so a crowded month stays
    cheap), and only the first few of each day are then read whole."""
    if not days:
        return {}
    bounds = [datetime.datetime.combine(day, datetime.time.min, tzinfo=tz) for day in days]
    bounds.append(
        datetime.datetime.combine(days[-1] + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz)
    )
    which_day = _DayIndex(F("starts_at"), day_starts=bounds[:-1])
    events = _apply_filter(
        actor,
        calendar_event_list(actor=actor).filter(starts_at__gte=bounds[0], starts_at__lt=bounds[-1]),
        filters,
    )
    numbered = (
        events.annotate(
            day_index=which_day,
            position=Window(RowNumber(), partition_by=[which_day], order_by=[F("starts_at"), F("pk")]),
            day_total=Window(Count("pk"), partition_by=[which_day]),
        )
        .filter(position__lte=per_day)
        .order_by()
        .values_list("pk", "day_index", "day_total")
    )
    shown = {pk: (day_index, total) for pk, day_index, total in numbered}
    result = {day: DayEvents(events=[], total=0) for day in days}
    if not shown:
        return result
    # The calendar shows an event's times, title and kind, and in the list its customer: only
    # those are read, as rows (a month shows up to 126 events, a list up to 310).
    shown_events = (
        Event.objects.filter(IdIn("id", shown))
        .order_by("starts_at", "pk")
        .values_list(
            "pk",
            "starts_at",
            "ends_at",
            "title",
            "status",
            "application_id",
            "course_instance_id",
            "application__customer__name",
        )
    )
    for row in shown_events:
        event = CalendarEvent(*row)
        day_index, total = shown[event.pk]
        day = result[days[day_index]]
        day.events.append(event)
        day.total = total
    return result


@dataclass
class CalendarFilterOptions:
    customers: list[Customer] = field(default_factory=list)
    offerings: list[tuple[str, str]] = field(default_factory=list)
    professionals: list[User] = field(default_factory=list)
    languages: list[tuple[str, str]] = field(default_factory=list)

    @property
    def several_customers(self) -> bool:
        return len(self.customers) > 1


def calendar_filter_options(
    *, actor: Actor, start: datetime.datetime, end: datetime.datetime, selected: CalendarFilter
) -> CalendarFilterOptions:
    """The filter values, taken from the actor's events in the window shown: those that start
    in [start, end), as the calendar shows them, so that their cost follows the window (a
    range of the start's index; "ends after the window starts" would read every earlier
    event, everyone's). A value chosen earlier that has no event in this window stays offered
    (and applied) when the actor can see an event with it. One to five small queries."""
    visible = calendar_event_list(actor=actor)
    rows = set(
        visible.filter(starts_at__gte=start, starts_at__lt=end)
        .order_by()
        .values_list(
            "application__service_id",
            "course_instance__course_id",
            "professional_id",
            "substitute_id",
            "language",
        )
        .distinct()
    )
    service_ids = {row[0] for row in rows if row[0]}
    course_ids = {row[1] for row in rows if row[1]}
    professional_ids = {pk for row in rows for pk in row[2:4] if pk}
    language_codes = {row[4] for row in rows}
    offering_id = parse_id(selected.offering[1:])
    if selected.offering[:1] == "s" and offering_id is not None:
        service_id = offering_id
        if service_id not in service_ids and visible.filter(application__service_id=service_id).exists():
            service_ids.add(service_id)
    elif selected.offering[:1] == "c" and offering_id is not None:
        course_id = offering_id
        if course_id not in course_ids and visible.filter(course_instance__course_id=course_id).exists():
            course_ids.add(course_id)
    chosen = selected.professional_id
    if (
        chosen
        and chosen not in professional_ids
        and visible.filter(Q(professional_id=chosen) | Q(substitute_id=chosen)).exists()
    ):
        professional_ids.add(chosen)
    if selected.language:
        language_codes.add(selected.language)
    # Every customer of the actor is offered (their own, whatever the window): someone who works
    # for several customers gets the filter on every page, as in every other list.
    customers = sorted(actor.customers, key=lambda c: c.name)
    # Each read with only what names it in the form.
    services = (
        Service.objects.filter(IdIn("id", service_ids)).order_by("name").values_list("pk", "name")
        if service_ids
        else []
    )
    courses = (
        Course.objects.filter(IdIn("id", course_ids)).only("code", "title").order_by("code")
        if course_ids
        else []
    )
    offerings = [(f"s{pk}", name) for pk, name in services] + [(f"c{c.pk}", str(c)) for c in courses]
    professionals = (
        list(
            User.objects.filter(IdIn("id", professional_ids))
            .only("first_name", "last_name", "email", "erased_at")
            .order_by("first_name", "last_name")
        )
        if professional_ids
        else []
    )
    languages = [(code, str(name)) for code, name in settings.LANGUAGES if code in language_codes]
    return CalendarFilterOptions(
        customers=customers, offerings=offerings, professionals=professionals, languages=languages
    )


def upcoming_event_list(
    *, actor: Actor, start: datetime.datetime, end: datetime.datetime, limit: int
) -> list[Event]:
    """The actor's events starting in [start, end), first `limit` of them. One query."""
    return list(
        calendar_event_list(actor=actor)
        .filter(starts_at__gte=start, starts_at__lt=end)
        .select_related(*EVENT_RELATED)
        .order_by("starts_at", "pk")[:limit]
    )


class UpcomingEvent(NamedTuple):
    """An event as the mentor's dashboard lists it: read as a row, with only what it shows (the
    events read whole with five related models cost more than the rest of the panel)."""

    pk: int
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    title: str
    status: str
    language: str
    online_url: str
    application_id: int | None
    course_instance_id: int | None
    professional_id: int | None
    substitute_id: int | None
    customer_name: str | None  # an on-request event's customer


def upcoming_event_rows(
    *, actor: Actor, start: datetime.datetime, end: datetime.datetime, limit: int
) -> list[UpcomingEvent]:
    """`upcoming_event_list` as rows with only what the dashboard shows. One query."""
    rows = (
        calendar_event_list(actor=actor)
        .filter(starts_at__gte=start, starts_at__lt=end)
        .order_by("starts_at", "pk")
        .values_list(
            "pk",
            "starts_at",
            "ends_at",
            "title",
            "status",
            "language",
            "online_url",
            "application_id",
            "course_instance_id",
            "professional_id",
            "substitute_id",
            "application__customer__name",
        )[:limit]
    )
    return [UpcomingEvent(*row) for row in rows]


def calendar_feed_token_for_user(*, user: User) -> CalendarFeedToken | None:
    """The user's own subscription (its hash and dates; never the token itself), if any."""
    return CalendarFeedToken.objects.filter(user=user).first()
