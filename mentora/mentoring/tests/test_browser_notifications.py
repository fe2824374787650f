"""The notification centre in a real browser, on a phone-sized screen: a mentor sees the bell,
opens the list, follows an attendance alert to the mentee and adds an observation from there."""

import pytest
from playwright.sync_api import expect

from mentora.attendance.models import AlertSettings
from mentora.attendance.services import alert_states_update_for_customer
from mentora.notifications.kinds import Kind
from mentora.notifications.models import Notification
from mentora.observations.models import Observation
from mentora.testing.browser import sign_in
from mentora.testing.factories import TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def no_sideways_scroll(page) -> bool:  # type: ignore[no-untyped-def]
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_mentor_follows_an_alert_from_the_bell_to_an_observation(page, scene):
    cast = scene.cast
    # Cleo's one absence crosses a customer rule of one absence: an alert to her mentors.
    AlertSettings.objects.create(customer=cast.north, consecutive_absences=1)
    alert_states_update_for_customer(customer_id=cast.north.pk)
    alerts = Notification.objects.filter(user=cast.north_mentor, kind=Kind.ATTENDANCE_ALERT)
    alert = alerts.filter(text__contains="Cleo Course").first()
    assert alert is not None
    unread = alerts.count()

    page.set_viewport_size({"width": 320, "height": 720})
    sign_in(page, cast.north_mentor.email, TEST_PASSWORD)
    bell = page.locator("#notification-bell")
    expect(bell).to_be_visible()
    expect(bell).to_have_accessible_name(f"Notifications, {unread} unread")
    assert no_sideways_scroll(page)

    bell.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Notifications")
    assert no_sideways_scroll(page)
    page.get_by_label("Kind").select_option("ATTENDANCE_ALERT")
    page.get_by_role("button", name="Filter").click()
    link = page.get_by_role("link", name=alert.text)
    expect(link).to_be_visible()
    link.click()

    # The mentee's attendance, and the alert read: the bell says so.
    expect(page.get_by_role("heading", level=1)).to_contain_text("Cleo Course")
    assert page.url.endswith("#learner-attendance")
    expect(page.locator("#notification-bell")).to_have_accessible_name(f"Notifications, {unread - 1} unread")
    page.get_by_role("link", name="Add an observation on").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add an observation")
    page.get_by_label("Observation", exact=True).fill("Talked to Cleo about the missed session.")
    page.get_by_role("button", name="Save observation").click()
    expect(page.get_by_role("status").filter(has_text="Your observation was saved.")).to_be_visible()
    observation = Observation.objects.get(author=cast.north_mentor)
    assert observation.attendee is not None and observation.attendee.full_name == "Cleo Course"


def test_marking_read_in_the_list_updates_the_bell_and_keeps_the_focus(page, scene):
    cast = scene.cast
    for number in range(2):
        Notification.objects.create(
            user=cast.north_mentor, kind=Kind.ASSIGNED, text=f"Assigned {number}", url="/", email="IMMEDIATE"
        )
    page.set_viewport_size({"width": 320, "height": 720})
    sign_in(page, cast.north_mentor.email, TEST_PASSWORD)
    page.goto("/notifications/")
    expect(page.locator("#notification-bell")).to_have_accessible_name("Notifications, 2 unread")
    page.get_by_role("button", name="Mark as read: Assigned 1").click()
    expect(page.get_by_role("link", name="Assigned 1")).to_be_focused()
    # The list said "notifications-changed": the bell asked again and the live region was told.
    expect(page.locator("#notification-bell")).to_have_accessible_name("Notifications, 1 unread")
    expect(page.locator("#notification-bell-status")).to_have_text("Notifications, 1 unread")
    page.get_by_role("button", name="Mark all as read").click()
    expect(page.locator("#notification-bell")).to_have_accessible_name("Notifications, 0 unread")


def test_the_settings_table_fits_a_phone(page, scene):
    page.set_viewport_size({"width": 320, "height": 720})
    sign_in(page, scene.cast.north_mentor.email, TEST_PASSWORD)
    page.goto("/notifications/preferences/")
    select = page.get_by_label("E-mail: Comments in your follow-ups")
    expect(select).to_have_value("DAILY")
    select.select_option("WEEKLY")
    page.get_by_label("Show in the app: Observations on applications you oversee").uncheck()
    assert no_sideways_scroll(page)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Your notification settings were saved.")).to_be_visible()
    expect(page.get_by_label("E-mail: Comments in your follow-ups")).to_have_value("WEEKLY")
