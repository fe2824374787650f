"""A customer admin walks through an on-request application: draft, attendee, submit, mentor."""

import pytest
from playwright.sync_api import expect

from mentora.applications.models import Application, ApplicationStatus, MentorAssignment
from mentora.testing.browser import sign_in
from mentora.testing.factories import TEST_PASSWORD
from mentora.testing.factories_activities import ServiceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_customer_admin_drafts_fills_submits_and_assigns(page, cast):
    ServiceFactory(name="Workplace coaching")
    sign_in(page, cast.north_admin.email, TEST_PASSWORD)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Applications").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Applications: North Org")
    page.get_by_role("link", name="New on-request application").click()

    # A missing title keeps the long description.
    page.get_by_label("Service").select_option(label="Workplace coaching")
    page.get_by_label("Description").fill("Coaching for six new team leaders, spring term.")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("alert")).to_contain_text("Title")
    expect(page.get_by_label("Description")).to_have_value("Coaching for six new team leaders, spring term.")
    page.get_by_label("Title").fill("Team leader coaching")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Team leader coaching")
    expect(page.get_by_text("Draft", exact=True)).to_be_visible()

    page.get_by_role("link", name="Add an attendee").click()
    page.get_by_label("First name").fill("Ada")
    page.get_by_label("Last name").fill("Lovelace")
    page.get_by_role("button", name="Add attendee", exact=True).click()
    expect(page.get_by_role("cell", name="Ada Lovelace", exact=True)).to_be_visible()

    page.get_by_role("button", name="Submit the application").click()
    expect(page.get_by_text("New", exact=True)).to_be_visible()

    page.get_by_role("combobox", name="Mentor").select_option(
        label=f"Maria Mentor ({cast.north_mentor.email})"
    )
    page.get_by_role("button", name="Assign mentor").click()
    expect(page.get_by_text("Maria Mentor now mentors")).to_be_visible()

    application = Application.objects.get()
    assert application.status == ApplicationStatus.NEW
    assert application.submitted_by == cast.north_admin
    assert MentorAssignment.objects.filter(application=application).count() == 1
