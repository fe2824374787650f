"""Every change to attendance: sessions (created by the periodic task and on demand) and the
records a professional takes. Atomic; each saved change is kept as an AttendanceChange.

A session exists for every SCHEDULED event that has started and whose service (on-request) or
course (course instance) tracks attendance. It holds one record per participating attendee:
the application's for an on-request event; those of the instance's APPROVED course applications
for a course event. Attendees who join later get a record (blank) the next time the session is
opened; the professional may record them NOT_ENROLLED.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from mentora.accounts.models import User
from mentora.applications.models import Application, ApplicationAttendee, ApplicationStatus, Attendee, Kind
from mentora.audit.services import audit_record
from mentora.core.exceptions import InvalidInput, PermissionDenied
from mentora.customers.access import Actor
from mentora.customers.models import Customer, Membership, Role
from mentora.notifications.kinds import Kind as NotificationKind
from mentora.notifications.services import notify, withdraw
from mentora.schedule.models import Event, EventStatus

from .arithmetic import (
    ACTIVITY,
    AttendanceCounts,
    Attention,
    AttentionRule,
    attention_by,
    complete_sessions_only,
    rules_for,
)
from .models import (
    CONSECUTIVE_ABSENCES_RANGE,
    MIN_SESSIONS_RANGE,
    RATE_PERCENT_RANGE,
    AlertSettings,
    AlertState,
    AttendanceChange,
    AttendanceRecord,
    AttendanceStatus,
    Session,
)
from .permissions import can_manage_alert_settings, can_take_attendance


def tracks_attendance_q(prefix: str = "") -> Q:
    """Events whose service or course tracks attendance (`prefix` for lookups from another model)."""
    return Q(**{f"{prefix}application__service__tracks_attendance": True}) | Q(
        **{f"{prefix}course_instance__course__tracks_attendance": True}
    )


def event_tracks_attendance(event: Event) -> bool:
    if event.application is not None:
        return bool(event.application.service and event.application.service.tracks_attendance)
    return bool(event.course_instance and event.course_instance.course.tracks_attendance)


def expected_attendee_ids(event: Event) -> set[int]:
    """The participating attendees an event's session has a record for."""
    if event.application_id:
        participations = ApplicationAttendee.objects.filter(application_id=event.application_id)
    else:
        participations = ApplicationAttendee.objects.filter(
            application__kind=Kind.COURSE,
            application__status=ApplicationStatus.APPROVED,
            application__course_instance_id=event.course_instance_id,
        )
    return set(participations.filter(participating=True).values_list("attendee_id", flat=True))


def session_is_due(event: Event, *, now: datetime.datetime | None = None) -> bool:
    return (
        event.status == EventStatus.SCHEDULED
        and event.starts_at <= (now or timezone.now())
        and event_tracks_attendance(event)
    )


def session_ensure(*, event: Event, now: datetime.datetime | None = None) -> Session | None:
    """The event's session, created if it is due, with a record for every expected attendee
    (missing ones added). None when the event has no session and none is due (not started,
    canceled, or attendance not tracked). Idempotent and safe when two callers race: the
    one-session-per-event and one-record-per-attendee constraints decide, the loser reads.
    Called by the periodic task and by the attendance page; no permission of its own because it
    only materialises what the schedule already implies."""
    session = Session.objects.filter(event=event).first()
    if session is None:
        if not session_is_due(event, now=now):
            return None
        with transaction.atomic():
            session, _created = Session.objects.get_or_create(event=event)
    expected = expected_attendee_ids(event)
    existing = set(session.records.values_list("attendee_id", flat=True))
    missing = expected - existing
    if missing:
        AttendanceRecord.objects.bulk_create(
            [AttendanceRecord(session=session, attendee_id=attendee_id) for attendee_id in sorted(missing)],
            ignore_conflicts=True,
        )
    return session


def due_event_list(*, now: datetime.datetime) -> QuerySet[Event]:
    """Started, SCHEDULED events that track attendance and have no session yet."""
    return (
        Event.objects.filter(status=EventStatus.SCHEDULED, starts_at__lte=now, session__isnull=True)
        .filter(tracks_attendance_q())
        .select_related("application__service", "course_instance__course")
        .order_by("starts_at", "pk")
    )


def session_create_due(*, now: datetime.datetime | None = None) -> int:
    """Create the session of every due event; returns how many were created. Run by the periodic
    task `create_due_sessions` and the management command of the same name."""
    now = now or timezone.now()
    created = 0
    for event in due_event_list(now=now).iterator(chunk_size=200):
        if session_ensure(event=event, now=now) is not None:
            created += 1
    return created


@dataclass
class Entry:
    """One row of the attendance sheet as submitted."""

    record_id: int
    status: str
    minutes: int | None
    note: str


def _record_state(record: AttendanceRecord) -> dict[str, Any]:
    return {"status": record.status, "minutes": record.minutes, "note": record.note}


EMPTY_STATE = {"status": "", "minutes": None, "note": ""}


def attendance_save(*, actor: Actor, session: Session, entries: list[Entry], ip: str | None = None) -> int:
    """Save the submitted rows of a session's attendance sheet; rows may be left blank (partial
    saves). Each record that changes gets recorded_by/at and an AttendanceChange (before is None
    for a record that had never been filled). Returns the number of changed records.

    Who: the event's professional or substitute, or a system administrator. Locks the session's
    records (select_for_update) so two people saving at once keep a correct history. Raises
    PermissionDenied and InvalidInput (unknown record, status or minutes out of range)."""
    event = session.event
    if not can_take_attendance(actor, event):
        raise PermissionDenied(_("You cannot take attendance for this event."))
    longest = int((event.ends_at - event.starts_at).total_seconds() // 60)
    with transaction.atomic():
        records = {record.pk: record for record in session.records.select_for_update()}
        now = timezone.now()
        changes: list[AttendanceChange] = []
        for entry in entries:
            record = records.get(entry.record_id)
            if record is None:
                raise InvalidInput(_("The attendance sheet is out of date. Reload the page and try again."))
            if entry.status and entry.status not in AttendanceStatus.values:
                raise InvalidInput(_("Choose a status from the list."))
            if entry.minutes is not None and not 0 <= entry.minutes <= longest:
                raise InvalidInput(
                    _("Minutes attended must be between 0 and %(minutes)d.") % {"minutes": longest}
                )
            before = _record_state(record)
            after = {"status": entry.status, "minutes": entry.minutes, "note": entry.note.strip()}
            if after == before:
                continue
            record.status, record.minutes, record.note = entry.status, entry.minutes, entry.note.strip()
            record.recorded_by = actor.user
            record.recorded_at = now
            record.save(update_fields=["status", "minutes", "note", "recorded_by", "recorded_at"])
            changes.append(
                AttendanceChange(
                    record=record,
                    changed_by=actor.user,
                    before=None if before == EMPTY_STATE else before,
                    after=after,
                )
            )
        AttendanceChange.objects.bulk_create(changes)
        if changes:
            audit_record(
                actor=actor.user,
                action="attendance.save",
                customer=event.application.customer if event.application is not None else None,
                target=session,
                after={"changed": len(changes)},
                ip=ip,
            )
            session_id, actor_id = session.pk, actor.user.pk
            transaction.on_commit(
                lambda: update_attendance_alerts.enqueue(session_id=session_id, actor_id=actor_id)
            )
    return len(changes)


# Attendance alerts -------------------------------------------------------------------------


def alert_settings_update(
    *,
    actor: Actor,
    customer: Customer,
    rate_percent: int,
    min_sessions: int,
    consecutive_absences: int,
    ip: str | None = None,
) -> AlertSettings:
    """Set a customer's attendance-alert thresholds (the rule of `arithmetic.AttentionRule`).
    Who: the customer's admins and system administrators. Locks the customer's settings row;
    audited. After commit, the customer's mentees are re-examined with the new rule, so that the
    dashboard and the alerts keep agreeing (a mentee the new rule puts below gets an alert).
    Raises PermissionDenied and InvalidInput (a value outside its range)."""
    if not can_manage_alert_settings(actor, customer):
        raise PermissionDenied(_("Only the customer's admins change its attendance alerts."))
    values = {
        "rate_percent": rate_percent,
        "min_sessions": min_sessions,
        "consecutive_absences": consecutive_absences,
    }
    for name, (low, high) in (
        ("rate_percent", RATE_PERCENT_RANGE),
        ("min_sessions", MIN_SESSIONS_RANGE),
        ("consecutive_absences", CONSECUTIVE_ABSENCES_RANGE),
    ):
        if not low <= values[name] <= high:
            raise InvalidInput(
                _("Enter a whole number from %(low)d to %(high)d.") % {"low": low, "high": high},
                field=name,
            )
    with transaction.atomic():
        current, created = AlertSettings.objects.select_for_update().get_or_create(customer=customer)
        before = {name: getattr(current, name) for name in values}
        if before == values and not created:
            return current
        for name, value in values.items():
            setattr(current, name, value)
        current.updated_by = actor.user
        current.save()
        audit_record(
            actor=actor.user,
            action="attendance.alert_settings",
            customer=customer,
            target=current,
            before=before,
            after=values,
            ip=ip,
        )
        customer_id, actor_id = customer.pk, actor.user.pk
        transaction.on_commit(
            lambda: update_customer_attendance_alerts.enqueue(customer_id=customer_id, actor_id=actor_id)
        )
    return current


@dataclass(frozen=True)
class Crossing:
    """A change of an AlertState: `below` True when the mentee crossed from OK to below (an
    alert fires), False when they came back (`corrected`: the reason itself was removed, so an
    unread alert is withdrawn)."""

    state: AlertState
    attention: Attention
    below: bool
    corrected: bool = False


def alert_key(state: AlertState) -> str:
    """The key of a state's alert notifications (notify skips a person with one still unread;
    withdraw removes the unread ones)."""
    return f"attendance-alert:{state.pk}"


def _activity_records(*, attendee_ids: set[int], application: Application) -> QuerySet[AttendanceRecord]:
    if application.kind == Kind.ON_REQUEST:
        return AttendanceRecord.objects.filter(
            attendee_id__in=attendee_ids, session__event__application=application
        )
    return AttendanceRecord.objects.filter(
        attendee_id__in=attendee_ids, session__event__course_instance_id=application.course_instance_id
    )


def _group(attendee_id: int, application: Application) -> tuple[Any, ...]:
    if application.kind == Kind.ON_REQUEST:
        return (attendee_id, application.pk, None)
    return (attendee_id, None, application.course_instance_id)


def alert_states_update_for_session(*, session_id: int, actor: User | None = None) -> list[Crossing]:
    """Re-apply the attention rule to every mentee of a session (on the application, or the course
    application, through which they attend it), record each crossing and alert. Every mentee of
    the session, not only those whose record changed: a session that becomes complete starts
    counting for all of them (and one that becomes incomplete stops). Run by the task that
    `attendance_save` enqueues after commit; `actor` is who recorded the attendance."""
    session = Session.objects.select_related("event").filter(pk=session_id).first()
    if session is None:
        return []
    event = session.event
    attendee_ids = set(session.records.values_list("attendee_id", flat=True))
    if event.application_id:
        pairs = [(event.application_id, attendee_id) for attendee_id in attendee_ids]
    else:
        pairs = list(
            ApplicationAttendee.objects.filter(
                attendee_id__in=attendee_ids,
                application__kind=Kind.COURSE,
                application__status=ApplicationStatus.APPROVED,
                application__course_instance_id=event.course_instance_id,
            ).values_list("application_id", "attendee_id")
        )
    return alert_states_update(pairs=pairs, actor=actor)


def alert_states_update_for_customer(*, customer_id: int, actor: User | None = None) -> list[Crossing]:
    """Re-apply the rule to every mentee of the customer's applications that have attendance
    (after its settings changed)."""
    pairs = (
        ApplicationAttendee.objects.filter(
            application__customer_id=customer_id, attendee__attendance__isnull=False
        )
        .values_list("application_id", "attendee_id")
        .distinct()
    )
    return alert_states_update(pairs=list(pairs), actor=actor)


def alert_states_update(*, pairs: list[tuple[int, int]], actor: User | None = None) -> list[Crossing]:
    """Apply the rule to each (application, attendee) pair, with the arithmetic the dashboard
    uses, update their AlertStates and, per crossing, alert (OK to below) or withdraw the unread
    alert (a correction removed the reason); returns the crossings. Locks the pairs' states
    (select_for_update) so that two updates at once make one crossing, not two. A fixed number
    of queries per application, plus a few for each crossing."""
    by_application: dict[int, set[int]] = {}
    for application_id, attendee_id in pairs:
        by_application.setdefault(application_id, set()).add(attendee_id)
    crossings: list[Crossing] = []
    applications = Application.objects.select_related(
        "customer", "service", "course_instance__course"
    ).in_bulk(list(by_application))
    for application_id, attendee_ids in sorted(by_application.items()):
        application = applications.get(application_id)
        if application is not None:
            crossings += _update_application(application=application, attendee_ids=attendee_ids, actor=actor)
    return crossings


def _update_application(
    *, application: Application, attendee_ids: set[int], actor: User | None
) -> list[Crossing]:
    records = _activity_records(attendee_ids=attendee_ids, application=application)
    customers = dict(Attendee.objects.filter(pk__in=attendee_ids).values_list("pk", "customer_id"))
    rules = rules_for(customers.values())
    crossings = []
    with transaction.atomic():
        AlertState.objects.bulk_create(
            [AlertState(application=application, attendee_id=pk) for pk in sorted(attendee_ids)],
            ignore_conflicts=True,
        )
        states = list(
            AlertState.objects.select_for_update(of=("self",))
            .filter(application=application, attendee_id__in=attendee_ids)
            .select_related("attendee")
            .order_by("pk")
        )
        # Counted once the states are locked: an update that waited for another one's lock sees
        # the records that one saw, and more, never fewer.
        found = attention_by(records, ACTIVITY)
        for state in states:
            attention = found.get(_group(state.attendee_id, application)) or Attention(
                rule=rules.get(customers.get(state.attendee_id, 0), AttentionRule()),
                counts=AttendanceCounts(),
            )
            if attention.needs_attention == state.below:
                continue
            mine = records.filter(attendee_id=state.attendee_id)
            if attention.needs_attention:
                state.below, state.through = True, _latest_counted_start(mine)
                crossing = Crossing(state=state, attention=attention, below=True)
                _alert_send(crossing=crossing, application=application, records=mine, actor=actor)
            else:
                crossing = Crossing(
                    state=state,
                    attention=attention,
                    below=False,
                    corrected=not _still_below_through(state, mine),
                )
                state.below, state.through = False, None
                if crossing.corrected:
                    withdraw(key=alert_key(state))
            state.save(update_fields=["below", "through", "changed_at"])
            crossings.append(crossing)
    return crossings


def _latest_counted_start(records: QuerySet[AttendanceRecord]) -> datetime.datetime | None:
    return (
        complete_sessions_only(records)
        .exclude(status__in=["", AttendanceStatus.EXCUSED, AttendanceStatus.NOT_ENROLLED])
        .order_by("-session__event__starts_at")
        .values_list("session__event__starts_at", flat=True)
        .first()
    )


def _still_below_through(state: AlertState, records: QuerySet[AttendanceRecord]) -> bool:
    """Whether the sessions up to the crossing still put the mentee below: then they recovered
    through later sessions (the alert stays true and stays); otherwise a correction removed
    the reason."""
    if state.through is None:
        return False
    upto = records.filter(session__event__starts_at__lte=state.through)
    return bool(attention_by(upto, ACTIVITY, needing_only=True))


MISSED_LIMIT = 10  # the alert names at most this many missed sessions, the latest


@dataclass(frozen=True)
class MissedSession:
    starts_at: datetime.datetime
    title: str


def _alert_recipients(application: Application) -> list[User]:
    """The mentee's mentors on the application and the customer's admins (ACTIVE memberships)."""
    memberships = Membership.objects.active().filter(
        Q(role=Role.MENTOR, assignments__application=application)
        | Q(role=Role.CUSTOMER_ADMIN, customer_id=application.customer_id)
    )
    return list(User.objects.filter(memberships__in=memberships).distinct().order_by("pk"))


def _alert_send(
    *, crossing: Crossing, application: Application, records: QuerySet[AttendanceRecord], actor: User | None
) -> None:
    attendee, attention = crossing.state.attendee, crossing.attention
    missed_records = (
        complete_sessions_only(records)
        .filter(status=AttendanceStatus.ABSENT)
        .select_related("session__event")
        .order_by("-session__event__starts_at", "-pk")
    )
    missed = [
        MissedSession(r.session.event.starts_at, r.session.event.title) for r in missed_records[:MISSED_LIMIT]
    ]
    url = reverse("learner_detail", args=[attendee.pk]) + "#learner-attendance"
    observation_url = (
        reverse("observation_list", args=[application.pk])
        + f"?attendee={attendee.pk}#observation-form-slot-{application.pk}"
    )
    activity = f"{application.number} {application.display_title}".strip()

    def text() -> str:
        return _("%(name)s needs attention on %(activity)s: %(reason)s.") % {
            "name": attendee.full_name,
            "activity": activity,
            "reason": attention.reason,
        }

    notify(
        recipients=_alert_recipients(application),
        kind=NotificationKind.ATTENDANCE_ALERT,
        actor=actor,
        url=url,
        text=text,
        email="attendance-alert",
        context={
            "attendee": attendee,
            "application": application,
            "activity": activity,
            "attention": attention,
            "missed": missed,
            "missed_more": max(attention.counts.absent - len(missed), 0),
            "observation_url": settings.SITE_URL + observation_url,
        },
        key=alert_key(crossing.state),
    )


@task()
def update_attendance_alerts(*, session_id: int, actor_id: int | None = None) -> int:
    """After attendance of a session was saved: its mentees' crossings, alerted; how many."""
    actor = User.objects.filter(pk=actor_id).first() if actor_id else None
    return len(alert_states_update_for_session(session_id=session_id, actor=actor))


@task()
def update_customer_attendance_alerts(*, customer_id: int, actor_id: int | None = None) -> int:
    """After a customer's alert settings changed: its mentees' crossings, alerted; how many."""
    actor = User.objects.filter(pk=actor_id).first() if actor_id else None
    return len(alert_states_update_for_customer(customer_id=customer_id, actor=actor))
