"""Catalog pages: system administrators only (403 for everyone else signed in), lists with
filters in a bounded number of queries, forms that keep bad input."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from mentora.applications.models import ApplicationStatus
from mentora.catalog.models import Course, CourseInstance, Service
from mentora.catalog.selectors import APPROVED_APPLICATION
from mentora.testing.factories_activities import (
    ApplicationAttendeeFactory,
    CourseApplicationFactory,
    CourseFactory,
    CourseInstanceFactory,
    ScheduledServiceFactory,
    ServiceFactory,
)


@pytest.fixture
def things(db):  # type: ignore[no-untyped-def]
    instance = CourseInstanceFactory()
    return {"service": ServiceFactory(), "course": instance.course, "instance": instance}


def _views(things):  # type: ignore[no-untyped-def]
    s, c, i = things["service"].pk, things["course"].pk, things["instance"].pk
    return [
        ("catalog", "get", []),
        ("catalog_services", "get", []),
        ("catalog_service_create", "get", []),
        ("catalog_service_edit", "get", [s]),
        ("catalog_service_set_active", "post", [s]),
        ("catalog_courses", "get", []),
        ("catalog_course_create", "get", []),
        ("catalog_course_edit", "get", [c]),
        ("catalog_course_set_active", "post", [c]),
        ("catalog_course_delete", "get", [c]),
        ("catalog_instances", "get", []),
        ("catalog_instance_create", "get", []),
        ("catalog_instance_edit", "get", [i]),
        ("catalog_instance_set_active", "post", [i]),
        ("catalog_instance_delete", "get", [i]),
    ]


NAMES = [
    "catalog",
    "services",
    "service_create",
    "service_edit",
    "service_set_active",
    "courses",
    "course_create",
    "course_edit",
    "course_set_active",
    "course_delete",
    "instances",
    "instance_create",
    "instance_edit",
    "instance_set_active",
    "instance_delete",
]


def _call(client, things, index):  # type: ignore[no-untyped-def]
    name, method, args = _views(things)[index]
    url = reverse(name, args=args)
    return client.post(url, {"active": "0"}) if method == "post" else client.get(url)


@pytest.mark.parametrize("index", range(len(NAMES)), ids=NAMES)
@pytest.mark.parametrize("who", ["north_admin", "professional", "north_mentor", "outsider"])
def test_everyone_but_system_admins_gets_403(cast, client, things, index, who):
    client.force_login(getattr(cast, who))
    assert _call(client, things, index).status_code == 403
    assert not Service.objects.filter(is_active=False).exists()
    assert not Course.objects.filter(is_active=False).exists()
    assert not CourseInstance.objects.filter(is_active=False).exists()


@pytest.mark.parametrize("index", range(len(NAMES)), ids=NAMES)
def test_system_admin_may(cast, client, things, index):
    client.force_login(cast.system_admin)
    assert _call(client, things, index).status_code in (200, 302)


@pytest.mark.parametrize(
    "name",
    ["catalog_service_edit", "catalog_course_edit", "catalog_instance_edit", "catalog_instance_delete"],
)
def test_missing_is_404(cast, client, name):
    client.force_login(cast.system_admin)
    assert client.get(reverse(name, args=[999999])).status_code == 404


def test_anonymous_is_sent_to_sign_in(client):
    assert client.get(reverse("catalog_services")).status_code == 302


def test_create_service_and_keep_input_on_error(cast, client):
    client.force_login(cast.system_admin)
    description = "What we offer, at length. " * 30
    response = client.post(
        reverse("catalog_service_create"), {"name": "", "type": "ON_REQUEST", "description": description}
    )
    assert response.status_code == 200
    assert description.strip() in response.content.decode()
    assert not Service.objects.exists()
    response = client.post(
        reverse("catalog_service_create"), {"name": "Coaching", "type": "ON_REQUEST", "is_active": "on"}
    )
    assert response.status_code == 302
    assert Service.objects.get().name == "Coaching"


def test_edit_course(cast, client):
    course = CourseFactory(code="OLD")
    client.force_login(cast.system_admin)
    response = client.post(
        reverse("catalog_course_edit", args=[course.pk]),
        {"service": course.service_id, "code": "NEW", "title": "Renamed", "is_active": "on"},
    )
    assert response.status_code == 302
    course.refresh_from_db()
    assert (course.code, course.title) == ("NEW", "Renamed")


def test_instance_end_before_start_is_tied_to_the_field(cast, client):
    course = CourseFactory()
    client.force_login(cast.system_admin)
    response = client.post(
        reverse("catalog_instance_create"),
        {
            "course": course.pk,
            "code": "I-1",
            "starts_on": "2026-05-10",
            "ends_on": "2026-05-01",
            "language": "sv",
            "capacity": "12",
        },
    )
    assert response.status_code == 200
    assert "id_ends_on_error" in response.content.decode()
    assert not CourseInstance.objects.exists()


def test_deleting_a_course_with_applications_explains_and_offers_deactivation(cast, client):
    course = CourseApplicationFactory().course_instance.course
    client.force_login(cast.system_admin)
    page = client.get(reverse("catalog_course_delete", args=[course.pk])).content.decode()
    assert "Deactivate" in page
    response = client.post(reverse("catalog_course_delete", args=[course.pk]))
    assert response.status_code == 409
    assert Course.objects.filter(pk=course.pk).exists()


def test_deleting_an_unused_course(cast, client):
    course = CourseFactory()
    client.force_login(cast.system_admin)
    response = client.post(reverse("catalog_course_delete", args=[course.pk]), follow=True)
    assert response.status_code == 200
    assert not Course.objects.filter(pk=course.pk).exists()
    assert [str(m) for m in get_messages(response.wsgi_request)]


def test_deactivate(cast, client):
    instance = CourseInstanceFactory()
    client.force_login(cast.system_admin)
    client.post(reverse("catalog_instance_set_active", args=[instance.pk]), {"active": "0"})
    instance.refresh_from_db()
    assert not instance.is_active


def test_filters(cast, client):
    ServiceFactory(name="Coaching")
    ServiceFactory(name="Workshops", is_active=False)
    ScheduledServiceFactory(name="Courses")
    client.force_login(cast.system_admin)
    page = client.get(reverse("catalog_services"), {"q": "coach"}).content.decode()
    assert "Coaching" in page
    assert "Workshops" not in page
    page = client.get(reverse("catalog_services"), {"active": "inactive"}).content.decode()
    assert "Workshops" in page
    assert "Coaching" not in page
    page = client.get(reverse("catalog_services"), {"type": "SCHEDULED"}).content.decode()
    assert "Courses" in page
    assert "Coaching" not in page


def test_seats_taken_count_approved_participating_attendees(cast, client):
    instance = CourseInstanceFactory(capacity=2, code="FULL-1")
    approved = CourseApplicationFactory(course_instance=instance, status="APPROVED")
    ApplicationAttendeeFactory.create_batch(2, application=approved)
    ApplicationAttendeeFactory(application=CourseApplicationFactory(course_instance=instance))
    client.force_login(cast.system_admin)
    page = client.get(reverse("catalog_instances")).content.decode()
    assert "2 / 2" in page
    assert "Full" in page


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("catalog_services", lambda n: ServiceFactory.create_batch(n)),
        ("catalog_courses", lambda n: CourseFactory.create_batch(n)),
        (
            "catalog_instances",
            lambda n: [ApplicationAttendeeFactory(application=CourseApplicationFactory()) for _ in range(n)],
        ),
    ],
    ids=["services", "courses", "instances"],
)
def test_lists_use_the_same_number_of_queries_for_3_and_30_rows(
    cast, client, django_assert_max_num_queries, name, make
):
    client.force_login(cast.system_admin)
    make(3)
    with django_assert_max_num_queries(15) as few:
        assert client.get(reverse(name)).status_code == 200
    make(27)
    with django_assert_max_num_queries(15) as many:
        assert client.get(reverse(name)).status_code == 200
    assert len(few.captured_queries) == len(many.captured_queries)


def test_the_catalog_names_the_approved_status_as_applications_do():
    assert ApplicationStatus.APPROVED == APPROVED_APPLICATION
