"""Template filters for mentora.core.dates: `{% load dates %}`, then `{{ value|list_date }}`,
`{{ value|detail_datetime }}`, `{% time_range start end %}`, `{% event_when start end %}`,
`{% zone_label %}`. For an e-mail, `{{ value|email_datetime:time_zone }}` reads the detail form in
the recipient's zone and names the zone."""

import datetime

from django import template

from mentora.core import dates

register = template.Library()


def _filter(context: str):  # type: ignore[no-untyped-def]
    def render(value: dates.DateOrTime | None) -> str:
        return dates.format_date(value, context)

    render.__name__ = context
    return render


for _context in dates.CONTEXTS:
    register.filter(_context, _filter(_context), is_safe=True)


@register.filter(is_safe=True)
def email_datetime(value: datetime.datetime | None, zone_name: str = "") -> str:
    """The detail form in the recipient's zone, followed by the zone: "2 December 2026, 14:05
    (Europe/Stockholm)"."""
    if value is None:
        return ""
    zone = dates.zone_for(zone_name)
    return f"{dates.format_date(value, 'detail_datetime', zone=zone)} ({dates.zone_label(zone or None)})"


@register.simple_tag
def time_range(start: datetime.datetime, end: datetime.datetime) -> str:
    return dates.time_range(start, end)


@register.simple_tag
def event_when(start: datetime.datetime, end: datetime.datetime) -> str:
    return dates.event_when(start, end)


@register.simple_tag
def zone_label(zone: str = "") -> str:
    return dates.zone_label(zone or None)
