import pytest

from mentora.demo.seed import DEMO_PASSWORD, seed_people
from mentora.testing.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_demo_mentor_signs_in_and_switches_to_swedish(page):
    seed_people()
    page.goto("/")
    page.get_by_role("link", name="Sign in").first.click()
    sign_in(page, "mentor@example.com", DEMO_PASSWORD)

    navigation = page.get_by_role("navigation", name="Main")
    assert navigation.get_by_role("link", name="Home").is_visible()
    assert page.get_by_text("Northwind Municipality").first.is_visible()

    page.get_by_role("button", name="Svenska").click()

    navigation = page.get_by_role("navigation", name="Huvudmeny")
    navigation.get_by_role("link", name="Start").wait_for()
    # At a desktop width the header is one line; the person's name opens the profile.
    profile = page.get_by_role("link", name="Profil: Maja Mentor")
    assert profile.is_visible()
    assert page.get_by_role("button", name="Logga ut").is_visible()
    assert page.locator("html").get_attribute("lang") == "sv"

    # The choice is the account's: it holds on the next page too.
    profile.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Profil"
