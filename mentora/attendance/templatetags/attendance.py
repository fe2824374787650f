from typing import Any

from django import template

from mentora.applications.models import Application, ApplicationAttendee
from mentora.attendance.models import AttendanceStatus
from mentora.schedule.access import application_schedule_visible
from mentora.schedule.models import Event
from mentora.schedule.permissions import can_manage_schedule
from mentora.schedule.selectors import application_events

from ..permissions import can_take_attendance, can_view_attendance
from ..selectors import ParticipantAttendance, attendance_summary, session_summary

register = template.Library()


@register.filter
def attendance_status_label(value: str) -> str:
    """The translated label of a status value kept in the history ("" for none)."""
    return str(AttendanceStatus(value).label) if value in AttendanceStatus.values else ""


@register.simple_tag(takes_context=True)
def application_attendance(
    context: template.Context, application: Application, participants: list[ApplicationAttendee]
) -> list[ParticipantAttendance]:
    """The attendance section of the application page: one row per participant, once the
    application has events the actor may see (none otherwise)."""
    actor = context["request"].actor
    if not application_schedule_visible(actor=actor, application=application):
        return []
    if not application_events(application=application):
        return []
    return attendance_summary(application=application, participants=participants)


@register.simple_tag(takes_context=True)
def event_attendance(context: template.Context, event: Event) -> dict[str, Any] | None:
    """The attendance section of the event page. The session's totals count every learner of
    it, for a course instance other customers' too: only those who may open the whole sheet see
    them (DESIGN.md §3); None for everyone else."""
    actor = context["request"].actor
    if not can_view_attendance(actor, event):
        return None
    summary = session_summary(event=event)
    return {
        "tracked": summary.tracked,
        "started": summary.started,
        "session": summary.session,
        "totals": summary.totals,
        "can_take": can_take_attendance(actor, event),
        "can_manage": can_manage_schedule(actor, event),
    }
