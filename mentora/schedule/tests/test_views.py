import datetime
import zoneinfo

import pytest
from django.urls import reverse

from mentora.schedule.models import Event, EventStatus
from mentora.testing.factories_activities import ApplicationFactory
from mentora.testing.factories_schedule import EventFactory

pytestmark = pytest.mark.django_db

STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")


def form_data(activities, **overrides):  # type: ignore[no-untyped-def]
    data = {
        "application": activities.north_app.pk,
        "title": "Conversation class",
        "starts_at": "2026-10-20T10:00",
        "ends_at": "2026-10-20T11:30",
        "repeat_until": "",
        "language": "sv",
        "professional": overrides.pop("professional_id", None),
        "location": "Room 4",
        "online_url": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def north_event(cast, activities):  # type: ignore[no-untyped-def]
    return EventFactory(application=activities.north_app, professional=cast.professional)


@pytest.fixture
def south_event(cast):  # type: ignore[no-untyped-def]
    return EventFactory(application=ApplicationFactory(customer=cast.south), professional=cast.professional)


# --- list ---------------------------------------------------------------------------------------


def test_schedule_list_for_staff_with_filters(client, cast, activities, north_event):
    canceled = EventFactory(
        application=activities.north_app,
        title="Canceled one",
        status=EventStatus.CANCELED,
        canceled_reason="Ill",
    )
    client.force_login(cast.system_admin)
    response = client.get(reverse("schedule_list"))
    assert response.status_code == 200
    assert north_event.title in response.text and "Canceled one" in response.text
    assert "Canceled" in response.text  # status as text, not colour alone
    response = client.get(reverse("schedule_list"), {"status": EventStatus.CANCELED})
    assert canceled.title in response.text and north_event.title not in response.text
    response = client.get(reverse("schedule_list"), {"customer": cast.south.pk})
    assert north_event.title not in response.text


def test_schedule_list_date_range_is_in_local_days(client, cast, activities, settings):
    early = EventFactory(
        application=activities.north_app,
        title="Early bird",
        starts_at=datetime.datetime(2026, 6, 2, 0, 30, tzinfo=STOCKHOLM),  # 1 June 22:30 UTC
        ends_at=datetime.datetime(2026, 6, 2, 1, 30, tzinfo=STOCKHOLM),
    )
    client.force_login(cast.system_admin)  # time zone Europe/Stockholm
    response = client.get(reverse("schedule_list"), {"date_from": "2026-06-02", "date_to": "2026-06-02"})
    assert early.title in response.text
    response = client.get(reverse("schedule_list"), {"date_from": "2026-06-01", "date_to": "2026-06-01"})
    assert early.title not in response.text


@pytest.mark.parametrize("who", ["north_admin", "north_mentor", "outsider"])
def test_schedule_list_is_403_for_non_staff(client, cast, who):
    client.force_login(getattr(cast, who))
    assert client.get(reverse("schedule_list")).status_code == 403


def test_schedule_list_queries_do_not_grow_with_rows(client, cast, activities, django_assert_max_num_queries):
    client.force_login(cast.system_admin)

    def page_queries() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as context:
            assert client.get(reverse("schedule_list")).status_code == 200
        return len(context)

    EventFactory(application=activities.north_app)
    few = page_queries()
    for n in range(25):
        EventFactory(
            application=ApplicationFactory(customer=cast.south if n % 2 else cast.north),
            professional=cast.professional,
            substitute=None,
        )
        EventFactory(course_instance=activities.course_instance, professional=cast.professional)
    many = page_queries()
    assert few == many
    with django_assert_max_num_queries(12):
        client.get(reverse("schedule_list"))


# --- detail -------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["system_admin", "professional", "north_admin", "north_mentor"])
def test_event_detail_for_those_who_see_it(client, cast, north_event, who):
    client.force_login(getattr(cast, who))
    response = client.get(reverse("event_detail", args=[north_event.pk]))
    assert response.status_code == 200
    assert north_event.title in response.text
    has_edit = reverse("event_edit", args=[north_event.pk]) in response.text
    assert has_edit == (who in ("system_admin", "professional"))


@pytest.mark.parametrize("who", ["south_admin", "south_mentor", "north_mentor_unassigned", "outsider"])
def test_event_detail_is_404_for_others(client, cast, north_event, who):
    client.force_login(getattr(cast, who))
    assert client.get(reverse("event_detail", args=[north_event.pk])).status_code == 404
    assert client.get(reverse("event_detail", args=[999_999])).status_code == 404


def test_canceled_event_shows_reason(client, cast, north_event):
    north_event.status = EventStatus.CANCELED
    north_event.canceled_reason = "Snow storm"
    north_event.save()
    client.force_login(cast.north_mentor)
    response = client.get(reverse("event_detail", args=[north_event.pk]))
    assert "This event is canceled." in response.text and "Snow storm" in response.text


# --- create -------------------------------------------------------------------------------------


def test_professional_creates_a_weekly_series(client, cast, activities):
    client.force_login(cast.professional)
    assert client.get(reverse("event_create"), {"application": activities.north_app.pk}).status_code == 200
    response = client.post(
        reverse("event_create"),
        form_data(activities, professional_id=cast.professional.pk, repeat_until="2026-11-03"),
    )
    assert response.status_code == 302
    events = list(Event.objects.order_by("starts_at"))
    assert len(events) == 3
    assert [e.starts_at.astimezone(STOCKHOLM).hour for e in events] == [10, 10, 10]
    assert [e.starts_at.astimezone(datetime.UTC).hour for e in events] == [8, 9, 9]
    assert response.url == reverse("event_detail", args=[events[0].pk])


def test_end_before_start_is_tied_to_the_end_field_and_input_survives(client, cast, activities):
    client.force_login(cast.professional)
    response = client.post(
        reverse("event_create"),
        form_data(activities, professional_id=cast.professional.pk, ends_at="2026-10-20T09:00"),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["ends_at"] == ["The end must be after the start."]
    assert 'aria-describedby="id_ends_at_error"' in response.text
    assert 'value="2026-10-20T10:00"' in response.text and 'value="Conversation class"' in response.text
    assert not Event.objects.exists()


def test_neither_or_both_activities_is_refused(client, cast, activities):
    client.force_login(cast.system_admin)
    data = form_data(activities, professional_id=cast.professional.pk, application="")
    response = client.post(reverse("event_create"), data)
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    data = form_data(
        activities, professional_id=cast.professional.pk, course_instance=activities.course_instance.pk
    )
    response = client.post(reverse("event_create"), data)
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert not Event.objects.exists()


def test_double_booking_warning_then_save_anyway(client, cast, activities):
    busy = EventFactory(
        title="Already busy",
        professional=cast.professional,
        starts_at=datetime.datetime(2026, 10, 20, 10, 30, tzinfo=STOCKHOLM),
        ends_at=datetime.datetime(2026, 10, 20, 11, 0, tzinfo=STOCKHOLM),
    )
    client.force_login(cast.professional)
    data = form_data(activities, professional_id=cast.professional.pk)
    response = client.post(reverse("event_create"), data)
    assert response.status_code == 200
    assert "The professional is already booked" in response.text and busy.title in response.text
    assert 'name="confirm_double_booking"' in response.text
    assert Event.objects.count() == 1
    # Saving again without ticking the box warns again; ticking it saves.
    assert client.post(reverse("event_create"), data).status_code == 200
    response = client.post(reverse("event_create"), data | {"confirm_double_booking": "on"})
    assert response.status_code == 302
    assert Event.objects.count() == 2


@pytest.mark.parametrize("who", ["north_admin", "north_mentor", "outsider"])
def test_create_is_403_for_non_staff(client, cast, activities, who):
    client.force_login(getattr(cast, who))
    assert client.get(reverse("event_create")).status_code == 403
    response = client.post(
        reverse("event_create"), form_data(activities, professional_id=cast.professional.pk)
    )
    assert response.status_code == 403
    assert not Event.objects.exists()


def test_professional_cannot_pick_an_application_they_are_not_responsible_for(
    client, cast, activities, other_professional
):
    client.force_login(other_professional)
    response = client.post(
        reverse("event_create"), form_data(activities, professional_id=other_professional.pk)
    )
    assert response.status_code == 200 and "application" in response.context["form"].errors
    assert not Event.objects.exists()


# --- edit and cancel ----------------------------------------------------------------------------


def test_edit_an_event(client, cast, activities, north_event):
    client.force_login(cast.professional)
    url = reverse("event_edit", args=[north_event.pk])
    assert client.get(url).status_code == 200
    data = form_data(activities, professional_id=cast.professional.pk, title="Renamed")
    response = client.post(url, data)
    assert response.status_code == 302
    north_event.refresh_from_db()
    assert north_event.title == "Renamed"
    assert north_event.starts_at == datetime.datetime(2026, 10, 20, 8, 0, tzinfo=datetime.UTC)


def test_edit_the_rest_of_a_series_from_the_page(client, cast, activities):
    client.force_login(cast.professional)
    client.post(
        reverse("event_create"),
        form_data(activities, professional_id=cast.professional.pk, repeat_until="2026-11-03"),
    )
    events = list(Event.objects.order_by("starts_at"))
    url = reverse("event_edit", args=[events[1].pk])
    assert 'name="scope"' in client.get(url).text
    data = form_data(
        activities,
        professional_id=cast.professional.pk,
        title="Afternoon",
        starts_at="2026-10-27T14:00",
        ends_at="2026-10-27T15:00",
        scope="rest",
    )
    assert client.post(url, data).status_code == 302
    assert list(Event.objects.order_by("starts_at").values_list("title", flat=True)) == [
        "Conversation class",
        "Afternoon",
        "Afternoon",
    ]


@pytest.mark.parametrize(
    ("who", "status"), [("north_admin", 403), ("north_mentor", 403), ("south_admin", 404), ("outsider", 404)]
)
def test_edit_and_cancel_are_refused(client, cast, activities, north_event, who, status):
    client.force_login(getattr(cast, who))
    for name in ("event_edit", "event_cancel"):
        url = reverse(name, args=[north_event.pk])
        assert client.get(url).status_code == status
        assert client.post(url, {"reason": "x", **form_data(activities)}).status_code == status
    north_event.refresh_from_db()
    assert north_event.status == EventStatus.SCHEDULED


def test_cancel_from_the_page(client, cast, north_event):
    client.force_login(cast.professional)
    url = reverse("event_cancel", args=[north_event.pk])
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200 and "reason" in response.context["form"].errors
    response = client.post(url, {"reason": "The room is flooded"})
    assert response.status_code == 302
    north_event.refresh_from_db()
    assert north_event.is_canceled and north_event.canceled_reason == "The room is flooded"
    # A canceled event can no longer be edited; the page says so.
    response = client.get(reverse("event_edit", args=[north_event.pk]), follow=True)
    assert "A canceled event cannot be changed." in response.text


def test_other_customers_event_is_404_for_a_customer_admin(client, cast, south_event):
    client.force_login(cast.north_admin)
    for name in ("event_detail", "event_edit", "event_cancel"):
        assert client.get(reverse(name, args=[south_event.pk])).status_code == 404


def test_event_detail_shows_mentors_no_counts_of_other_learners_in_the_session(client, cast, activities):
    """DESIGN.md §3: a mentor sees their mentees' attendance only. On a course-instance event the
    session also holds other customers' learners; the event page must not count them for a mentor
    or a customer admin (they read attendance in their own workspaces)."""
    from mentora.applications.models import ApplicationStatus
    from mentora.attendance.models import AttendanceStatus
    from mentora.attendance.services import session_ensure
    from mentora.testing.factories_activities import MentorAssignmentFactory

    activities.south_course_app.status = ApplicationStatus.APPROVED
    activities.south_course_app.save()
    MentorAssignmentFactory(
        application=activities.north_course_app, membership=cast.membership(cast.north_mentor, cast.north)
    )
    event = EventFactory(
        past=True, course_instance=activities.course_instance, professional=cast.professional
    )
    session = session_ensure(event=event)
    assert session is not None and session.records.count() == 2
    session.records.filter(attendee=activities.north_course_attendee).update(status=AttendanceStatus.PRESENT)
    session.records.filter(attendee=activities.south_course_attendee).update(status=AttendanceStatus.ABSENT)

    client.force_login(cast.professional)
    assert "absent 1" in client.get(reverse("event_detail", args=[event.pk])).text
    for who in ("north_mentor", "north_admin"):
        client.force_login(getattr(cast, who))
        response = client.get(reverse("event_detail", args=[event.pk]))
        assert response.status_code == 200
        assert "absent 1" not in response.text


def test_a_professional_cancels_only_their_own_events_and_always_with_a_reason(
    client, cast, north_event, other_professional
):
    url = reverse("event_cancel", args=[north_event.pk])
    client.force_login(other_professional)
    assert client.post(url, {"reason": "Not mine"}).status_code in (403, 404)

    client.force_login(cast.professional)
    assert "reason" in client.post(url, {"reason": "   "}).context["form"].errors
    assert client.post(url, {"reason": "I am ill"}).status_code == 302
    north_event.refresh_from_db()
    assert (north_event.canceled_reason, north_event.canceled_by) == ("I am ill", cast.professional)
