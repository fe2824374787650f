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


def _session(scene, days_ago: int, status: str, attendee=None, application=None):
    event = EventFactory(
        application=application or scene.on_request, starts_at=at(-days_ago), ends_at=at(-days_ago, 11)
    )
    AttendanceRecordFactory(
        session=SessionFactory(event=event), attendee=attendee or scene.mentee, status=status
    )


def test_dashboard_shows_today_upcoming_and_attention(client, scene):
    EventFactory(
        application=scene.on_request,
        title="Midday coaching",
        starts_at=today_at(12),
        ends_at=today_at(13),
        online_url="https://meet.example.com/today",
    )
    # Cleo: absent from her two lessons, the latest ones: two absences in a row.
    lesson = EventFactory(
        course_instance=scene.instance, title="Older lesson", starts_at=at(-5), ends_at=at(-5, 12)
    )
    AttendanceRecordFactory(
        session=SessionFactory(event=lesson), attendee=scene.course_mentee, status="ABSENT"
    )
    client.force_login(scene.cast.north_mentor)
    body = client.get(HOME).content.decode()
    assert "Midday coaching" in body and "https://meet.example.com/today" in body and "Open classroom" in body
    assert "Coaching 2" in body  # in three days
    assert "Coaching 3" in body and "Canceled" in body
    assert "Not yours" not in body and "Pending lesson" not in body
    assert "North Org" in body and "You: Mentor" not in body  # goes without saying on a mentor's dashboard
    attention = body.split("Mentees whose attendance needs attention")[1].split("</section>")[0]
    assert "Cleo Course" in attention and "2 absences in a row" in attention and "SWE-1" in attention
    assert "Mona Mentee" not in attention
    assert "once enough sessions count" in attention  # the rule is stated where it is shown
    assert "Sune" not in body


def test_attention_rule_rate_after_three_sessions_or_two_absences_in_a_row(scene):
    actor = actor_for(scene.cast.north_mentor)
    # Mona: present at Coaching 1 (2 days ago); before it 3 present, then 1 absent: 80 %, fine.
    for days in range(3, 6):
        _session(scene, days, AttendanceStatus.PRESENT)
    _session(scene, 1, AttendanceStatus.ABSENT)
    names = {m.attendee.full_name for m in mentees_needing_attention(actor=actor, now=timezone.now())}
    assert "Mona Mentee" not in names
    # A second absence in a row flags her.
    _session(scene, 0, AttendanceStatus.ABSENT)
    found = {
        m.attendee.full_name: m.attention for m in mentees_needing_attention(actor=actor, now=timezone.now())
    }
    assert found["Mona Mentee"].absences_in_a_row == 2 and found["Mona Mentee"].too_many_absences
    # Sessions that start after `now` do not count yet.
    before = timezone.now() - datetime.timedelta(days=10)
    assert mentees_needing_attention(actor=actor, now=before) == []


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


def test_a_crowded_day_still_shows_what_comes_next(scene, monkeypatch):
    """Today's and the coming events are read together; a day with more events than the
    dashboard shows must not push the coming ones out."""
    from mentora.mentoring.selectors import applications

    monkeypatch.setattr(applications, "TODAY_LIMIT", 2)
    monkeypatch.setattr(applications, "UPCOMING_LIMIT", 1)  # three rows read: all of today's
    for hour in (9, 10, 11):
        EventFactory(
            application=scene.on_request,
            title=f"Today {hour}",
            starts_at=today_at(hour),
            ends_at=today_at(hour + 1),
        )
    now = timezone.now()
    today_start = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    dashboard = applications.dashboard_for_mentor(
        actor=actor_for(scene.cast.north_mentor), now=now, today_start=today_start
    )
    assert [row.title for row in dashboard.today] == ["Today 9", "Today 10"]
    assert [row.title for row in dashboard.upcoming] == ["Coaching 2"]  # in three days
