"""Which applications an actor may see, whatever their roles (a person may hold several):

- system administrator: every application;
- professional: applications they are responsible for, and those with an event they deliver
  or substitute on (directly or through the course instance);
- customer admin: every application of the customers they administer;
- mentor: the applications assigned to them (mentora.mentoring.visibility).

Pages and the API load applications only through `access_application`, which raises the same
NotFound for "missing" and "not yours".
"""

from django.db.models import Exists, OuterRef, Q, QuerySet

from mentora.core.exceptions import NotFound
from mentora.customers.access import Actor
from mentora.customers.models import Role

from .models import Application, MentorAssignment


def _professional_q(actor: Actor) -> Q:
    from mentora.schedule.models import Event

    user = actor.user
    delivers = Q(professional=user) | Q(substitute=user)
    return (
        Q(professional=user)
        | Q(course_instance__professional=user)
        | Exists(Event.objects.filter(delivers, application=OuterRef("pk")))
        | Exists(Event.objects.filter(delivers, course_instance=OuterRef("course_instance")))
    )


def application_list_visible(*, actor: Actor) -> QuerySet[Application]:
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
    mentor_memberships = [m.pk for m in actor.memberships_as(Role.MENTOR)]
    if mentor_memberships:
        # Not a correlated EXISTS over every application: the mentor's own assignments first.
        assigned = MentorAssignment.objects.filter(membership_id__in=mentor_memberships)
        visible |= Q(pk__in=assigned.values("application_id"))
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
