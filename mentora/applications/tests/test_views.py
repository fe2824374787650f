"""Application pages: on every view the happy path, the wrong role (403) and the other customer
(404); errors the user can fix come back as messages; lists load in a bounded number of queries."""

from dataclasses import dataclass

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from mentora.applications.models import Application, ApplicationStatus, MentorAssignment
from mentora.testing.factories_activities import (
    ApplicationAttendeeFactory,
    ApplicationFactory,
    CourseApplicationFactory,
    CourseInstanceFactory,
    MentorAssignmentFactory,
    ServiceFactory,
)
from mentora.testing.factories_followups import CommentFactory, FollowUpFactory, ObservationFactory
from mentora.testing.factories_schedule import AttendanceRecordFactory, EventFactory, SessionFactory

S = ApplicationStatus


@dataclass
class World:
    draft: Application
    course: Application
    participation_id: int
    assigned_membership_id: int
    spare_membership_id: int


@pytest.fixture
def world(cast) -> World:  # type: ignore[no-untyped-def]
    draft = ApplicationFactory(customer=cast.north, status=S.DRAFT)
    participation = ApplicationAttendeeFactory(application=draft)
    course = CourseApplicationFactory(customer=cast.north)
    assigned = cast.membership(cast.north_mentor, cast.north)
    MentorAssignmentFactory(application=draft, membership=assigned)
    MentorAssignmentFactory(application=course, membership=assigned)
    return World(
        draft=draft,
        course=course,
        participation_id=participation.pk,
        assigned_membership_id=assigned.pk,
        spare_membership_id=cast.membership(cast.north_mentor_unassigned, cast.north).pk,
    )


def _views(cast, w: World) -> list[tuple[str, str, list[int], dict[str, str]]]:  # type: ignore[no-untyped-def]
    """(name, method, args, data) of every application view on north's data."""
    north = cast.north.pk
    return [
        ("applications_customer", "get", [north], {}),
        ("application_create", "get", [north], {}),
        ("course_application_create", "get", [north], {}),
        ("mentor_assignments", "get", [north, w.assigned_membership_id], {}),
        ("mentor_assignments", "post", [north, w.spare_membership_id], {"application": str(w.draft.pk)}),
        ("application_edit", "get", [w.draft.pk], {}),
        ("application_status", "post", [w.draft.pk], {"to": "NEW"}),
        ("application_professional", "post", [w.draft.pk], {"professional": ""}),
        ("application_attendee_add", "get", [w.draft.pk], {}),
        ("application_attendee_remove", "post", [w.draft.pk, w.participation_id], {}),
        (
            "application_attendee_participation",
            "post",
            [w.draft.pk, w.participation_id],
            {"participating": "0"},
        ),
        ("application_mentor_assign", "post", [w.draft.pk], {"membership": str(w.spare_membership_id)}),
        ("application_mentor_unassign", "post", [w.draft.pk, w.assigned_membership_id], {}),
    ]


VIEW_NAMES = [
    "applications_customer",
    "application_create",
    "course_application_create",
    "mentor_assignments:get",
    "mentor_assignments:post",
    "application_edit",
    "application_status",
    "application_professional",
    "application_attendee_add",
    "application_attendee_remove",
    "application_attendee_participation",
    "application_mentor_assign",
    "application_mentor_unassign",
]


def _call(client, cast, world, index):  # type: ignore[no-untyped-def]
    name, method, args, data = _views(cast, world)[index]
    url = reverse(name, args=args)
    return client.post(url, data) if method == "post" else client.get(url)


@pytest.mark.parametrize("index", range(len(VIEW_NAMES)), ids=VIEW_NAMES)
def test_other_customers_admin_gets_404(cast, client, world, index):
    client.force_login(cast.south_admin)
    assert _call(client, cast, world, index).status_code == 404


@pytest.mark.parametrize("index", range(len(VIEW_NAMES)), ids=VIEW_NAMES)
def test_outsider_gets_404(cast, client, world, index):
    client.force_login(cast.outsider)
    assert _call(client, cast, world, index).status_code == 404


@pytest.mark.parametrize("index", range(len(VIEW_NAMES)), ids=VIEW_NAMES)
def test_assigned_mentor_sees_but_may_not_change(cast, client, world, index):
    """The mentor can see north (and these applications): every change is 403."""
    client.force_login(cast.north_mentor)
    assert _call(client, cast, world, index).status_code == 403
    assert Application.objects.get(pk=world.draft.pk).status == S.DRAFT


@pytest.mark.parametrize("index", range(len(VIEW_NAMES)), ids=VIEW_NAMES)
def test_submitting_mentor_may_not_change_what_they_did_not_create(cast, client, world, index):
    """The flag covers the mentor's own applications; world's were created by someone else."""
    membership = cast.membership(cast.north_mentor, cast.north)
    membership.can_submit_applications = True
    membership.save()
    client.force_login(cast.north_mentor)
    response = _call(client, cast, world, index)
    if VIEW_NAMES[index] in ("application_create", "course_application_create"):
        assert response.status_code == 200  # creating their own is what the flag allows
    else:
        assert response.status_code == 403
    assert Application.objects.get(pk=world.draft.pk).status == S.DRAFT
    assert world.draft.participants.filter(participating=True).count() == 1


@pytest.mark.parametrize("index", range(len(VIEW_NAMES)), ids=VIEW_NAMES)
def test_customer_admin_may(cast, client, world, index):
    client.force_login(cast.north_admin)
    response = _call(client, cast, world, index)
    name = VIEW_NAMES[index]
    if name == "application_professional":
        assert response.status_code == 403  # the provider's decision
    else:
        assert response.status_code in (200, 302)


def test_anonymous_is_sent_to_sign_in(world, client):
    response = client.get(reverse("application_detail", args=[world.draft.pk]))
    assert response.status_code == 302
    assert "/accounts/login/" in response.url


# The application page ----------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["north_admin", "system_admin", "north_mentor"])
def test_detail_for_those_who_see_it(cast, client, world, who):
    client.force_login(getattr(cast, who))
    response = client.get(reverse("application_detail", args=[world.draft.pk]))
    assert response.status_code == 200
    assert world.draft.number in response.content.decode()


@pytest.mark.parametrize(
    "who", ["south_admin", "north_mentor_unassigned", "north_mentor_inactive", "outsider"]
)
def test_detail_is_404_for_those_who_do_not(cast, client, world, who):
    client.force_login(getattr(cast, who))
    assert client.get(reverse("application_detail", args=[world.draft.pk])).status_code == 404


def test_detail_shows_actions_only_to_those_who_may(cast, client, world):
    client.force_login(cast.north_mentor)
    page = client.get(reverse("application_detail", args=[world.draft.pk])).content.decode()
    assert reverse("application_edit", args=[world.draft.pk]) not in page
    assert reverse("application_mentor_assign", args=[world.draft.pk]) not in page
    client.force_login(cast.north_admin)
    page = client.get(reverse("application_detail", args=[world.draft.pk])).content.decode()
    assert reverse("application_edit", args=[world.draft.pk]) in page
    assert reverse("application_mentor_assign", args=[world.draft.pk]) in page


def test_course_schedule_hidden_from_mentor_until_approved(cast, client, world):
    client.force_login(cast.north_mentor)
    page = client.get(reverse("application_detail", args=[world.course.pk])).content.decode()
    assert "shown once the course application is approved" in page


# Changing things through the pages ---------------------------------------------------------------


def _messages(response) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_illegal_transition_answers_409_saying_why(cast, client, world):
    client.force_login(cast.system_admin)
    detail = reverse("application_detail", args=[world.draft.pk])
    response = client.post(
        reverse("application_status", args=[world.draft.pk]), {"to": "ACCEPTED"}, HTTP_REFERER=detail
    )
    assert response.status_code == 409
    assert "cannot become" in response.content.decode()
    assert f'href="{detail}"' in response.content.decode() or detail in response.content.decode()
    world.draft.refresh_from_db()
    assert world.draft.status == S.DRAFT


def test_unknown_status_is_a_message(cast, client, world):
    client.force_login(cast.system_admin)
    response = client.post(reverse("application_status", args=[world.draft.pk]), {"to": "BOGUS"}, follow=True)
    assert response.status_code == 200
    assert _messages(response)


def test_customer_admin_submits_and_system_admin_processes(cast, client, world):
    client.force_login(cast.north_admin)
    client.post(reverse("application_status", args=[world.draft.pk]), {"to": "NEW"})
    world.draft.refresh_from_db()
    assert world.draft.status == S.NEW
    client.force_login(cast.system_admin)
    for status in ("PROCESSING", "ACCEPTED"):
        client.post(reverse("application_status", args=[world.draft.pk]), {"to": status})
    world.draft.refresh_from_db()
    assert world.draft.status == S.ACCEPTED


def test_customer_admin_withdraws_a_pending_course_application(cast, client, world):
    client.force_login(cast.north_admin)
    client.post(reverse("application_status", args=[world.course.pk]), {"to": "CANCELED"})
    world.course.refresh_from_db()
    assert world.course.status == S.CANCELED


def test_customer_admin_cannot_approve(cast, client, world):
    client.force_login(cast.north_admin)
    response = client.post(reverse("application_status", args=[world.course.pk]), {"to": "APPROVED"})
    assert response.status_code == 403


def test_create_on_request_application(cast, client):
    service = ServiceFactory()
    client.force_login(cast.north_admin)
    response = client.post(
        reverse("application_create", args=[cast.north.pk]),
        {"service": service.pk, "title": "Team coaching", "description": "Spring", "language": "sv"},
    )
    application = Application.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("application_detail", args=[application.pk])
    assert (application.status, application.customer, application.title) == (
        S.DRAFT,
        cast.north,
        "Team coaching",
    )


def test_bad_input_keeps_a_long_description(cast, client):
    client.force_login(cast.north_admin)
    description = "A long description of what we need. " * 40
    response = client.post(
        reverse("application_create", args=[cast.north.pk]),
        {"title": "", "description": description, "language": "sv"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert description.strip() in page
    assert 'class="error-summary"' in page
    assert not Application.objects.exists()


def test_create_course_application(cast, client):
    instance = CourseInstanceFactory()
    client.force_login(cast.north_admin)
    client.post(reverse("course_application_create", args=[cast.north.pk]), {"course_instance": instance.pk})
    application = Application.objects.get()
    assert (application.status, application.course_instance) == (S.PENDING, instance)


def test_submitting_mentor_creates_and_then_sees_it(cast, client):
    membership = cast.membership(cast.north_mentor, cast.north)
    membership.can_submit_applications = True
    membership.save()
    client.force_login(cast.north_mentor)
    response = client.post(
        reverse("application_create", args=[cast.north.pk]),
        {"service": ServiceFactory().pk, "title": "Mentor's idea", "language": "en"},
        follow=True,
    )
    assert response.status_code == 200
    assert "Mentor&#x27;s idea" in response.content.decode()


def test_add_attendee_and_keep_input_on_error(cast, client, world):
    client.force_login(cast.north_admin)
    url = reverse("application_attendee_add", args=[world.draft.pk])
    response = client.post(url, {"first_name": "Grace", "last_name": "", "email": "grace@example.com"})
    assert response.status_code == 200
    assert 'value="grace@example.com"' in response.content.decode()
    response = client.post(url, {"first_name": "Grace", "last_name": "Hopper", "participating": "on"})
    assert response.status_code == 302
    assert world.draft.participants.filter(attendee__last_name="Hopper", participating=True).exists()


def test_attendee_change_after_submit_answers_409_saying_why(cast, client, world):
    Application.objects.filter(pk=world.draft.pk).update(status=S.NEW)
    client.force_login(cast.north_admin)
    response = client.post(
        reverse("application_attendee_remove", args=[world.draft.pk, world.participation_id])
    )
    assert response.status_code == 409
    assert "draft or pending" in response.content.decode()
    assert world.draft.participants.count() == 1


def test_assign_and_unassign_from_the_application_page(cast, client, world):
    client.force_login(cast.north_admin)
    client.post(
        reverse("application_mentor_assign", args=[world.draft.pk]), {"membership": world.spare_membership_id}
    )
    assert MentorAssignment.objects.filter(
        application=world.draft, membership_id=world.spare_membership_id
    ).exists()
    response = client.post(
        reverse("application_mentor_assign", args=[world.draft.pk]), {"membership": world.spare_membership_id}
    )
    assert response.status_code == 409
    assert "already assigned" in response.content.decode()
    client.post(reverse("application_mentor_unassign", args=[world.draft.pk, world.spare_membership_id]))
    assert not MentorAssignment.objects.filter(membership_id=world.spare_membership_id).exists()


def test_assigning_another_customers_mentor_is_404(cast, client, world):
    client.force_login(cast.north_admin)
    south_mentor = cast.membership(cast.south_mentor, cast.south)
    response = client.post(
        reverse("application_mentor_assign", args=[world.draft.pk]), {"membership": south_mentor.pk}
    )
    assert response.status_code == 404
    assert not MentorAssignment.objects.filter(membership=south_mentor).exists()


def test_mentor_page_assigns_and_unassigns(cast, client, world):
    client.force_login(cast.north_admin)
    url = reverse("mentor_assignments", args=[cast.north.pk, world.spare_membership_id])
    client.post(url, {"application": world.course.pk, "action": "assign"})
    assert MentorAssignment.objects.filter(
        application=world.course, membership_id=world.spare_membership_id
    ).exists()
    page = client.get(url).content.decode()
    assert world.course.number in page
    client.post(url, {"application": world.course.pk, "action": "unassign"})
    assert not MentorAssignment.objects.filter(membership_id=world.spare_membership_id).exists()


def test_mentor_page_refuses_an_application_of_another_customer(cast, client, world):
    client.force_login(cast.system_admin)
    other = ApplicationFactory(customer=cast.south)
    url = reverse("mentor_assignments", args=[cast.north.pk, world.spare_membership_id])
    assert client.post(url, {"application": other.pk, "action": "assign"}).status_code == 404


def test_mentor_page_of_another_customers_membership_is_404(cast, client):
    client.force_login(cast.north_admin)
    south_mentor = cast.membership(cast.south_mentor, cast.south)
    assert client.get(reverse("mentor_assignments", args=[cast.north.pk, south_mentor.pk])).status_code == 404


def test_inactive_mentor_page_offers_no_assign(cast, client, world):
    client.force_login(cast.north_admin)
    inactive = cast.membership(cast.north_mentor_inactive, cast.north)
    page = client.get(reverse("mentor_assignments", args=[cast.north.pk, inactive.pk])).content.decode()
    assert "inactive" in page
    assert 'value="assign"' not in page


# Workspaces --------------------------------------------------------------------------------------


def test_all_applications_is_for_system_admins(cast, client, world):
    client.force_login(cast.north_admin)
    assert client.get(reverse("applications_all")).status_code == 403
    client.force_login(cast.system_admin)
    south = ApplicationFactory(customer=cast.south)
    response = client.get(reverse("applications_all"))
    assert response.status_code == 200
    assert south.number in response.content.decode()
    filtered = client.get(reverse("applications_all"), {"customer_filter": cast.north.pk}).content.decode()
    assert south.number not in filtered
    assert world.draft.number in filtered


def test_customer_list_shows_only_that_customer_and_filters(cast, client, world):
    south = ApplicationFactory(customer=cast.south)
    client.force_login(cast.north_admin)
    page = client.get(reverse("applications_customer", args=[cast.north.pk])).content.decode()
    assert world.draft.number in page
    assert world.course.number in page
    assert south.number not in page
    page = client.get(
        reverse("applications_customer", args=[cast.north.pk]), {"kind": "COURSE"}
    ).content.decode()
    assert world.course.number in page
    assert world.draft.number not in page
    page = client.get(
        reverse("applications_customer", args=[cast.north.pk]), {"status": "DRAFT"}
    ).content.decode()
    assert world.draft.number in page
    assert world.course.number not in page
    page = client.get(
        reverse("applications_customer", args=[cast.north.pk]),
        {"course": world.course.course_instance.course_id},
    ).content.decode()
    assert world.course.number in page
    assert world.draft.number not in page
    page = client.get(
        reverse("applications_customer", args=[cast.north.pk]), {"q": world.draft.number}
    ).content.decode()
    assert world.draft.number in page
    assert world.course.number not in page


def _fill(cast, count: int) -> None:  # type: ignore[no-untyped-def]
    mentors = [cast.membership(cast.north_mentor, cast.north), cast.membership(cast.both_mentor, cast.north)]
    for index in range(count):
        factory = ApplicationFactory if index % 2 else CourseApplicationFactory
        application = factory(customer=cast.north)
        ApplicationAttendeeFactory.create_batch(2, application=application)
        for membership in mentors:
            MentorAssignmentFactory(application=application, membership=membership)


def _count_queries(client, url: str, django_assert_max_num_queries, limit: int) -> int:  # type: ignore[no-untyped-def]
    with django_assert_max_num_queries(limit) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("who", ["north_admin", "system_admin"])
def test_lists_use_the_same_number_of_queries_for_3_and_30_rows(
    cast, client, django_assert_max_num_queries, who
):
    client.force_login(getattr(cast, who))
    url = (
        reverse("applications_all")
        if who == "system_admin"
        else reverse("applications_customer", args=[cast.north.pk])
    )
    _fill(cast, 3)
    few = _count_queries(client, url, django_assert_max_num_queries, 20)
    _fill(cast, 27)
    many = _count_queries(client, url, django_assert_max_num_queries, 20)
    assert few == many


def test_mentor_page_queries_do_not_grow(cast, client, django_assert_max_num_queries):
    client.force_login(cast.north_admin)
    url = reverse(
        "mentor_assignments", args=[cast.north.pk, cast.membership(cast.north_mentor, cast.north).pk]
    )
    _fill(cast, 3)
    few = _count_queries(client, url, django_assert_max_num_queries, 20)
    _fill(cast, 27)
    many = _count_queries(client, url, django_assert_max_num_queries, 20)
    assert few == many


def test_detail_queries_do_not_grow_with_attendees_and_mentors(cast, client, django_assert_max_num_queries):
    application = ApplicationFactory(customer=cast.north)
    client.force_login(cast.north_admin)
    url = reverse("application_detail", args=[application.pk])
    ApplicationAttendeeFactory.create_batch(3, application=application)
    few = _count_queries(client, url, django_assert_max_num_queries, 30)
    ApplicationAttendeeFactory.create_batch(27, application=application)
    MentorAssignmentFactory(
        application=application, membership=cast.membership(cast.north_mentor, cast.north)
    )
    MentorAssignmentFactory(application=application, membership=cast.membership(cast.both_mentor, cast.north))
    many = _count_queries(client, url, django_assert_max_num_queries, 30)
    assert few == many


def test_applying_to_a_full_instance_warns(cast, client):
    instance = CourseInstanceFactory(capacity=1, code="FULL-1")
    ApplicationAttendeeFactory(
        application=CourseApplicationFactory(customer=cast.south, course_instance=instance, status=S.APPROVED)
    )
    client.force_login(cast.north_admin)
    response = client.post(
        reverse("course_application_create", args=[cast.north.pk]),
        {"course_instance": instance.pk},
        follow=True,
    )
    assert any("fully booked" in m for m in _messages(response))
    assert Application.objects.filter(customer=cast.north, status=S.PENDING).exists()


def test_add_event_link_only_for_those_who_manage_the_schedule(cast, client, world):
    url = reverse("application_detail", args=[world.draft.pk])
    create = reverse("event_create") + f"?application={world.draft.pk}"
    client.force_login(cast.system_admin)
    assert create in client.get(url).content.decode()
    client.force_login(cast.north_admin)
    assert create not in client.get(url).content.decode()


def test_an_attendee_name_with_a_control_character_is_refused_and_kept(cast, client, world):
    client.force_login(cast.north_admin)
    url = reverse("application_attendee_add", args=[world.draft.pk])
    response = client.post(url, {"first_name": "Gr\x0bace", "last_name": "Hopper\x1b"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Remove the invisible control characters (U+000B)" in page
    assert "Remove the invisible control characters (U+001B)" in page
    assert not world.draft.participants.filter(attendee__last_name__startswith="Hopper").exists()


# The bench's budget (mentora/demo/bench/run.py, MAX_QUERIES): a page in at most 15 queries,
# counted here with every section of the application page filled.
APPLICATION_PAGE_QUERY_BUDGET = 15


@pytest.mark.parametrize("who", ["north_admin", "north_mentor"])
def test_application_page_with_every_section_filled_stays_within_the_query_budget(
    cast, client, django_assert_max_num_queries, who
):
    application = ApplicationFactory(customer=cast.north, professional=cast.professional)
    membership = cast.membership(cast.north_mentor, cast.north)
    MentorAssignmentFactory(application=application, membership=membership)
    participants = ApplicationAttendeeFactory.create_batch(3, application=application)
    for _ in range(3):
        session = SessionFactory(event=EventFactory(application=application, past=True))
        for participant in participants:
            AttendanceRecordFactory(session=session, attendee=participant.attendee, status="PRESENT")
    EventFactory(application=application)
    for _ in range(2):
        followup = FollowUpFactory(application=application, mentors=[membership])
        CommentFactory(followup=followup, author=cast.professional)
    ObservationFactory.create_batch(2, application=application, author=cast.north_mentor)
    client.force_login(getattr(cast, who))
    name = "application_detail" if who == "north_admin" else "mentor_application_detail"
    url = reverse(name, args=[application.pk])
    client.get(url)  # the session and caches warm, as on a second visit
    queries = _count_queries(client, url, django_assert_max_num_queries, APPLICATION_PAGE_QUERY_BUDGET)
    assert queries <= APPLICATION_PAGE_QUERY_BUDGET
