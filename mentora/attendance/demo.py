"""Demo attendance: sessions for the past, held events of the demo schedule with a realistic mix
of statuses, the latest one of some activities left incomplete. Then the attendance alerts: one
mentee of "Coaching for new team leaders" missed its latest two completed sessions, so she
crosses the threshold and her mentors (mentor@ and both@example.com) and Northwind's admins
have an alert; every other demo mentee's state is computed with the same rule.

Idempotent: an activity that already has a session is left alone, and an alert fires once."""

import random

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from mentora.accounts.models import User
from mentora.applications.models import Application, Kind
from mentora.customers.models import Customer
from mentora.schedule.demo import demo_activities
from mentora.schedule.models import EventStatus

from .arithmetic import complete_sessions_only
from .models import AlertState, AttendanceChange, AttendanceRecord, AttendanceStatus, Session
from .services import alert_states_update_for_customer, session_ensure

ALERT_APPLICATION_TITLE = "Coaching for new team leaders"

NOTES = ["Left early for a doctor's appointment.", "Arrived after the break.", "Called in sick.", ""]
STATUS_WEIGHTS = [
    (AttendanceStatus.PRESENT, 70),
    (AttendanceStatus.LATE, 10),
    (AttendanceStatus.EXCUSED, 8),
    (AttendanceStatus.ABSENT, 10),
    (AttendanceStatus.NOT_ENROLLED, 2),
]


@transaction.atomic
def seed_attendance() -> None:
    professional = User.objects.filter(email="pro@example.com").first()
    if professional is None:
        return
    rng = random.Random(2026)  # noqa: S311 - demo data, not a secret
    now = timezone.now()
    for index, activity in enumerate(demo_activities()):
        if Session.objects.filter(event__in=activity.events.all()).exists():
            continue
        held = list(
            activity.events.filter(status=EventStatus.SCHEDULED, starts_at__lte=now).order_by(
                "starts_at", "pk"
            )
        )
        for position, event in enumerate(held):
            session = session_ensure(event=event, now=now)
            if session is None:
                continue
            latest = position == len(held) - 1
            _take_attendance(
                session.records.all(), rng, recorder=professional, leave_blank=latest and index % 2 == 0
            )


def _take_attendance(
    records: QuerySet[AttendanceRecord], rng: random.Random, *, recorder: User, leave_blank: bool
) -> None:
    statuses, weights = zip(*STATUS_WEIGHTS, strict=True)
    changes = []
    for number, record in enumerate(records.select_related("session__event")):
        if leave_blank and number % 2 == 0:
            continue  # the latest session of some activities is still incomplete
        status = rng.choices(statuses, weights)[0]
        length = int((record.session.event.ends_at - record.session.event.starts_at).total_seconds() // 60)
        record.status = status
        record.minutes = {
            AttendanceStatus.PRESENT: length,
            AttendanceStatus.LATE: length - rng.choice([10, 15, 20, 30]),
        }.get(status)
        record.note = rng.choice(NOTES) if status in (AttendanceStatus.LATE, AttendanceStatus.EXCUSED) else ""
        record.recorded_by = recorder
        record.recorded_at = record.session.event.ends_at
        record.save(update_fields=["status", "minutes", "note", "recorded_by", "recorded_at"])
        changes.append(
            AttendanceChange(
                record=record,
                changed_by=recorder,
                before=None,
                after={"status": record.status, "minutes": record.minutes, "note": record.note},
            )
        )
    changes = AttendanceChange.objects.bulk_create(changes)
    # The history shows when attendance was taken, not when the demo was seeded.
    for change in changes:
        change.changed_at = change.record.recorded_at  # type: ignore[assignment]  # set just above
    AttendanceChange.objects.bulk_update(changes, ["changed_at"])


@transaction.atomic
def seed_attendance_alerts() -> None:
    professional = User.objects.filter(email="pro@example.com").first()
    application = Application.objects.filter(kind=Kind.ON_REQUEST, title=ALERT_APPLICATION_TITLE).first()
    if professional is None or application is None:
        return
    if not AlertState.objects.filter(application=application).exists():
        _miss_the_latest_two(application, recorder=professional)
    for customer in Customer.objects.filter(applications__isnull=False).distinct().order_by("pk"):
        alert_states_update_for_customer(customer_id=customer.pk, actor=professional)


def _miss_the_latest_two(application: Application, *, recorder: User) -> None:
    """The first participant's two latest completed sessions become absences."""
    participant = (
        application.participants.filter(participating=True).order_by("attendee__last_name", "pk").first()
    )
    if participant is None:
        return
    records = complete_sessions_only(
        AttendanceRecord.objects.filter(
            attendee_id=participant.attendee_id, session__event__application=application
        )
    ).select_related("session__event")
    for record in records.order_by("-session__event__starts_at")[:2]:
        before = {"status": record.status, "minutes": record.minutes, "note": record.note}
        record.status, record.minutes, record.note = AttendanceStatus.ABSENT, None, ""
        record.recorded_by, record.recorded_at = recorder, record.session.event.ends_at
        record.save(update_fields=["status", "minutes", "note", "recorded_by", "recorded_at"])
        AttendanceChange.objects.create(
            record=record,
            changed_by=recorder,
            before=before,
            after={"status": record.status, "minutes": None, "note": ""},
        )
