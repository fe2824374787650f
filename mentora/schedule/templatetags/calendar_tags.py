"""The calendar's events, written in one pass: a list shows up to 310 of them, and the template's
loop cost some 300 Python calls an event (each value looked up, localized and escaped on its
own), most of the page's cost."""

from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import ngettext

from mentora.core.dates import format_date

if TYPE_CHECKING:
    from ..calendar.views import CalendarDay, CalendarEntry

register = template.Library()


@register.simple_tag
def calendar_entries(entries: "Sequence[CalendarEntry]") -> SafeString:
    """A day's events as the items of its list: each a link to its details (a page of its own,
    with the way back, or the side panel through htmx) with its times, title and kind, and its
    customers where the view names them."""
    repeated: dict[str, str] = {}  # the kinds' labels and the clock times recur

    def escape_repeated(text: str) -> str:
        if text not in repeated:
            repeated[text] = escape(text)
        return repeated[text]

    items = []
    for entry in entries:
        customers = ""
        if entry.customers:
            names = escape(", ".join(entry.customers))
            customers = f' <span class="cal-event__customer">{names}</span>'
        items.append(
            f'<li><a class="cal-event cal-event--{entry.kind}" href="{escape(entry.href)}"'
            f' hx-get="{escape(entry.url)}" hx-target="#event-details" hx-swap="innerHTML">'
            f'<span class="cal-event__time">{escape_repeated(entry.times)}</span>'
            f' <span class="cal-event__title">{escape(entry.title)}</span>'
            f' <span class="cal-event__kind">{escape_repeated(entry.kind_label)}</span>{customers}</a></li>'
        )
    # Every value is escaped by the stdlib's html.escape (what django.utils.html.escape calls);
    # the kind is one of EventKind's.
    return mark_safe("".join(items))  # noqa: S308


@register.simple_tag
def calendar_more(day: "CalendarDay") -> SafeString:
    """The item that leads from a day's first events to all of them (the day's own view)."""
    label = ngettext(
        '+%(counter)s more<span class="visually-hidden"> event on %(date)s</span>',
        '+%(counter)s more<span class="visually-hidden"> events on %(date)s</span>',
        day.more,
    ) % {"counter": day.more, "date": escape(format_date(day.date, "heading_day"))}
    return mark_safe(f'<li><a class="cal-more" href="{escape(day.day_url)}">{label}</a></li>')  # noqa: S308
