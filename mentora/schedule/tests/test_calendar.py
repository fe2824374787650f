"""The calendar of mentors and customer admins: what it shows (DESIGN.md §3), its views,
navigation, filters, event details (htmx and plain), 403/404 and bounded queries."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mentora.customers.access import actor_for
from mentora.customers.models import Status
from mentora.schedule.calendar.grid import calendar_range
from mentora.schedule.calendar.selectors import CalendarFilter, calendar_day_events
from mentora.testing.factories_schedule import EventFactory
from mentora.testing.world import World, at, make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(cast) -> World:  # type: ignore[no-untyped-def]
    return make_world(cast)


CALENDAR = reverse("calendar")


def day_of(event) -> str:  # type: ignore[no-untyped-def]
    return timezone.localdate(event.starts_at).isoformat()


def event_url(event) -> str:  # type: ignore[no-untyped-def]
    return reverse("calendar_event", args=[event.pk])


def calendar_body(client, **params) -> str:  # type: ignore[no-untyped-def]
    response = client.get(CALENDAR, params)
    assert response.status_code == 200
    return response.content.decode()


def test_week_is_the_default_view_with_a_heading_per_day(client, scene):
    client.force_login(scene.cast.north_mentor)
    body = calendar_body(client)
    assert 'aria-current="page">Week<' in body
    monday = timezone.localdate() - datetime.timedelta(days=timezone.localdate().weekday())
    for n in range(7):
        assert f'id="day-{(monday + datetime.timedelta(days=n)).isoformat()}"' in body


@pytest.mark.parametrize("view", ["day", "week", "month", "list"])
def test_every_view_shows_visible_events_only(client, scene, view):
    client.force_login(scene.cast.north_mentor)
    body = calendar_body(client, view=view, date=day_of(scene.future_event))
    assert "Coaching 2" in body
    assert event_url(scene.future_event) in body
    body = calendar_body(client, view=view, date=day_of(scene.other_event))
    assert "Not yours" not in body
    assert "Pending lesson" not in body


def test_events_carry_time_title_and_kind_as_text(client, scene):
    client.force_login(scene.cast.north_mentor)
    body = calendar_body(client, view="day", date=day_of(scene.canceled_event))
    assert "cal-event--canceled" in body and "Coaching 3" in body
    assert "Canceled</span>" in body
    start = timezone.localtime(scene.canceled_event.starts_at).strftime("%H:%M")
    assert start in body
    body = calendar_body(client, view="day", date=day_of(scene.course_event))
    assert "cal-event--course" in body and "Course-instance event" in body
    body = calendar_body(client, view="day", date=day_of(scene.future_event))
    assert "cal-event--on-request" in body and "On-request event" in body


def test_previous_next_today_and_date_picker(client, scene):
    client.force_login(scene.cast.north_mentor)
    body = calendar_body(client, view="week", date="2026-03-11")
    assert "date=2026-03-04" in body and "date=2026-03-18" in body
    assert f"date={timezone.localdate().isoformat()}" in body
    assert 'type="date"' in body and 'for="calendar-date"' in body
    assert 'value="2026-03-11"' in body
    body = calendar_body(client, view="month", date="2026-03-11")
    assert "date=2026-02-01" in body and "date=2026-04-01" in body
    assert 'id="day-2026-02-23"' in body  # the month's weeks start on Monday
    body = calendar_body(client, view="day", date="not-a-date")
    assert f'id="day-{timezone.localdate().isoformat()}"' in body


def test_weekends_can_be_hidden(client, scene):
    client.force_login(scene.cast.north_mentor)
    body = calendar_body(client, view="week", date="2026-03-11", weekends="0")
    assert 'id="day-2026-03-14"' not in body and 'id="day-2026-03-13"' in body
    assert "Show weekends" in body
    body = calendar_body(client, view="week", date="2026-03-11")
    assert 'id="day-2026-03-14"' in body and "Hide weekends" in body


def test_filter_options_come_only_from_visible_events(client, scene):
    # Both in the week shown: the options come from the window, and the hidden event's are not among them.
    when = scene.future_event.starts_at
    other = EventFactory(
        application=scene.other_app,
        title="Hidden",
        language="en",
        professional=scene.cast.system_admin,
        starts_at=when,
        ends_at=when + datetime.timedelta(hours=1),
    )
    for instance in (scene.instance, scene.pending_instance):
        EventFactory(course_instance=instance, starts_at=when, ends_at=when + datetime.timedelta(hours=1))
    client.force_login(scene.cast.north_mentor)
    body = calendar_body(client, date=timezone.localdate(when).isoformat())
    assert scene.cast.professional.get_full_name() in body
    assert scene.cast.system_admin.get_full_name() not in body
    assert scene.other_app.service.name not in body
    assert str(scene.instance.course) in body
    assert str(scene.pending_instance.course) not in body
    assert other.title not in body


def test_filters_narrow_the_events(client, scene):
    client.force_login(scene.cast.north_mentor)
    date = day_of(scene.future_event)
    assert "Coaching 2" not in calendar_body(client, view="day", date=date, kind="course")
    assert "Coaching 2" in calendar_body(client, view="day", date=date, kind="on-request")
    assert "Coaching 2" in calendar_body(
        client, view="day", date=date, professional=scene.cast.professional.pk
    )
    EventFactory(
        application=scene.on_request,
        title="English hour",
        language="en",
        starts_at=at(3, 13),
        ends_at=at(3, 14),
    )
    body = calendar_body(client, view="day", date=date, language="en")
    assert "Coaching 2" not in body and "English hour" in body
    body = calendar_body(client, view="day", date=date, language="sv")
    assert "Coaching 2" in body and "English hour" not in body
    date = day_of(scene.canceled_event)
    assert "Coaching 3" in calendar_body(client, view="day", date=date, kind="canceled")
    date = day_of(scene.course_event)
    assert "Swedish lesson" in calendar_body(
        client, view="day", date=date, offering=f"c{scene.instance.course_id}"
    )
    assert "Swedish lesson" not in calendar_body(
        client, view="day", date=date, offering=f"s{scene.on_request.service_id}"
    )


def test_customer_filter_for_several_customers(client, scene):
    client.force_login(scene.cast.both_mentor)
    date = day_of(scene.course_event)
    body = calendar_body(client, view="day", date=date)
    assert 'name="customer"' in body and "Swedish lesson" in body
    assert "Swedish lesson" not in calendar_body(client, view="day", date=date, customer=scene.cast.north.pk)
    assert "Swedish lesson" in calendar_body(client, view="day", date=date, customer=scene.cast.south.pk)
    client.force_login(scene.cast.north_mentor)
    assert 'name="customer"' not in calendar_body(client)


def test_event_details_as_htmx_fragment_and_as_page(client, scene):
    client.force_login(scene.cast.north_mentor)
    fragment = client.get(event_url(scene.future_event), headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in fragment
    assert "Coaching 2" in fragment and "https://meet.example.com/room" in fragment
    assert reverse("mentor_application_detail", args=[scene.on_request.pk]) in fragment
    assert scene.cast.professional.get_full_name() in fragment
    page = client.get(event_url(scene.future_event)).content.decode()
    assert "<html" in page and "Back to the calendar" in page
    canceled = client.get(event_url(scene.canceled_event)).content.decode()
    assert "Teacher ill" in canceled and "Reason for canceling" in canceled
    course = client.get(event_url(scene.course_event)).content.decode()
    assert reverse("mentor_application_detail", args=[scene.course_app.pk]) in course
    assert reverse("mentor_application_detail", args=[scene.south_course_app.pk]) not in course
    assert "South Org" not in course


@pytest.mark.parametrize("back", ["/\\evil.example.com/", "//evil.example.com/", "https://evil.example.com/"])
def test_event_page_back_link_never_leaves_the_site(client, scene, back):
    client.force_login(scene.cast.north_mentor)
    page = client.get(event_url(scene.future_event), {"back": back}).content.decode()
    link = re.search(r'<a href="([^"]*)">Back to the calendar</a>', page)
    assert link is not None
    assert link.group(1).startswith(f"{CALENDAR}?date=")


def test_event_page_back_link_returns_to_the_calendar_view(client, scene):
    client.force_login(scene.cast.north_mentor)
    page = client.get(
        event_url(scene.future_event), {"back": "/schedule/calendar/?view=month"}
    ).content.decode()
    assert 'href="/schedule/calendar/?view=month"' in page


def test_calendar_page_has_the_live_details_panel(client, scene):
    client.force_login(scene.cast.north_mentor)
    body = calendar_body(client, view="day", date=day_of(scene.future_event))
    assert 'id="event-details" aria-live="polite"' in body
    assert 'hx-target="#event-details"' in body
    assert "js/calendar.js" in body


@pytest.mark.parametrize(
    ("who", "event"),
    [
        ("north_mentor", "other_event"),
        ("north_mentor", "pending_event"),
        ("north_mentor_unassigned", "future_event"),
        ("north_mentor_inactive", "future_event"),
        ("south_mentor", "future_event"),
        ("outsider", "future_event"),
        ("south_admin", "future_event"),
    ],
)
def test_event_not_visible_is_404(client, scene, who, event):
    client.force_login(getattr(scene.cast, who))
    url = event_url(getattr(scene, event))
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404


def test_changing_an_event_by_url_is_403(client, scene):
    client.force_login(scene.cast.north_mentor)
    assert client.post(event_url(scene.future_event)).status_code == 403


@pytest.mark.parametrize("who", ["outsider", "north_mentor_inactive", "professional"])
def test_calendar_is_for_mentors_and_customer_admins(client, scene, who):
    client.force_login(getattr(scene.cast, who))
    assert client.get(CALENDAR).status_code == 403


def test_inactive_customer_hides_its_events(client, scene):
    scene.cast.south.status = Status.INACTIVE
    scene.cast.south.save()
    client.force_login(scene.cast.south_mentor)
    assert client.get(CALENDAR).status_code == 403
    assert client.get(event_url(scene.course_event)).status_code == 404


def test_customer_admin_sees_the_customers_calendar(client, scene):
    client.force_login(scene.cast.north_admin)
    body = calendar_body(client, view="day", date=day_of(scene.other_event))
    assert "Not yours" in body  # every North application, mentored or not
    assert "Pending lesson" not in body  # North's course application is not approved
    details = client.get(event_url(scene.other_event)).content.decode()
    assert reverse("application_detail", args=[scene.other_app.pk]) in details
    details = client.get(event_url(scene.course_event)).content.decode()
    assert reverse("application_detail", args=[scene.course_app.pk]) in details
    assert reverse("application_detail", args=[scene.south_course_app.pk]) not in details
    client.force_login(scene.cast.south_admin)
    body = calendar_body(client, view="day", date=day_of(scene.other_event))
    assert "Not yours" not in body
    assert client.get(event_url(scene.course_event)).status_code == 200


def test_calendar_query_count_does_not_grow(client, scene):
    client.force_login(scene.cast.both_mentor)
    params = {"view": "month", "date": day_of(scene.future_event)}
    EventFactory(course_instance=scene.instance, starts_at=at(3, 13), ends_at=at(3, 14))
    client.get(CALENDAR, params)
    with CaptureQueriesContext(connection) as few:
        client.get(CALENDAR, params)
    for n in range(20):
        EventFactory(
            application=scene.on_request,
            starts_at=at(n % 5),
            ends_at=at(n % 5, 11),
            professional=scene.cast.professional,
        )
        EventFactory(course_instance=scene.instance, starts_at=at(n % 5, 13), ends_at=at(n % 5, 14))
    with CaptureQueriesContext(connection) as many:
        client.get(CALENDAR, params)
    assert len(many) == len(few)


def test_a_full_day_shows_a_few_events_then_more_linking_to_the_day_view(client, scene):
    client.force_login(scene.cast.north_mentor)
    day = timezone.localdate(scene.future_event.starts_at)
    for n in range(7):
        EventFactory(
            application=scene.on_request, title=f"Crowded {n}", starts_at=at(3, 12), ends_at=at(3, 13)
        )
    month = calendar_body(client, view="month", date=day.isoformat())
    day_link = f"view=day&amp;date={day.isoformat()}"
    # Coaching 2 and seven more on that day: the month cell shows three, then "+5 more".
    assert month.count('class="cal-event cal-event--on-request"') >= 3
    assert "+5 more" in month and day_link in month
    assert "Crowded 6" not in month
    week = calendar_body(client, view="week", date=day.isoformat())
    assert "+2 more" in week and "Crowded 4" in week and "Crowded 6" not in week
    day_view = calendar_body(client, view="day", date=day.isoformat())
    assert (
        "Crowded 6" in day_view
        and "more" not in day_view.split('class="calendar ', 1)[1].split("</div>", 1)[0]
    )
    assert "8 events in this period." in day_view


@pytest.mark.parametrize("month", [datetime.date(2030, 10, 1), datetime.date(2031, 3, 1)])
def test_each_event_falls_on_its_local_day_around_a_dst_change(scene, month):
    tz = ZoneInfo("Europe/Stockholm")  # summer time ends on 27 October 2030, starts on 30 March 2031
    days = calendar_range(view="month", anchor=month).days
    for day in days:
        for clock in (datetime.time(0, 0), datetime.time(12, 0), datetime.time(23, 59)):
            starts_at = datetime.datetime.combine(day, clock, tzinfo=tz)
            EventFactory(
                application=scene.on_request,
                starts_at=starts_at,
                ends_at=starts_at + datetime.timedelta(minutes=1),
            )
    by_day = calendar_day_events(
        actor=actor_for(scene.cast.north_mentor), days=days, tz=tz, filters=CalendarFilter(), per_day=2
    )
    assert list(by_day) == days
    for day, shown in by_day.items():
        assert shown.total == 3 and shown.more == 1
        assert [event.starts_at.astimezone(tz) for event in shown.events] == [
            datetime.datetime.combine(day, datetime.time(0, 0), tzinfo=tz),
            datetime.datetime.combine(day, datetime.time(12, 0), tzinfo=tz),
        ]


def test_filter_options_come_from_the_window_shown(client, scene):
    EventFactory(
        application=scene.on_request,
        title="Far away",
        starts_at=at(60),
        ends_at=at(60, 11),
        professional=scene.cast.system_admin,
    )
    client.force_login(scene.cast.north_mentor)
    this_week = calendar_body(client, date=day_of(scene.future_event))
    assert scene.cast.system_admin.get_full_name() not in this_week
    later = timezone.localdate(at(60)).isoformat()
    assert scene.cast.system_admin.get_full_name() in calendar_body(client, date=later)
    # A value chosen in another window stays offered and applied.
    chosen = calendar_body(client, date=day_of(scene.future_event), professional=scene.cast.system_admin.pk)
    assert f'value="{scene.cast.system_admin.pk}" selected' in chosen
    assert "Coaching 2" not in chosen


def test_filter_options_come_from_the_events_that_start_in_the_window(client, scene):
    later = timezone.localdate(at(60))
    monday = later - datetime.timedelta(days=later.weekday())
    starts_at = datetime.datetime.combine(
        monday, datetime.time(22, 0), tzinfo=timezone.get_current_timezone()
    )
    EventFactory(
        application=scene.on_request,
        starts_at=starts_at - datetime.timedelta(days=1),
        ends_at=starts_at,
        professional=scene.cast.system_admin,
    )
    client.force_login(scene.cast.north_mentor)
    # Shown on the Sunday before, and offered there, not in the week it runs into.
    assert scene.cast.system_admin.get_full_name() not in calendar_body(client, date=monday.isoformat())
    sunday = (monday - datetime.timedelta(days=1)).isoformat()
    assert scene.cast.system_admin.get_full_name() in calendar_body(client, date=sunday)


def test_event_panel_lists_the_actors_learners_on_the_event_with_links(client, scene):
    client.force_login(scene.cast.north_mentor)
    course = client.get(event_url(scene.course_event), headers={"HX-Request": "true"}).content.decode()
    assert "Your learners" in course
    assert reverse("learner_detail", args=[scene.course_mentee.pk]) in course
    assert "Sune" not in course  # another customer's learner of the same session
    on_request = client.get(event_url(scene.future_event), headers={"HX-Request": "true"}).content.decode()
    assert reverse("learner_detail", args=[scene.mentee.pk]) in on_request
    assert "Bo Bystander" not in on_request  # does not take part
    client.force_login(scene.cast.south_mentor)
    south = client.get(event_url(scene.course_event), headers={"HX-Request": "true"}).content.decode()
    assert "Sune Southlearner" in south and "Cleo" not in south
    client.force_login(scene.cast.north_admin)
    admin = client.get(event_url(scene.course_event), headers={"HX-Request": "true"}).content.decode()
    assert "Cleo Course" in admin and "Sune" not in admin
