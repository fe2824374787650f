"""Writes to the catalog. Only system administrators may call these (each checks, and raises
PermissionDenied otherwise); each is atomic and writes an audit event with before and after."""

from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from mentora.audit.services import audit_record
from mentora.core.exceptions import Conflict, InvalidInput
from mentora.customers.access import Actor
from mentora.customers.permissions import require

from .models import Course, CourseInstance, Service, ServiceType
from .permissions import can_manage_catalog
from .selectors import course_has_history, course_instance_has_history

SERVICE_FIELDS = ("name", "type", "description", "tracks_attendance", "tracks_completion", "is_active")
COURSE_FIELDS = ("service", "code", "title", "tracks_attendance", "is_active")
INSTANCE_FIELDS = (
    "course",
    "code",
    "starts_on",
    "ends_on",
    "language",
    "professional",
    "capacity",
    "is_active",
)


def _snapshot(obj: models.Model, fields: tuple[str, ...]) -> dict[str, Any]:
    snapshot: dict[str, Any] = {}
    for name in fields:
        value = getattr(obj, name)
        snapshot[name] = value if isinstance(value, bool | int | str) or value is None else str(value)
    return snapshot


def _save(obj: models.Model) -> None:
    """full_clean, turning a validation error into InvalidInput (the form shows it)."""
    try:
        obj.full_clean()
    except ValidationError as error:
        raise InvalidInput(" ".join(error.messages)) from None
    obj.save()


M = TypeVar("M", bound=models.Model)


def _write(
    *,
    actor: Actor,
    obj: M,
    data: dict[str, Any],
    fields: tuple[str, ...],
    action: str,
    ip: str | None,
    check: Any = None,
) -> M:
    require(can_manage_catalog(actor))
    before = _snapshot(obj, fields) if obj.pk else None
    for name in fields:
        if name in data:
            setattr(obj, name, data[name])
    if check is not None:
        check(obj)
    _save(obj)
    audit_record(
        actor=actor.user, action=action, target=obj, before=before, after=_snapshot(obj, fields), ip=ip
    )
    return obj


def _check_course(course: Course) -> None:
    if course.service_id and course.service.type != ServiceType.SCHEDULED:
        raise InvalidInput(_("A course belongs to a scheduled service."))


def _check_instance(instance: CourseInstance) -> None:
    if instance.starts_on and instance.ends_on and instance.ends_on < instance.starts_on:
        raise InvalidInput(_("The end date cannot be before the start date."))
    if instance.professional is not None and not instance.professional.is_professional:
        raise InvalidInput(_("Choose a person who is a professional."))


@transaction.atomic
def service_create(*, actor: Actor, data: dict[str, Any], ip: str | None = None) -> Service:
    """Create a service. System administrators only (PermissionDenied); InvalidInput on bad data."""
    return _write(
        actor=actor, obj=Service(), data=data, fields=SERVICE_FIELDS, action="catalog.service_create", ip=ip
    )


@transaction.atomic
def service_update(*, actor: Actor, service: Service, data: dict[str, Any], ip: str | None = None) -> Service:
    """Change a service (locks its row). System administrators only; InvalidInput on bad data.
    The type cannot change once the service has applications or courses (Conflict)."""
    locked = Service.objects.select_for_update().get(pk=service.pk)
    if (
        "type" in data
        and data["type"] != locked.type
        and (locked.applications.exists() or locked.courses.exists())
    ):
        raise Conflict(_("The type of a service that has applications or courses cannot change."))
    return _write(
        actor=actor, obj=locked, data=data, fields=SERVICE_FIELDS, action="catalog.service_update", ip=ip
    )


@transaction.atomic
def service_set_active(*, actor: Actor, service: Service, active: bool, ip: str | None = None) -> Service:
    """Activate or deactivate a service. An inactive service takes no new applications; existing
    ones are untouched. System administrators only."""
    locked = Service.objects.select_for_update().get(pk=service.pk)
    return _write(
        actor=actor,
        obj=locked,
        data={"is_active": active},
        fields=SERVICE_FIELDS,
        action="catalog.service_activate" if active else "catalog.service_deactivate",
        ip=ip,
    )


@transaction.atomic
def course_create(*, actor: Actor, data: dict[str, Any], ip: str | None = None) -> Course:
    """Create a course of a scheduled service. System administrators only; InvalidInput on bad data."""
    return _write(
        actor=actor,
        obj=Course(),
        data=data,
        fields=COURSE_FIELDS,
        action="catalog.course_create",
        ip=ip,
        check=_check_course,
    )


@transaction.atomic
def course_update(*, actor: Actor, course: Course, data: dict[str, Any], ip: str | None = None) -> Course:
    """Change a course (locks its row). System administrators only; InvalidInput on bad data."""
    locked = Course.objects.select_for_update().get(pk=course.pk)
    return _write(
        actor=actor,
        obj=locked,
        data=data,
        fields=COURSE_FIELDS,
        action="catalog.course_update",
        ip=ip,
        check=_check_course,
    )


@transaction.atomic
def course_set_active(*, actor: Actor, course: Course, active: bool, ip: str | None = None) -> Course:
    """Activate or deactivate a course: an inactive course's instances take no new applications."""
    locked = Course.objects.select_for_update().get(pk=course.pk)
    return _write(
        actor=actor,
        obj=locked,
        data={"is_active": active},
        fields=COURSE_FIELDS,
        action="catalog.course_activate" if active else "catalog.course_deactivate",
        ip=ip,
    )


@transaction.atomic
def course_delete(*, actor: Actor, course: Course, ip: str | None = None) -> None:
    """Delete a course that has no instances. A course with instances (and so possibly applications,
    events and attendance) is kept: Conflict, deactivate it instead. System administrators only."""
    require(can_manage_catalog(actor))
    locked = Course.objects.select_for_update().get(pk=course.pk)
    if course_has_history(locked):
        raise Conflict(
            _(
                "This course has course instances, so it cannot be deleted: its applications and "
                "history would be lost. Deactivate it instead; it then takes no new applications."
            )
        )
    before = _snapshot(locked, COURSE_FIELDS)
    audit_record(actor=actor.user, action="catalog.course_delete", target=locked, before=before, ip=ip)
    locked.delete()


@transaction.atomic
def course_instance_create(*, actor: Actor, data: dict[str, Any], ip: str | None = None) -> CourseInstance:
    """Create a course instance. System administrators only; InvalidInput on bad data."""
    return _write(
        actor=actor,
        obj=CourseInstance(),
        data=data,
        fields=INSTANCE_FIELDS,
        action="catalog.instance_create",
        ip=ip,
        check=_check_instance,
    )


@transaction.atomic
def course_instance_update(
    *, actor: Actor, instance: CourseInstance, data: dict[str, Any], ip: str | None = None
) -> CourseInstance:
    """Change a course instance (locks its row). System administrators only; InvalidInput on bad
    data. Lowering the capacity below the seats already approved is allowed (the list shows it)."""
    locked = CourseInstance.objects.select_for_update().get(pk=instance.pk)
    return _write(
        actor=actor,
        obj=locked,
        data=data,
        fields=INSTANCE_FIELDS,
        action="catalog.instance_update",
        ip=ip,
        check=_check_instance,
    )


@transaction.atomic
def course_instance_set_active(
    *, actor: Actor, instance: CourseInstance, active: bool, ip: str | None = None
) -> CourseInstance:
    """Activate or deactivate a course instance: an inactive instance takes no new applications."""
    locked = CourseInstance.objects.select_for_update().get(pk=instance.pk)
    return _write(
        actor=actor,
        obj=locked,
        data={"is_active": active},
        fields=INSTANCE_FIELDS,
        action="catalog.instance_activate" if active else "catalog.instance_deactivate",
        ip=ip,
    )


@transaction.atomic
def course_instance_delete(*, actor: Actor, instance: CourseInstance, ip: str | None = None) -> None:
    """Delete a course instance with no applications and no events. Otherwise Conflict: deactivate
    it instead. System administrators only."""
    require(can_manage_catalog(actor))
    locked = CourseInstance.objects.select_for_update().get(pk=instance.pk)
    if course_instance_has_history(locked):
        raise Conflict(
            _(
                "This course instance has applications or events, so it cannot be deleted: their "
                "history would be lost. Deactivate it instead; it then takes no new applications."
            )
        )
    before = _snapshot(locked, INSTANCE_FIELDS)
    audit_record(actor=actor.user, action="catalog.instance_delete", target=locked, before=before, ip=ip)
    locked.delete()
