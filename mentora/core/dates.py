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
import functools
import re
import zoneinfo
from dataclasses import dataclass

from django.utils import dates, timezone, translation

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


@dataclass(frozen=True)
class _Names:
    """A language's month and weekday names, translated once."""

    months: tuple[str, ...]  # F
    months_short: tuple[str, ...]  # {b}
    weekdays: tuple[str, ...]  # l
    weekdays_short: tuple[str, ...]  # D


@functools.cache
def _names(language: str) -> _Names:
    with translation.override(language):
        return _Names(
            months=tuple(str(dates.MONTHS[m]) for m in range(1, 13)),
            months_short=_SWEDISH_MONTHS_SHORT
            if language == "sv"
            else tuple(str(dates.MONTHS_3[m]).title() for m in range(1, 13)),
            weekdays=tuple(str(dates.WEEKDAYS[d]) for d in range(7)),
            weekdays_short=tuple(str(dates.WEEKDAYS_ABBR[d]) for d in range(7)),
        )


# The letters the formats use, as Django's date filter reads them; a backslash escapes a letter.
_LETTERS = {
    "j": lambda v, n: str(v.day),
    "d": lambda v, n: f"{v.day:02d}",
    "m": lambda v, n: f"{v.month:02d}",
    "Y": lambda v, n: f"{v.year:04d}",
    "H": lambda v, n: f"{v.hour:02d}",
    "i": lambda v, n: f"{v.minute:02d}",
    "F": lambda v, n: n.months[v.month - 1],
    "b": lambda v, n: n.months_short[v.month - 1],
    "l": lambda v, n: n.weekdays[v.weekday()],
    "D": lambda v, n: n.weekdays_short[v.weekday()],
}


@functools.cache
def _pattern(language: str, context: str) -> tuple[str, ...]:
    """The context's format split into letters (one character) and literal text (escaped with a
    leading backslash), read once: formatting is then a lookup per letter, which matters on pages
    that write a date in every cell."""
    parts = []
    for escaped, character in re.findall(r"\\(.)|(.)", _FORMATS[language][context].replace("{b}", "b")):
        if character in _LETTERS:
            parts.append(character)
        elif character.isalpha():
            raise ValueError(f"date format letter {character!r} is not written here")
        else:
            parts.append("\\" + (escaped or character))
    return tuple(parts)


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
    names = _names(language)
    return "".join(
        part[1] if part[0] == "\\" else _LETTERS[part](value, names) for part in _pattern(language, context)
    )


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
