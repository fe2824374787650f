"""What the schedule tells people when an event is canceled, moved or given a substitute: the
mentors and customer admins whose calendar shows the event (`access.event_calendar_users`),
linked to the event in their calendar, and the professionals who deliver it, its professional
and (new) substitute (`access.event_delivering_users`), linked to the schedule's event page; in
their own language and time zone. The person who made the change is not told (notify skips the
actor). A change to the rest of a series is one
notification about its first event, which says how many later events changed with it."""

import datetime
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mentora.accounts.models import User
from mentora.core.dates import event_when
from mentora.notifications.kinds import Kind
from mentora.notifications.services import notify

from .access import event_calendar_users, event_delivering_users
from .models import Event


class Change:
    CANCELED = "canceled"
    MOVED = "moved"
    SUBSTITUTE = "substitute"


@dataclass(frozen=True)
class EventChange:
    """One call's change, about `event` (the first of the events changed) and `count` events."""

    event: Event
    count: int
    canceled_reason: str = ""
    moved_from: tuple[datetime.datetime, datetime.datetime] | None = None
    substitute: User | None = None

    @property
    def change(self) -> str:
        if self.canceled_reason:
            return Change.CANCELED
        return Change.MOVED if self.moved_from is not None else Change.SUBSTITUTE


def _activity(event: Event) -> str:
    if event.application is not None:
        return f"{event.application.number} {event.application.display_title}"
    instance = event.course_instance
    assert instance is not None  # an event belongs to an application or a course instance
    return f"{instance.code} {instance.course.title}"


def _text(change: EventChange, *, by: str, activity: str) -> str:
    event = change.event
    later = change.count - 1
    parts: list[str] = []
    if change.canceled_reason:
        parts.append(
            _("%(by)s canceled “%(title)s” on %(when)s (%(activity)s). Reason: %(reason)s")
            % {
                "by": by,
                "title": event.title,
                "when": event_when(event.starts_at, event.ends_at),
                "activity": activity,
                "reason": change.canceled_reason,
            }
        )
        if later:
            parts.append(
                ngettext(
                    "%(count)d later event of the series is canceled too.",
                    "%(count)d later events of the series are canceled too.",
                    later,
                )
                % {"count": later}
            )
        return " ".join(parts)
    if change.moved_from is not None:
        parts.append(
            _("%(by)s moved “%(title)s” (%(activity)s) from %(old)s to %(new)s.")
            % {
                "by": by,
                "title": event.title,
                "activity": activity,
                "old": event_when(*change.moved_from),
                "new": event_when(event.starts_at, event.ends_at),
            }
        )
        if later:
            parts.append(
                ngettext(
                    "%(count)d later event of the series moved with it.",
                    "%(count)d later events of the series moved with it.",
                    later,
                )
                % {"count": later}
            )
    if change.substitute is not None:
        parts.append(
            _("%(substitute)s substitutes on “%(title)s” on %(when)s (%(activity)s).")
            % {
                "substitute": change.substitute.get_full_name(),
                "title": event.title,
                "when": event_when(event.starts_at, event.ends_at),
                "activity": activity,
            }
        )
        if later and change.moved_from is None:
            parts.append(
                ngettext(
                    "So on %(count)d later event of the series.",
                    "So on %(count)d later events of the series.",
                    later,
                )
                % {"count": later}
            )
    return " ".join(parts)


def event_change_notify(*, actor_user: User, change: EventChange) -> None:
    """Tell the people whose calendar shows the event (see the module docstring). The caller,
    a schedule service, has made the change in its open transaction."""
    event = change.event
    activity = _activity(event)
    by = actor_user.get_full_name()
    calendar_users = list(event_calendar_users(event=event))
    calendar_ids = {user.pk for user in calendar_users}
    for recipients, url in (
        (calendar_users, reverse("calendar_event", args=[event.pk])),
        (
            [user for user in event_delivering_users(event=event) if user.pk not in calendar_ids],
            reverse("event_detail", args=[event.pk]),
        ),
    ):
        notify(
            recipients=recipients,
            kind=Kind.EVENT_CHANGED,
            actor=actor_user,
            url=url,
            text=lambda: _text(change, by=by, activity=activity),
            email="event-changed",
            context={"event": event, "change": change.change},
        )
