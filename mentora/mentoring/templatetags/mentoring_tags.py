"""The attendance strip: a mentee's last sessions as small squares, each with its status letter
(never colour alone) and a <title>; the whole strip has a text alternative. And the cells of the
Attendees tab's and the report's table lines."""

import datetime
import html
from dataclasses import dataclass, field
from typing import cast

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from mentora.attendance.models import AttendanceStatus as A
from mentora.core.dates import format_date
from mentora.core.links import id_link
from mentora.mentoring.selectors.attendance import MenteeAttendance, ReportLine, StripItem

register = template.Library()

CELL = 20  # px: the letter inside stays readable (12 px, bold, white on a dark fill)
GAP = 3
# Fill colours all give white text at least 4.5:1 contrast (WCAG AA).
FILLS: dict[str, str] = {
    A.PRESENT: "#047857",
    A.LATE: "#1d4ed8",
    A.EXCUSED: "#92400e",
    A.ABSENT: "#b91c1c",
    A.NOT_ENROLLED: "#4b5563",
}


def status_letter(status: str) -> str:
    """The first letter of the status in the user's language (the strip's legend says which)."""
    try:
        label = A(status).label
    except ValueError:
        return "?"
    return str(label)[:1].upper()


@register.simple_tag
def attendance_strip_legend() -> str:
    """ "P: Present, L: Late, …" in the user's language."""
    return ", ".join(f"{status_letter(status)}: {A(status).label}" for status in FILLS)


@dataclass
class _Written:
    """What a page's strips and lines have written so far: each status's letter, each session's
    date, the columns' labels (a page has twenty lines that share them)."""

    letters: dict[str, str] = field(default_factory=dict)
    dates: dict[datetime.datetime, str] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)


def _written(context: template.Context) -> _Written:
    written = cast(_Written | None, context.render_context.get("attendance_written"))
    if written is None:
        written = context.render_context["attendance_written"] = _Written()
    return written


@register.simple_tag(takes_context=True)
def attendance_strip(context: template.Context, strip: list[StripItem], strip_id: object) -> SafeString:
    """The strip as SVG, each cell's date written once (the strip's text alternative and the
    cell's title both say it). Written here, not by a template: a page has twenty strips of ten
    cells, and the template's lookups per cell were most of the tab's rendering. The page's
    mentees share sessions: each status's letter and each date are written once a page."""
    if not strip:
        return mark_safe(_no_sessions())  # noqa: S308
    written = _written(context)
    letters, dates = written.letters, written.dates
    cells, sessions = [], []
    for index, item in enumerate(strip):
        x = index * (CELL + GAP)
        if item.starts_at not in dates:
            dates[item.starts_at] = format_date(item.starts_at, "list_date")
        if item.status not in letters:
            letters[item.status] = html.escape(status_letter(item.status))
        date = dates[item.starts_at]
        sessions.append(f"{date} {item.label}")
        title = html.escape(f"{date}: {item.label} ({item.activity})")
        fill = FILLS.get(item.status, "#4b5563")
        cells.append(
            f'<g><title>{title}</title><rect x="{x}" y="0" width="{CELL}" height="{CELL}" rx="3" fill="{fill}"/>'
            # The letter's x is an int: a float would be localised ("10,0" in Swedish).
            f'<text x="{x + CELL // 2}" y="14.5" text-anchor="middle" font-size="12" font-weight="700" '
            f'fill="#ffffff">{letters[item.status]}</text></g>'
        )
    width = len(strip) * (CELL + GAP) - GAP
    label = html.escape(f"{gettext('Last sessions, oldest first:')} {'; '.join(sessions)}")
    strip_id = html.escape(str(strip_id))
    return mark_safe(  # noqa: S308 - every text escaped, the rest numbers and colours
        f'<svg class="attendance-strip" role="img" aria-labelledby="strip-{strip_id}" width="{width}" '
        f'height="{CELL}" viewBox="0 0 {width} {CELL}" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="strip-{strip_id}">{label}</title>{"".join(cells)}</svg>'
    )


@register.simple_tag(takes_context=True)
def attendee_cells(
    context: template.Context, mentee: MenteeAttendance, url: str, sessions: str, several_customers: bool
) -> SafeString:
    """A mentee's cells of the Attendees tab up to the completion (whose partial is shared):
    name, customer when there are several, rate, what needs attention and why, the strip, the
    counts' sentence and the last absence. Written here in one pass: a page has twenty lines of
    seven cells, and the template's lookups and includes per cell were most of its rendering."""
    attendee, counts = mentee.attendee, mentee.counts
    labels = _written(context).labels
    if not labels:
        labels.update(
            customer=html.escape(gettext("Customer")),
            rate=html.escape(gettext("Attendance rate, all sessions")),
            attention=html.escape(gettext("Needs attention")),
            strip=html.escape(gettext("Last ten sessions")),
            absence=html.escape(gettext("Last absence")),
            no_sessions=_no_sessions(),
        )
    rate = counts.rate_percent
    attention = "".join(
        f'<div><span class="badge badge--warn">{html.escape(item.activity)}</span> '
        f"{html.escape(item.attention.reason)}</div>"
        for item in mentee.attention
    )
    cells = [f'<th scope="row"><a href="{html.escape(url)}">{html.escape(attendee.full_name)}</a></th>']
    if several_customers:
        cells.append(f'<td data-label="{labels["customer"]}">{html.escape(attendee.customer.name)}</td>')
    cells += [
        f'<td data-label="{labels["rate"]}">{labels["no_sessions"] if rate is None else f"{rate} %"}</td>',
        f'<td data-label="{labels["attention"]}">{attention or "—"}</td>',
        f'<td data-label="{labels["strip"]}">{attendance_strip(context, mentee.strip, attendee.pk)}</td>',
        f'<td class="attendees-table__counts">{html.escape(sessions)}</td>',
        f'<td data-label="{labels["absence"]}">{html.escape(format_date(counts.last_absence, "list_date")) or "—"}</td>',
    ]
    return mark_safe("\n".join(cells))  # noqa: S308 - every text escaped, the rest numbers and markup


def _no_sessions() -> str:
    return f'<span class="muted">{html.escape(gettext("No sessions yet"))}</span>'


@register.simple_tag
def attendance_report_lines(lines: list[ReportLine], several_customers: bool) -> SafeString:
    """The report's table rows, each a mentee's link, customer (when there are several) and
    counts, the rate last. A year of a large customer is over a thousand lines: written here in
    one pass rather than looked up cell by cell (the template's loop cost some 400 Python calls
    a line, most of the page's cost)."""
    learner_link = id_link("learner_detail")
    no_sessions = _no_sessions()
    rows = []
    for line in lines:
        counts = line.counts
        rate = counts.rate_percent
        customer = f"<td>{html.escape(line.customer)}</td>" if several_customers else ""
        rows.append(
            f'<tr><td><a href="{learner_link(line.attendee_id)}">{html.escape(line.name)}</a></td>{customer}'
            f"<td>{counts.recorded}</td><td>{counts.present}</td><td>{counts.late}</td>"
            f"<td>{counts.excused}</td><td>{counts.absent}</td><td>{counts.not_enrolled}</td>"
            f"<td>{no_sessions if rate is None else f'{rate} %'}</td></tr>"
        )
    return mark_safe("\n".join(rows))  # noqa: S308 - every text escaped; the rest numbers and our own paths
