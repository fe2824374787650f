"""The attendance strip: a mentee's last sessions as small squares, each with its status letter
(never colour alone) and a <title>; the whole strip has a text alternative."""

from django import template
from django.utils.translation import pgettext_lazy

from mentora.attendance.models import AttendanceStatus as A
from mentora.mentoring.attendance_selectors import StripItem

register = template.Library()

CELL = 16
GAP = 3
# Fill colours all give white text at least 4.5:1 contrast (WCAG AA).
STYLE = {
    A.PRESENT: ("#047857", pgettext_lazy("attendance status letter", "P")),
    A.LATE: ("#1d4ed8", pgettext_lazy("attendance status letter", "L")),
    A.EXCUSED: ("#92400e", pgettext_lazy("attendance status letter", "E")),
    A.ABSENT: ("#b91c1c", pgettext_lazy("attendance status letter", "A")),
    A.NOT_ENROLLED: ("#4b5563", pgettext_lazy("attendance status letter", "N")),
}


@register.inclusion_tag("mentoring/attendance/_strip.html")
def attendance_strip(strip: list[StripItem], strip_id: object) -> dict:  # type: ignore[type-arg]
    cells = []
    for index, item in enumerate(strip):
        fill, letter = STYLE.get(item.status, ("#4b5563", "?"))
        x = index * (CELL + GAP)
        cells.append({"x": x, "text_x": x + CELL / 2, "fill": fill, "letter": letter, "item": item})
    width = max(0, len(strip) * (CELL + GAP) - GAP)
    return {"cells": cells, "strip": strip, "width": width, "height": CELL, "id": strip_id}
