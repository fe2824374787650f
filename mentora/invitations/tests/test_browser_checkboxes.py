"""A checkbox sits beside its own text, on a phone and on a desktop: the terms box on the
invitation's registration form and the in-app boxes of the setup page's notification settings."""

import pytest

from mentora.accounts.models import TermsVersion
from mentora.customers.access import actor_for
from mentora.invitations.services import invitation_create
from mentora.testing.browser import sign_in
from mentora.testing.factories import TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (320, 1280)


@pytest.fixture
def terms(db):  # type: ignore[no-untyped-def]
    """A published terms version, asked for before `cast` so that the cast has accepted it."""
    return TermsVersion.objects.current() or TermsVersion.objects.create(version="test-1", text="Terms.")


def _beside(page, control_id: str) -> None:  # type: ignore[no-untyped-def]
    box = page.locator(f"#{control_id}").bounding_box()
    label = page.locator(f'label[for="{control_id}"]').bounding_box()
    assert box and label, control_id
    # On the same line (their heights overlap) and the text right after the box.
    assert label["y"] < box["y"] + box["height"] and box["y"] < label["y"] + label["height"], (
        control_id,
        box,
        label,
    )
    assert 0 <= label["x"] - (box["x"] + box["width"]) <= 24, (control_id, box, label)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_terms_checkbox_sits_beside_its_text(page, terms, cast, width):  # type: ignore[no-untyped-def]
    sent = invitation_create(
        actor=actor_for(cast.north_admin), customer=cast.north, email="new.person@example.com"
    )
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"/invitations/accept/{sent.token}/")
    _beside(page, "id_accept_terms")


@pytest.mark.parametrize("width", WIDTHS)
def test_the_setup_pages_checkboxes_sit_beside_their_text(page, terms, cast, width):  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, cast.north_mentor.email, TEST_PASSWORD)
    page.goto("/invitations/welcome/")
    boxes = page.locator("main input[type=checkbox]")
    assert boxes.count() > 0
    for index in range(boxes.count()):
        _beside(page, boxes.nth(index).get_attribute("id"))
