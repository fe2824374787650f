"""How dates and times read, per context, in both languages: the one place for it.

Contexts, and how each reads in English and Swedish:

| context | English | Swedish |
|---|---|---|
| list_date: tables and lists | 2 Dec 2026 | 2 dec. 2026 |
| list_datetime | 2 Dec 2026, 14:05 | 2 dec. 2026 14:05 |
| day: a day in a list or calendar, no year | Wed 2 Dec | ons 2 dec. |
| day_with_year | Wed 2 Dec 2026 | ons 2 dec. 2026 |
| heading_date: a day as a heading | Wednesday 2 December 2026 | onsdag 2 december 2026 |
| heading_day: the same without the year | Wednesday 2 December | onsdag 2 december |
| detail_date: detail pages and sentences | 2 December 2026 | 2 december 2026 |
| detail_datetime (also e-mails) | 2 December 2026, 14:05 | 2 december 2026 kl. 14:05 |
| month_year | December 2026 | december 2026 |
| weekday: a column heading of the month grid | Wed | ons |
| clock | 14:05 | 14:05 |
| iso_date: only where sorting matters (exports, machine-readable) | 2026-12-02 | 2026-12-02 |

English reads day first with a 24-hour clock; Swedish month and weekday names are lower case.
A time zone is always named the same way, by `zone_label` ("Europe/Stockholm"), on pages and in
e-mails alike. Aware datetimes are shown in the active time zone (the person's own, set by the
middleware; an e-mail passes the recipient's zone)."""

import datetime
import zoneinfo

from django.utils import dateformat, timezone, translation

# Swedish abbreviations as Språkrådet writes them: a full stop where letters were left out.
_SWEDISH_MONTHS_SHORT = (
    "jan.",
    "feb.",
    "mars",
    "apr.",
    "maj",
    "juni",
    "juli",
    "aug.",
    "sep.",
    "okt.",
    "nov.",
    "dec.",
)

# Django's date-format letters; "{b}" stands for the language's short month name.
_FORMATS = {
    "en": {
        "list_date": "j {b} Y",
        "list_datetime": "j {b} Y, H:i",
        "day": "D j {b}",
        "day_with_year": "D j {b} Y",
        "heading_date": "l j F Y",
        "heading_day": "l j F",
        "detail_date": "j F Y",
        "detail_datetime": "j F Y, H:i",
        "month_year": "F Y",
        "weekday": "D",
        "clock": "H:i",
        "iso_date": "Y-m-d",
    },
    "sv": {
        "list_date": "j {b} Y",
        "list_datetime": "j {b} Y H:i",
        "day": "D j {b}",
        "day_with_year": "D j {b} Y",
        "heading_date": "l j F Y",
        "heading_day": "l j F",
        "detail_date": "j F Y",
        "detail_datetime": r"j F Y \k\l. H:i",
        "month_year": "F Y",
        "weekday": "D",
        "clock": "H:i",
        "iso_date": "Y-m-d",
    },
}
CONTEXTS = tuple(_FORMATS["en"])

DateOrTime = datetime.date | datetime.datetime


def _language() -> str:
    language = (translation.get_language() or "en").split("-")[0]
    return language if language in _FORMATS else "en"


def _short_month(value: DateOrTime, language: str) -> str:
    if language == "sv":
        return _SWEDISH_MONTHS_SHORT[value.month - 1]
    return dateformat.format(value, "M")


def _escaped(text: str) -> str:
    return "".join("\\" + character for character in text)


def _local(value: DateOrTime, zone: datetime.tzinfo | None = None) -> DateOrTime:
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value, zone)
    return value


def format_date(value: DateOrTime | None, context: str, *, zone: datetime.tzinfo | None = None) -> str:
    """`value` as it reads in `context` (one of CONTEXTS) in the active language; "" for None.

    An aware datetime is first turned into `zone`, by default the active time zone."""
    if value is None or value == "":
        return ""
    language = _language()
    value = _local(value, zone)
    pattern = _FORMATS[language][context]
    if "{b}" in pattern:
        pattern = pattern.replace("{b}", _escaped(_short_month(value, language)))
    return dateformat.format(value, pattern)


def time_range(start: datetime.datetime, end: datetime.datetime) -> str:
    """ "09:00–10:30" on one day; "2 Dec 2026, 09:00 – 3 Dec 2026, 10:30" across days."""
    start, end = timezone.localtime(start), timezone.localtime(end)
    if start.date() == end.date():
        return f"{format_date(start, 'clock')}–{format_date(end, 'clock')}"
    return f"{format_date(start, 'list_datetime')} – {format_date(end, 'list_datetime')}"


def event_when(start: datetime.datetime, end: datetime.datetime) -> str:
    """An event's day and times: "Wed 2 Dec 2026, 09:00–10:30" / "ons 2 dec. 2026 09:00–10:30"."""
    start, end = timezone.localtime(start), timezone.localtime(end)
    if start.date() != end.date():
        return time_range(start, end)
    separator = " " if _language() == "sv" else ", "
    return f"{format_date(start, 'day_with_year')}{separator}{time_range(start, end)}"


def zone_label(zone: str | datetime.tzinfo | None = None) -> str:
    """The one way a time zone is named: its IANA name, e.g. "Europe/Stockholm" (the active zone
    when none is given)."""
    if zone is None:
        zone = timezone.get_current_timezone()
    name = zone if isinstance(zone, str) else getattr(zone, "key", None) or str(zone)
    return name.replace("_", " ")


def zone_for(name: str | None) -> zoneinfo.ZoneInfo | None:
    """The zone called `name`, or None for an empty or unknown name."""
    try:
        return zoneinfo.ZoneInfo(name) if name else None
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None
