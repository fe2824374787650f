"""The personal iCalendar feed (RFC 5545), built with the icalendar library.

- Exactly the events of the owner's calendar (`calendar_event_list`) in a window, 60 days back
  to 400 days ahead; canceled ones stay in the feed with STATUS:CANCELLED so that calendar apps
  strike them out.
- Calendar apps poll. `calendar_feed_version` answers "has anything in this feed changed?" with
  two small indexed aggregates, so that an unchanged feed costs a 304 (ETag / Last-Modified) or
  a cached copy, never a new rendering. The cached copy is the person's own and is replaced as
  soon as the version changes (an event, an assignment, a membership, the language, the day).
- UID `event-<id>@<host>` never changes, so apps update an event instead of adding a copy.
- SEQUENCE grows with every change: it is the number of seconds between the event's creation and
  its last update (`updated_at` is auto_now), which needs no extra column and only ever grows.
"""

import datetime
import hashlib
from dataclasses import dataclass
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max, QuerySet, Sum
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from mentora.accounts.models import User
from mentora.applications.models import MentorAssignment
from mentora.core.tokens import token_hash, token_is_plausible
from mentora.customers.access import Actor, actor_for

from ..access import EVENT_RELATED, calendar_event_list
from ..models import CalendarFeedToken, Event, EventStatus
from .selectors import (
    ApplicationLink,
    EventKind,
    event_application_links,
    event_customer_names,
    event_kind,
)

FEED_PAST_DAYS = 60
FEED_AHEAD_DAYS = 400
# A rendered feed is kept this long for its owner (and replaced at once when its version changes).
FEED_CACHE_SECONDS = 60 * 60 * 24
LAST_USED_RESOLUTION = datetime.timedelta(hours=1)


def feed_user_for_token(token: str) -> User | None:
    """The active user whose current feed token this is, or None (unknown, revoked, inactive)."""
    if not token_is_plausible(token):
        return None
    feed = CalendarFeedToken.objects.select_related("user").filter(token_hash=token_hash(token)).first()
    if feed is None or not feed.user.is_active:
        return None
    now = timezone.now()
    if feed.last_used_at is None or now - feed.last_used_at > LAST_USED_RESOLUTION:
        CalendarFeedToken.objects.filter(pk=feed.pk).update(last_used_at=now)
    return feed.user


def event_uid(event: Event) -> str:
    host = urlsplit(settings.SITE_URL).hostname or "mentora"
    return f"event-{event.pk}@{host}"


def event_sequence(event: Event) -> int:
    return max(0, int((event.updated_at - event.created_at).total_seconds()))


def _window(now: datetime.datetime) -> tuple[datetime.datetime, datetime.datetime]:
    """Whole UTC days, so that the window (and with it the feed's version) moves once a day."""
    today = datetime.datetime.combine(
        now.astimezone(datetime.UTC).date(), datetime.time.min, tzinfo=datetime.UTC
    )
    return today - datetime.timedelta(days=FEED_PAST_DAYS), today + datetime.timedelta(
        days=FEED_AHEAD_DAYS + 1
    )


def _feed_events(actor: Actor, now: datetime.datetime) -> QuerySet[Event]:
    start, end = _window(now)
    return calendar_event_list(actor=actor).filter(ends_at__gte=start, starts_at__lt=end)


@dataclass(frozen=True)
class FeedVersion:
    etag: str
    last_modified: datetime.datetime


def calendar_feed_version(*, user: User, now: datetime.datetime | None = None) -> FeedVersion:
    """What the feed's content depends on, as an ETag: the window's events (how many, which,
    the latest change), the user's mentor assignments and memberships, language and the day.
    Two queries (the memberships are the actor's own, already loaded)."""
    now = now or timezone.now()
    actor = actor_for(user)
    events = (
        _feed_events(actor, now).order_by().aggregate(n=Count("pk"), ids=Sum("pk"), changed=Max("updated_at"))
    )
    assignments = (
        MentorAssignment.objects.filter(membership__in=[m.pk for m in actor.memberships])
        .order_by()
        .aggregate(n=Count("pk"), ids=Sum("pk"), changed=Max("created_at"))
    )
    memberships = [(m.pk, m.role, m.customer_id, m.customer.name) for m in actor.memberships]
    parts = (
        settings.SITE_URL,
        user.pk,
        user.language,
        _window(now)[0].date().isoformat(),
        sorted(events.items()),
        sorted(assignments.items()),
        memberships,
    )
    changes = [value for value in (events["changed"], assignments["changed"]) if value]
    changes += [m.created_at for m in actor.memberships]
    last_modified = min(max(changes, default=now), now)
    return FeedVersion(
        etag=hashlib.sha256(repr(parts).encode()).hexdigest()[:32], last_modified=last_modified
    )


def calendar_feed_ics_cached(*, user: User, version: FeedVersion) -> bytes:
    """The feed of `version`, from the owner's cache entry when it is that version's."""
    key = f"calendar-feed:{user.pk}"
    cached = cache.get(key)
    if cached is not None and cached[0] == version.etag:
        return cached[1]
    body = calendar_feed_ics(user=user)
    cache.set(key, (version.etag, body), FEED_CACHE_SECONDS)
    return body


def calendar_feed_ics(*, user: User, now: datetime.datetime | None = None) -> bytes:
    now = now or timezone.now()
    actor = actor_for(user)
    events = list(_feed_events(actor, now).select_related(*EVENT_RELATED).order_by("starts_at", "pk"))
    names = event_customer_names(actor=actor, events=events)
    links = event_application_links(actor=actor, events=events)
    with translation.override(user.language or settings.LANGUAGE_CODE):
        calendar = icalendar.Calendar()
        calendar.add("prodid", "-//Mentora//Calendar//EN")
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("method", "PUBLISH")
        calendar.add("x-wr-calname", _("Mentora calendar"))
        for event in events:
            calendar.add_component(_vevent(event, now, names.get(event.pk, []), links.get(event.pk, [])))
        return calendar.to_ical()


def _vevent(
    event: Event, now: datetime.datetime, customers: list[str], links: list[ApplicationLink]
) -> icalendar.Event:
    canceled = event.status == EventStatus.CANCELED
    item = icalendar.Event()
    item.add("uid", event_uid(event))
    item.add("dtstamp", now)
    item.add("dtstart", event.starts_at)
    item.add("dtend", event.ends_at)
    item.add("created", event.created_at)
    item.add("last-modified", event.updated_at)
    item.add("sequence", event_sequence(event))
    item.add("summary", _("Canceled: %(title)s") % {"title": event.title} if canceled else event.title)
    item.add("status", "CANCELLED" if canceled else "CONFIRMED")
    if event.location:
        item.add("location", event.location)
    elif event.online_url:
        item.add("location", event.online_url)
    if event.online_url:
        item.add("url", event.online_url)
    lines = [str(EventKind.LABELS[event_kind(event)])]
    if customers:
        lines.append(_("Customer: %(names)s") % {"names": ", ".join(customers)})
    for link in links:
        lines.append(
            _("Application: %(number)s %(url)s")
            % {"number": link.number, "url": settings.SITE_URL + link.url}
        )
    if event.professional is not None:
        lines.append(_("Professional: %(name)s") % {"name": event.professional.get_full_name()})
    if event.substitute is not None:
        lines.append(_("Substitute: %(name)s") % {"name": event.substitute.get_full_name()})
    if event.online_url:
        lines.append(_("Online classroom: %(url)s") % {"url": event.online_url})
    if canceled and event.canceled_reason:
        lines.append(_("Reason for canceling: %(reason)s") % {"reason": event.canceled_reason})
    item.add("description", "\n".join(lines))
    return item
