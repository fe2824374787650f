"""A mentor follows an attendance alert in a real browser: the bell's unread count, the list,
the alert opening the mentee's attendance, and an observation added from there."""

import re

import pytest
from playwright.sync_api import expect

from mentora.attendance.models import AttendanceStatus
from mentora.attendance.services import Entry, attendance_save, session_ensure
from mentora.customers.access import actor_for
from mentora.notifications.kinds import Kind
from mentora.notifications.models import Notification
from mentora.observations.models import Observation
from mentora.testing.browser import sign_in
from mentora.testing.cast import Cast
from mentora.testing.factories import TEST_PASSWORD
from mentora.testing.factories_schedule import EventFactory
from mentora.testing.world import World, at, make_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def scene(cast: Cast) -> World:
    return make_world(cast)


def test_a_mentor_follows_an_alert_from_the_bell_to_the_mentee_and_adds_an_observation(page, scene):
    cast = scene.cast
    # Cleo missed an earlier lesson of her course too: two absences in a row cross North's
    # default rule when the professional saves that lesson's attendance.
    lesson = EventFactory(
        course_instance=scene.instance,
        title="Older lesson",
        starts_at=at(-5),
        ends_at=at(-5, 12),
        professional=cast.professional,
    )
    session = session_ensure(event=lesson)
    assert session is not None
    records = {record.attendee_id: record for record in session.records.all()}
    statuses = {
        scene.course_mentee.pk: AttendanceStatus.ABSENT,
        scene.south_learner.pk: AttendanceStatus.PRESENT,
    }
    attendance_save(
        actor=actor_for(cast.professional),
        session=session,
        entries=[
            Entry(record_id=records[attendee].pk, status=status, minutes=None, note="")
            for attendee, status in statuses.items()
        ],
    )
    alert = Notification.objects.get(user=cast.north_mentor, kind=Kind.ATTENDANCE_ALERT)

    sign_in(page, cast.north_mentor.email, TEST_PASSWORD)
    bell = page.locator("#notification-bell")
    expect(bell).to_have_accessible_name("Notifications, 1 unread")
    bell.click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Notifications")
    item = page.locator(f"#notification-{alert.pk}")
    expect(item).to_contain_text("Cleo Course needs attention")
    expect(item).to_contain_text("Unread")
    item.get_by_role("link", name=alert.text).click()

    # The alert opens Cleo's attendance, and opening it marked it read.
    expect(page.get_by_role("heading", level=1)).to_have_text("Cleo Course")
    expect(page.locator("#notification-bell")).to_have_accessible_name("Notifications, 0 unread")
    alert.refresh_from_db()
    assert alert.read_at is not None
    attention = page.locator("section[aria-labelledby=learner-attendance]")
    expect(attention).to_contain_text("2 absences in a row")

    page.get_by_role("link", name=re.compile("^Add an observation on")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add an observation")
    expect(page.get_by_label("About a mentee (optional)")).to_have_value(str(scene.course_mentee.pk))
    page.get_by_label("Observation").fill("Cleo missed two lessons; I will call her on Monday.")
    page.get_by_role("button", name="Save observation").click()
    expect(page.locator("#messages")).to_contain_text("Your observation was saved.")
    expect(page.get_by_text("Cleo missed two lessons; I will call her on Monday.")).to_be_visible()
    observation = Observation.objects.get(application=scene.course_app)
    assert observation.attendee == scene.course_mentee and observation.author == cast.north_mentor
