"""The personal iCalendar feed: made, shown once, regenerated (the old URL dies), revoked;
exactly the visible events, canceled ones as STATUS:CANCELLED, stable UIDs, growing SEQUENCE;
parsed back with the icalendar library."""

import datetime
import hashlib

import icalendar
import pytest
from django.urls import reverse

from mentora.audit.models import AuditEvent
from mentora.customers.models import Status
from mentora.schedule.calendar.feed import event_uid
from mentora.schedule.calendar.services import calendar_feed_token_regenerate
from mentora.schedule.models import CalendarFeedToken, EventStatus
from mentora.testing.world import World, at, make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(cast) -> World:  # type: ignore[no-untyped-def]
    return make_world(cast)


SUBSCRIPTION = reverse("calendar_subscription")


def feed_url(token: str) -> str:
    return reverse("calendar_feed", args=[token])


def parse(response) -> list:  # type: ignore[no-untyped-def]
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    return list(calendar.walk("VEVENT"))


def test_make_the_address_shows_it_once_and_stores_only_a_hash(client, scene):
    user = scene.cast.north_mentor
    client.force_login(user)
    assert "You have no calendar address yet." in client.get(SUBSCRIPTION).content.decode()
    response = client.post(SUBSCRIPTION, {"action": "regenerate"})
    assert response.status_code == 200  # shown in the answer itself: kept nowhere, not even the session
    assert "no-store" in response["Cache-Control"]
    body = response.content.decode()
    start = body.index("/schedule/calendar/feed/") + len("/schedule/calendar/feed/")
    token = body[start : body.index(".ics", start)]
    assert len(token) >= 43  # 256 bits, URL-safe base64
    stored = CalendarFeedToken.objects.get(user=user)
    assert stored.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in stored.token_hash
    assert "webcal://" in body
    # Shown once: the next visit only says when it was made.
    again = client.get(SUBSCRIPTION).content.decode()
    assert token not in again and "You made your calendar address on" in again
    assert AuditEvent.objects.filter(action="calendar_feed.created", actor=user).exists()


def test_feed_carries_exactly_the_visible_events(client, scene):
    token = calendar_feed_token_regenerate(user=scene.cast.north_mentor)
    events = parse(client.get(feed_url(token)))
    uids = {str(e["UID"]) for e in events}
    expected = {scene.past_event, scene.future_event, scene.canceled_event, scene.course_event}
    assert uids == {event_uid(e) for e in expected}
    assert all(uid.startswith("event-") and uid.endswith("@testserver") for uid in uids)
    by_uid = {str(e["UID"]): e for e in events}
    canceled = by_uid[event_uid(scene.canceled_event)]
    assert str(canceled["STATUS"]) == "CANCELLED"
    assert "Teacher ill" in str(canceled["DESCRIPTION"])
    future = by_uid[event_uid(scene.future_event)]
    assert str(future["STATUS"]) == "CONFIRMED"
    assert future.decoded("DTSTART") == scene.future_event.starts_at
    assert future.decoded("DTEND") == scene.future_event.ends_at
    assert str(future["SUMMARY"]) == "Coaching 2"
    assert str(future["URL"]) == "https://meet.example.com/room"
    assert "LAST-MODIFIED" in future and "DTSTAMP" in future and "SEQUENCE" in future


def test_feed_answers_head_and_refuses_post(client, scene):
    token = calendar_feed_token_regenerate(user=scene.cast.north_mentor)
    assert client.head(feed_url(token)).status_code == 200
    assert client.post(feed_url(token)).status_code == 405


def test_feed_is_not_a_session_page(client, scene):
    token = calendar_feed_token_regenerate(user=scene.cast.south_mentor)
    client.force_login(scene.cast.north_mentor)  # whoever is signed in, the token decides
    uids = {str(e["UID"]) for e in parse(client.get(feed_url(token)))}
    assert uids == {event_uid(scene.course_event)}


def test_uids_are_stable_and_sequence_grows_on_change(client, scene):
    token = calendar_feed_token_regenerate(user=scene.cast.north_mentor)
    first = {str(e["UID"]): int(e["SEQUENCE"]) for e in parse(client.get(feed_url(token)))}
    event = scene.future_event
    event.created_at = event.created_at - datetime.timedelta(hours=1)  # as if made an hour ago
    event.save(update_fields=["created_at"])
    event.status = EventStatus.CANCELED
    event.canceled_reason = "Moved"
    event.save()
    second = {str(e["UID"]): e for e in parse(client.get(feed_url(token)))}
    assert set(second) == set(first)
    updated = second[event_uid(event)]
    assert int(updated["SEQUENCE"]) > first[event_uid(event)]
    assert str(updated["STATUS"]) == "CANCELLED"


def test_regenerate_revokes_the_old_address(client, scene):
    user = scene.cast.north_mentor
    old = calendar_feed_token_regenerate(user=user)
    client.force_login(user)
    client.post(SUBSCRIPTION, {"action": "regenerate"})
    assert client.get(feed_url(old)).status_code == 404
    assert CalendarFeedToken.objects.filter(user=user).count() == 1
    assert AuditEvent.objects.filter(action="calendar_feed.regenerated", actor=user).exists()


def test_revoke_stops_the_address(client, scene):
    user = scene.cast.north_mentor
    token = calendar_feed_token_regenerate(user=user)
    client.force_login(user)
    client.post(SUBSCRIPTION, {"action": "revoke"})
    assert client.get(feed_url(token)).status_code == 404
    assert not CalendarFeedToken.objects.filter(user=user).exists()


@pytest.mark.parametrize("token", ["nope", "x" * 43, "a" * 300])
def test_unknown_token_is_404(client, scene, token):
    calendar_feed_token_regenerate(user=scene.cast.north_mentor)
    assert client.get(feed_url(token)).status_code == 404


def test_inactive_user_feed_is_404(client, scene):
    user = scene.cast.north_mentor
    token = calendar_feed_token_regenerate(user=user)
    user.is_active = False
    user.save()
    assert client.get(feed_url(token)).status_code == 404


def test_inactive_membership_or_customer_empties_the_feed(client, scene):
    token = calendar_feed_token_regenerate(user=scene.cast.south_mentor)
    scene.cast.south.status = Status.INACTIVE
    scene.cast.south.save()
    assert parse(client.get(feed_url(token))) == []
    token = calendar_feed_token_regenerate(user=scene.cast.north_mentor)
    membership = scene.cast.membership(scene.cast.north_mentor, scene.cast.north)
    membership.status = Status.INACTIVE
    membership.save()
    assert parse(client.get(feed_url(token))) == []


@pytest.mark.parametrize("who", ["outsider", "north_mentor_inactive"])
def test_subscription_page_is_for_calendar_users(client, scene, who):
    client.force_login(getattr(scene.cast, who))
    assert client.get(SUBSCRIPTION).status_code == 403
    assert client.post(SUBSCRIPTION, {"action": "regenerate"}).status_code == 403
    assert not CalendarFeedToken.objects.exists()


def test_feed_query_count_does_not_grow(client, scene):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from mentora.testing.factories_schedule import EventFactory

    token = calendar_feed_token_regenerate(user=scene.cast.north_mentor)
    client.get(feed_url(token))
    with CaptureQueriesContext(connection) as cached:
        client.get(feed_url(token))
    cache.clear()  # measure a rendering, not the cached copy
    with CaptureQueriesContext(connection) as few:
        client.get(feed_url(token))
    for n in range(15):
        EventFactory(application=scene.on_request, starts_at=at(n), ends_at=at(n, 11))
        EventFactory(course_instance=scene.instance, starts_at=at(n, 13), ends_at=at(n, 14))
    with CaptureQueriesContext(connection) as many:
        assert len(parse(client.get(feed_url(token)))) == 34
    assert len(many) == len(few)
    assert len(cached) < len(few)


def test_feed_covers_sixty_days_back_to_four_hundred_ahead(client, scene):
    from mentora.testing.factories_schedule import EventFactory

    for days, title in ((-70, "Too old"), (-50, "Recent past"), (390, "Next year"), (410, "Too far")):
        EventFactory(application=scene.on_request, title=title, starts_at=at(days), ends_at=at(days, 11))
    token = calendar_feed_token_regenerate(user=scene.cast.north_mentor)
    titles = {str(e["SUMMARY"]) for e in parse(client.get(feed_url(token)))}
    assert {"Recent past", "Next year"} <= titles
    assert not {"Too old", "Too far"} & titles


def test_unchanged_feed_answers_304_and_a_change_gives_a_new_version(client, scene):
    token = calendar_feed_token_regenerate(user=scene.cast.north_mentor)
    first = client.get(feed_url(token))
    assert first.status_code == 200 and first["ETag"] and first["Last-Modified"]
    assert "no-store" not in first["Cache-Control"]
    again = client.get(feed_url(token), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    assert client.get(feed_url(token), HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    event = scene.future_event
    event.title = "Coaching, new room"
    event.save()
    changed = client.get(feed_url(token), HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]
    assert "Coaching, new room" in {str(e["SUMMARY"]) for e in parse(changed)}


def test_the_cached_feed_is_dropped_when_an_assignment_changes(client, scene):
    token = calendar_feed_token_regenerate(user=scene.cast.north_mentor)
    before = {str(e["SUMMARY"]) for e in parse(client.get(feed_url(token)))}
    assert "Coaching 2" in before
    scene.on_request.mentor_assignments.filter(membership__user=scene.cast.north_mentor).delete()
    after = {str(e["SUMMARY"]) for e in parse(client.get(feed_url(token)))}
    assert "Coaching 2" not in after
