"""Who may see what of the catalog, whatever their roles:

- system administrator: every service, course and course instance, active or not, to manage
  them (`access_service`, `access_course`, `access_course_instance`; anyone else gets
  PermissionDenied, a missing one NotFound);
- customer admins and mentors allowed to submit applications: what is open for applications
  (`services_open_for_applications`, `course_instances_open_for_applications`);
- everyone else sees a service, course or instance only as part of an application or event they
  may see (`mentora.applications.access`, `mentora.schedule.access`).
"""

from django.db.models import QuerySet
from django.utils import timezone

from mentora.core.exceptions import NotFound
from mentora.customers.access import Actor
from mentora.customers.permissions import require

from .models import Course, CourseInstance, Service, ServiceType
from .permissions import can_manage_catalog


def access_service(*, actor: Actor, service_id: int | str) -> Service:
    """A service to manage: system administrators only (others PermissionDenied); NotFound if missing."""
    require(can_manage_catalog(actor))
    try:
        return Service.objects.get(pk=int(service_id))
    except (Service.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def access_course(*, actor: Actor, course_id: int | str) -> Course:
    """A course to manage: system administrators only (others PermissionDenied); NotFound if missing."""
    require(can_manage_catalog(actor))
    try:
        return Course.objects.select_related("service").get(pk=int(course_id))
    except (Course.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def access_course_instance(*, actor: Actor, instance_id: int | str) -> CourseInstance:
    """A course instance to manage: system administrators only; NotFound if missing."""
    require(can_manage_catalog(actor))
    try:
        return CourseInstance.objects.select_related("course__service", "professional").get(
            pk=int(instance_id)
        )
    except (CourseInstance.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def services_open_for_applications() -> QuerySet[Service]:
    """Active on-request services: what an on-request application may be for."""
    return Service.objects.filter(type=ServiceType.ON_REQUEST, is_active=True).order_by("name")


def course_instances_open_for_applications() -> QuerySet[CourseInstance]:
    """Active instances of active courses of active services that have not ended: what a course
    application may be for."""
    return (
        CourseInstance.objects.filter(
            is_active=True,
            course__is_active=True,
            course__service__is_active=True,
            ends_on__gte=timezone.localdate(),
        )
        .select_related("course")
        .order_by("starts_on", "code")
    )
