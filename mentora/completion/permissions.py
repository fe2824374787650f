"""Who may set completion, as questions. Templates ask them to hide controls; the services ask
them again. Who may *see* completion is `mentora.completion.access`."""

from mentora.applications.models import Application, Kind
from mentora.catalog.models import CourseInstance
from mentora.customers.access import Actor


def can_set_completion_for_instance(actor: Actor, instance: CourseInstance) -> bool:
    """Set the completion of a course instance's learners: its professional, or a system
    administrator."""
    if not actor.is_authenticated:
        return False
    return actor.is_system_admin or (
        actor.is_professional
        and instance.professional_id is not None
        and instance.professional_id == actor.user.pk
    )


def can_set_completion(actor: Actor, application: Application) -> bool:
    """Set the completion of an application's participants: for a course application the course
    instance's professional, for an on-request one the professional responsible for it; or a
    system administrator."""
    if not actor.is_authenticated:
        return False
    if actor.is_system_admin:
        return True
    if not actor.is_professional:
        return False
    if application.kind == Kind.COURSE:
        return application.course_instance is not None and can_set_completion_for_instance(
            actor, application.course_instance
        )
    return application.professional_id is not None and application.professional_id == actor.user.pk
