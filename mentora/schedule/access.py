"""Which events an actor may see, whatever their roles (a person may hold several):

- system administrator: every event;
- professional: events they deliver or substitute on, and events of the on-request applications
  and course instances they are responsible for;
- customer admin: events of their customers' on-request applications, and events of course
  instances for which one of their customers has an APPROVED course application;
- mentor: what mentora.mentoring.visibility.event_list_for_mentor says.

Canceled events are included (they are shown as canceled). Pages load one event only through
`access_event`, which raises the same NotFound for "missing" and "not yours".
"""

from django.db.models import Q, QuerySet

from mentora.applications.models import Application, ApplicationStatus, Kind
from mentora.core.exceptions import NotFound
from mentora.customers.access import Actor
from mentora.customers.models import Role

from .models import Event


def _professional_q(actor: Actor) -> Q:
    user = actor.user
    return (
        Q(professional=user)
        | Q(substitute=user)
        | Q(application__professional=user)
        | Q(course_instance__professional=user)
    )


def _customer_admin_q(customer_ids: list[int]) -> Q:
    approved_instances = Application.objects.filter(
        kind=Kind.COURSE, status=ApplicationStatus.APPROVED, customer_id__in=customer_ids
    ).values("course_instance")
    return Q(application__kind=Kind.ON_REQUEST, application__customer_id__in=customer_ids) | Q(
        course_instance__in=approved_instances
    )


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
        visible |= _customer_admin_q(admin_of)
    if actor.is_mentor:
        from mentora.mentoring.visibility import event_filter_for_mentor

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
