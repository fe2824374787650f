"""The mentor's dashboard on the home page."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mentora.attendance.models import AttendanceStatus
from mentora.customers.access import actor_for
from mentora.mentoring.selectors.attendance import mentees_needing_attention
from mentora.testing.factories_activities import ApplicationAttendeeFactory
from mentora.testing.factories_schedule import AttendanceRecordFactory, EventFactory, SessionFactory
from mentora.testing.world import at

pytestmark = pytest.mark.django_db

HOME = reverse("home")


def today_at(hour: int) -> datetime.datetime:
    local = timezone.localtime()
    return local.replace(hour=hour, minute=0, second=0, microsecond=0)


def test_dashboard_shows_today_upcoming_and_attention(client, scene):
    EventFactory(
        application=scene.on_request,
        title="Midday coaching",
        starts_at=today_at(12),
        ends_at=today_at(13),
        online_url="https://meet.example.com/today",
    )
    client.force_login(scene.cast.north_mentor)
    body = client.get(HOME).content.decode()
    assert "Midday coaching" in body and "https://meet.example.com/today" in body and "Open classroom" in body
    assert "Coaching 2" in body  # in three days
    assert "Coaching 3" in body and "Canceled" in body
    assert "Not yours" not in body and "Pending lesson" not in body
    assert "North Org" in body and "You: Mentor" not in body  # goes without saying on a mentor's dashboard
    assert "Cleo Course" in body  # absent at her only session: 0 %
    assert (
        "Mona Mentee" not in body.split("Mentees whose attendance needs attention")[1].split("</section>")[0]
    )
    assert "Sune" not in body


def test_attention_rule_rate_under_80_or_two_absences(scene):
    actor = actor_for(scene.cast.north_mentor)
    # Mona: 4 present, 1 absent → 80 %: not under 80 %, one absence: fine.
    for days in range(3, 7):
        session = SessionFactory(
            event=EventFactory(application=scene.on_request, starts_at=at(-days), ends_at=at(-days, 11))
        )
        AttendanceRecordFactory(session=session, attendee=scene.mentee, status=AttendanceStatus.PRESENT)
    session = SessionFactory(
        event=EventFactory(application=scene.on_request, starts_at=at(-8), ends_at=at(-8, 11))
    )
    AttendanceRecordFactory(session=session, attendee=scene.mentee, status=AttendanceStatus.ABSENT)
    names = {m.attendee.full_name for m in mentees_needing_attention(actor=actor, now=timezone.now())}
    assert "Mona Mentee" not in names
    assert names == {"Cleo Course", "Bo Bystander"}
    # A second absence within 30 days flags her (rate 4/6 too).
    session = SessionFactory(
        event=EventFactory(application=scene.on_request, starts_at=at(-9), ends_at=at(-9, 11))
    )
    AttendanceRecordFactory(session=session, attendee=scene.mentee, status=AttendanceStatus.ABSENT)
    names = {m.attendee.full_name for m in mentees_needing_attention(actor=actor, now=timezone.now())}
    assert "Mona Mentee" in names
    # Older than 30 days does not count.
    later = timezone.now() + datetime.timedelta(days=40)
    assert mentees_needing_attention(actor=actor, now=later) == []


def test_friendly_empty_states(client, scene):
    client.force_login(scene.cast.north_mentor_unassigned)
    body = client.get(HOME).content.decode()
    assert "Nothing scheduled today" in body
    assert "No events in the next two weeks." in body
    assert "none of your mentees needs attention" in body
    assert "no unread comments" in body
    assert "No observations yet." in body


@pytest.mark.parametrize("who", ["outsider", "north_admin", "north_mentor_inactive", "professional"])
def test_no_dashboard_without_an_active_mentor_membership(client, scene, who):
    client.force_login(getattr(scene.cast, who))
    body = client.get(HOME).content.decode()
    assert "Mentees whose attendance needs attention" not in body


def test_several_customers_show_each_customer(client, scene):
    client.force_login(scene.cast.both_mentor)
    body = client.get(HOME).content.decode()
    assert "North Org" in body and "South Org" in body


def test_navigation_entries(client, scene):
    client.force_login(scene.cast.north_mentor)
    body = client.get(HOME).content.decode()
    for url in (reverse("mentor_applications"), reverse("calendar"), reverse("mentor_attendance_sessions")):
        assert f'href="{url}"' in body
    client.force_login(scene.cast.north_admin)
    body = client.get(HOME).content.decode()
    assert f'href="{reverse("calendar")}"' in body
    assert f'href="{reverse("mentor_applications")}"' not in body


def test_dashboard_query_count_does_not_grow(client, scene):
    client.force_login(scene.cast.north_mentor)
    client.get(HOME)
    with CaptureQueriesContext(connection) as few:
        client.get(HOME)
    for n in range(8):
        EventFactory(application=scene.on_request, starts_at=at(n % 3 + 1), ends_at=at(n % 3 + 1, 11))
        participation = ApplicationAttendeeFactory(application=scene.on_request)
        AttendanceRecordFactory(
            session=scene.past_session, attendee=participation.attendee, status=AttendanceStatus.ABSENT
        )
    with CaptureQueriesContext(connection) as many:
        client.get(HOME)
    assert len(many) == len(few)
