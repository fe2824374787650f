"""The header in a real browser: one line on a phone, with a menu button that opens and closes the
navigation; one line at 1280 px for the person with the most entries (customer admin and mentor);
without JavaScript a plain navigation that is visible and never scrolls sideways."""

import pytest
from playwright.sync_api import expect

from mentora.customers.models import Role
from mentora.testing.browser import sign_in
from mentora.testing.factories import TEST_PASSWORD, MembershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROWS = """() => {
  const tops = new Set();
  for (const element of document.querySelectorAll(
      ".site-header .brand, .site-header .bell, .site-header .nav-toggle, .main-nav li, .site-header__tools > *")) {
    const box = element.getBoundingClientRect();
    if (box.width > 0) tops.add(Math.round(box.top + box.height / 2));
  }
  return tops.size;
}"""


@pytest.fixture
def admin_and_mentor(cast):  # type: ignore[no-untyped-def]
    """North's admin, who also mentors for south: every entry of both roles."""
    MembershipFactory(user=cast.north_admin, customer=cast.south, role=Role.MENTOR)
    return cast.north_admin


def test_one_line_at_1280px_for_a_customer_admin_who_also_mentors(page, admin_and_mentor):
    page.set_viewport_size({"width": 1280, "height": 800})
    sign_in(page, admin_and_mentor.email, TEST_PASSWORD)
    navigation = page.get_by_role("navigation", name="Main")
    expect(navigation.get_by_role("link", name="Mentors")).to_be_visible()
    expect(navigation.get_by_role("link", name="Calendar")).to_be_visible()
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    assert page.evaluate(ROWS) == 1
    # Swedish labels are longer; the line still holds them.
    page.get_by_role("button", name="Svenska").click()
    expect(
        page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Mentorer")
    ).to_be_visible()
    expect(page.get_by_role("button", name="Meny")).to_be_hidden()
    assert page.evaluate(ROWS) == 1


def test_on_a_phone_the_navigation_is_behind_a_menu_button(page, admin_and_mentor):
    page.set_viewport_size({"width": 320, "height": 640})
    sign_in(page, admin_and_mentor.email, TEST_PASSWORD)
    menu = page.get_by_role("button", name="Menu")
    navigation = page.get_by_role("navigation", name="Main")
    expect(menu).to_be_visible()
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(navigation).to_be_hidden()
    assert page.evaluate(ROWS) == 1  # the brand and the button

    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(navigation.get_by_role("link", name="Mentors")).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")

    page.keyboard.press("Escape")
    expect(navigation).to_be_hidden()
    expect(menu).to_be_focused()
    expect(menu).to_have_attribute("aria-expanded", "false")


def test_without_javascript_the_navigation_is_a_plain_visible_list(chromium, live_server, admin_and_mentor):
    context = chromium.new_context(
        base_url=live_server.url, java_script_enabled=False, viewport={"width": 320, "height": 640}
    )
    page = context.new_page()
    sign_in(page, admin_and_mentor.email, TEST_PASSWORD)
    navigation = page.get_by_role("navigation", name="Main")
    expect(navigation.get_by_role("link", name="Mentors")).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    expect(page.locator(".nav-toggle")).to_be_hidden()
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    context.close()
