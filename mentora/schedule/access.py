"""Which events an actor may see, whatever their roles (a person may hold several):

- system administrator: every event;
- professional: events they deliver or substitute on, and events of the on-request applications
  and course instances they are responsible for;
- customer admin: events of their customers' on-request applications, and events of course
  instances for which one of their customers has an APPROVED course application;
- mentor (DESIGN.md §3): events of the on-request applications they mentor, and events of the
  course instances for which they mentor an APPROVED course application.

Canceled events are included (they are shown as canceled). The calendar and its feed show the
same events, to mentors and customer admins only (`calendar_event_list`). Pages load one event
only through `access_event` or `access_calendar_event`, which raise the same NotFound for
"missing" and "not yours".
"""

from django.db.models import Q, QuerySet

from mentora.accounts.models import User
from mentora.applications.access import application_mentor_users, mentor_scope
from mentora.applications.models import Application, ApplicationStatus, Kind
from mentora.core.exceptions import NotFound
from mentora.core.lookups import IdIn
from mentora.customers.access import Actor, customer_admin_users
from mentora.customers.models import Role

from .models import Event
from .permissions import can_use_calendar

# What a page that lists events shows of each: its activity, customer and people.
EVENT_RELATED = (
    "application__customer",
    "application__service",
    "course_instance__course",
    "professional",
    "substitute",
)


def _professional_q(actor: Actor) -> Q:
    user = actor.user
    return (
        Q(professional=user)
        | Q(substitute=user)
        | Q(application__professional=user)
        | Q(course_instance__professional=user)
    )


# Up to this many applications, a customer admin's events are found from a list of their ids.
# Beyond it, building a query with the list costs more Python than the database saves (about
# 60 µs per 1,000 ids per query, and a calendar page asks three), and a subquery takes its place.
ID_LIST_MAX = 1000


def _customer_admin_q(actor: Actor, customer_ids: list[int]) -> Q:
    """The customers' on-request applications' events and their approved course instances'
    events, as two lists of ids: the plan then reaches the events through the (application,
    start) and (course instance, start) indexes instead of walking every customer's events in
    the window (an OR of two subqueries keeps PostgreSQL off those indexes). The ids are read
    once (one query) and kept on the actor for the request; a customer with more applications
    than ID_LIST_MAX gets the subqueries instead."""
    key = "_customer_admin_events:" + ",".join(map(str, customer_ids))
    cached = actor.__dict__.get(key)
    if cached is None:
        wanted = Application.objects.filter(
            Q(kind=Kind.ON_REQUEST) | Q(kind=Kind.COURSE, status=ApplicationStatus.APPROVED),
            customer_id__in=customer_ids,
        )
        rows = list(wanted.values_list("pk", "kind", "course_instance_id")[: ID_LIST_MAX + 1])
        if len(rows) > ID_LIST_MAX:
            cached = Q(application__in=wanted.filter(kind=Kind.ON_REQUEST).values("pk")) | Q(
                course_instance__in=wanted.filter(kind=Kind.COURSE).values("course_instance")
            )
        else:
            on_request = sorted(pk for pk, kind, _instance in rows if kind == Kind.ON_REQUEST)
            instances = sorted({instance for _pk, kind, instance in rows if kind == Kind.COURSE})
            cached = Q(IdIn("application_id", on_request)) | Q(IdIn("course_instance_id", instances))
        actor.__dict__[key] = cached
    return cached


def event_list_visible(*, actor: Actor) -> QuerySet[Event]:
    """Every event the actor may see (no ordering beyond the model's, no related rows loaded)."""
    if not actor.is_authenticated:
        return Event.objects.none()
    if actor.is_system_admin:
        return Event.objects.all()
    visible = Q(pk__in=[])
    if actor.is_professional:
        visible |= _professional_q(actor)
    admin_of = [c.pk for c in actor.customers_as(Role.CUSTOMER_ADMIN)]
    if admin_of:
        visible |= _customer_admin_q(actor, admin_of)
    if actor.is_mentor:
        visible |= event_filter_for_mentor(actor=actor)
    return Event.objects.filter(visible)


def access_event(*, actor: Actor, event_id: int | str) -> Event:
    """One event the actor may see, with its activity, customer and people loaded.
    Raises NotFound for a missing event and for one the actor may not see alike."""
    try:
        return (
            event_list_visible(actor=actor)
            .select_related(
                "application__customer",
                "application__service",
                "application__professional",
                "course_instance__course",
                "course_instance__professional",
                "professional",
                "substitute",
                "series",
                "canceled_by",
            )
            .get(pk=int(event_id))
        )
    except (Event.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def application_schedule_visible(*, actor: Actor, application: Application) -> bool:
    """Whether the actor, who sees `application`, sees its schedule: staff and the customer's
    admins always; a mentor once it is visible to mentors (a course application once APPROVED),
    as on the mentor's own pages."""
    return (
        actor.is_provider_staff
        or actor.is_customer_admin_of(application.customer_id)
        or application.schedule_visible_to_mentors
    )


# The mentor ----------------------------------------------------------------------------------


def event_filter_for_mentor(*, actor: Actor, through: str = "") -> Q:
    """The events of the applications whose schedule the actor sees as their mentor, as a
    filter on Event (or, with `through="event__"`, on what has an event): two index scans (an
    event's application, an event's course instance) from the mentor's own ids, OR-ed, that can
    be OR-ed with other roles' filters."""
    scope = mentor_scope(actor)
    return Q(IdIn(f"{through}application_id", scope.on_request_ids)) | Q(
        IdIn(f"{through}course_instance_id", scope.course_instance_ids)
    )


def mentors_event(*, actor: Actor, application_id: int | None, course_instance_id: int | None) -> bool:
    """Whether the actor mentors an application behind an event of this application or course
    instance, with its schedule visible (what `calendar.selectors.mentored_applications_for_events`
    finds, asked of one event from the mentor's ids: no query)."""
    scope = mentor_scope(actor)
    if application_id is not None:
        return application_id in scope.on_request_ids  # an event's application is on-request
    return course_instance_id is not None and course_instance_id in scope.course_instance_ids


def event_list_for_mentor(*, actor: Actor) -> QuerySet[Event]:
    """Events of the applications whose schedule the actor sees as their mentor."""
    return Event.objects.filter(event_filter_for_mentor(actor=actor))


def access_event_for_mentor(*, actor: Actor, event_id: int | str) -> Event:
    """An event the actor sees as a mentor; NotFound otherwise (missing alike)."""
    try:
        return event_list_for_mentor(actor=actor).get(pk=int(event_id))
    except (Event.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def event_delivering_users(*, event: Event) -> list[User]:
    """The professionals who deliver `event` (its professional and its substitute), active
    accounts only: they see it as professionals. For notifications about the event."""
    people = [event.professional, event.substitute]
    return [user for user in people if user is not None and user.is_active and user.is_professional]


# The calendar (mentors and customer admins) --------------------------------------------------


def event_calendar_users(*, event: Event) -> QuerySet[User]:
    """The mentors and customer admins whose calendar shows `event` now (the rules above, asked
    from the event's side): for an on-request application's event, the application's mentors and
    its customer's admins; for a course instance's event, the mentors and admins of the customers
    with an APPROVED course application for the instance. Each person once, active accounts only;
    for notifications, which tell only people who may see what they are about."""
    if event.application_id is not None:
        applications = Application.objects.filter(pk=event.application_id, kind=Kind.ON_REQUEST)
    else:
        applications = Application.objects.filter(
            kind=Kind.COURSE, status=ApplicationStatus.APPROVED, course_instance_id=event.course_instance_id
        )
    rows = list(applications.values_list("pk", "customer_id"))
    application_ids = [pk for pk, _customer in rows]
    customer_ids = sorted({customer for _pk, customer in rows})
    mentors = application_mentor_users(application_ids=application_ids).values("pk")
    admins = customer_admin_users(customer_ids=customer_ids).values("pk")
    return User.objects.filter(Q(pk__in=mentors) | Q(pk__in=admins))


def calendar_event_list(*, actor: Actor) -> QuerySet[Event]:
    """Every event the actor's calendar (and feed) may show, canceled ones included. Built once
    a request and kept on the actor, like its memberships: the filter holds the actor's ids,
    which cost Python to put in a query (a heavy mentor's calendar page about 9,000 calls each
    time), and a calendar page asks for the list two or three times. Each caller gets its own
    copy."""
    visible = actor.__dict__.get("_calendar_event_list")
    if visible is None:
        visible = event_list_visible(actor=actor) if can_use_calendar(actor) else Event.objects.none()
        actor.__dict__["_calendar_event_list"] = visible
    return visible.all()


def access_calendar_event(*, actor: Actor, event_id: int | str) -> Event:
    """One event of the actor's calendar, with its activity and people loaded; NotFound for a
    missing event and for one the actor may not see alike."""
    try:
        return calendar_event_list(actor=actor).select_related(*EVENT_RELATED).get(pk=int(event_id))
    except (Event.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None
