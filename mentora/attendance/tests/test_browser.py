import pytest
from playwright.sync_api import expect

from mentora.attendance.models import AttendanceStatus
from mentora.testing.browser import sign_in
from mentora.testing.factories import TEST_PASSWORD
from mentora.testing.factories_schedule import EventFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_professional_takes_attendance_for_a_session(page, cast, activities):
    event = EventFactory(
        past=True,
        application=activities.north_app,
        professional=cast.professional,
        title="Conversation class",
    )
    sign_in(page, cast.professional.email, TEST_PASSWORD)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My events").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My events")
    attendance = page.get_by_role("region", name="Attendance to take")
    attendance.get_by_role("link", name="Take attendance · Conversation class").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Incomplete")
    page.get_by_label("Status for Anna Andersson").select_option(AttendanceStatus.PRESENT)
    page.get_by_label("Minutes attended by Anna Andersson").fill("90")
    page.get_by_role("button", name="Save attendance").click()
    expect(page.get_by_text("1 attendee has no status yet.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Incomplete")

    # The rest by keyboard alone: focus the select, choose, tab to the note, type, submit with Enter.
    page.get_by_label("Status for Bo Berg").select_option(label="Late")
    page.get_by_label("Status for Bo Berg").press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.type("Missed the bus")
    page.keyboard.press("Enter")

    expect(page.get_by_text("Attendance saved. The session is complete.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Complete")
    expect(page.get_by_role("heading", level=1)).not_to_contain_text("Incomplete")
    history = page.get_by_role("region", name="History of changes")
    expect(history.locator("tbody tr")).to_have_count(2)
    expect(history).to_contain_text("Missed the bus")
    bo = event.session.records.get(attendee__first_name="Bo")
    assert (bo.status, bo.note) == (AttendanceStatus.LATE, "Missed the bus")


def test_customer_admin_changes_the_attendance_alerts_then_a_mentor_sees_who_needs_attention(
    page, cast, activities
):
    """The admin lowers the absences in a row to one; the professional records one absence; the
    mentor's dashboard names the mentee and says why."""
    sign_in(page, cast.north_admin.email, TEST_PASSWORD)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Mentors").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mentors of North Org")
    page.get_by_role("link", name="Attendance alerts", exact=True).click()
    expect(page.get_by_role("heading", level=2, name="Attendance alerts")).to_be_visible()
    expect(page.get_by_role("link", name="Attendance alerts", exact=True)).to_have_attribute(
        "aria-current", "page"
    )
    expect(page.get_by_label("Attendance-rate threshold (%)")).to_have_value("80")
    page.get_by_label("Consecutive absences").fill("20")
    page.get_by_role("button", name="Save").click()
    expect(
        page.get_by_role("link", name="Consecutive absences: Ensure this value is less than or equal to 10.")
    ).to_be_visible()
    page.get_by_label("Consecutive absences").fill("1")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The attendance alert settings were saved.")).to_be_visible()
    expect(page.get_by_label("Consecutive absences")).to_have_value("1")

    event = EventFactory(past=True, application=activities.north_app, professional=cast.professional)
    page.context.clear_cookies()
    sign_in(page, cast.professional.email, TEST_PASSWORD)
    page.goto(f"/attendance/events/{event.pk}/")
    page.get_by_label("Status for Anna Andersson").select_option(AttendanceStatus.ABSENT)
    page.get_by_label("Status for Bo Berg").select_option(AttendanceStatus.PRESENT)
    page.get_by_role("button", name="Save attendance").click()
    expect(page.get_by_text("Attendance saved. The session is complete.")).to_be_visible()

    page.context.clear_cookies()
    sign_in(page, cast.north_mentor.email, TEST_PASSWORD)
    attention = page.get_by_role("region", name="Mentees whose attendance needs attention")
    expect(attention).to_contain_text("Anna Andersson")
    expect(attention).to_contain_text("1 absence in a row")
    expect(attention).not_to_contain_text("Bo Berg")
