"""Every change to the schedule: create (single or weekly series), edit one event or the rest of
its series, cancel. Each service is atomic, checks permissions itself and writes an audit event.

Times arrive as aware datetimes (forms turn the user's wall-clock time into one using the active
time zone) and are stored in UTC. A weekly series repeats the LOCAL wall-clock time of the first
event in the series' time zone, so 10:00 stays 10:00 across a daylight-saving change while the
UTC time moves by an hour.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mentora.accounts.models import User
from mentora.applications.models import Application, ApplicationStatus, Kind
from mentora.audit.services import audit_record
from mentora.catalog.models import CourseInstance
from mentora.core.exceptions import Conflict, InvalidInput, PermissionDenied
from mentora.customers.access import Actor

from .models import Event, EventSeries, EventStatus
from .notices import EventChange, event_change_notify
from .permissions import can_manage_schedule

# Two years of weekly events: more is almost certainly a typo in "repeat until".
MAX_OCCURRENCES = 105
# On-request applications that may get events; drafts and closed ones may not.
SCHEDULABLE_STATUSES = (ApplicationStatus.NEW, ApplicationStatus.PROCESSING, ApplicationStatus.ACCEPTED)


class Scope:
    ONE = "one"
    REST = "rest"


@dataclass
class EventDetails:
    """What a person types into the event form; starts_at and ends_at are aware datetimes."""

    title: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    language: str
    professional: User | None = None
    substitute: User | None = None
    location: str = ""
    online_url: str = ""


class DoubleBooking(Conflict):
    """The professional already has events at some of these times. Not a refusal: the caller
    may repeat the call with allow_double_booking=True once the person has confirmed."""

    def __init__(self, conflicts: list[Event]) -> None:
        super().__init__(_("The professional already has an event at this time."))
        self.conflicts = conflicts


Slot = tuple[datetime.datetime, datetime.datetime]


def _tz(tz: datetime.tzinfo | None) -> datetime.tzinfo:
    return tz or timezone.get_current_timezone()


def _at_local(day: datetime.date, time: datetime.time, tz: datetime.tzinfo) -> datetime.datetime:
    """The aware UTC instant of a wall-clock time on a day. In the repeated hour of an autumn
    change the earlier instant (fold=0) is used; a time that does not exist in spring (02:30)
    is moved forward by the gap, as zoneinfo does."""
    return datetime.datetime.combine(day, time).replace(tzinfo=tz).astimezone(datetime.UTC)


def weekly_slots(
    *,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    repeat_until: datetime.date,
    tz: datetime.tzinfo,
) -> list[Slot]:
    """The start and end of every weekly occurrence from the first one up to and including
    `repeat_until` (a local date), keeping the first event's local wall-clock times."""
    local_start, local_end = starts_at.astimezone(tz), ends_at.astimezone(tz)
    slots: list[Slot] = []
    week = 0
    while True:
        day = local_start.date() + datetime.timedelta(weeks=week)
        if day > repeat_until:
            break
        end_day = local_end.date() + datetime.timedelta(weeks=week)
        slots.append(
            (
                _at_local(day, local_start.time().replace(tzinfo=None), tz),
                _at_local(end_day, local_end.time().replace(tzinfo=None), tz),
            )
        )
        week += 1
        if week > MAX_OCCURRENCES:
            raise InvalidInput(
                _("A series can have at most %(count)d events. Choose an earlier end date.")
                % {"count": MAX_OCCURRENCES}
            )
    return slots


def professional_conflicts(
    *, professional: User | None, slots: list[Slot], exclude_ids: set[int] | frozenset[int] = frozenset()
) -> list[Event]:
    """SCHEDULED events the professional delivers or substitutes on that overlap any slot. One
    query over the slots' whole span; the overlap test runs on that (short) list."""
    if professional is None or not slots:
        return []
    from django.db.models import Q

    earliest = min(start for start, _end in slots)
    latest = max(end for _start, end in slots)
    candidates = (
        Event.objects.filter(Q(professional=professional) | Q(substitute=professional))
        .filter(status=EventStatus.SCHEDULED, starts_at__lt=latest, ends_at__gt=earliest)
        .exclude(pk__in=exclude_ids)
        .order_by("starts_at")
    )
    return [
        event
        for event in candidates
        if any(event.starts_at < end and event.ends_at > start for start, end in slots)
    ]


def _validate(details: EventDetails) -> None:
    if not details.title.strip():
        raise InvalidInput(_("Enter a title."))
    if details.ends_at <= details.starts_at:
        raise InvalidInput(_("The end must be after the start."))
    if details.professional is not None and not details.professional.is_professional:
        raise InvalidInput(_("The professional must be one of the provider's professionals."))
    if details.substitute is not None:
        if not details.substitute.is_professional:
            raise InvalidInput(_("The substitute must be one of the provider's professionals."))
        if details.substitute == details.professional:
            raise InvalidInput(_("The substitute cannot be the professional of the event."))
    if details.online_url and not details.online_url.lower().startswith("https://"):
        raise InvalidInput(_("The online classroom link must start with https://."))


def _full_clean(event: Event) -> None:
    """Model validation (field lengths, choices, the constraints) as InvalidInput. The people who
    created or canceled an event are not the editor's business, so they are not checked here."""
    try:
        event.full_clean(exclude=["created_by", "canceled_by", "series"])
    except ValidationError as error:
        raise InvalidInput(" ".join(error.messages)) from None


def _snapshot(event: Event) -> dict[str, Any]:
    return {
        "title": event.title,
        "starts_at": event.starts_at.isoformat(),
        "ends_at": event.ends_at.isoformat(),
        "language": event.language,
        "professional": event.professional_id,
        "substitute": event.substitute_id,
        "location": event.location,
        "online_url": event.online_url,
        "status": event.status,
        "canceled_reason": event.canceled_reason,
    }


def _customer_of(event: Event) -> Any:
    return event.application.customer if event.application is not None else None


def event_create(
    *,
    actor: Actor,
    details: EventDetails,
    application: Application | None = None,
    course_instance: CourseInstance | None = None,
    repeat_until: datetime.date | None = None,
    allow_double_booking: bool = False,
    tz: datetime.tzinfo | None = None,
    ip: str | None = None,
) -> list[Event]:
    """Create one event, or a weekly series up to `repeat_until` (a date in `tz`, by default the
    active time zone), for an on-request application or a course instance.

    Who: system administrators; professionals responsible for the application or instance.
    Raises PermissionDenied, InvalidInput (bad times, people, link or activity) and DoubleBooking
    when the professional is busy and `allow_double_booking` is False. Locks nothing: events
    do not compete for a shared row, and a double booking is a warning, not an invariant."""
    if (application is None) == (course_instance is None):
        raise InvalidInput(_("Choose either an application or a course instance."))
    activity = application or course_instance
    if not can_manage_schedule(actor, activity):
        raise PermissionDenied(_("You cannot add events to this activity."))
    if application is not None and (
        application.kind != Kind.ON_REQUEST or application.status not in SCHEDULABLE_STATUSES
    ):
        raise InvalidInput(_("Events can be added only to submitted, processing or accepted applications."))
    _validate(details)
    tz = _tz(tz)
    if repeat_until is not None:
        if repeat_until < details.starts_at.astimezone(tz).date():
            raise InvalidInput(_("The series must end on or after the first event's date."))
        slots = weekly_slots(
            starts_at=details.starts_at, ends_at=details.ends_at, repeat_until=repeat_until, tz=tz
        )
    else:
        slots = [(details.starts_at, details.ends_at)]
    if not allow_double_booking:
        conflicts = professional_conflicts(professional=details.professional, slots=slots)
        if conflicts:
            raise DoubleBooking(conflicts=conflicts)

    with transaction.atomic():
        series = (
            EventSeries.objects.create(created_by=actor.user, repeat_until=repeat_until)
            if repeat_until is not None
            else None
        )
        events = [
            Event(
                title=details.title,
                starts_at=start,
                ends_at=end,
                language=details.language,
                professional=details.professional,
                substitute=details.substitute,
                location=details.location,
                online_url=details.online_url,
                application=application,
                course_instance=course_instance,
                series=series,
                created_by=actor.user,
            )
            for start, end in slots
        ]
        for event in events:
            _full_clean(event)
        if series is None:
            events[0].save()
        else:
            Event.objects.bulk_create(events)
            events = list(Event.objects.filter(series=series).order_by("starts_at"))
        audit_record(
            actor=actor.user,
            action="event.create",
            customer=application.customer if application is not None else None,
            target=events[0],
            after=_snapshot(events[0])
            | {"count": len(events), "repeat_until": repeat_until.isoformat() if repeat_until else None},
            ip=ip,
        )
    return events


def _events_in_scope(event: Event, scope: str) -> list[Event]:
    if scope == Scope.REST and event.series_id is not None:
        return list(
            Event.objects.select_for_update()
            .filter(series_id=event.series_id, starts_at__gte=event.starts_at, status=EventStatus.SCHEDULED)
            .order_by("starts_at")
        )
    return list(Event.objects.select_for_update().filter(pk=event.pk))


def event_update(
    *,
    actor: Actor,
    event: Event,
    details: EventDetails,
    scope: str = Scope.ONE,
    allow_double_booking: bool = False,
    tz: datetime.tzinfo | None = None,
    ip: str | None = None,
) -> list[Event]:
    """Change one event, or this event and the later SCHEDULED events of its series (scope REST).

    For the rest of a series, each later event moves by the same number of days as this one and
    takes this one's new local start and end times (in `tz`, the active time zone by default);
    the other fields are copied. Who: see can_manage_schedule. Locks the events being changed
    (select_for_update). Raises PermissionDenied, Conflict (a canceled event), InvalidInput and
    DoubleBooking (unless allow_double_booking). When the event moved or got a new substitute,
    the mentors and customer admins who see it are told (`notices.event_change_notify`)."""
    if not can_manage_schedule(actor, event):
        raise PermissionDenied(_("You cannot change this event."))
    _validate(details)
    tz = _tz(tz)
    with transaction.atomic():
        targets = _events_in_scope(event, scope)
        if not targets or targets[0].pk != event.pk or targets[0].is_canceled:
            raise Conflict(_("A canceled event cannot be changed."))
        old_start = event.starts_at.astimezone(tz)
        new_start, new_end = details.starts_at.astimezone(tz), details.ends_at.astimezone(tz)
        day_shift = new_start.date() - old_start.date()
        end_days = new_end.date() - new_start.date()
        slots: dict[int, Slot] = {}
        for target in targets:
            if target.pk == event.pk:
                slots[target.pk] = (details.starts_at, details.ends_at)
                continue
            day = target.starts_at.astimezone(tz).date() + day_shift
            slots[target.pk] = (
                _at_local(day, new_start.time().replace(tzinfo=None), tz),
                _at_local(day + end_days, new_end.time().replace(tzinfo=None), tz),
            )
        if not allow_double_booking:
            conflicts = professional_conflicts(
                professional=details.professional, slots=list(slots.values()), exclude_ids=set(slots)
            )
            if conflicts:
                raise DoubleBooking(conflicts=conflicts)
        before = _snapshot(targets[0])
        moved_from = (targets[0].starts_at, targets[0].ends_at)
        substitute_before = targets[0].substitute_id
        for target in targets:
            start, end = slots[target.pk]
            target.title = details.title
            target.starts_at, target.ends_at = start, end
            target.language = details.language
            target.professional = details.professional
            target.substitute = details.substitute
            target.location = details.location
            target.online_url = details.online_url
            _full_clean(target)
            target.save()
        audit_record(
            actor=actor.user,
            action="event.update",
            customer=_customer_of(event),
            target=targets[0],
            before=before,
            after=_snapshot(targets[0]) | {"scope": scope, "count": len(targets)},
            ip=ip,
        )
        first = targets[0]
        moved = moved_from != (first.starts_at, first.ends_at)
        new_substitute = (
            details.substitute
            if details.substitute is not None and details.substitute.pk != substitute_before
            else None
        )
        if moved or new_substitute is not None:
            event_change_notify(
                actor_user=actor.user,
                change=EventChange(
                    event=first,
                    count=len(targets),
                    moved_from=moved_from if moved else None,
                    substitute=new_substitute,
                ),
            )
    return targets


def event_cancel(
    *, actor: Actor, event: Event, reason: str, scope: str = Scope.ONE, ip: str | None = None
) -> list[Event]:
    """Cancel one event, or this and the later SCHEDULED events of its series, with a reason.
    Canceled events stay visible, marked canceled. Who: see can_manage_schedule. Locks the events
    (select_for_update). Raises PermissionDenied, InvalidInput (no reason) and Conflict (already
    canceled). The mentors and customer admins who see the event are told
    (`notices.event_change_notify`)."""
    if not can_manage_schedule(actor, event):
        raise PermissionDenied(_("You cannot cancel this event."))
    reason = reason.strip()
    if not reason:
        raise InvalidInput(_("Give a reason for canceling."))
    with transaction.atomic():
        targets = _events_in_scope(event, scope)
        if not targets or targets[0].pk != event.pk or targets[0].is_canceled:
            raise Conflict(_("This event is already canceled."))
        now = timezone.now()
        for target in targets:
            target.status = EventStatus.CANCELED
            target.canceled_reason = reason
            target.canceled_by = actor.user
            target.canceled_at = now
            target.save(
                update_fields=["status", "canceled_reason", "canceled_by", "canceled_at", "updated_at"]
            )
        audit_record(
            actor=actor.user,
            action="event.cancel",
            customer=_customer_of(event),
            target=event,
            after={"reason": reason, "scope": scope, "count": len(targets)},
            ip=ip,
        )
        event_change_notify(
            actor_user=actor.user,
            change=EventChange(event=targets[0], count=len(targets), canceled_reason=reason),
        )
    return targets
