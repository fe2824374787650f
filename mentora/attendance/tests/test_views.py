import pytest
from django.urls import reverse

from mentora.attendance.models import AttendanceChange, AttendanceStatus, Session
from mentora.testing.factories_activities import ApplicationFactory
from mentora.testing.factories_schedule import EventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(cast, activities):  # type: ignore[no-untyped-def]
    return EventFactory(past=True, application=activities.north_app, professional=cast.professional)


def sheet_data(session, **statuses):  # type: ignore[no-untyped-def]
    data = {}
    for record in session.records.select_related("attendee"):
        status, minutes, note = statuses.get(record.attendee.first_name, ("", "", ""))
        data |= {f"status_{record.pk}": status, f"minutes_{record.pk}": minutes, f"note_{record.pk}": note}
    return data


def test_opening_the_page_creates_the_session_and_shows_incomplete(client, cast, event):
    client.force_login(cast.professional)
    response = client.get(reverse("attendance_session", args=[event.pk]))
    assert response.status_code == 200
    assert Session.objects.filter(event=event).count() == 1
    assert "Incomplete" in response.text
    # Every control is labelled with the attendee's name.
    assert "Status for Anna Andersson" in response.text and "Minutes attended by Bo Berg" in response.text
    client.get(reverse("attendance_session", args=[event.pk]))
    assert Session.objects.count() == 1


def test_take_attendance_partially_then_completely(client, cast, event):
    client.force_login(cast.professional)
    url = reverse("attendance_session", args=[event.pk])
    client.get(url)
    session = event.session
    response = client.post(url, sheet_data(session, Anna=(AttendanceStatus.PRESENT, "90", "")), follow=True)
    assert "1 attendee has no status yet" in response.text and "Incomplete" in response.text
    response = client.post(
        url,
        sheet_data(
            session, Anna=(AttendanceStatus.PRESENT, "90", ""), Bo=(AttendanceStatus.EXCUSED, "", "Doctor")
        ),
        follow=True,
    )
    assert "The session is complete." in response.text
    assert "Complete" in response.text and "Incomplete" not in response.text
    # The history lists who changed what.
    assert AttendanceChange.objects.count() == 2
    assert (
        "History of changes" in response.text and "Doctor" in response.text and "Pelle Pro" in response.text
    )


def test_minutes_out_of_range_is_an_error_tied_to_the_field(client, cast, event):
    client.force_login(cast.professional)
    url = reverse("attendance_session", args=[event.pk])
    client.get(url)
    data = sheet_data(event.session, Anna=(AttendanceStatus.PRESENT, "500", "kept"))
    response = client.post(url, data)
    assert response.status_code == 200
    record = event.session.records.get(attendee__first_name="Anna")
    assert f'aria-describedby="id_minutes_{record.pk}_error"' in response.text
    assert 'value="kept"' in response.text
    assert not AttendanceChange.objects.exists()


@pytest.mark.parametrize("who", ["north_admin", "north_mentor"])
def test_mentor_and_customer_admin_get_403(client, cast, event, who):
    client.force_login(getattr(cast, who))
    url = reverse("attendance_session", args=[event.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {}).status_code == 403


@pytest.mark.parametrize("who", ["south_admin", "south_mentor", "outsider"])
def test_other_customers_get_404(client, cast, event, who):
    client.force_login(getattr(cast, who))
    assert client.get(reverse("attendance_session", args=[event.pk])).status_code == 404
    assert client.get(reverse("attendance_session", args=[999_999])).status_code == 404
    assert not Session.objects.exists()


def test_responsible_professional_who_does_not_deliver_sees_read_only(
    client, cast, activities, other_professional
):
    other_event = EventFactory(past=True, application=activities.north_app, professional=other_professional)
    client.force_login(cast.professional)  # responsible for the application, not delivering this event
    url = reverse("attendance_session", args=[other_event.pk])
    response = client.get(url)
    assert response.status_code == 200 and "Save attendance" not in response.text
    assert client.post(url, {}).status_code == 403


def test_future_and_untracked_events_say_why_there_is_no_session(client, cast, activities):
    client.force_login(cast.professional)
    future = EventFactory(application=activities.north_app, professional=cast.professional)
    response = client.get(reverse("attendance_session", args=[future.pk]))
    assert "once the event has started" in response.text
    untracked = EventFactory(
        past=True,
        professional=cast.professional,
        application=ApplicationFactory(
            customer=cast.north, professional=cast.professional, service__tracks_attendance=False
        ),
    )
    response = client.get(reverse("attendance_session", args=[untracked.pk]))
    assert "does not track attendance" in response.text
    assert not Session.objects.exists()


def test_my_events_lists_attendance_to_take_first(client, cast, activities, django_assert_max_num_queries):
    past = EventFactory(
        past=True, application=activities.north_app, professional=cast.professional, title="Yesterday's class"
    )
    upcoming = EventFactory(
        application=activities.north_app, substitute=cast.professional, title="Tomorrow's class"
    )
    client.force_login(cast.professional)
    response = client.get(reverse("my_events"))
    assert response.status_code == 200
    workspace = response.context["workspace"]
    assert workspace.needs_attendance == [past] and workspace.upcoming == [upcoming]
    assert reverse("attendance_session", args=[past.pk]) in response.text
    for n in range(10):
        EventFactory(
            past=True, application=activities.north_app, professional=cast.professional, title=f"Old {n}"
        )
        EventFactory(application=activities.north_app, professional=cast.professional, title=f"Next {n}")
    with django_assert_max_num_queries(10):
        assert client.get(reverse("my_events")).status_code == 200


def test_my_events_drops_an_event_once_its_attendance_is_complete(client, cast, activities):
    past = EventFactory(past=True, application=activities.north_app, professional=cast.professional)
    client.force_login(cast.professional)
    client.get(reverse("attendance_session", args=[past.pk]))
    past.session.records.update(status=AttendanceStatus.PRESENT)
    assert client.get(reverse("my_events")).context["workspace"].needs_attendance == []


@pytest.mark.parametrize("who", ["north_admin", "north_mentor", "outsider"])
def test_my_events_is_403_for_non_staff(client, cast, who):
    client.force_login(getattr(cast, who))
    assert client.get(reverse("my_events")).status_code == 403


def test_a_learner_who_joined_after_the_session_is_marked_and_can_be_not_enrolled(
    client, cast, activities, event
):
    from mentora.testing.factories_activities import ApplicationAttendeeFactory

    client.force_login(cast.professional)
    url = reverse("attendance_session", args=[event.pk])
    client.get(url)
    late = ApplicationAttendeeFactory(application=activities.north_app, attendee__first_name="Lena")
    response = client.get(url)
    rows = {row["record"].attendee.first_name: row["record"] for row in response.context["rows"]}
    assert rows["Lena"].joined_late and not rows["Anna"].joined_late
    assert response.text.count("Joined after this session") == 1
    data = sheet_data(event.session, Lena=(AttendanceStatus.NOT_ENROLLED, "", ""))
    client.post(url, data)
    assert event.session.records.get(attendee=late.attendee).status == AttendanceStatus.NOT_ENROLLED


def test_attendance_page_queries_do_not_grow_with_attendees(client, cast, activities, event):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from mentora.testing.factories_activities import ApplicationAttendeeFactory

    client.force_login(cast.professional)
    url = reverse("attendance_session", args=[event.pk])
    client.get(url)

    def page_queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context)

    few = page_queries()
    for _ in range(30):
        ApplicationAttendeeFactory(application=activities.north_app)
    client.get(url)  # adds their records
    event.session.records.update(status=AttendanceStatus.PRESENT)
    assert page_queries() == few
