"""Which applications and attendees an actor may see, whatever their roles (a person may hold
several):

- system administrator: every application;
- professional: applications they are responsible for, and those with an event they deliver
  or substitute on (directly or through the course instance);
- customer admin: every application of the customers they administer;
- mentor (DESIGN.md §3): the applications assigned to one of their ACTIVE mentor memberships of
  an ACTIVE customer (the Actor holds only those), in any status. Their schedule and attendance
  are the mentor's once visible: on-request applications always, course applications once
  APPROVED. The mentor's mentees are the attendees of those applications.

Pages and the API load applications only through `access_application` (or, on the mentor's
read-only pages, `access_application_for_mentor`), which raise the same NotFound for "missing"
and "not yours".
"""

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from mentora.accounts.models import User
from mentora.core.exceptions import NotFound
from mentora.core.lookups import IdIn
from mentora.customers.access import Actor
from mentora.customers.models import Membership, Role

from .models import Application, ApplicationAttendee, ApplicationStatus, Attendee, Kind, MentorAssignment


def _professional_q(actor: Actor) -> Q:
    # Events are the schedule's; they are reached here through their relation to the
    # application and to the course instance (`events`), never by importing the schedule.
    user = actor.user
    delivers = Q(events__professional=user) | Q(events__substitute=user)
    delivers_instance = Q(course_instance__events__professional=user) | Q(
        course_instance__events__substitute=user
    )
    return (
        Q(professional=user)
        | Q(course_instance__professional=user)
        | Q(pk__in=Application.objects.filter(delivers).values("pk"))
        | Q(pk__in=Application.objects.filter(delivers_instance).values("pk"))
    )


def application_list_visible(*, actor: Actor) -> QuerySet[Application]:
    """Every application the actor may see, whatever their roles."""
    if not actor.is_authenticated:
        return Application.objects.none()
    if actor.is_system_admin:
        return Application.objects.all()
    visible = Q(pk__in=[])
    if actor.is_professional:
        visible |= _professional_q(actor)
    admin_of = [c.pk for c in actor.customers_as(Role.CUSTOMER_ADMIN)]
    if admin_of:
        visible |= Q(customer_id__in=admin_of)
    mentor_memberships = mentor_membership_ids(actor)
    if mentor_memberships:
        # Not a correlated EXISTS over every application: the mentor's own assignments first.
        assigned = MentorAssignment.objects.filter(membership_id__in=mentor_memberships)
        visible |= Q(pk__in=assigned.values("application_id"))
    return Application.objects.filter(visible)


# What an application's page shows beside it, loaded with it.
_DETAIL_RELATED = (
    "customer",
    "service",
    "professional",
    "course_instance__course",
    "course_instance__professional",
)


def access_application(*, actor: Actor, application_id: int | str) -> Application:
    """An application the actor may see, with what its page shows beside it (customer, service,
    course and professional) loaded."""
    try:
        return (
            application_list_visible(actor=actor).select_related(*_DETAIL_RELATED).get(pk=int(application_id))
        )
    except (Application.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


# The mentor ----------------------------------------------------------------------------------


def application_mentor_users(*, application_ids: list[int] | tuple[int, ...]) -> QuerySet[User]:
    """The people who see any of these applications as their mentor now: assigned through an
    ACTIVE mentor membership of an ACTIVE customer, with an active account (the same rule as
    `application_list_visible`, asked from the application's side). Each person once; for
    notifications, which tell only people who may see what they are about."""
    memberships = (
        Membership.objects.active()
        .mentors()
        .filter(assignments__application_id__in=application_ids)
        .values("user_id")
    )
    return User.objects.filter(is_active=True, pk__in=memberships)


def mentor_membership_ids(actor: Actor) -> list[int]:
    """The actor's ACTIVE mentor memberships of ACTIVE customers."""
    return [m.pk for m in actor.memberships_as(Role.MENTOR)]


@dataclass(frozen=True)
class MentorScope:
    """What the actor mentors, read once from their own assignments (the index on the
    assignment's membership): the mentor's reads in every domain start from these ids, so their
    cost follows the mentor's own applications, never the size of the events, sessions or
    records tables."""

    application_ids: tuple[int, ...]  # assigned, any status
    on_request_ids: tuple[int, ...]  # on-request: schedule and attendance visible
    course_ids: tuple[int, ...]  # APPROVED course applications: schedule and attendance visible
    course_instance_ids: tuple[int, ...]  # the instances of those

    @property
    def scheduled_ids(self) -> tuple[int, ...]:
        return self.on_request_ids + self.course_ids


def mentor_scope(actor: Actor) -> MentorScope:
    """The actor's MentorScope: one query, kept on the actor for the rest of the request (like
    its memberships)."""
    cached = actor.__dict__.get("_mentor_scope")
    if cached is not None:
        return cached
    rows = (
        MentorAssignment.objects.filter(membership_id__in=mentor_membership_ids(actor))
        .order_by("application_id")
        .values_list(
            "application_id", "application__kind", "application__status", "application__course_instance_id"
        )
        .distinct()
    )
    application_ids, on_request, courses, instances = [], [], [], set()
    for application_id, kind, status, instance_id in rows:
        application_ids.append(application_id)
        if kind == Kind.ON_REQUEST:
            on_request.append(application_id)
        elif status == ApplicationStatus.APPROVED:
            courses.append(application_id)
            instances.add(instance_id)
    scope = MentorScope(tuple(application_ids), tuple(on_request), tuple(courses), tuple(sorted(instances)))
    actor.__dict__["_mentor_scope"] = scope
    return scope


def application_list_for_mentor(*, actor: Actor) -> QuerySet[Application]:
    """Applications assigned to the actor as a mentor, in any status."""
    return Application.objects.filter(IdIn("id", mentor_scope(actor).application_ids))


def application_list_with_schedule_for_mentor(*, actor: Actor) -> QuerySet[Application]:
    """Mentored applications whose schedule and attendance the mentor may see."""
    return Application.objects.filter(IdIn("id", mentor_scope(actor).scheduled_ids))


def access_application_for_mentor(*, actor: Actor, application_id: int | str) -> Application:
    """An application the actor mentors, loaded as `access_application` loads it; NotFound
    otherwise (missing alike)."""
    try:
        pk = int(application_id)
        # One query from the mentor's own assignment of this application (the assignment's
        # unique index), rather than reading every application they mentor (mentor_scope) to
        # find this one among them.
        assigned = MentorAssignment.objects.filter(
            application_id=pk, membership_id__in=mentor_membership_ids(actor)
        ).values("application_id")
        return Application.objects.select_related(*_DETAIL_RELATED).get(pk=pk, pk__in=assigned)
    except (Application.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def mentee_participation_list(*, actor: Actor) -> QuerySet[ApplicationAttendee]:
    """Participations in the applications whose attendance the mentor may see: through these,
    and only these, an attendee is the actor's mentee."""
    return ApplicationAttendee.objects.filter(IdIn("application_id", mentor_scope(actor).scheduled_ids))


def mentee_ids_for_mentor(actor: Actor) -> tuple[int, ...]:
    """The actor's mentees' ids (one query on their participations, kept on the actor for the
    request)."""
    cached = actor.__dict__.get("_mentee_ids")
    if cached is None:
        cached = tuple(
            sorted(set(mentee_participation_list(actor=actor).values_list("attendee_id", flat=True)))
        )
        actor.__dict__["_mentee_ids"] = cached
    return cached


def mentee_list_for_mentor(*, actor: Actor) -> QuerySet[Attendee]:
    """The attendees of the applications whose attendance the mentor may see. Through their
    participations, a subquery, not the list of their ids: a large customer's mentor has over a
    thousand mentees, and each id of such a list cost some twenty Python calls every time the
    query was built or compiled (a page of mentees is counted and then read)."""
    return Attendee.objects.filter(pk__in=mentee_participation_list(actor=actor).values("attendee_id"))
