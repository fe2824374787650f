"""Reads of the schedule for pages, already scoped to the actor through access.event_list_visible."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import BooleanField, Count, ExpressionWrapper, Q, QuerySet
from django.utils import timezone

from mentora.accounts.models import User
from mentora.applications.models import Application, ApplicationStatus, Kind
from mentora.catalog.models import CourseInstance
from mentora.customers.access import Actor, customer_list_visible
from mentora.customers.models import Customer

from .access import EVENT_RELATED, event_list_visible
from .models import Event, EventStatus
from .services import SCHEDULABLE_STATUSES


def professional_list() -> QuerySet[User]:
    """Active users who deliver events: the choices for professional and substitute."""
    return User.objects.filter(is_professional=True, is_active=True).order_by("first_name", "last_name", "pk")


def schedulable_application_list(*, actor: Actor) -> QuerySet[Application]:
    """On-request applications the actor may add events to."""
    rows = Application.objects.filter(kind=Kind.ON_REQUEST, status__in=SCHEDULABLE_STATUSES).select_related(
        "customer", "service"
    )
    if actor.is_system_admin:
        return rows.order_by("-created_at", "-pk")
    if actor.is_professional:
        return rows.filter(professional=actor.user).order_by("-created_at", "-pk")
    return rows.none()


def schedulable_course_instance_list(*, actor: Actor) -> QuerySet[CourseInstance]:
    """Active course instances the actor may add events to."""
    rows = CourseInstance.objects.filter(is_active=True).select_related("course")
    if actor.is_system_admin:
        return rows
    if actor.is_professional:
        return rows.filter(professional=actor.user)
    return rows.none()


def _customer_q(customer: Customer) -> Q:
    approved = Application.objects.filter(
        kind=Kind.COURSE, status=ApplicationStatus.APPROVED, customer=customer
    ).values("course_instance")
    return Q(application__customer=customer) | Q(course_instance__in=approved)


def _day_start(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min).replace(tzinfo=timezone.get_current_timezone())


def event_list(
    *,
    actor: Actor,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    professional: User | None = None,
    customer: Customer | None = None,
    activity: str = "",
    status: str = "",
) -> QuerySet[Event]:
    """Visible events in start order, with everything a list row shows loaded (a constant number
    of queries whatever the number of rows). Dates are local dates of the active time zone;
    `activity` matches an application ID or a course instance code; `status` is an EventStatus."""
    rows = event_list_visible(actor=actor).select_related(*EVENT_RELATED)
    if date_from is not None:
        rows = rows.filter(ends_at__gt=_day_start(date_from))
    if date_to is not None:
        rows = rows.filter(starts_at__lt=_day_start(date_to + datetime.timedelta(days=1)))
    if professional is not None:
        rows = rows.filter(Q(professional=professional) | Q(substitute=professional))
    if customer is not None:
        rows = rows.filter(_customer_q(customer))
    if activity:
        rows = rows.filter(
            Q(application__number__icontains=activity) | Q(course_instance__code__icontains=activity)
        )
    if status:
        rows = rows.filter(status=status)
    return rows.order_by("starts_at", "pk")


def customer_choices(*, actor: Actor) -> QuerySet[Customer]:
    if actor.is_provider_staff:
        return Customer.objects.order_by("name")
    return customer_list_visible(actor=actor).order_by("name")


@dataclass
class Workspace:
    """What a professional sees on their own page."""

    needs_attendance: Sequence[Event]
    today: Sequence[Event]
    upcoming: Sequence[Event]


WORKSPACE_LIMIT = 20


def _tracks_attendance_q() -> Q:
    return Q(application__service__tracks_attendance=True) | Q(
        course_instance__course__tracks_attendance=True
    )


def professional_workspace(*, actor: Actor, now: datetime.datetime | None = None) -> Workspace:
    """The actor's own events (as professional or substitute): past events whose attendance is not
    complete (no session yet, or a record without a status) first, then today's, then the next
    upcoming ones. Three queries, each capped at WORKSPACE_LIMIT rows."""
    now = now or timezone.now()
    user = actor.user
    mine = (
        Event.objects.filter(Q(professional=user) | Q(substitute=user))
        .select_related(*EVENT_RELATED)
        .annotate(
            has_session=ExpressionWrapper(Q(session__isnull=False), output_field=BooleanField()),
            blank_records=Count("session__records", filter=Q(session__records__status="")),
        )
    )
    # Sessions and records are the attendance's; they are reached through the event's relations
    # (`session`, `session__records`), never by importing the attendance.
    incomplete = Q(has_session=False) | Q(blank_records__gt=0)
    needs_attendance = list(
        mine.filter(
            _tracks_attendance_q(), incomplete, status=EventStatus.SCHEDULED, starts_at__lte=now
        ).order_by("starts_at", "pk")[:WORKSPACE_LIMIT]
    )
    local_today = timezone.localdate(now)
    day_start = _day_start(local_today)
    day_end = _day_start(local_today + datetime.timedelta(days=1))
    today = list(mine.filter(starts_at__lt=day_end, ends_at__gt=day_start).order_by("starts_at", "pk"))
    upcoming = list(mine.filter(starts_at__gte=day_end).order_by("starts_at", "pk")[:WORKSPACE_LIMIT])
    return Workspace(needs_attendance=needs_attendance, today=today, upcoming=upcoming)


def application_event_list(*, application: Application) -> QuerySet[Event]:
    """The events of the application: its own (on-request) or its course instance's, in order,
    with their people. The caller has checked `access.application_schedule_visible`."""
    if application.kind == Kind.COURSE:
        events = Event.objects.filter(course_instance_id=application.course_instance_id)
    else:
        events = Event.objects.filter(application=application)
    people = [f"{person}__{field}" for person in ("professional", "substitute") for field in _NAME_FIELDS]
    return (
        events.select_related("professional", "substitute")
        .only(*_EVENT_FIELDS, *people)
        .order_by("starts_at", "pk")
    )


# An application's events are read whole; their people only as far as their names go
# (`User.get_full_name`), not every column of two accounts per event.
_EVENT_FIELDS = tuple(field.attname for field in Event._meta.concrete_fields)
_NAME_FIELDS = ("first_name", "last_name", "email", "erased_at")


def application_events(*, application: Application) -> list[Event]:
    """`application_event_list`, loaded once per application object: the sections of one
    application page (schedule, attendance, the mentor's summary) share the one query."""
    cached = application.__dict__.get("_events")
    if cached is None:
        cached = list(application_event_list(application=application))
        application.__dict__["_events"] = cached
    return cached
