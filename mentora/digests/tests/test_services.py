"""Sending the digests: once per period, only with something to say, only what the person may
see, at 07:00 in the person's own zone."""

import datetime

import pytest
import time_machine

from mentora.digests import services
from mentora.digests.models import DigestKind, DigestRun
from mentora.digests.services import digest_send, digests_send_due
from mentora.digests.timing import due_period
from mentora.mail.delivery import body_of
from mentora.mail.models import Message
from mentora.testing.factories_schedule import EventFactory

from .conftest import MONDAY_MORNING, TUESDAY_MORNING

pytestmark = pytest.mark.django_db


def digests(kind: str = "digest-daily") -> dict[str, Message]:
    return {m.recipient: m for m in Message.objects.filter(kind=kind)}


def text_of(message: Message) -> str:
    return body_of(message)["text"]


def today_event(scene, day: int = 8, **fields):  # type: ignore[no-untyped-def]
    # 13:00–14:00 UTC on the digest's Tuesday (8 December): 14:00–15:00 in Stockholm.
    start = TUESDAY_MORNING.replace(day=day, hour=13, minute=0)
    return EventFactory(
        application=scene.on_request, starts_at=start, ends_at=start + datetime.timedelta(hours=1), **fields
    )


def test_the_daily_digest_lists_todays_events_and_attention(scene):
    today_event(scene, title="Afternoon coaching")
    assert digests_send_due() >= 1
    mentor = digests()[scene.cast.north_mentor.email]
    text = text_of(mentor)
    assert mentor.subject == "Your day in Mentora: Tuesday 8 December"
    assert "Your events today (Europe/Stockholm)" in text
    assert "Tue 8 Dec 2026, 14:00–15:00 Afternoon coaching" in text
    assert "/calendar/events/" in text
    # Later this week is the weekly digest's, not today's.
    assert "Coaching 2" not in text
    # Cleo was absent at her only session: 0 %.
    assert "Cleo Course (North Org): attendance 0 % (0 of 1 counted sessions)" in text
    assert "Sune" not in text and "Not yours" not in text
    assert "notifications/preferences/" in text


def test_once_per_period_under_a_double_run(scene, clock):
    today_event(scene)
    first = digests_send_due()
    assert first >= 1
    assert digests_send_due() == 0
    clock.shift(datetime.timedelta(minutes=15))  # the next tick, still in the window
    assert digests_send_due() == 0
    assert Message.objects.filter(kind="digest-daily", recipient=scene.cast.north_mentor.email).count() == 1
    # The same claim taken directly, as a second worker would.
    period = due_period(DigestKind.DAILY, now=TUESDAY_MORNING, time_zone="Europe/Stockholm")
    assert period is not None
    assert digest_send(user=scene.cast.north_mentor, period=period, now=TUESDAY_MORNING) is None
    assert DigestRun.objects.filter(user=scene.cast.north_mentor, kind=DigestKind.DAILY).count() == 1
    # The next weekday is a new period.
    clock.shift(datetime.timedelta(days=1))
    today_event(scene, day=9)
    digests_send_due()
    assert Message.objects.filter(kind="digest-daily", recipient=scene.cast.north_mentor.email).count() == 2


def test_a_worker_that_dies_before_the_commit_leaves_no_claim(scene, monkeypatch):
    today_event(scene)
    real = services.email_queue

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("worker killed")

    monkeypatch.setattr(services, "email_queue", broken)
    digests_send_due()
    assert not DigestRun.objects.filter(user=scene.cast.north_mentor).exists()
    assert scene.cast.north_mentor.email not in digests()
    monkeypatch.setattr(services, "email_queue", real)
    digests_send_due()
    assert scene.cast.north_mentor.email in digests()


def test_nothing_to_say_sends_nothing(scene):
    digests_send_due()
    sent = digests()
    # An unassigned mentor, an outsider and a mentor whose membership is inactive have no
    # events and no mentees: the period is claimed, nothing is sent.
    for user in (scene.cast.north_mentor_unassigned, scene.cast.outsider, scene.cast.north_mentor_inactive):
        assert user.email not in sent
        run = DigestRun.objects.get(user=user, kind=DigestKind.DAILY)
        assert run.message is None and run.items == 0


def test_contents_are_limited_to_what_the_person_may_see(scene):
    today_event(scene, title="North coaching")
    other = EventFactory(
        application=scene.other_app,
        title="Other north app",
        starts_at=TUESDAY_MORNING.replace(hour=9, minute=0),
        ends_at=TUESDAY_MORNING.replace(hour=10, minute=0),
    )
    digests_send_due()
    sent = digests()
    mentor = text_of(sent[scene.cast.north_mentor.email])
    assert "North coaching" in mentor and other.title not in mentor
    # The customer admin sees every event of the customer and its learners, never south's.
    admin = text_of(sent[scene.cast.north_admin.email])
    assert "North coaching" in admin and other.title in admin
    assert "Cleo Course" in admin and "Sune" not in admin
    # South's mentor: south's learner was present; nothing of north.
    south = sent.get(scene.cast.south_mentor.email)
    assert south is None or "North" not in text_of(south)


def test_a_person_in_another_zone_than_their_customer(scene, clock):
    mentor = scene.cast.north_mentor
    mentor.time_zone = "America/New_York"
    mentor.save(update_fields=["time_zone"])
    today_event(scene, title="Afternoon coaching")  # 13:00 UTC = 08:00 in New York
    digests_send_due()  # 07:05 in Stockholm, 01:05 in New York
    assert mentor.email not in digests()
    assert digests()[scene.cast.north_admin.email]  # the customer's Stockholm admin got theirs
    clock.move_to(datetime.datetime(2026, 12, 8, 12, 5, tzinfo=datetime.UTC))  # 07:05 in New York
    digests_send_due()
    text = text_of(digests()[mentor.email])
    assert "Your events today (America/New York)" in text
    assert "Tue 8 Dec 2026, 08:00–09:00 Afternoon coaching" in text


def test_the_weekly_digest_covers_the_week_from_monday(cast):
    with time_machine.travel(MONDAY_MORNING, tick=False):
        from mentora.testing.world import make_world

        make_world(cast)
        period = due_period(DigestKind.WEEKLY, now=MONDAY_MORNING, time_zone="Europe/Stockholm")
        assert period is not None
        run = digest_send(user=cast.north_mentor, period=period, now=MONDAY_MORNING)
    assert run is not None and run.message is not None
    assert run.message.subject == "Your week in Mentora from Mon 7 Dec"
    text = text_of(run.message)
    assert "Your events this week" in text
    # Thursday's event, Friday's canceled one with its reason; Wednesday's pending course
    # application's event stays hidden.
    assert "Coaching 2" in text and "Coaching 3" in text and "Canceled: Teacher ill" in text
    assert "Pending lesson" not in text and "Not yours" not in text
