"""Sending the digests: once per period, only with something to say, only what the person may
see, at 07:00 in the person's own zone."""

import datetime

import pytest
import time_machine

from mentora.attendance.models import AttendanceStatus
from mentora.digests import services
from mentora.digests.models import DigestKind, DigestRun
from mentora.digests.services import digest_send, digests_send_due
from mentora.digests.timing import due_period
from mentora.mail.delivery import body_of
from mentora.mail.models import Message
from mentora.notifications.kinds import DEFAULT_EMAIL, EmailChoice, Kind
from mentora.notifications.models import Notification, NotificationSetting
from mentora.notifications.services import notify
from mentora.testing.factories_schedule import AttendanceRecordFactory, EventFactory, SessionFactory

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


def absent_twice(scene):  # type: ignore[no-untyped-def]
    """Mona (north, on-request) and Sune (south, on the course instance north shares) miss two
    sessions in a row on Monday, after they were last present; Cleo attends hers."""
    for hour in (6, 7):
        start = TUESDAY_MORNING.replace(day=7, hour=hour, minute=0)
        end = start + datetime.timedelta(minutes=45)
        on_request = SessionFactory(
            event=EventFactory(application=scene.on_request, starts_at=start, ends_at=end)
        )
        AttendanceRecordFactory(session=on_request, attendee=scene.mentee, status=AttendanceStatus.ABSENT)
        course = SessionFactory(
            event=EventFactory(course_instance=scene.instance, starts_at=start, ends_at=end)
        )
        AttendanceRecordFactory(session=course, attendee=scene.south_learner, status=AttendanceStatus.ABSENT)
        AttendanceRecordFactory(session=course, attendee=scene.course_mentee, status=AttendanceStatus.PRESENT)


MONA_REASON = "2 absences in a row; attendance rate 33 % (1 attended ÷ 3 counted), under 80 %"


def test_the_daily_digest_lists_todays_events_and_attention(scene):
    today_event(scene, title="Afternoon coaching")
    absent_twice(scene)
    assert digests_send_due() >= 1
    mentor = digests()[scene.cast.north_mentor.email]
    text = text_of(mentor)
    assert mentor.subject == "Your day in Mentora: Tuesday 8 December"
    assert "Your events today (Europe/Stockholm)" in text
    assert "Tue 8 Dec 2026, 14:00–15:00 Afternoon coaching" in text
    assert "/calendar/events/" in text
    # Later this week is the weekly digest's, not today's.
    assert "Coaching 2" not in text
    assert (
        f"Mona Mentee (North Org), {scene.on_request.number} Leadership coaching: http://testserver/learners/{scene.mentee.pk}/\n  {MONA_REASON}"
        in text
    )
    # Cleo: absent once, then present twice: 2 of 3, under 80 % too, and listed after Mona.
    assert "attendance rate 67 % (2 attended ÷ 3 counted), under 80 %" in text
    assert text.index("Mona Mentee") < text.index("Cleo Course")
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
    absent_twice(scene)
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
    assert "Mona Mentee" in admin and "Sune" not in admin
    assert "Sune" not in mentor
    # South's mentor sees their own learner of the shared course instance, nothing of north.
    south = text_of(sent[scene.cast.south_mentor.email])
    assert "Sune Southlearner (South Org)" in south
    assert "Mona" not in south and "North" not in south and "Cleo" not in south
    south_admin = text_of(sent[scene.cast.south_admin.email])
    assert "Sune Southlearner" in south_admin and "Mona" not in south_admin


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


def comment_notice(user, text: str = "Nina North commented in “Attendance plan”"):  # type: ignore[no-untyped-def]
    return notify(recipients=[user], kind=Kind.FOLLOWUP_COMMENT, actor=None, url="/followups/1/", text=text)


def test_waiting_notifications_come_once_and_are_marked_digested(scene, clock):
    mentor = scene.cast.outsider  # no membership: the digest carries only notifications
    clock.move_to(TUESDAY_MORNING - datetime.timedelta(hours=11))  # Monday 20:05 in Stockholm
    [row] = comment_notice(mentor)
    assert row.email == EmailChoice.DAILY
    NotificationSetting.objects.create(user=mentor, kind=Kind.OBSERVATION, email=EmailChoice.WEEKLY)
    notify(recipients=[mentor], kind=Kind.OBSERVATION, actor=None, url="/obs/", text="A weekly observation")
    clock.move_to(TUESDAY_MORNING)
    digests_send_due()
    text = text_of(digests()[mentor.email])
    assert "Since your last daily digest" in text
    assert "7 Dec 2026, 20:05: Nina North commented in “Attendance plan”" in text
    assert "http://testserver/followups/1/" in text
    assert "A weekly observation" not in text  # that one waits for Monday
    row.refresh_from_db()
    assert row.digested_at == TUESDAY_MORNING
    run = DigestRun.objects.get(user=mentor, kind=DigestKind.DAILY)
    assert run.items == 1 and run.message is not None
    # The next weekday: nothing new, nothing sent.
    clock.shift(datetime.timedelta(days=1))
    digests_send_due()
    assert Message.objects.filter(kind="digest-daily", recipient=mentor.email).count() == 1


def test_a_notification_made_during_the_digest_waits_for_the_next(scene):
    mentor = scene.cast.outsider
    comment_notice(mentor)
    period = due_period(DigestKind.DAILY, now=TUESDAY_MORNING, time_zone="Europe/Stockholm")
    assert period is not None
    # Made at the digest's instant: `until` is exclusive, so it is not carried yet.
    run = digest_send(user=mentor, period=period, now=TUESDAY_MORNING)
    assert run is not None and run.message is None
    assert Notification.objects.get(user=mentor).digested_at is None


def test_no_kind_in_the_daily_digest_means_no_daily_digest(scene, clock):
    mentor = scene.cast.north_mentor
    for kind, choice in DEFAULT_EMAIL.items():
        if choice == EmailChoice.DAILY:
            NotificationSetting.objects.create(user=mentor, kind=kind, email=EmailChoice.IMMEDIATE)
    today_event(scene)
    digests_send_due()
    assert mentor.email not in digests()
    assert not DigestRun.objects.filter(user=mentor).exists()
    # A notification still waiting for the daily digest brings it back once.
    Notification.objects.create(
        user=mentor,
        kind=Kind.FOLLOWUP_COMMENT,
        text="Old comment",
        url="/f/",
        email=EmailChoice.DAILY,
        created_at=TUESDAY_MORNING - datetime.timedelta(days=1),
    )
    digests_send_due()
    assert "Old comment" in text_of(digests()[mentor.email])


def test_a_kind_set_to_weekly_brings_the_weekly_digest_on_monday(cast):
    with time_machine.travel(MONDAY_MORNING, tick=False):
        from mentora.testing.world import make_world

        make_world(cast)
        NotificationSetting.objects.create(
            user=cast.north_mentor, kind=Kind.EVENT_CHANGED, email=EmailChoice.WEEKLY
        )
        digests_send_due()
        weekly = digests("digest-weekly")
    assert set(weekly) == {cast.north_mentor.email}
    assert "Coaching 2" in text_of(weekly[cast.north_mentor.email])


def test_in_the_recipients_language_with_a_way_out(scene):
    mentor = scene.cast.north_mentor
    mentor.language = "sv"
    mentor.save(update_fields=["language"])
    today_event(scene, title="Eftermiddagscoachning")
    digests_send_due()
    message = digests()[mentor.email]
    body = body_of(message)
    assert message.subject == "Din dag i Mentora: tisdag 8 december"
    assert "Dina händelser i dag (Europe/Stockholm)" in body["text"]
    assert "tis 8 dec. 2026 14:00–15:00 Eftermiddagscoachning" in body["text"]
    assert body["unsubscribe_url"].startswith("http://testserver/digests/unsubscribe/")
    assert body["unsubscribe_url"] in body["text"] and body["unsubscribe_url"] in body["html"]
    assert "/notifications/preferences/" in body["html"]


def test_the_queries_of_one_digest_do_not_grow_with_its_contents(scene):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from mentora.testing.factories_activities import ApplicationAttendeeFactory

    period = due_period(DigestKind.DAILY, now=TUESDAY_MORNING, time_zone="Europe/Stockholm")
    assert period is not None
    today_event(scene)
    comment_notice(scene.cast.north_admin)
    with CaptureQueriesContext(connection) as few:
        digest_send(
            user=scene.cast.north_admin, period=period, now=TUESDAY_MORNING + datetime.timedelta(minutes=1)
        )
    DigestRun.objects.all().delete()
    for n in range(6):
        today_event(scene, title=f"Extra {n}")
        participation = ApplicationAttendeeFactory(application=scene.on_request)
        AttendanceRecordFactory(
            session=scene.past_session, attendee=participation.attendee, status=AttendanceStatus.ABSENT
        )
        comment_notice(scene.cast.north_admin, text=f"Comment {n}")
    with CaptureQueriesContext(connection) as many:
        run = digest_send(
            user=scene.cast.north_admin, period=period, now=TUESDAY_MORNING + datetime.timedelta(minutes=1)
        )
    assert run is not None and run.items > 12
    assert len(many) == len(few)


def test_the_digests_run_from_the_scheduler():
    from mentora.core.periodic import registered_periodic_tasks

    paths = {p.path: p.interval for p in registered_periodic_tasks()}
    assert paths["mentora.digests.tasks.send_due_digests"] == 15 * 60
    assert "mentora.digests.tasks.prune_digest_runs" in paths


def test_claims_are_kept_90_days(scene):
    from mentora.digests.services import digest_runs_prune

    old = DigestRun.objects.create(
        user=scene.cast.north_mentor, kind=DigestKind.DAILY, period_start=datetime.date(2026, 9, 8)
    )
    recent = DigestRun.objects.create(
        user=scene.cast.north_mentor, kind=DigestKind.DAILY, period_start=datetime.date(2026, 9, 9)
    )
    assert digest_runs_prune() == 1
    assert not DigestRun.objects.filter(pk=old.pk).exists()
    assert DigestRun.objects.filter(pk=recent.pk).exists()


def test_the_customers_own_alert_settings_decide_who_needs_attention(scene):
    from mentora.attendance.models import AlertSettings

    absent_twice(scene)
    today_event(scene, title="North coaching")
    # North asks for three absences in a row and a rate under 30 %: Mona (2 in a row, 33 %) and
    # Cleo (67 %) are fine by north's rule, exactly as on the dashboard and for the alerts.
    AlertSettings.objects.create(customer=scene.cast.north, rate_percent=30, consecutive_absences=3)
    digests_send_due()
    sent = digests()
    for user in (scene.cast.north_admin, scene.cast.north_mentor):
        text = text_of(sent[user.email])
        assert "North coaching" in text
        assert "Learners whose attendance needs attention" not in text
    # South keeps the defaults: Sune still needs attention for south's mentor.
    assert "Sune Southlearner" in text_of(sent[scene.cast.south_mentor.email])


def test_a_monday_at_seven_after_the_spring_change(cast):
    # 29 March 2026 Stockholm moved to summer time (UTC+2): Monday 07:00 is 05:00 UTC.
    from mentora.testing.world import make_world

    NotificationSetting.objects.create(
        user=cast.north_mentor, kind=Kind.EVENT_CHANGED, email=EmailChoice.WEEKLY
    )
    with time_machine.travel(datetime.datetime(2026, 3, 30, 4, 55, tzinfo=datetime.UTC), tick=False) as clock:
        scene = make_world(cast)
        sunday_evening = datetime.datetime(2026, 4, 5, 19, 0, tzinfo=datetime.UTC)  # 21:00 CEST
        EventFactory(
            application=scene.on_request,
            title="Sunday evening",
            starts_at=sunday_evening,
            ends_at=sunday_evening + datetime.timedelta(hours=1),
        )
        digests_send_due()  # 06:55 CEST: not yet
        assert digests("digest-weekly") == {}
        clock.move_to(datetime.datetime(2026, 3, 30, 5, 5, tzinfo=datetime.UTC))  # 07:05 CEST
        digests_send_due()
    weekly = digests("digest-weekly")
    assert set(weekly) == {cast.north_mentor.email}
    assert weekly[cast.north_mentor.email].subject == "Your week in Mentora from Mon 30 Mar"
    assert "Sun 5 Apr 2026, 21:00–22:00 Sunday evening" in text_of(weekly[cast.north_mentor.email])
