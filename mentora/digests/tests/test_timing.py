"""When a digest is due: weekdays (daily) and Mondays (weekly) from 07:00 to noon in the
person's own zone, across daylight-saving changes."""

import datetime

import pytest

from mentora.digests.models import DigestKind
from mentora.digests.timing import due_period, due_periods_by_zone

UTC = datetime.UTC
DAILY, WEEKLY = DigestKind.DAILY, DigestKind.WEEKLY


def utc(*args: int) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=UTC)


def hours(period) -> datetime.timedelta:  # type: ignore[no-untyped-def]
    """The real length of a period (subtracting two times of one zone would give wall-clock time)."""
    return period.ends_at.astimezone(UTC) - period.starts_at.astimezone(UTC)


@pytest.mark.parametrize(
    ("now", "due"),
    [
        (utc(2026, 12, 8, 5, 59), False),  # Tuesday 06:59 in Stockholm (UTC+1)
        (utc(2026, 12, 8, 6, 0), True),  # 07:00
        (utc(2026, 12, 8, 10, 59), True),  # 11:59: still catching up
        (utc(2026, 12, 8, 11, 0), False),  # noon: that morning's digest is skipped
        (utc(2026, 12, 11, 6, 0), True),  # Friday
        (utc(2026, 12, 12, 6, 0), False),  # Saturday
        (utc(2026, 12, 13, 6, 0), False),  # Sunday
    ],
)
def test_daily_on_weekdays_from_seven_in_stockholm(now, due):
    period = due_period(DAILY, now=now, time_zone="Europe/Stockholm")
    assert (period is not None) == due
    if period is not None:
        assert period.start == period.last == now.date()


def test_weekly_only_on_mondays_and_covers_seven_days():
    assert due_period(WEEKLY, now=utc(2026, 12, 8, 6, 0), time_zone="Europe/Stockholm") is None
    period = due_period(WEEKLY, now=utc(2026, 12, 7, 6, 0), time_zone="Europe/Stockholm")
    assert period is not None
    assert (period.start, period.last) == (datetime.date(2026, 12, 7), datetime.date(2026, 12, 13))
    assert hours(period) == datetime.timedelta(hours=168)


def test_several_zones_at_one_moment():
    zones = ["Europe/Stockholm", "Europe/London", "America/New_York", "Asia/Tokyo"]
    # Tuesday 8 December, 06:00 UTC: 07:00 in Stockholm, 06:00 in London, 01:00 in New York,
    # 15:00 in Tokyo.
    assert set(due_periods_by_zone(DAILY, now=utc(2026, 12, 8, 6, 0), time_zones=zones)) == {
        "Europe/Stockholm"
    }
    assert set(due_periods_by_zone(DAILY, now=utc(2026, 12, 8, 7, 0), time_zones=zones)) == {
        "Europe/Stockholm",
        "Europe/London",
    }
    assert set(due_periods_by_zone(DAILY, now=utc(2026, 12, 8, 12, 0), time_zones=zones)) == {
        "America/New_York"
    }


def test_the_local_day_decides_not_the_utc_day():
    # Sunday 22:00 UTC is Monday 07:00 in Tokyo: both digests are due there, for Monday.
    now = utc(2026, 12, 6, 22, 0)
    for kind in (DAILY, WEEKLY):
        period = due_period(kind, now=now, time_zone="Asia/Tokyo")
        assert period is not None and period.start == datetime.date(2026, 12, 7)
    # Friday 23:30 UTC is Saturday in Tokyo: no daily digest.
    assert due_period(DAILY, now=utc(2026, 12, 11, 23, 30), time_zone="Asia/Tokyo") is None
    # Monday 05:00 UTC is still Sunday night in New York.
    assert due_period(WEEKLY, now=utc(2026, 12, 7, 5, 0), time_zone="America/New_York") is None


def test_stockholm_spring_forward():
    # Last Sunday of March 2026 is the 29th: 02:00 CET becomes 03:00 CEST (UTC+2).
    assert due_period(DAILY, now=utc(2026, 3, 27, 6, 0), time_zone="Europe/Stockholm") is not None  # Fri, CET
    monday = "Europe/Stockholm"
    assert due_period(WEEKLY, now=utc(2026, 3, 30, 4, 59), time_zone=monday) is None  # 06:59 CEST
    period = due_period(WEEKLY, now=utc(2026, 3, 30, 5, 0), time_zone=monday)  # 07:00 CEST
    assert period is not None and period.start == datetime.date(2026, 3, 30)
    assert due_period(DAILY, now=utc(2026, 3, 30, 5, 0), time_zone=monday) is not None
    # The week before, which holds the change, is one hour short.
    before = due_period(WEEKLY, now=utc(2026, 3, 23, 6, 0), time_zone=monday)
    assert before is not None
    assert hours(before) == datetime.timedelta(hours=167)


def test_stockholm_fall_back():
    # Last Sunday of October 2026 is the 25th: 03:00 CEST becomes 02:00 CET (UTC+1).
    zone = "Europe/Stockholm"
    assert due_period(DAILY, now=utc(2026, 10, 23, 5, 0), time_zone=zone) is not None  # Fri 07:00 CEST
    assert due_period(WEEKLY, now=utc(2026, 10, 26, 5, 0), time_zone=zone) is None  # Mon 06:00 CET
    period = due_period(WEEKLY, now=utc(2026, 10, 26, 6, 0), time_zone=zone)  # Mon 07:00 CET
    assert period is not None and period.start == datetime.date(2026, 10, 26)
    before = due_period(WEEKLY, now=utc(2026, 10, 19, 5, 0), time_zone=zone)
    assert before is not None
    assert hours(before) == datetime.timedelta(hours=169)


def test_an_unknown_zone_falls_back_to_the_sites():
    period = due_period(DAILY, now=utc(2026, 12, 8, 6, 0), time_zone="Mars/Olympus")
    assert period is not None and period.zone.key == "Europe/Stockholm"
