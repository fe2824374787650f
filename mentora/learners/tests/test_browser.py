"""A mentor follows one learner in a real browser: from the dashboard to the learner's page,
the chart's data table, and the page printed with its print stylesheet."""

import pytest
from playwright.sync_api import expect

from mentora.attendance.models import AlertSettings
from mentora.testing.browser import sign_in
from mentora.testing.factories import TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_mentor_opens_a_mentee_from_the_dashboard_reads_the_chart_and_prints(page, scene):
    # North alerts on a single absence, so Cleo (absent from her one lesson) needs attention.
    AlertSettings.objects.create(customer=scene.cast.north, consecutive_absences=1)
    sign_in(page, scene.cast.north_mentor.email, TEST_PASSWORD)
    attention = page.get_by_role("region", name="Mentees whose attendance needs attention")
    attention.get_by_role("link", name="Cleo Course").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Cleo Course")
    chart = page.get_by_role("img", name="Attendance over time")
    expect(chart).to_be_visible()
    assert (
        "1 session over 1 week: present 0, late 0, excused 0, absent 1"
        in chart.locator("desc").text_content()
    )
    table = page.get_by_role("table", name="The chart's data: attendance per week")
    expect(table.get_by_role("columnheader", name="Attendance rate")).to_be_visible()
    rows = table.locator("tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first.locator("td").nth(3)).to_have_text("1")  # absent
    expect(rows.first.locator("td").last).to_have_text("0 %")
    whole = page.locator(".learner-rate").first
    expect(whole).to_contain_text("Whole period (every session)")
    expect(whole).to_contain_text("(present 0 + late 0) ÷ (recorded 1 − excused 0 − not enrolled 0)")

    # Printed: the print stylesheet hides the navigation and the controls, shows the print line.
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.get_by_role("button", name="Print")).to_be_hidden()
    expect(page.get_by_role("heading", name="Summary file")).to_be_hidden()
    expect(page.locator(".learner-printed")).to_be_visible()
    expect(chart).to_be_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    page.emulate_media(media="screen")
    expect(page.locator(".site-header")).to_be_visible()
    expect(page.get_by_role("button", name="Print")).to_be_visible()
