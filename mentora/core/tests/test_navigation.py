"""The main navigation, whole and in order, for each person of the cast: every app contributes
its own entries (AppConfig.navigation) and the order is the same whatever the app order."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def navigation(client, user) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    client.force_login(user)
    response = client.get(reverse("home"))
    return [(item.label, item.url) for item in response.context["nav_items"]]


def test_a_system_administrator_gets_every_staff_entry(cast, client, settings):
    assert navigation(client, cast.system_admin) == [
        ("Home", "/"),
        ("Customers", reverse("customer_list")),
        ("Mentors", reverse("mentors_all")),
        ("Users", reverse("user_list")),
        ("Applications", reverse("applications_all")),
        ("Catalog", reverse("catalog")),
        ("Schedule", reverse("schedule_list")),
        ("Back office", reverse("admin:index")),
        ("Outgoing e-mail", reverse("outgoing_mail")),
        ("Follow-ups", reverse("followup_list")),
    ]


def test_a_professional_gets_their_events_and_follow_ups(cast, client):
    assert navigation(client, cast.professional) == [
        ("Home", "/"),
        ("My events", reverse("my_events")),
        ("Follow-ups", reverse("followup_list")),
    ]


def test_a_customer_admin_gets_their_customers_areas_and_the_calendar(cast, client):
    assert navigation(client, cast.north_admin) == [
        ("Home", "/"),
        ("Mentors", reverse("mentors_list", args=[cast.north.pk])),
        ("Applications", reverse("applications_customer", args=[cast.north.pk])),
        ("Calendar", reverse("calendar")),
        ("Follow-ups", reverse("followup_list")),
    ]


def test_a_mentor_gets_the_workspace(cast, client):
    assert navigation(client, cast.both_mentor) == [
        ("Home", "/"),
        ("My applications", reverse("mentor_applications")),
        ("Calendar", reverse("calendar")),
        ("Attendance", reverse("mentor_attendance_sessions")),
        ("Follow-ups", reverse("followup_list")),
    ]


def test_someone_without_a_role_gets_home(cast, client):
    # The profile is not a navigation entry: the person's name in the header opens it.
    assert navigation(client, cast.outsider) == [("Home", "/")]
    client.force_login(cast.outsider)
    assert f'class="signed-in-as" href="{reverse("profile")}"' in client.get(reverse("home")).content.decode()
