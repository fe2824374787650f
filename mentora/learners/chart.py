"""The attendance-over-time chart's geometry, computed on the server and drawn as SVG by the
template: the attendance rate per week as a line (with the 80 % line that "needs attention"
uses), and under it one mark per session whose height says its status (so that colour is never
the only cue). The numbers are the arithmetic's; this module only places them."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mentora.attendance.models import AttendanceStatus

from .selectors import AttendanceOverTime

WIDTH = 720
LEFT = 48  # room for the rate labels
RIGHT = 12
RATE_TOP = 16
RATE_BOTTOM = 176  # 0 % here, 100 % at RATE_TOP
STRIP_TOP = 222
STRIP_HEIGHT = 32
HEIGHT = STRIP_TOP + STRIP_HEIGHT + 22
MAX_WEEK_LABELS = 8
MAX_MARK_WIDTH = 22

# Each status's mark: its share of the strip's height, and the CSS class that colours it.
MARKS: dict[str, tuple[float, str]] = {
    AttendanceStatus.PRESENT: (1.0, "mark--present"),
    AttendanceStatus.LATE: (0.75, "mark--late"),
    AttendanceStatus.EXCUSED: (0.5, "mark--excused"),
    AttendanceStatus.ABSENT: (0.25, "mark--absent"),
    AttendanceStatus.NOT_ENROLLED: (0.125, "mark--not-enrolled"),
    "": (0.125, "mark--unrecorded"),
}


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    label: str  # e.g. "Week of 2 Mar 2026: 75 %"


@dataclass(frozen=True)
class Mark:
    x: float
    y: float
    width: float
    height: float
    css: str
    label: str


@dataclass(frozen=True)
class Tick:
    x: float
    text: str


@dataclass(frozen=True)
class Gridline:
    y: float
    text: str
    threshold: bool


@dataclass
class Chart:
    width: int
    height: int
    left: int
    right_edge: int
    points: list[Point]
    segments: list[str]  # SVG path data, one per run of weeks that have a rate
    marks: list[Mark]
    week_ticks: list[Tick]
    gridlines: list[Gridline]
    strip_top: int
    strip_bottom: int
    rate_bottom: int


def _rate_y(percent: float) -> float:
    return RATE_BOTTOM - (RATE_BOTTOM - RATE_TOP) * percent / 100


def attendance_chart(data: AttendanceOverTime, *, week_label, session_label) -> Chart:  # type: ignore[no-untyped-def]
    """The chart of `data`. `week_label(week)` and `session_label(session)` word a point's and a
    mark's tooltip (the page's dates)."""
    plot = WIDTH - LEFT - RIGHT
    points: list[Point] = []
    segments: list[str] = []
    run: list[Point] = []
    step = plot / len(data.weeks) if data.weeks else plot
    for index, week in enumerate(data.weeks):
        x = round(LEFT + (index + 0.5) * step, 1)
        rate = week.counts.rate
        if rate is None:
            if run:
                segments.append(_path(run))
            run = []
            continue
        percent = week.counts.rate_percent
        point = Point(x=x, y=round(_rate_y(rate * 100), 1), label=f"{week_label(week.week)}: {percent} %")
        points.append(point)
        run.append(point)
    if run:
        segments.append(_path(run))
    every = max(1, -(-len(data.weeks) // MAX_WEEK_LABELS))
    week_ticks = [
        Tick(
            x=round(LEFT + (index + 0.5) * step, 1),
            text=_("W%(week)d") % {"week": week.week.isocalendar().week},
        )
        for index, week in enumerate(data.weeks)
        if index % every == 0
    ]
    marks: list[Mark] = []
    if data.sessions:
        slot = plot / len(data.sessions)
        width = min(MAX_MARK_WIDTH, max(1.0, slot * 0.8))
        for index, session in enumerate(data.sessions):
            share, css = MARKS.get(session.status, MARKS[""])
            height = STRIP_HEIGHT * share
            marks.append(
                Mark(
                    x=round(LEFT + index * slot + (slot - width) / 2, 1),
                    y=round(STRIP_TOP + STRIP_HEIGHT - height, 1),
                    width=round(width, 1),
                    height=round(height, 1),
                    css=css,
                    label=session_label(session),
                )
            )
    threshold = data.rule.rate_percent
    gridlines = [
        Gridline(y=round(_rate_y(p), 1), text=f"{p} %", threshold=p == threshold)
        for p in sorted({0, 50, threshold, 100})
    ]
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        right_edge=WIDTH - RIGHT,
        points=points,
        segments=segments,
        marks=marks,
        week_ticks=week_ticks,
        gridlines=gridlines,
        strip_top=STRIP_TOP,
        strip_bottom=STRIP_TOP + STRIP_HEIGHT,
        rate_bottom=RATE_BOTTOM,
    )


def _path(points: list[Point]) -> str:
    if len(points) == 1:
        # A lone week: a short flat stroke, so it shows as a line and not only as its dot.
        p = points[0]
        return f"M{p.x - 4},{p.y} L{p.x + 4},{p.y}"
    return " ".join(("M" if i == 0 else "L") + f"{p.x},{p.y}" for i, p in enumerate(points))


def chart_description(data: AttendanceOverTime) -> str:
    """The chart in words, for those who do not see it (the tables beside it hold every number)."""
    if not data.sessions:
        return _("No sessions yet.")
    rated = [week for week in data.weeks if week.counts.rate_percent is not None]
    whole = data.whole
    sessions = ngettext("%(count)d session", "%(count)d sessions", len(data.sessions)) % {
        "count": len(data.sessions)
    }
    weeks = ngettext("%(count)d week", "%(count)d weeks", len(data.weeks)) % {"count": len(data.weeks)}
    parts = [
        _(
            "%(sessions)s over %(weeks)s: present %(present)d, late %(late)d, excused %(excused)d, "
            "absent %(absent)d, not enrolled %(not_enrolled)d."
        )
        % {
            "sessions": sessions,
            "weeks": weeks,
            "present": whole.present,
            "late": whole.late,
            "excused": whole.excused,
            "absent": whole.absent,
            "not_enrolled": whole.not_enrolled,
        }
    ]
    if rated:
        lowest = min(rated, key=lambda week: (week.counts.rate_percent, week.week))
        highest = max(rated, key=lambda week: (week.counts.rate_percent, week.week))
        parts.append(
            _(
                "Weekly attendance rate from %(lowest)d %% (week %(lowest_week)d) to %(highest)d %% "
                "(week %(highest_week)d); the last week %(last)d %%."
            )
            % {
                "lowest": lowest.counts.rate_percent,
                "lowest_week": lowest.week.isocalendar().week,
                "highest": highest.counts.rate_percent,
                "highest_week": highest.week.isocalendar().week,
                "last": rated[-1].counts.rate_percent,
            }
        )
    return " ".join(parts)
