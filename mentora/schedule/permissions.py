"""Who may change the schedule and use the calendar, as questions. Templates ask them to hide
buttons; the services ask them again and refuse with PermissionDenied. Mentors and customer
admins may see events but never change them."""

from mentora.applications.models import Application
from mentora.catalog.models import CourseInstance
from mentora.customers.access import Actor

from .models import Event


def _responsible_for(actor: Actor, activity: Application | CourseInstance | None) -> bool:
    return activity is not None and activity.professional_id == actor.user.pk


def delivers(actor: Actor, event: Event) -> bool:
    """The actor is the event's professional or its substitute."""
    user_id = actor.user.pk
    return user_id is not None and user_id in (event.professional_id, event.substitute_id)


def can_manage_schedule(actor: Actor, target: Event | Application | CourseInstance | None = None) -> bool:
    """Create, edit and cancel events.

    Without a target: whether the actor manages schedules at all (system administrators and
    professionals). With an application or course instance: whether the actor may add events to
    it (a professional only when responsible for it). With an event: whether the actor may change
    it (a professional when delivering it or responsible for its application or instance)."""
    if not actor.is_authenticated:
        return False
    if actor.is_system_admin:
        return True
    if not actor.is_professional:
        return False
    if target is None:
        return True
    if isinstance(target, Event):
        return delivers(actor, target) or _responsible_for(
            actor, target.application or target.course_instance
        )
    return _responsible_for(actor, target)


def can_use_calendar(actor: Actor) -> bool:
    """The calendar and its feed are the mentor's and the customer admin's (staff have the
    schedule pages)."""
    return actor.is_mentor or actor.is_customer_admin
