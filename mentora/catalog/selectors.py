"""Reads for the catalog pages, already scoped to the actor. Each list loads in a fixed number of
queries whatever the number of rows."""

from django.db.models import Count, Q, QuerySet

from mentora.core.exceptions import NotFound
from mentora.customers.access import Actor
from mentora.customers.permissions import require

from .models import Course, CourseInstance, Service, ServiceType
from .permissions import can_manage_catalog


def _active_filter(rows: QuerySet, active: str) -> QuerySet:
    if active == "active":
        return rows.filter(is_active=True)
    if active == "inactive":
        return rows.filter(is_active=False)
    return rows


def service_list(*, actor: Actor, search: str = "", type: str = "", active: str = "") -> QuerySet[Service]:
    """Services for the catalog pages (system administrators; PermissionDenied for anyone else),
    with how many courses and applications each has."""
    require(can_manage_catalog(actor))
    rows = Service.objects.annotate(
        course_count=Count("courses", distinct=True), application_count=Count("applications", distinct=True)
    )
    for word in search.split():
        rows = rows.filter(Q(name__icontains=word) | Q(description__icontains=word))
    if type:
        rows = rows.filter(type=type)
    return _active_filter(rows, active).order_by("name", "pk")


def course_list(
    *, actor: Actor, search: str = "", service: Service | None = None, active: str = ""
) -> QuerySet[Course]:
    """Courses for the catalog pages (system administrators), with instance and application counts."""
    require(can_manage_catalog(actor))
    rows = Course.objects.select_related("service").annotate(
        instance_count=Count("instances", distinct=True),
        application_count=Count("instances__applications", distinct=True),
    )
    for word in search.split():
        rows = rows.filter(Q(code__icontains=word) | Q(title__icontains=word))
    if service is not None:
        rows = rows.filter(service=service)
    return _active_filter(rows, active).order_by("code", "pk")


def course_instance_list(
    *,
    actor: Actor,
    search: str = "",
    course: Course | None = None,
    language: str = "",
    active: str = "",
) -> QuerySet[CourseInstance]:
    """Course instances for the catalog pages (system administrators), with the number of
    applications and of participating attendees of approved applications (the seats taken)."""
    from mentora.applications.models import ApplicationStatus

    require(can_manage_catalog(actor))
    rows = CourseInstance.objects.select_related("course", "professional").annotate(
        application_count=Count("applications", distinct=True),
        seats_taken=Count(
            "applications__participants",
            filter=Q(
                applications__status=ApplicationStatus.APPROVED,
                applications__participants__participating=True,
            ),
            distinct=True,
        ),
    )
    for word in search.split():
        rows = rows.filter(
            Q(code__icontains=word) | Q(course__code__icontains=word) | Q(course__title__icontains=word)
        )
    if course is not None:
        rows = rows.filter(course=course)
    if language:
        rows = rows.filter(language=language)
    return _active_filter(rows, active).order_by("-starts_on", "code", "pk")


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
    from django.utils import timezone

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


def course_has_history(course: Course) -> bool:
    """Whether the course has instances (and so maybe applications, events, attendance): it is
    then kept, never deleted."""
    return course.instances.exists()


def course_instance_has_history(instance: CourseInstance) -> bool:
    """Whether the instance has applications or events: it is then kept, never deleted."""
    from mentora.schedule.models import Event

    return instance.applications.exists() or Event.objects.filter(course_instance=instance).exists()
