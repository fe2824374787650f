"""Catalog services: system administrators only, audited, deactivation instead of deletion once
there is history."""

import datetime

import pytest

from mentora.audit.models import AuditEvent
from mentora.catalog import services
from mentora.catalog.models import Course, CourseInstance, Service, ServiceType
from mentora.core.exceptions import Conflict, InvalidInput, PermissionDenied
from mentora.customers.access import Actor
from mentora.testing.factories_activities import (
    ApplicationFactory,
    CourseApplicationFactory,
    CourseFactory,
    CourseInstanceFactory,
    ScheduledServiceFactory,
    ServiceFactory,
)


def actor(user) -> Actor:  # type: ignore[no-untyped-def]
    return Actor(user=user)


def test_system_admin_creates_and_edits_a_service_audited(cast):
    service = services.service_create(
        actor=actor(cast.system_admin),
        data={
            "name": "Coaching",
            "type": ServiceType.ON_REQUEST,
            "description": "",
            "tracks_attendance": True,
        },
        ip="10.0.0.9",
    )
    assert Service.objects.get().name == "Coaching"
    services.service_update(actor=actor(cast.system_admin), service=service, data={"name": "Team coaching"})
    update = AuditEvent.objects.get(action="catalog.service_update")
    assert update.before["name"] == "Coaching"
    assert update.after["name"] == "Team coaching"
    assert AuditEvent.objects.get(action="catalog.service_create").ip == "10.0.0.9"


@pytest.mark.parametrize("who", ["north_admin", "professional", "north_mentor", "outsider"])
def test_only_system_admins_manage_the_catalog(cast, who):
    with pytest.raises(PermissionDenied):
        services.service_create(
            actor=actor(getattr(cast, who)), data={"name": "X", "type": ServiceType.ON_REQUEST}
        )
    with pytest.raises(PermissionDenied):
        services.course_set_active(actor=actor(getattr(cast, who)), course=CourseFactory(), active=False)
    assert not Service.objects.filter(name="X").exists()


def test_service_type_is_fixed_once_used(cast):
    service = ServiceFactory()
    ApplicationFactory(service=service)
    with pytest.raises(Conflict):
        services.service_update(
            actor=actor(cast.system_admin), service=service, data={"type": ServiceType.SCHEDULED}
        )


def test_deactivate_and_activate_are_audited(cast):
    service = ServiceFactory()
    services.service_set_active(actor=actor(cast.system_admin), service=service, active=False)
    service.refresh_from_db()
    assert not service.is_active
    services.service_set_active(actor=actor(cast.system_admin), service=service, active=True)
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"catalog.service_deactivate", "catalog.service_activate"} <= actions


def test_course_belongs_to_a_scheduled_service(cast):
    with pytest.raises(InvalidInput):
        services.course_create(
            actor=actor(cast.system_admin), data={"service": ServiceFactory(), "code": "C1", "title": "T"}
        )
    course = services.course_create(
        actor=actor(cast.system_admin),
        data={"service": ScheduledServiceFactory(), "code": "C1", "title": "T"},
    )
    assert course.code == "C1"


def test_duplicate_course_code_is_invalid(cast):
    CourseFactory(code="SAME")
    with pytest.raises(InvalidInput):
        services.course_create(
            actor=actor(cast.system_admin),
            data={"service": ScheduledServiceFactory(), "code": "SAME", "title": "T"},
        )


def test_instance_dates_and_professional_are_checked(cast):
    course = CourseFactory()
    data = {
        "course": course,
        "code": "I1",
        "starts_on": datetime.date(2026, 3, 2),
        "ends_on": datetime.date(2026, 3, 1),
        "language": "sv",
        "capacity": 10,
    }
    with pytest.raises(InvalidInput):
        services.course_instance_create(actor=actor(cast.system_admin), data=data)
    data["ends_on"] = datetime.date(2026, 4, 1)
    with pytest.raises(InvalidInput):
        services.course_instance_create(
            actor=actor(cast.system_admin), data={**data, "professional": cast.north_admin}
        )
    with pytest.raises(InvalidInput):
        services.course_instance_create(actor=actor(cast.system_admin), data={**data, "capacity": 0})
    instance = services.course_instance_create(
        actor=actor(cast.system_admin), data={**data, "professional": cast.professional}
    )
    assert instance.professional == cast.professional


def test_course_without_instances_can_be_deleted(cast):
    course = CourseFactory()
    services.course_delete(actor=actor(cast.system_admin), course=course)
    assert not Course.objects.exists()
    assert AuditEvent.objects.filter(action="catalog.course_delete").exists()


def test_course_with_applications_cannot_be_deleted(cast):
    application = CourseApplicationFactory()
    course = application.course_instance.course
    with pytest.raises(Conflict) as error:
        services.course_delete(actor=actor(cast.system_admin), course=course)
    assert "Deactivate" in error.value.message
    assert Course.objects.filter(pk=course.pk).exists()


def test_instance_with_applications_cannot_be_deleted(cast):
    instance = CourseApplicationFactory().course_instance
    with pytest.raises(Conflict):
        services.course_instance_delete(actor=actor(cast.system_admin), instance=instance)
    assert CourseInstance.objects.filter(pk=instance.pk).exists()


def test_instance_without_history_can_be_deleted(cast):
    instance = CourseInstanceFactory()
    services.course_instance_delete(actor=actor(cast.system_admin), instance=instance)
    assert not CourseInstance.objects.exists()
