"""The calendar's dates: which days a day, week, month or list view covers, and where previous
and next lead. Pure date arithmetic in the user's time zone; no database."""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mentora.core.exceptions import InvalidInput
from mentora.core.forms import date_in_range, date_range_message

VIEWS = {
    "week": _("Week"),
    "day": _("Day"),
    "month": _("Month"),
    "list": _("List"),
}
DEFAULT_VIEW = "week"
SATURDAY = 5


@dataclass(frozen=True)
class CalendarRange:
    view: str
    anchor: datetime.date
    first: datetime.date  # first day shown
    last: datetime.date  # last day shown (inclusive)
    previous: datetime.date
    next: datetime.date

    @property
    def days(self) -> list[datetime.date]:
        count = (self.last - self.first).days + 1
        return [self.first + datetime.timedelta(days=n) for n in range(count)]

    def bounds(self) -> tuple[datetime.datetime, datetime.datetime]:
        """[start, end) as aware datetimes at local midnight (DST-safe: each end is built from a date)."""
        tz = timezone.get_current_timezone()
        start = datetime.datetime.combine(self.first, datetime.time.min, tzinfo=tz)
        end = datetime.datetime.combine(self.last + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz)
        return start, end


def _add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, 1)


def calendar_range(*, view: str, anchor: datetime.date) -> CalendarRange:
    if view not in VIEWS:
        view = DEFAULT_VIEW
    if view == "day":
        one = datetime.timedelta(days=1)
        return CalendarRange(view, anchor, anchor, anchor, anchor - one, anchor + one)
    if view == "week":
        monday = anchor - datetime.timedelta(days=anchor.weekday())
        week = datetime.timedelta(days=7)
        return CalendarRange(
            view, anchor, monday, monday + datetime.timedelta(days=6), anchor - week, anchor + week
        )
    first_of_month = anchor.replace(day=1)
    last_of_month = _add_months(anchor, 1) - datetime.timedelta(days=1)
    previous, following = _add_months(anchor, -1), _add_months(anchor, 1)
    if view == "list":
        return CalendarRange(view, anchor, first_of_month, last_of_month, previous, following)
    # Month: whole weeks, Monday to Sunday, around the month.
    first = first_of_month - datetime.timedelta(days=first_of_month.weekday())
    last = last_of_month + datetime.timedelta(days=6 - last_of_month.weekday())
    return CalendarRange(view, anchor, first, last, previous, following)


def parse_date(value: str | None, *, default: datetime.date) -> datetime.date:
    """The day a URL asks for; `default` when it asks for none or for no date. Raises
    InvalidInput for a date outside the years a date field takes (the month around year 9999
    does not exist)."""
    try:
        day = datetime.date.fromisoformat(value or "")
    except ValueError:
        return default
    if not date_in_range(day):
        raise InvalidInput(date_range_message())
    return day


def is_weekend(day: datetime.date) -> bool:
    return day.weekday() >= SATURDAY
