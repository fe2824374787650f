"""The mentor's applications pages, through the views: visibility (DESIGN.md §3), filters,
sorting, several customers, the read-only detail and query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentora.applications.models import ApplicationStatus
from mentora.customers.models import Status
from mentora.testing.factories_activities import ApplicationFactory, MentorAssignmentFactory

pytestmark = pytest.mark.django_db

LIST = reverse("mentor_applications")
COURSES = reverse("mentor_course_applications")


def detail(application) -> str:  # type: ignore[no-untyped-def]
    return reverse("mentor_application_detail", args=[application.pk])


def test_lists_show_only_mentored_applications_by_kind(client, scene):
    client.force_login(scene.cast.north_mentor)
    body = client.get(LIST).content.decode()
    assert scene.on_request.number in body
    assert scene.other_app.number not in body
    assert scene.course_app.number not in body
    body = client.get(COURSES).content.decode()
    assert scene.course_app.number in body and scene.pending_app.number in body
    assert scene.south_course_app.number not in body
    assert scene.on_request.number not in body


@pytest.mark.parametrize("who", ["outsider", "north_mentor_inactive", "north_admin", "professional"])
def test_lists_are_for_mentors_only(client, scene, who):
    client.force_login(getattr(scene.cast, who))
    assert client.get(LIST).status_code == 403
    assert client.get(COURSES).status_code == 403


def test_anonymous_is_sent_to_sign_in(client, scene):
    response = client.get(LIST)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_inactive_customer_sees_nothing(client, scene):
    scene.cast.south.status = Status.INACTIVE
    scene.cast.south.save()
    client.force_login(scene.cast.south_mentor)
    assert client.get(COURSES).status_code == 403
    assert client.get(detail(scene.south_course_app)).status_code == 404
    # both_mentor keeps north, loses south.
    client.force_login(scene.cast.both_mentor)
    body = client.get(COURSES).content.decode()
    assert scene.south_course_app.number not in body
    assert client.get(detail(scene.south_course_app)).status_code == 404
    assert client.get(detail(scene.on_request)).status_code == 200


def test_several_customers_get_a_customer_column_and_filter(client, scene):
    client.force_login(scene.cast.both_mentor)
    body = client.get(COURSES).content.decode()
    assert 'name="customer"' in body
    assert "South Org" in body
    assert scene.south_course_app.number in body
    filtered = client.get(COURSES, {"customer": scene.cast.north.pk}).content.decode()
    assert scene.south_course_app.number not in filtered
    client.force_login(scene.cast.north_mentor)
    assert 'name="customer"' not in client.get(LIST).content.decode()


def test_filters_search_and_sort(client, scene):
    client.force_login(scene.cast.north_mentor)
    second = ApplicationFactory(customer=scene.cast.north, title="Zebra project", language="en")
    MentorAssignmentFactory(
        application=second, membership=scene.cast.membership(scene.cast.north_mentor, scene.cast.north)
    )
    body = client.get(LIST, {"q": "zebra"}).content.decode()
    assert second.number in body and scene.on_request.number not in body
    body = client.get(LIST, {"language": "en"}).content.decode()
    assert second.number in body and scene.on_request.number not in body
    body = client.get(LIST, {"status": ApplicationStatus.ACCEPTED}).content.decode()
    assert scene.on_request.number in body and second.number not in body
    body = client.get(LIST, {"number": scene.on_request.number}).content.decode()
    assert scene.on_request.number in body and second.number not in body
    body = client.get(LIST, {"offering": second.service_id}).content.decode()
    assert second.number in body and scene.on_request.number not in body
    body = client.get(LIST, {"sort": "title"}).content.decode()
    assert body.index("Leadership coaching") < body.index("Zebra project")
    assert 'aria-sort="ascending"' in body
    body = client.get(LIST, {"sort": "-title"}).content.decode()
    assert body.index("Zebra project") < body.index("Leadership coaching")
    assert 'aria-sort="descending"' in body


def test_search_as_you_type_returns_the_results_fragment(client, scene):
    client.force_login(scene.cast.north_mentor)
    response = client.get(LIST, {"q": "leader"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert "<html" not in body
    assert scene.on_request.number in body
    assert 'hx-swap-oob="innerHTML"' in body and "1 application found." in body


def test_course_filter_offers_only_mentored_courses(client, scene):
    client.force_login(scene.cast.north_mentor)
    body = client.get(COURSES).content.decode()
    assert str(scene.instance.course) in body
    client.force_login(scene.cast.south_mentor)
    body = client.get(COURSES).content.decode()
    assert str(scene.pending_instance.course) not in body


def test_list_query_count_does_not_grow(client, scene):
    client.force_login(scene.cast.north_mentor)
    membership = scene.cast.membership(scene.cast.north_mentor, scene.cast.north)
    client.get(LIST)  # warm up (session, content types)
    with CaptureQueriesContext(connection) as few:
        client.get(LIST)
    for _ in range(25):
        MentorAssignmentFactory(
            application=ApplicationFactory(customer=scene.cast.north), membership=membership
        )
    with CaptureQueriesContext(connection) as many:
        response = client.get(LIST)
    assert response.content.decode().count("/mentor/applications/") >= 20
    assert len(many) == len(few)


def test_detail_shows_application_attendees_mentors_schedule_and_attendance(client, scene):
    client.force_login(scene.cast.north_mentor)
    response = client.get(detail(scene.on_request))
    assert response.status_code == 200
    body = response.content.decode()
    for text in (
        "North Org",
        "Leadership coaching",
        "Mona Mentee",
        "Bo Bystander",
        "Maria Mentor",
        "Coaching 1",
        "Coaching 3",
    ):
        assert text in body
    assert "Canceled" in body
    assert "100 %" in body  # Mona: present once
    assert "Bea Both" in body and "Ingo Inactive" not in body  # INACTIVE mentor memberships are left out
    # Nothing to change: no form in the page's own content (the observations section is the
    # follow-ups feature's, where a mentor may write).
    own = body.split('id="main"')[1].split("observation-section")[0]
    assert 'method="post"' not in own and "hx-post" not in own


def test_course_detail_shows_only_own_customers_attendees_and_records(client, scene):
    client.force_login(scene.cast.north_mentor)
    body = client.get(detail(scene.course_app)).content.decode()
    assert "Cleo Course" in body and "Swedish lesson" in body
    assert "Sune" not in body and "South secret" not in body


def test_pending_course_application_shows_no_schedule_or_attendance(client, scene):
    client.force_login(scene.cast.north_mentor)
    body = client.get(detail(scene.pending_app)).content.decode()
    assert "Pending lesson" not in body
    assert "shown once the provider has approved it" in body
    assert "Attendance rate" not in body


@pytest.mark.parametrize(
    ("who", "app"),
    [
        ("north_mentor", "other_app"),
        ("north_mentor", "south_course_app"),
        ("north_mentor_unassigned", "on_request"),
        ("north_mentor_inactive", "on_request"),
        ("south_mentor", "course_app"),
        ("outsider", "on_request"),
        ("north_admin", "on_request"),
    ],
)
def test_detail_is_404_when_not_mentored(client, scene, who, app):
    client.force_login(getattr(scene.cast, who))
    url = detail(getattr(scene, app))
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404


def test_detail_of_unknown_application_is_404(client, scene):
    client.force_login(scene.cast.north_mentor)
    assert client.get(reverse("mentor_application_detail", args=[999999])).status_code == 404


def test_a_change_attempted_by_url_is_403(client, scene):
    client.force_login(scene.cast.north_mentor)
    for method in ("post", "put", "patch", "delete"):
        assert getattr(client, method)(detail(scene.on_request)).status_code == 403


def test_both_mentor_sees_each_customers_application(client, scene):
    client.force_login(scene.cast.both_mentor)
    assert client.get(detail(scene.on_request)).status_code == 200
    assert client.get(detail(scene.south_course_app)).status_code == 200
    assert client.get(detail(scene.course_app)).status_code == 404


def test_detail_query_count_does_not_grow_with_attendees_and_events(client, scene):
    from mentora.testing.factories_activities import ApplicationAttendeeFactory
    from mentora.testing.factories_schedule import EventFactory

    client.force_login(scene.cast.north_mentor)
    url = detail(scene.on_request)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(10):
        ApplicationAttendeeFactory(application=scene.on_request)
        EventFactory(application=scene.on_request)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)
