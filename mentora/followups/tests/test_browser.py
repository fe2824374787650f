import pytest
from django.urls import reverse
from playwright.sync_api import expect

from mentora.followups.models import Comment
from mentora.observations.models import Observation
from mentora.testing.browser import sign_in
from mentora.testing.factories import TEST_PASSWORD
from mentora.testing.factories_followups import CommentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_mentor_reads_a_thread_and_comments_with_htmx(page, world):
    CommentFactory(followup=world.selected, author=world.cast.professional, body="Please check the register.")
    sign_in(page, world.cast.north_mentor.email, TEST_PASSWORD)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Follow-ups").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Follow-ups")
    card = page.locator("article", has_text="Attendance in week 3")
    expect(card).to_contain_text("1 unread")
    expect(page.get_by_text("Budget question")).to_have_count(0)
    card.get_by_role("link", name="Attendance in week 3").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Attendance in week 3")

    box = page.get_by_label("Comment", exact=True)
    # Empty: the error is tied to the field and nothing is sent.
    page.get_by_role("button", name="Send comment").click()
    expect(page.get_by_text("Write a comment before sending it.")).to_be_visible()
    expect(page.get_by_label("Comment", exact=True)).to_have_attribute("aria-invalid", "true")

    # A server error swaps nothing: the text stays and the error is said next to the field.
    page.route("**/comments/", lambda route: route.fulfill(status=500, body="Server error"))
    page.get_by_label("Comment", exact=True).fill("Keep me")
    page.get_by_role("button", name="Send comment").click()
    expect(page.get_by_text("Your comment could not be sent.")).to_be_visible()
    expect(page.get_by_label("Comment", exact=True)).to_have_value("Keep me")
    page.unroute("**/comments/")

    page.get_by_label("Comment", exact=True).fill("I will talk to Alva tomorrow.")
    page.get_by_role("button", name="Send comment").click()
    expect(page.locator("#comment-list")).to_contain_text("I will talk to Alva tomorrow.")
    expect(page.locator("#followup-status")).to_have_text("Your comment was added.")
    expect(box).to_have_value("")
    # The focus lands on the new comment, not at the top of the page.
    expect(
        page.locator("li.comment", has_text="I will talk to Alva tomorrow.").locator("article")
    ).to_be_focused()
    assert Comment.objects.filter(author=world.cast.north_mentor).count() == 1

    # Edit it in place.
    own = page.locator("li.comment", has_text="I will talk to Alva tomorrow.")
    own.get_by_role("link", name="Edit your comment").click()
    editor = page.get_by_label("Edit your comment")
    expect(editor).to_be_focused()
    editor.fill("I talked to Alva today.")
    page.get_by_role("button", name="Save").click()
    edited = page.locator("li.comment", has_text="I talked to Alva today.")
    expect(edited).to_contain_text("edited")
    expect(page.locator("#followup-status")).to_have_text("Your comment was saved.")
    expect(edited).to_be_focused()

    # Deleting it moves the focus to the comments' heading.
    page.once("dialog", lambda dialog: dialog.accept())
    edited.get_by_role("button", name="Delete your comment").click()
    expect(page.locator("#followup-status")).to_have_text("Your comment was deleted.")
    expect(page.get_by_role("heading", name="Comments")).to_be_focused()


def test_mentor_adds_an_observation_with_htmx(page, world):
    sign_in(page, world.cast.north_mentor.email, TEST_PASSWORD)
    page.goto(reverse("observation_list", args=[world.north_app.pk]))
    page.get_by_label("About a mentee (optional)").select_option(label="Alva Learner")
    page.get_by_role("button", name="Save observation").click()
    expect(page.get_by_text("Write the observation before saving it.")).to_be_visible()
    page.get_by_label("Observation", exact=True).fill("Alva asks good questions.")
    page.get_by_role("button", name="Save observation").click()
    expect(page.locator(f"#observation-list-{world.north_app.pk}")).to_contain_text(
        "Alva asks good questions."
    )
    expect(page.locator(f"#observation-list-{world.north_app.pk}")).to_contain_text("About Alva Learner")
    expect(page.get_by_label("Observation", exact=True)).to_have_value("")
    assert Observation.objects.get().attendee == world.north_attendee


def test_search_as_you_type_groups_results_and_needs_two_characters(page, world):
    CommentFactory(followup=world.selected, author=world.cast.professional, body="Register checked")
    sign_in(page, world.cast.system_admin.email, TEST_PASSWORD)
    page.goto(reverse("followup_list"))
    search = page.get_by_label("Search follow-ups")
    search.fill("r")
    expect(page.locator("#followup-results")).to_contain_text("Type at least 2 characters to search.")
    expect(page.locator("#followup-results-status")).to_have_text("Type at least 2 characters to search.")
    search.fill("register")
    comments = page.get_by_role("region", name="By comments")
    expect(comments).to_contain_text("1 follow-up")
    expect(comments.get_by_role("link", name="Attendance in week 3")).to_be_visible()
    expect(page.get_by_role("region", name="By topic or application ID")).to_contain_text("0 follow-ups")
    assert "q=register" in page.url
