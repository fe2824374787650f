import re

import pytest
from playwright.sync_api import expect

from mentora.customers.models import Status
from mentora.testing.browser import sign_in
from mentora.testing.factories import TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_customer_admin_filters_mentors_as_they_type_and_deactivates_one(page, cast):
    sign_in(page, cast.north_admin.email, TEST_PASSWORD)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Mentors").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mentors of North Org")
    rows = page.locator("#mentor-results tbody tr")
    expect(rows).to_have_count(4)

    # No button press: the list follows the typing, and the address keeps the search.
    page.get_by_label("Search mentors").press_sequentially("ulla", delay=50)
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("north.spare@example.com")
    expect(page).to_have_url(re.compile(r"[?&]q=ulla"))
    expect(page.locator("#mentor-results-status")).to_have_text("1 mentor found.")

    rows.first.get_by_role("link", name="Edit Ulla Unassigned").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Edit mentor Ulla Unassigned")
    page.get_by_label("Inactive").check()
    page.get_by_role("button", name="Save").click()

    # Back on the filtered list, with the change visible as text.
    expect(page.get_by_text("The changes to Ulla Unassigned were saved.")).to_be_visible()
    expect(page).to_have_url(re.compile(r"[?&]q=ulla"))
    expect(rows).to_have_count(1)
    expect(rows.first.locator(".badge")).to_have_text("Inactive")
    assert cast.membership(cast.north_mentor_unassigned, cast.north).status == Status.INACTIVE
