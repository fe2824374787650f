"""What a digest says, read through the same access rules as the pages (never wider than what
the person may see):

- the events of the period still to come, from the person's calendar
  (`mentora.schedule.access.calendar_event_list`: mentors and customer admins), canceled ones
  shown as canceled with their reason;
- mentees whose attendance on an application needs attention, with the reason, by the rule the
  dashboard and the alerts apply (`mentora.attendance.arithmetic.attention_by`, each customer's
  settings): a mentor's mentees over what the mentor sees
  (`mentora.mentoring.selectors.attendance`), a customer admin's learners of their customers
  (`mentora.attendance.access.attendance_record_list_for_customer_admin`);
- the notifications waiting for this digest (the kinds the person chose to receive in it).

A fixed number of queries per person.

Who gets a digest at all (`digest_wanted_by`): everyone with at least one kind set to it (the
defaults put some kinds in the daily digest), and everyone with notifications still waiting for
it (made before they changed their choice), so that nothing waits for ever."""

import datetime
from dataclasses import dataclass, field

from django.urls import reverse

from mentora.accounts.models import User
from mentora.attendance.access import attendance_record_list_for_customer_admin
from mentora.customers.access import Actor
from mentora.mentoring.selectors.attendance import (
    MenteeAttention,
    activity_label,
    attention_rows,
    mentees_needing_attention,
)
from mentora.notifications.kinds import DEFAULT_EMAIL, EmailChoice, Kind
from mentora.notifications.models import Notification, NotificationSetting
from mentora.notifications.selectors import digest_items
from mentora.schedule.calendar.selectors import event_customer_names, upcoming_event_list
from mentora.schedule.models import Event

from .models import DigestKind
from .timing import Period

EVENT_LIMIT = 40  # more than this: "and more in your calendar"
ATTENTION_LIMIT = 20
NOTIFICATION_LIMIT = 100  # the rest wait for the next digest


@dataclass(frozen=True)
class DigestEvent:
    event: Event
    activity: str
    customers: list[str]
    url: str  # a same-site path


@dataclass
class DigestContents:
    events: list[DigestEvent] = field(default_factory=list)
    more_events: bool = False
    attention: list[MenteeAttention] = field(default_factory=list)
    notifications: list[Notification] = field(default_factory=list)

    @property
    def item_count(self) -> int:
        return len(self.events) + len(self.attention) + len(self.notifications)

    @property
    def is_empty(self) -> bool:
        return self.item_count == 0


def digest_events(*, actor: Actor, period: Period, now: datetime.datetime) -> tuple[list[DigestEvent], bool]:
    """The actor's calendar events starting from `now` to the end of `period`, and whether there
    are more than the digest lists. Two queries."""
    events = upcoming_event_list(
        actor=actor, start=max(now, period.starts_at), end=period.ends_at, limit=EVENT_LIMIT + 1
    )
    more = len(events) > EVENT_LIMIT
    events = events[:EVENT_LIMIT]
    names = event_customer_names(actor=actor, events=events)
    return [
        DigestEvent(
            event=event,
            activity=activity_label(event),
            customers=names.get(event.pk, []),
            url=reverse("calendar_event", args=[event.pk]),
        )
        for event in events
    ], more


def digest_attention(*, actor: Actor, now: datetime.datetime) -> list[MenteeAttention]:
    """The actor's mentees (as a mentor) and their customers' learners (as a customer admin)
    whose attendance on an application needs attention by their customer's rule, over its
    complete sessions up to `now` (the rule of the dashboard and the alerts), worst rate first.
    A learner seen in both roles is listed once per application. At most twelve queries."""
    found: dict[tuple[int, int | None, int | None], MenteeAttention] = {}
    batches: list[list[MenteeAttention]] = []
    if actor.is_mentor:
        batches.append(mentees_needing_attention(actor=actor, now=now, limit=ATTENTION_LIMIT))
    if actor.is_customer_admin:
        records = attendance_record_list_for_customer_admin(actor=actor).filter(
            session__event__starts_at__lt=now
        )
        batches.append(attention_rows(records, limit=ATTENTION_LIMIT))
    for batch in batches:
        for row in batch:
            key = (
                row.attendee.pk,
                row.application.pk if row.application else None,
                row.course_instance.pk if row.course_instance else None,
            )
            found[key] = row
    return sorted(found.values(), key=_worst_first)[:ATTENTION_LIMIT]


def _worst_first(row: MenteeAttention) -> tuple[float, int, int, int]:
    rate = row.attention.counts.rate
    return (
        1.0 if rate is None else rate,
        -row.attention.absences_in_a_row,
        -row.attention.counts.absent,
        row.attendee.pk,
    )


def digest_contents(*, user: User, period: Period, now: datetime.datetime) -> DigestContents:
    """Everything the digest of `period` tells `user`, as they may see it now. Call it under the
    person's language and time zone (the reasons are worded here)."""
    actor = Actor(user=user)
    contents = DigestContents(
        notifications=list(digest_items(user, EmailChoice(period.kind), now)[:NOTIFICATION_LIMIT])
    )
    if actor.is_mentor or actor.is_customer_admin:
        contents.events, contents.more_events = digest_events(actor=actor, period=period, now=now)
        contents.attention = digest_attention(actor=actor, now=now)
    return contents


def digest_wanted_by(*, user_ids: list[int], kind: DigestKind) -> set[int]:
    """Of `user_ids`, those who get the digest of `kind`: a kind set to it (their own choice or,
    where they chose nothing, the default), or notifications waiting for it. Two queries."""
    choice = EmailChoice(kind)
    chosen: dict[int, dict[str, str]] = {user_id: {} for user_id in user_ids}
    for user_id, setting_kind, email in NotificationSetting.objects.filter(user_id__in=user_ids).values_list(
        "user_id", "kind", "email"
    ):
        chosen[user_id][setting_kind] = email
    wanted = {
        user_id
        for user_id, own in chosen.items()
        if any(own.get(k, DEFAULT_EMAIL[k]) == choice for k in Kind)
    }
    waiting = Notification.objects.filter(
        user_id__in=set(user_ids) - wanted, email=choice, digested_at__isnull=True
    ).values_list("user_id", flat=True)
    return wanted | set(waiting)
