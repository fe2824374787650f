"""A day's events, and the month's and the list's days, written in Python, are what the calendar
template's loops wrote: every value escaped, the customers only where the view names them."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from mentora.schedule.calendar.selectors import EventKind
from mentora.schedule.calendar.views import CalendarDay, CalendarEntry
from mentora.schedule.templatetags.calendar_tags import (
    calendar_entries,
    calendar_list_days,
    calendar_month_week,
    calendar_more,
)

# The loop as the calendar's template wrote it (the list view's; the other views' entries have no
# customers), kept here as the reference.
TEMPLATE_LOOP = (
    '{% for entry in entries %}<li><a class="cal-event cal-event--{{ entry.kind }}" href="{{ entry.href }}"'
    ' hx-get="{{ entry.url }}" hx-target="#event-details" hx-swap="innerHTML">'
    '<span class="cal-event__time">{{ entry.times }}</span> <span class="cal-event__title">{{ entry.title }}</span>'
    ' <span class="cal-event__kind">{{ entry.kind_label }}</span>{% if entry.customers %}'
    ' <span class="cal-event__customer">{{ entry.customers|join:", " }}</span>{% endif %}</a></li>{% endfor %}'
)


def entries() -> list[CalendarEntry]:
    return [
        CalendarEntry(
            title='Åsa\'s <b>"lesson"</b> & more',
            kind=EventKind.ON_REQUEST,
            kind_label=str(EventKind.LABELS[EventKind.ON_REQUEST]),
            customers=["Smith & <Sons>"],
            url="/calendar/events/7/",
            back="?back=%2Fcalendar%2F%3Fview%3Dlist&x='1'",
            times="09:00–10:30",
        ),
        CalendarEntry(
            title="Course day",
            kind=EventKind.COURSE,
            kind_label=str(EventKind.LABELS[EventKind.COURSE]),
            customers=["North", "O'Neill AB"],
            url="/calendar/events/12345/",
            back="?back=%2Fcalendar%2F",
            times="13:00–14:00",
        ),
        CalendarEntry(
            title="Canceled",
            kind=EventKind.CANCELED,
            kind_label=str(EventKind.LABELS[EventKind.CANCELED]),
            customers=[],
            url="/calendar/events/8/",
            back="?back=%2Fcalendar%2F",
            times="23:00–23:59",
        ),
    ]


@pytest.mark.parametrize("language", ["en", "sv"])
def test_calendar_entries_are_the_template_loop(language):
    with translation.override(language):
        shown = entries()
        expected = Template(TEMPLATE_LOOP).render(Context({"entries": shown}))
        written = calendar_entries(shown)
    assert written == expected
    assert "Åsa&#x27;s &lt;b&gt;&quot;lesson&quot;&lt;/b&gt; &amp; more" in written
    assert "Smith &amp; &lt;Sons&gt;</span>" in written and "North, O&#x27;Neill AB</span>" in written
    assert written.count("cal-event__customer") == 2
    assert calendar_entries([]) == ""


# The link to a day's other events, as the template wrote it.
TEMPLATE_MORE = (
    '{% load i18n dates %}<li><a class="cal-more" href="{{ day.day_url }}">{% blocktranslate count counter=day.more'
    ' with date=day.date|heading_day %}+{{ counter }} more<span class="visually-hidden"> event on {{ date }}</span>'
    '{% plural %}+{{ counter }} more<span class="visually-hidden"> events on {{ date }}</span>'
    "{% endblocktranslate %}</a></li>"
)


@pytest.mark.parametrize("language", ["en", "sv"])
@pytest.mark.parametrize("more", [1, 3])
def test_calendar_more_is_the_template_link(language, more):
    date = datetime.date(2026, 12, 2)
    day = CalendarDay(
        date=date,
        iso=date.isoformat(),
        number="2",
        heading="",
        entries=[],
        is_today=False,
        in_range=True,
        more=more,
        day_url="/calendar/?view=day&customer=1&date=2026-12-02",
    )
    with translation.override(language):
        expected = Template(TEMPLATE_MORE).render(Context({"day": day}))
        written = calendar_more(day)
    assert written == expected
    assert 'href="/calendar/?view=day&amp;customer=1&amp;date=2026-12-02"' in written
    assert (" events on " in written) is (language == "en" and more == 3)
    assert ("tillfälle" in written) is (language == "sv")


# The month's days and the list's days, as the template's loops wrote them.
TEMPLATE_MONTH_WEEK = """{% load i18n calendar_tags %}{% for day in week %}
            <section class="cal-day cal-day--month{% if not day.in_range %} cal-day--outside{% endif %}{% if day.is_today %} cal-day--today{% endif %}" aria-labelledby="day-{{ day.iso }}">
              <h3 id="day-{{ day.iso }}"><span aria-hidden="true">{{ day.number }}</span><span class="visually-hidden">{{ day.heading }}</span>{% if day.is_today %} <span class="badge badge--info">{% translate "Today" %}</span>{% endif %}</h3>
              {% if day.entries %}<ul class="cal-events">{% calendar_entries day.entries %}{% if day.more %}{% calendar_more day %}{% endif %}</ul>{% endif %}
            </section>
          {% endfor %}"""
TEMPLATE_LIST_DAYS = """{% load i18n calendar_tags %}{% for day in days %}{% if day.entries %}
        <section class="cal-list-day" aria-labelledby="day-{{ day.iso }}">
          <h3 id="day-{{ day.iso }}">{{ day.heading }}{% if day.is_today %} <span class="badge badge--info">{% translate "Today" %}</span>{% endif %}</h3>
          <ul class="cal-events">{% calendar_entries day.entries %}{% if day.more %}{% calendar_more day %}{% endif %}</ul>
        </section>
      {% endif %}{% empty %}{% endfor %}"""


def days() -> list[CalendarDay]:
    shown = entries()
    first = datetime.date(2026, 11, 30)
    return [
        CalendarDay(
            date=first + datetime.timedelta(days=i),
            iso=(first + datetime.timedelta(days=i)).isoformat(),
            number=str((first + datetime.timedelta(days=i)).day),
            heading=f"Day <{i}> & more",
            entries=shown[: i % 4],
            is_today=i == 2,
            in_range=i > 0,
            more=i % 3,
            day_url=f"/calendar/?view=day&date=2026-12-0{i}",
        )
        for i in range(7)
    ]


@pytest.mark.parametrize("language", ["en", "sv"])
def test_month_week_and_list_days_are_the_template_loops(language):
    week = days()
    with translation.override(language):
        assert calendar_month_week(week) == Template(TEMPLATE_MONTH_WEEK).render(Context({"week": week}))
        assert calendar_list_days(week) == Template(TEMPLATE_LIST_DAYS).render(Context({"days": week}))
        written = calendar_month_week(week)
    assert "Day &lt;1&gt; &amp; more" in written
    assert written.count("cal-day--today") == 1 and written.count("cal-day--outside") == 1
    assert calendar_list_days([]) == "" and calendar_month_week([]) == ""
