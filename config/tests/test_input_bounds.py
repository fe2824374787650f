"""Every form field and query parameter is bounded: a search too long, a year out of range, an id
beyond 64 bits, a page or a sort that is no such thing gets a form error or a 400 that says what
is wrong, never a server error (SQLite and PostgreSQL alike). The property-based walk over every
route (test_hostile_input.py) tries hostile values everywhere; these are the cases by name."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from mentora.core.forms import MAX_ID, SEARCH_MAX_LENGTH, DateField, IdMultipleChoiceField, parse_id
from mentora.customers.models import Customer
from mentora.testing.cast import Cast
from mentora.testing.routes import Scene, build_scene

LONG_SEARCH = "ab " * 34_000  # about 100 kB, a few thousand words
TOO_BIG = str(2**64 + 1)
SEARCH_ERROR = f"Ensure this value has at most {SEARCH_MAX_LENGTH} characters"
YEAR_ERROR = "Enter a date between the years 1900 and 2200."


@pytest.fixture
def scene(cast: Cast) -> Scene:
    return build_scene(cast)


def _as(scene: Scene, role: str) -> Client:
    client = Client()
    client.force_login(scene.user(role))
    return client


# --- the shared fields and helpers (mentora.core.forms) -----------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1", 1),
        ("007", 7),
        (str(MAX_ID), MAX_ID),
        (str(MAX_ID + 1), None),
        (TOO_BIG, None),
        ("-1", None),
        ("", None),
        (" 1", None),
        ("²", None),  # a digit to str.isdigit, no number to int()
        ("١٢", None),  # Arabic-Indic digits: int() reads them, an id is ASCII
        ("1e3", None),
        (None, None),
    ],
)
def test_parse_id(value, expected):
    assert parse_id(value) == expected


@pytest.mark.parametrize("value", ["0001-01-01", "1899-12-31", "2201-01-01", "9999-12-31"])
def test_a_date_out_of_range_is_a_form_error(value: str):
    field = DateField(required=False)
    with pytest.raises(Exception, match="between the years 1900 and 2200"):
        field.clean(value)


@pytest.mark.parametrize("value", ["1900-01-01", "2026-12-03", "2200-12-31"])
def test_a_date_in_range_is_taken(value: str):
    assert DateField(required=False).clean(value) == datetime.date.fromisoformat(value)


def test_the_date_picker_stops_at_the_range_too():
    from django import forms

    html = DateField(widget=forms.DateInput(attrs={"type": "date"})).widget.render("d", None)
    assert 'min="1900-01-01"' in html and 'max="2200-12-31"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("pk", [TOO_BIG, str(MAX_ID + 1), "-" + TOO_BIG])
def test_an_id_beyond_64_bits_in_a_multi_select_is_an_invalid_value(pk: str):
    field = IdMultipleChoiceField(queryset=Customer.objects.all())
    with pytest.raises(Exception, match="is not a valid value"):
        field.clean([pk])


# --- a 100 kB search on every list with a search box --------------------------------------------


SEARCHES = [
    ("catalog_services", {}, "system_admin"),
    ("catalog_courses", {}, "system_admin"),
    ("catalog_instances", {}, "system_admin"),
    ("customer_list", {}, "system_admin"),
    ("user_list", {}, "system_admin"),
    ("mentors_all", {}, "system_admin"),
    ("applications_all", {}, "system_admin"),
    ("followup_list", {}, "professional"),
    ("mentor_applications", {}, "north_mentor"),
    ("mentor_course_applications", {}, "north_mentor"),
]


@pytest.mark.parametrize(("name", "kwargs", "role"), SEARCHES, ids=[name for name, _, _ in SEARCHES])
def test_a_100_kb_search_is_a_form_error(scene: Scene, name: str, kwargs: dict, role: str):
    response = _as(scene, role).get(reverse(name, kwargs=kwargs), {"q": LONG_SEARCH})
    assert response.status_code == 200
    assert SEARCH_ERROR in response.content.decode()


def test_the_mentors_list_of_a_customer_takes_a_bounded_search(scene: Scene):
    url = reverse("mentors_list", kwargs={"customer_id": scene.cast.north.pk})
    response = _as(scene, "north_admin").get(url, {"q": LONG_SEARCH})
    assert response.status_code == 200 and SEARCH_ERROR in response.content.decode()
    # A search of the longest length is run.
    assert _as(scene, "north_admin").get(url, {"q": "x" * SEARCH_MAX_LENGTH}).status_code == 200


# --- years 1 and 9999 --------------------------------------------------------------------------


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
@pytest.mark.parametrize("field", ["date_from", "date_to"])
def test_the_attendance_report_refuses_a_year_out_of_range(scene: Scene, day: str, field: str):
    response = _as(scene, "north_mentor").get(reverse("mentor_attendance_report"), {field: day})
    assert response.status_code == 200
    assert YEAR_ERROR in response.content.decode()


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_the_attendance_export_refuses_a_year_out_of_range(scene: Scene, day: str, file_format: str):
    url = reverse("mentor_attendance_export", kwargs={"file_format": file_format})
    response = _as(scene, "north_mentor").get(url, {"date_from": day, "date_to": day}, follow=True)
    assert response.status_code < 500
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert YEAR_ERROR in body.decode()


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_the_learner_export_refuses_a_year_out_of_range(scene: Scene, day: str):
    url = reverse("learner_export", kwargs={"attendee_id": scene.world.mentee.pk})
    response = _as(scene, "north_mentor").get(url, {"date_from": day}, follow=True)
    assert response.status_code < 500
    assert response.get("Content-Type", "").startswith("text/html")
    assert escape(YEAR_ERROR) in response.content.decode()


@pytest.mark.parametrize("view", ["day", "week", "month", "list"])
@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_the_calendar_answers_400_for_a_year_out_of_range(scene: Scene, day: str, view: str):
    response = _as(scene, "north_mentor").get(reverse("calendar"), {"date": day, "view": view})
    assert response.status_code == 400
    assert YEAR_ERROR in response.content.decode()


def test_the_calendar_shows_the_last_and_first_months_of_the_range(scene: Scene):
    client = _as(scene, "north_mentor")
    for day in ("1900-01-01", "2200-12-31"):
        assert client.get(reverse("calendar"), {"date": day, "view": "month"}).status_code == 200


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
@pytest.mark.parametrize("field", ["date_from", "date_to"])
def test_the_schedule_refuses_a_year_out_of_range(scene: Scene, day: str, field: str):
    response = _as(scene, "system_admin").get(reverse("schedule_list"), {field: day})
    assert response.status_code == 200
    assert YEAR_ERROR in response.content.decode()


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_the_audit_log_refuses_a_year_out_of_range(scene: Scene, day: str):
    for data in ({"date_from": day}, {"date_from": day, "format": "csv"}):
        response = _as(scene, "system_admin").get(reverse("audit_log"), data)
        assert response.status_code == 200
        assert YEAR_ERROR in response.content.decode()


def test_an_event_cannot_start_in_year_9999(scene: Scene):
    response = _as(scene, "system_admin").post(
        reverse("event_create"), {"starts_at": "9999-12-31T23:00", "ends_at": "9999-12-31T23:30"}
    )
    assert response.status_code == 200
    assert YEAR_ERROR in response.content.decode()


# --- ids beyond 64 bits in filters and multi-selects --------------------------------------------


@pytest.mark.parametrize("parameter", ["customer", "professional", "offering"])
def test_the_calendar_filters_take_an_id_beyond_64_bits(scene: Scene, parameter: str):
    value = f"s{TOO_BIG}" if parameter == "offering" else TOO_BIG
    response = _as(scene, "both_mentor").get(reverse("calendar"), {parameter: value})
    assert response.status_code == 200


def test_the_invitations_of_every_customer_take_a_customer_beyond_64_bits(scene: Scene):
    response = _as(scene, "system_admin").get(reverse("invitation_list_all"), {"customer": TOO_BIG})
    assert response.status_code == 200


@pytest.mark.parametrize("parameter", ["application", "course_instance"])
def test_a_new_event_takes_a_preselected_id_beyond_64_bits(scene: Scene, parameter: str):
    response = _as(scene, "system_admin").get(reverse("event_create"), {parameter: TOO_BIG})
    assert response.status_code == 200


def test_a_new_follow_up_refuses_people_beyond_64_bits(scene: Scene):
    url = reverse("followup_create", kwargs={"application_id": scene.world.on_request.pk})
    response = _as(scene, "professional").post(
        url, {"topic": "A topic", "attendees": [TOO_BIG], "mentors": [TOO_BIG]}
    )
    assert response.status_code == 200
    assert "is not a valid value" in response.content.decode()


def test_an_invitation_refuses_an_application_beyond_64_bits(scene: Scene):
    url = reverse("invitation_create", kwargs={"customer_id": scene.cast.north.pk})
    response = _as(scene, "north_admin").post(
        url, {"email": "new.person@example.com", "applications": [TOO_BIG]}
    )
    assert response.status_code == 200
    assert "is not a valid value" in response.content.decode()


@pytest.mark.parametrize(
    ("name", "parameter", "role"),
    [
        ("followup_list", "customer", "both_mentor"),
        ("followup_list", "application", "professional"),
        ("mentor_applications", "customer", "both_mentor"),
        ("mentor_applications", "offering", "north_mentor"),
        ("mentor_attendance_report", "customer", "both_mentor"),
        ("mentors_all", "customer", "system_admin"),
        ("applications_all", "customer_filter", "system_admin"),
        ("catalog_courses", "service", "system_admin"),
        ("catalog_instances", "course", "system_admin"),
        ("schedule_list", "professional", "system_admin"),
        ("schedule_list", "customer", "system_admin"),
        ("audit_log", "customer", "system_admin"),
    ],
)
def test_a_filter_takes_an_id_beyond_64_bits(scene: Scene, name: str, parameter: str, role: str):
    response = _as(scene, role).get(reverse(name), {parameter: TOO_BIG})
    assert response.status_code == 200


# --- page numbers and sort keys ----------------------------------------------------------------


@pytest.mark.parametrize("page", ["-1", "0", "abc", TOO_BIG, "1e400", "1.5", ""])
@pytest.mark.parametrize(
    ("name", "role"),
    [
        ("customer_list", "system_admin"),
        ("mentor_applications", "north_mentor"),
        ("followup_list", "professional"),
    ],
)
def test_any_page_number_shows_a_page(scene: Scene, page: str, name: str, role: str):
    assert _as(scene, role).get(reverse(name), {"page": page}).status_code == 200


@pytest.mark.parametrize("sort", ["-", "--title", "pk; drop table", "password", "customer__name", TOO_BIG])
@pytest.mark.parametrize(
    ("name", "role"), [("mentors_all", "system_admin"), ("mentor_applications", "north_mentor")]
)
def test_an_unknown_sort_key_sorts_by_the_default(scene: Scene, sort: str, name: str, role: str):
    assert _as(scene, role).get(reverse(name), {"sort": sort}).status_code == 200
