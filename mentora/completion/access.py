"""Who may see completion, whatever their roles:

- a completion status is seen wherever its participation is: the caller scopes the
  participations first (`mentora.applications.access`: the application page, the mentor's
  workspace, the learner's page) and reads their statuses with
  `mentora.completion.selectors.completion_for_participations`;
  nothing here widens what anyone sees;
- the completion sheet of a course instance (every learner of its APPROVED course applications,
  of every customer) is open to those who set it: system administrators and the instance's
  professional (`access_instance_for_completion`); an on-request application's sheet to those who
  may set its participants' completion (`access_application_for_completion`).

Both raise NotFound for "missing" and "not yours" alike, and PermissionDenied for someone who
is no provider staff (a mentor or customer admin reads completion in their own pages).
"""

from django.db.models import Q, QuerySet

from mentora.applications.access import access_application
from mentora.applications.models import Application, ApplicationAttendee, ApplicationStatus, Kind
from mentora.catalog.models import CourseInstance
from mentora.core.exceptions import NotFound
from mentora.customers.access import Actor
from mentora.customers.permissions import require

from .permissions import can_set_completion, can_set_completion_for_instance

# On-request applications whose participants have a completion status: under way or done.
ON_REQUEST_TRACKED_STATUSES = (
    ApplicationStatus.PROCESSING,
    ApplicationStatus.ACCEPTED,
    ApplicationStatus.STOPPED,
)


def completion_applies_q(prefix: str = "") -> Q:
    """Participations that have a completion status: those taking part in an APPROVED course
    application, or in an on-request application under way whose service tracks completion
    (`prefix` for lookups from another model)."""
    a = f"{prefix}application__"
    return Q(**{f"{prefix}participating": True}) & (
        Q(**{f"{a}kind": Kind.COURSE, f"{a}status": ApplicationStatus.APPROVED})
        | Q(
            **{
                f"{a}kind": Kind.ON_REQUEST,
                f"{a}service__tracks_completion": True,
                f"{a}status__in": ON_REQUEST_TRACKED_STATUSES,
            }
        )
    )


def application_tracks_completion(application: Application) -> bool:
    if application.kind == Kind.COURSE:
        return application.status == ApplicationStatus.APPROVED
    return bool(
        application.service is not None
        and application.service.tracks_completion
        and application.status in ON_REQUEST_TRACKED_STATUSES
    )


def access_instance_for_completion(*, actor: Actor, instance_id: int | str) -> CourseInstance:
    """A course instance whose completion sheet the actor may open: system administrators, and
    the instance's professional. PermissionDenied for anyone who is no provider staff; NotFound
    for another professional's instance and a missing one."""
    require(actor.is_provider_staff)
    try:
        instance = CourseInstance.objects.select_related("course", "professional").get(pk=int(instance_id))
    except (CourseInstance.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None
    if not can_set_completion_for_instance(actor, instance):
        raise NotFound()
    return instance


def access_application_for_completion(*, actor: Actor, application_id: int | str) -> Application:
    """An on-request application whose completion sheet the actor may open: one they see
    (`access_application`), that tracks completion, and whose participants' completion they may
    set (PermissionDenied otherwise: a customer admin or mentor who sees it). NotFound when it is
    not visible, is a course application (its sheet is the course instance's) or does not track
    completion."""
    application = access_application(actor=actor, application_id=application_id)
    if application.kind != Kind.ON_REQUEST or not application_tracks_completion(application):
        raise NotFound()
    require(can_set_completion(actor, application))
    return application


def participation_list_for_instance(*, instance: CourseInstance) -> QuerySet[ApplicationAttendee]:
    """The participations of a course instance that have a completion status, of every customer
    (for those who may open the instance's sheet)."""
    return ApplicationAttendee.objects.filter(completion_applies_q(), application__course_instance=instance)


def participation_list_for_application(*, application: Application) -> QuerySet[ApplicationAttendee]:
    """The participations of an application that have a completion status."""
    return ApplicationAttendee.objects.filter(completion_applies_q(), application=application)
