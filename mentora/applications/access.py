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

from django.db.models import Exists, OuterRef, Q, QuerySet

from mentora.core.exceptions import NotFound
from mentora.customers.access import Actor
from mentora.customers.models import Role

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
        visible |= Q(
            Exists(
                MentorAssignment.objects.filter(
                    application=OuterRef("pk"), membership_id__in=mentor_memberships
                )
            )
        )
    return Application.objects.filter(visible)


def access_application(*, actor: Actor, application_id: int | str) -> Application:
    """An application the actor may see, with customer, service and course instance loaded."""
    try:
        return (
            application_list_visible(actor=actor)
            .select_related("customer", "service", "course_instance__course")
            .get(pk=int(application_id))
        )
    except (Application.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


# The mentor ----------------------------------------------------------------------------------


def mentor_membership_ids(actor: Actor) -> list[int]:
    """The actor's ACTIVE mentor memberships of ACTIVE customers."""
    return [m.pk for m in actor.memberships_as(Role.MENTOR)]


def application_list_for_mentor(*, actor: Actor) -> QuerySet[Application]:
    """Applications assigned to the actor as a mentor, in any status."""
    return Application.objects.filter(
        Exists(
            MentorAssignment.objects.filter(
                application=OuterRef("pk"), membership_id__in=mentor_membership_ids(actor)
            )
        )
    )


def application_list_with_schedule_for_mentor(*, actor: Actor) -> QuerySet[Application]:
    """Mentored applications whose schedule and attendance the mentor may see."""
    return application_list_for_mentor(actor=actor).filter(
        Q(kind=Kind.ON_REQUEST) | Q(kind=Kind.COURSE, status=ApplicationStatus.APPROVED)
    )


def access_application_for_mentor(*, actor: Actor, application_id: int | str) -> Application:
    """An application the actor mentors, with its customer; NotFound otherwise (missing alike)."""
    try:
        return application_list_for_mentor(actor=actor).select_related("customer").get(pk=int(application_id))
    except (Application.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def mentee_participation_list(*, actor: Actor) -> QuerySet[ApplicationAttendee]:
    """Participations in the applications whose attendance the mentor may see: through these,
    and only these, an attendee is the actor's mentee."""
    return ApplicationAttendee.objects.filter(
        application__in=application_list_with_schedule_for_mentor(actor=actor)
    )


def mentee_list_for_mentor(*, actor: Actor) -> QuerySet[Attendee]:
    """The attendees of the applications whose attendance the mentor may see."""
    return Attendee.objects.filter(
        Exists(mentee_participation_list(actor=actor).filter(attendee=OuterRef("pk")))
    )
