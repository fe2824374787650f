"""Demo schedule: for each demo on-request application (NEW, PROCESSING or ACCEPTED) and each
course instance with an APPROVED course application, a weekly series from eight weeks ago to
eight weeks ahead, delivered by pro@example.com; a few events canceled with reasons (the upcoming
ones through event_cancel, which notifies those who see them). The
attendance step (mentora.attendance.demo) then takes attendance of the past ones.

Idempotent: an activity that already has events is left alone."""

import datetime

from django.db import transaction
from django.utils import timezone

from mentora.accounts.models import User
from mentora.applications.models import Application, ApplicationStatus, Kind
from mentora.catalog.models import CourseInstance
from mentora.customers.access import actor_for
from mentora.schedule.models import Event, EventSeries, EventStatus
from mentora.schedule.services import SCHEDULABLE_STATUSES, event_cancel, weekly_slots

WEEKS = 8
CANCEL_REASONS = [
    "The professional is ill.",
    "Public holiday.",
    "The room is unavailable; a new date follows.",
]


def demo_activities() -> list[Application | CourseInstance]:
    applications = list(
        Application.objects.filter(kind=Kind.ON_REQUEST, status__in=SCHEDULABLE_STATUSES)
        .select_related("service")
        .order_by("number")
    )
    instances = list(
        CourseInstance.objects.filter(
            applications__kind=Kind.COURSE, applications__status=ApplicationStatus.APPROVED
        )
        .select_related("course")
        .distinct()
        .order_by("code")
    )
    return [*applications, *instances]


def _title(activity: Application | CourseInstance) -> str:
    if isinstance(activity, Application):
        return activity.display_title or activity.number
    return activity.course.title


@transaction.atomic
def seed_schedule() -> None:
    professional = User.objects.filter(email="pro@example.com").first()
    admin = User.objects.filter(email="admin@example.com").first()
    if professional is None:
        return
    tz = timezone.get_default_timezone()
    today = timezone.localdate(timezone.now(), tz)
    now = timezone.now()
    for index, activity in enumerate(demo_activities()):
        if activity.events.exists():
            continue
        # Spread the activities over the week: Monday to Thursday, 09:00, 13:00 or 15:30.
        weekday = index % 4
        hour, minute = [(9, 0), (13, 0), (15, 30)][index % 3]
        first_day = (
            today - datetime.timedelta(weeks=WEEKS) + datetime.timedelta(days=(weekday - today.weekday()) % 7)
        )
        starts_at = datetime.datetime.combine(first_day, datetime.time(hour, minute), tzinfo=tz)
        ends_at = starts_at + datetime.timedelta(minutes=90)
        until = today + datetime.timedelta(weeks=WEEKS)
        series = EventSeries.objects.create(created_by=admin, repeat_until=until)
        Event.objects.bulk_create(
            Event(
                application=activity if isinstance(activity, Application) else None,
                course_instance=activity if isinstance(activity, CourseInstance) else None,
                series=series,
                title=_title(activity),
                starts_at=start,
                ends_at=end,
                language=activity.language,
                professional=professional,
                location="" if index % 2 else "Storgatan 12, room 3",
                online_url=f"https://meet.example.com/mentora-{index + 1}" if index % 2 else "",
                created_by=admin,
            )
            for start, end in weekly_slots(starts_at=starts_at, ends_at=ends_at, repeat_until=until, tz=tz)
        )
        events = list(Event.objects.filter(series=series).order_by("starts_at"))
        past = [event for event in events if event.starts_at <= now]
        future = [event for event in events if event.starts_at > now]
        # One past and one upcoming event of each activity canceled, in different weeks. The past
        # one is history written as such; the upcoming one is canceled now, through the service,
        # so that its mentors and customer admins find the cancellation among their notifications.
        for event in [past[(2 + index) % len(past)]] if past else []:
            event.status = EventStatus.CANCELED
            event.canceled_reason = CANCEL_REASONS[(index + event.pk) % len(CANCEL_REASONS)]
            event.canceled_by = admin or professional
            event.canceled_at = event.starts_at - datetime.timedelta(days=2)
            event.save()
        if future:
            upcoming = future[(1 + 2 * index) % len(future)]
            event_cancel(
                actor=actor_for(admin or professional),
                event=upcoming,
                reason=CANCEL_REASONS[(index + upcoming.pk) % len(CANCEL_REASONS)],
            )


__all__ = ["demo_activities", "seed_schedule"]
