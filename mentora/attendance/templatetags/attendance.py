from django import template

from mentora.attendance.models import AttendanceStatus

register = template.Library()


@register.filter
def attendance_status_label(value: str) -> str:
    """The translated label of a status value kept in the history ("" for none)."""
    return str(AttendanceStatus(value).label) if value in AttendanceStatus.values else ""
