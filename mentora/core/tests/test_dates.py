"""How dates, times and time zones read: the contexts of mentora.core.dates in both languages, and
pages that used to format dates or name zones their own way."""

import datetime
import re
import zoneinfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import dateformat, timezone, translation

from mentora.attendance.models import AlertSettings
from mentora.core import dates
from mentora.core.time_zones import time_zone_choices
from mentora.customers.forms import CustomerForm
from mentora.testing.backoffice import admin_form_data

STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")
MOMENT = datetime.datetime(2026, 12, 2, 14, 5, tzinfo=STOCKHOLM)


def _text(response) -> str:  # type: ignore[no-untyped-def]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.mark.parametrize(
    ("language", "context", "expected"),
    [
        ("en", "list_date", "2 Dec 2026"),
        ("sv", "list_date", "2 dec. 2026"),
        ("en", "list_datetime", "2 Dec 2026, 14:05"),
        ("sv", "list_datetime", "2 dec. 2026 14:05"),
        ("en", "day", "Wed 2 Dec"),
        ("sv", "day", "ons 2 dec."),
        ("en", "heading_date", "Wednesday 2 December 2026"),
        ("sv", "heading_date", "onsdag 2 december 2026"),
        ("en", "detail_datetime", "2 December 2026, 14:05"),
        ("sv", "detail_datetime", "2 december 2026 kl. 14:05"),
        ("en", "month_year", "December 2026"),
        ("sv", "month_year", "december 2026"),
        ("en", "weekday", "Wed"),
        ("sv", "weekday", "ons"),
        ("sv", "iso_date", "2026-12-02"),
    ],
)
def test_each_context_reads_in_the_language(language: str, context: str, expected: str) -> None:
    with translation.override(language), timezone.override(STOCKHOLM):
        assert dates.format_date(MOMENT, context) == expected


@pytest.mark.parametrize("language", ["en", "sv"])
def test_each_context_reads_as_djangos_date_format_would(language: str) -> None:
    # format_date writes the letters itself (it is called in every cell of some pages); every
    # month, weekday and hour of the clock reads as Django's formatter reads the same format.
    moments = [
        datetime.datetime(2026, month, day, hour, 7 * hour % 60)
        for month in range(1, 13)
        for day, hour in ((1, 0), (9, 9), (28, 23))
    ]
    with translation.override(language):
        for moment in moments:
            for context in dates.CONTEXTS:
                pattern = dates._FORMATS[language][context]
                short = (
                    dates._SWEDISH_MONTHS_SHORT[moment.month - 1]
                    if language == "sv"
                    else dateformat.format(moment, "M")
                )
                expected = dateformat.format(moment, pattern.replace("{b}", "".join("\\" + c for c in short)))
                assert dates.format_date(moment, context) == expected, (context, moment)


def test_an_aware_datetime_is_shown_in_the_given_zone() -> None:
    with translation.override("en"):
        assert dates.format_date(MOMENT, "clock", zone=zoneinfo.ZoneInfo("Europe/London")) == "13:05"


def test_a_zone_is_named_by_its_place() -> None:
    assert dates.zone_label("America/New_York") == "America/New York"
    with timezone.override(STOCKHOLM):
        assert dates.zone_label() == "Europe/Stockholm"


def test_the_picker_leads_with_the_zones_given_first_and_drops_old_aliases() -> None:
    suggested = dict(time_zone_choices(first=["America/New_York"])[0][1])
    assert next(iter(suggested)) == "America/New_York"
    every_zone = {name for _group, options in time_zone_choices() for name, _label in options}
    assert "US/Alaska" not in every_zone
    assert "America/Anchorage" in every_zone


@pytest.mark.django_db
def test_the_customer_form_leads_with_the_customers_own_zone(cast) -> None:  # type: ignore[no-untyped-def]
    cast.north.time_zone = "America/New_York"
    cast.north.save()
    suggested = CustomerForm(instance=cast.north).fields["time_zone"].choices[0][1]
    assert suggested[0][0] == "America/New_York"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"), [("en", "Last changed 2 Dec 2026, 14:05"), ("sv", "2 dec. 2026 14:05")]
)
def test_alert_settings_say_when_they_changed_in_the_list_form(client, cast, language, expected) -> None:  # type: ignore[no-untyped-def]
    with time_machine.travel(MOMENT, tick=False):
        AlertSettings.objects.create(customer=cast.north, updated_by=cast.north_admin)
    cast.north_admin.language = language
    cast.north_admin.save()
    client.force_login(cast.north_admin)
    text = _text(client.get(reverse("attendance_alert_settings", args=[cast.north.pk])))
    assert expected in text


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "sv"])
def test_the_customer_page_names_the_zone_like_every_other_page(client, cast, language) -> None:  # type: ignore[no-untyped-def]
    cast.north.time_zone = "America/New_York"
    cast.north.save()
    cast.system_admin.language = language
    cast.system_admin.save()
    client.force_login(cast.system_admin)
    text = _text(client.get(reverse("customer_detail", args=[cast.north.pk])))
    assert "America/New York" in text
    assert "America/New_York" not in text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "Times are in your time zone, Europe/Stockholm."), ("sv", "Europe/Stockholm")],
)
def test_the_event_form_names_the_zone_by_its_place(client, cast, language, expected) -> None:  # type: ignore[no-untyped-def]
    cast.professional.language = language
    cast.professional.save()
    client.force_login(cast.professional)
    text = _text(client.get(reverse("event_create")))
    assert expected in text


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "expected"), [("en", "Mon Tue Wed"), ("sv", "mån tis ons")])
def test_the_month_grid_names_weekdays_in_the_language(client, cast, language, expected) -> None:  # type: ignore[no-untyped-def]
    cast.north_mentor.language = language
    cast.north_mentor.save()
    client.force_login(cast.north_mentor)
    with time_machine.travel(MOMENT, tick=False):
        response = client.get(reverse("calendar"), {"view": "month", "date": "2026-12-02"})
    assert expected in _text(response)


def _first_option(html: str, name: str = "time_zone") -> str:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert select
    first = re.search(r'<option value="([^"]*)"', select.group(1))
    assert first
    return first.group(1)


@pytest.mark.django_db
def test_the_back_office_pickers_lead_with_the_customers_zone(client, cast) -> None:  # type: ignore[no-untyped-def]
    cast.north.time_zone = "America/New_York"
    cast.north.save()
    client.force_login(cast.system_admin)
    customer_page = client.get(f"/admin/customers/customer/{cast.north.pk}/change/").content.decode()
    assert _first_option(customer_page) == "America/New_York"
    user_page = client.get(f"/admin/accounts/user/{cast.north_mentor.pk}/change/").content.decode()
    assert _first_option(user_page) == "America/New_York"


@pytest.mark.django_db
def test_a_customer_changed_in_the_back_office_keeps_its_picked_zone(client, cast) -> None:  # type: ignore[no-untyped-def]
    client.force_login(cast.system_admin)
    url = f"/admin/customers/customer/{cast.north.pk}/change/"
    response = client.post(url, admin_form_data(client, url, time_zone="Europe/Helsinki"))
    assert response.status_code == 302, response.context["adminform"].form.errors
    cast.north.refresh_from_db()
    assert cast.north.time_zone == "Europe/Helsinki"
    response = client.post(url, admin_form_data(client, url, time_zone="Mars/Olympus"))
    assert response.status_code == 200  # a form error, not a 500
