"""A mentor's day in a real browser: the dashboard, the calendar, an event's details (htmx
panel), a session's attendance, a comment on a follow-up and an observation."""

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from mentora.attendance.models import AlertSettings
from mentora.followups.models import Comment
from mentora.observations.models import Observation
from mentora.testing.browser import sign_in
from mentora.testing.factories import TEST_PASSWORD
from mentora.testing.factories_followups import CommentFactory, FollowUpFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_mentors_day(page, scene):
    cast = scene.cast
    followup = FollowUpFactory(
        application=scene.on_request, topic="Attendance in week 3", created_by=cast.professional
    )
    followup.mentors.add(cast.membership(cast.north_mentor, cast.north))
    CommentFactory(followup=followup, author=cast.professional, body="Please check the register.")
    # North alerts on a single absence, so Cleo (absent from her one lesson) needs attention.
    AlertSettings.objects.create(customer=scene.cast.north, consecutive_absences=1)
    sign_in(page, cast.north_mentor.email, TEST_PASSWORD)

    # Dashboard: coming events, a mentee needing attention, the unread follow-up.
    upcoming = page.get_by_role("region", name="Coming up")
    expect(upcoming).to_contain_text("Coaching 2")
    expect(
        upcoming.get_by_role("link", name="Open classroom Coaching 2 (opens in a new tab)")
    ).to_be_visible()
    expect(page.get_by_role("region", name="Mentees whose attendance needs attention")).to_contain_text(
        "Cleo Course"
    )
    expect(page.get_by_role("region", name="Follow-ups with unread comments")).to_contain_text(
        "Attendance in week 3"
    )

    # Calendar: the day of the next coaching; open the event's details in the panel.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Calendar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Calendar")
    page.get_by_label("Go to date").fill(timezone.localdate(scene.future_event.starts_at).isoformat())
    page.get_by_role("button", name="Go", exact=True).click()
    event_link = page.get_by_role("link", name="Coaching 2")
    expect(event_link).to_contain_text("On-request event")
    event_link.click()
    details = page.locator("#event-details")
    expect(details.get_by_role("heading", name="Coaching 2")).to_be_focused()
    expect(details).to_contain_text("Pelle Pro")
    expect(details.get_by_role("link", name="Open classroom (opens in a new tab)")).to_have_attribute(
        "href", "https://meet.example.com/room"
    )
    assert page.url.split("?")[0].endswith(reverse("calendar"))  # the panel, not a new page
    # The panel closes with its button (or Escape), and the focus goes back to the event.
    details.get_by_role("button", name="Close the details of Coaching 2").click()
    expect(details).to_contain_text("Select an event to see its details here.")
    expect(event_link).to_be_focused()
    event_link.press("Enter")
    expect(details.get_by_role("heading", name="Coaching 2")).to_be_focused()
    page.keyboard.press("Escape")
    expect(event_link).to_be_focused()

    # A session's attendance: only the mentor's mentee, not the other customer's learner.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Attendance").click()
    page.get_by_role(
        "link", name=timezone.localtime(scene.course_event.starts_at).strftime("%a %-d %b %Y")
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Swedish lesson")
    table = page.get_by_role("table")
    expect(table).to_contain_text("Cleo Course")
    expect(table).to_contain_text("Absent")
    expect(table).not_to_contain_text("Sune")

    # A comment on the follow-up.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Follow-ups").click()
    page.get_by_role("link", name="Attendance in week 3").first.click()
    page.get_by_label("Comment", exact=True).fill("I will talk to Mona tomorrow.")
    page.get_by_role("button", name="Send comment").click()
    expect(page.locator("#comment-list")).to_contain_text("I will talk to Mona tomorrow.")
    assert Comment.objects.filter(author=cast.north_mentor, followup=followup).exists()

    # An observation on the application, from its read-only page.
    page.goto(reverse("mentor_application_detail", args=[scene.on_request.pk]))
    expect(page.get_by_role("heading", level=1)).to_contain_text(scene.on_request.number)
    page.get_by_label("Observation", exact=True).fill("Mona is making good progress.")
    page.get_by_role("button", name="Save observation").click()
    expect(page.locator(f"#observation-list-{scene.on_request.pk}")).to_contain_text(
        "Mona is making good progress."
    )
    # The focus goes to the new observation, not back to the top of the page.
    expect(page.locator(f"#observation-list-{scene.on_request.pk} > li").first).to_be_focused()
    assert Observation.objects.filter(author=cast.north_mentor, application=scene.on_request).exists()


def test_on_a_phone_the_attendees_tab_shows_each_mentees_rate_and_last_sessions(page, scene):
    page.set_viewport_size({"width": 320, "height": 640})
    sign_in(page, scene.cast.north_mentor.email, TEST_PASSWORD)
    page.goto(reverse("mentor_attendance_attendees"))
    mona = page.get_by_role("row", name="Mona Mentee")
    rate = mona.locator("td[data-label='Attendance rate, all sessions']")
    expect(rate).to_have_text("100 %")
    strip = mona.get_by_role("img", name="Last sessions, oldest first:")
    expect(strip).to_be_visible()
    counts = mona.locator("td.attendees-table__counts")
    expect(counts).to_be_visible()
    expect(counts).to_have_text("1 session: 1 present, 0 late, 0 excused, 0 absent")
    width = page.evaluate("innerWidth")
    for element in (mona, rate, strip):
        box = element.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    # No sideways scrolling inside the table either: the region is as wide as its content.
    assert page.evaluate(
        "[...document.querySelectorAll('.table-wrap')].every(w => w.scrollWidth <= w.clientWidth)"
    )
