"""The time-zone picker's choices: the zones that matter here first, then every zone of the world
grouped by region. Only the canonical zone of each place is offered (the tz database's zone.tab,
shipped by the tzdata package): old aliases such as "US/Alaska" or "Europe/Belfast" do not appear,
though an account that already uses one keeps it."""

import functools
from collections.abc import Iterable
from importlib import resources

from django import forms
from django.utils.translation import gettext_lazy as _

from .dates import zone_label

# The provider's part of the world, in the order people look for them.
COMMON_ZONES = (
    "Europe/Stockholm",
    "Europe/Helsinki",
    "Europe/Oslo",
    "Europe/Copenhagen",
    "Europe/Tallinn",
    "Europe/Berlin",
    "Europe/London",
    "Europe/Paris",
    "Europe/Madrid",
    "Europe/Warsaw",
    "UTC",
)
REGIONS = {
    "Europe": _("Europe"),
    "Africa": _("Africa"),
    "America": _("Americas"),
    "Antarctica": _("Antarctica"),
    "Arctic": _("Arctic"),
    "Asia": _("Asia"),
    "Atlantic": _("Atlantic Ocean"),
    "Australia": _("Australia"),
    "Indian": _("Indian Ocean"),
    "Pacific": _("Pacific Ocean"),
}

Choices = list[tuple[object, object]]


@functools.cache
def canonical_zones() -> tuple[str, ...]:
    """Every zone named in zone.tab (one line per place), sorted."""
    table = resources.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text(encoding="utf-8")
    names = {line.split("\t")[2] for line in table.splitlines() if line and not line.startswith("#")}
    return tuple(sorted(names))


def time_zone_choices(*, first: Iterable[str] = (), current: str = "") -> Choices:
    """Grouped choices: "Suggested" (`first`, then COMMON_ZONES), then each region. `current` (a
    value already saved, even an old alias) is always offered, so saving a form never loses it."""
    suggested = list(dict.fromkeys([*first, *COMMON_ZONES]))
    by_region: dict[str, list[tuple[str, str]]] = {}
    for name in canonical_zones():
        region, _slash, place = name.partition("/")
        if region in REGIONS and name not in suggested:
            by_region.setdefault(region, []).append((name, place.replace("_", " ")))
    suggestions = [(name, zone_label(name)) for name in suggested]
    known = set(suggested) | set(canonical_zones())
    if current and current not in known:
        suggestions.insert(0, (current, zone_label(current)))
    choices: Choices = [(_("Suggested"), suggestions)]
    choices += [(REGIONS[region], by_region[region]) for region in REGIONS if region in by_region]
    return choices


def time_zone_field(*, first: Iterable[str] = (), current: str = "") -> forms.ChoiceField:
    """The picker as a form field, for forms that do not declare one themselves (the back office)."""
    return forms.ChoiceField(
        label=_("Time zone"),
        choices=time_zone_choices(first=first, current=current),
        initial=current,
    )
