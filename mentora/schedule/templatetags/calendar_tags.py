"""The calendar's events and the days of its month and list, written in one pass: a list shows up
to 310 events, and the template's loop cost some 300 Python calls an event (each value looked up,
localized and escaped on its own), most of the page's cost; a month's 42 days cost some 100 calls
a day in the template."""

from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from mentora.core.dates import format_date

if TYPE_CHECKING:
    from ..calendar.views import CalendarDay, CalendarEntry

register = template.Library()


class _Escaped(dict[str, str]):
    """Texts escaped once each however often they recur on a page: the way back, the kinds'
    labels, the clock times, many titles and customers (`escaped[text]`)."""

    def __missing__(self, text: str) -> str:
        self[text] = value = escape(text)
        return value


@register.simple_tag
def calendar_entries(entries: "Sequence[CalendarEntry]") -> SafeString:
    """A day's events as the items of its list: each a link to its details (a page of its own,
    with the way back, or the side panel through htmx) with its times, title and kind, and its
    customers where the view names them."""
    # Every value is escaped by the stdlib's html.escape (what django.utils.html.escape calls);
    # the kind is one of EventKind's.
    return mark_safe(_entries(entries, _Escaped()))  # noqa: S308


def _entries(entries: "Sequence[CalendarEntry]", escaped: _Escaped) -> str:
    items = []
    for entry in entries:
        customers = ""
        if entry.customers:
            customers = f' <span class="cal-event__customer">{escaped[", ".join(entry.customers)]}</span>'
        url = escape(entry.url)  # the link's href is the url and the way back: each escaped once
        items.append(
            f'<li><a class="cal-event cal-event--{entry.kind}" href="{url}{escaped[entry.back]}"'
            f' hx-get="{url}" hx-target="#event-details" hx-swap="innerHTML">'
            f'<span class="cal-event__time">{escaped[entry.times]}</span>'
            f' <span class="cal-event__title">{escaped[entry.title]}</span>'
            f' <span class="cal-event__kind">{escaped[entry.kind_label]}</span>{customers}</a></li>'
        )
    return "".join(items)


@register.simple_tag
def calendar_more(day: "CalendarDay") -> SafeString:
    """The item that leads from a day's first events to all of them (the day's own view)."""
    label = ngettext(
        '+%(counter)s more<span class="visually-hidden"> event on %(date)s</span>',
        '+%(counter)s more<span class="visually-hidden"> events on %(date)s</span>',
        day.more,
    ) % {"counter": day.more, "date": escape(format_date(day.date, "heading_day"))}
    return mark_safe(f'<li><a class="cal-more" href="{escape(day.day_url)}">{label}</a></li>')  # noqa: S308


def _day_list(day: "CalendarDay", escaped: _Escaped) -> str:
    """The items of a day's list: its first events, then the way to the others."""
    more = calendar_more(day) if day.more else ""
    return f'<ul class="cal-events">{_entries(day.entries, escaped)}{more}</ul>'


def _today_badge(day: "CalendarDay") -> str:
    return f' <span class="badge badge--info">{escape(gettext("Today"))}</span>' if day.is_today else ""


# The days' sections with the indentation the template gave them (the page is the same to the byte).
_MONTH_DAY = """
            <section class="cal-day cal-day--month{classes}" aria-labelledby="day-{iso}">
              <h3 id="day-{iso}"><span aria-hidden="true">{number}</span><span class="visually-hidden">{heading}</span>{today}</h3>
              {events}
            </section>
          """
_LIST_DAY = """
        <section class="cal-list-day" aria-labelledby="day-{iso}">
          <h3 id="day-{iso}">{heading}{today}</h3>
          {events}
        </section>
      """


@register.simple_tag
def calendar_month_week(week: "Sequence[CalendarDay]") -> SafeString:
    """A week of the month's grid: each day's cell, its number shown and its name read out, with
    its first events."""
    cells = []
    escaped = _Escaped()
    for day in week:
        classes = (" cal-day--outside" if not day.in_range else "") + (
            " cal-day--today" if day.is_today else ""
        )
        cells.append(
            _MONTH_DAY.format(
                classes=classes,
                iso=day.iso,
                number=day.number,
                heading=escape(day.heading),
                today=_today_badge(day),
                events=_day_list(day, escaped) if day.entries else "",
            )
        )
    # The day's values are escaped by html.escape (its iso date and number are digits).
    return mark_safe("".join(cells))  # noqa: S308


@register.simple_tag
def calendar_list_days(days: "Sequence[CalendarDay]") -> SafeString:
    """The list's days that have events: each its heading and its first events."""
    escaped = _Escaped()
    sections = [
        _LIST_DAY.format(
            iso=day.iso, heading=escape(day.heading), today=_today_badge(day), events=_day_list(day, escaped)
        )
        for day in days
        if day.entries
    ]
    # The day's values are escaped by html.escape (its iso date is digits).
    return mark_safe("".join(sections))  # noqa: S308
