"""Reads for the catalog pages (who may see what of the catalog is `access`), already scoped to the actor. Each list loads in a fixed number of
queries whatever the number of rows."""

from django.db.models import Count, Q, QuerySet

from mentora.customers.access import Actor
from mentora.customers.permissions import require

from .models import Course, CourseInstance, Service
from .permissions import can_manage_catalog

# The catalog sits below applications and never imports them: their rows are reached through
# the relation (`applications`), and the one status the seat count needs is named here
# (ApplicationStatus.APPROVED; a test holds the two equal).
APPROVED_APPLICATION = "APPROVED"


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
    require(can_manage_catalog(actor))
    rows = CourseInstance.objects.select_related("course", "professional").annotate(
        application_count=Count("applications", distinct=True),
        seats_taken=Count(
            "applications__participants",
            filter=Q(
                applications__status=APPROVED_APPLICATION,
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


def course_has_history(course: Course) -> bool:
    """Whether the course has instances (and so maybe applications, events, attendance): it is
    then kept, never deleted."""
    return course.instances.exists()


def course_instance_has_history(instance: CourseInstance) -> bool:
    """Whether the instance has applications or events: it is then kept, never deleted."""
    return instance.applications.exists() or instance.events.exists()
