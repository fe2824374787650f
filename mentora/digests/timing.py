"""When digests are due, in the person's own time zone: the daily digest on weekdays (Monday to
Friday) at 07:00, the weekly digest on Mondays at 07:00. The periodic task runs every quarter of
an hour, so a digest goes out between 07:00 and 07:15 local time; a scheduler that was down at
07:00 catches up until noon, after which that period's digest is skipped (a morning digest in the
evening would be about a day half gone).

A period is named by its first local day (`start`); it covers [local midnight of that day,
local midnight after its last day), so a week that contains a daylight-saving change is still
seven calendar days (167 or 169 hours)."""

import datetime
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings

from .models import DigestKind

SEND_AT = datetime.time(7, 0)
SEND_UNTIL = datetime.time(12, 0)  # the catch-up window closes at noon
MONDAY = 0
FRIDAY = 4


@dataclass(frozen=True)
class Period:
    kind: DigestKind
    start: datetime.date  # the first local day
    last: datetime.date  # the last local day
    zone: zoneinfo.ZoneInfo

    @property
    def starts_at(self) -> datetime.datetime:
        return datetime.datetime.combine(self.start, datetime.time.min, tzinfo=self.zone)

    @property
    def ends_at(self) -> datetime.datetime:
        return datetime.datetime.combine(
            self.last + datetime.timedelta(days=1), datetime.time.min, tzinfo=self.zone
        )


def zone_of(name: str) -> zoneinfo.ZoneInfo:
    """The zone a person chose; the site's default for a name no longer known."""
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def due_period(kind: DigestKind | str, *, now: datetime.datetime, time_zone: str) -> Period | None:
    """The period whose digest of `kind` is due at `now` for a person in `time_zone`, or None
    (not a sending day there, before 07:00, or past the catch-up window)."""
    zone = zone_of(time_zone)
    local = now.astimezone(zone)
    today = local.date()
    if kind == DigestKind.DAILY:
        if today.weekday() > FRIDAY:
            return None
        last = today
    else:
        if today.weekday() != MONDAY:
            return None
        last = today + datetime.timedelta(days=6)
    if not SEND_AT <= local.time() < SEND_UNTIL:
        return None
    return Period(kind=DigestKind(kind), start=today, last=last, zone=zone)


def due_periods_by_zone(
    kind: DigestKind | str, *, now: datetime.datetime, time_zones: Iterable[str]
) -> dict[str, Period]:
    """Of `time_zones`, those where the digest of `kind` is due at `now`, with their period."""
    due = {}
    for name in time_zones:
        period = due_period(kind, now=now, time_zone=name)
        if period is not None:
            due[name] = period
    return due
