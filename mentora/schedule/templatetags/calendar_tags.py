"""The calendar's events, written in one pass: a list shows up to 310 of them, and the template's
loop cost some 300 Python calls an event (each value looked up, localized and escaped on its
own), most of the page's cost."""

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django import template
from django.utils.safestring import SafeString, mark_safe

if TYPE_CHECKING:
    from ..calendar.views import CalendarEntry

register = template.Library()

# As django.utils.html.escape, in one call per value.
HTML_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})


@register.simple_tag
def calendar_entries(entries: "Sequence[CalendarEntry]") -> SafeString:
    """A day's events as the items of its list: each a link to its details (a page of its own,
    with the way back, or the side panel through htmx) with its times, title and kind, and its
    customers where the view names them."""
    items = []
    for entry in entries:
        customers = ""
        if entry.customers:
            names = ", ".join(entry.customers).translate(HTML_ESCAPES)
            customers = f' <span class="cal-event__customer">{names}</span>'
        items.append(
            f'<li><a class="cal-event cal-event--{entry.kind}" href="{entry.href.translate(HTML_ESCAPES)}"'
            f' hx-get="{entry.url.translate(HTML_ESCAPES)}" hx-target="#event-details" hx-swap="innerHTML">'
            f'<span class="cal-event__time">{entry.times.translate(HTML_ESCAPES)}</span>'
            f' <span class="cal-event__title">{entry.title.translate(HTML_ESCAPES)}</span>'
            f' <span class="cal-event__kind">{entry.kind_label.translate(HTML_ESCAPES)}</span>{customers}</a></li>'
        )
    return mark_safe("".join(items))  # noqa: S308 - every value escaped; the kind is one of EventKind's
