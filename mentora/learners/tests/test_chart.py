"""The chart's geometry: a mark per session whose height says its status, a line broken where a
week has no rate, every number from the arithmetic's counts."""

import datetime

from mentora.attendance.arithmetic import AttendanceCounts, AttentionRule
from mentora.attendance.models import AttendanceStatus
from mentora.learners.chart import RATE_BOTTOM, RATE_TOP, STRIP_HEIGHT, attendance_chart, chart_description
from mentora.learners.selectors import AttendanceOverTime, SessionPoint, WeekPoint

A = AttendanceStatus
MONDAY = datetime.date(2026, 3, 2)


def session(status: str, day: int) -> SessionPoint:
    return SessionPoint(
        record_id=day,
        starts_at=datetime.datetime(2026, 3, 2 + day, 9, tzinfo=datetime.UTC),
        title="Lesson",
        activity="A-1",
        status=status,
        minutes=None,
        note="",
    )


def data() -> AttendanceOverTime:
    weeks = [
        WeekPoint(MONDAY, AttendanceCounts(recorded=2, present=1, absent=1)),
        WeekPoint(MONDAY + datetime.timedelta(days=7), AttendanceCounts(recorded=1, excused=1)),  # no rate
        WeekPoint(MONDAY + datetime.timedelta(days=14), AttendanceCounts(recorded=1, late=1)),
    ]
    sessions = [session(A.PRESENT, 0), session(A.ABSENT, 1), session(A.EXCUSED, 7), session(A.LATE, 14)]
    whole = AttendanceCounts(recorded=4, present=1, late=1, excused=1, absent=1)
    return AttendanceOverTime(
        weeks=weeks,
        sessions=sessions,
        whole=whole,
        recent=whole,
        recent_days=30,
        rule=AttentionRule(),
        attention=[],
    )


def test_points_segments_and_marks():
    chart = attendance_chart(data(), week_label=str, session_label=lambda s: s.status)
    assert [p.y for p in chart.points] == [(RATE_BOTTOM + RATE_TOP) / 2, RATE_TOP]  # 50 %, 100 %
    assert len(chart.segments) == 2  # the week without a rate breaks the line
    heights = {mark.label: mark.height for mark in chart.marks}
    assert heights == {
        A.PRESENT: STRIP_HEIGHT,
        A.LATE: STRIP_HEIGHT * 0.75,
        A.EXCUSED: STRIP_HEIGHT * 0.5,
        A.ABSENT: STRIP_HEIGHT * 0.25,
    }
    assert [tick.text for tick in chart.week_ticks] == ["W10", "W11", "W12"]
    assert any(line.threshold and line.text == "80 %" for line in chart.gridlines)


def test_the_description_says_what_the_chart_shows():
    text = chart_description(data())
    assert text.startswith("4 sessions over 3 weeks: present 1, late 1, excused 1, absent 1, not enrolled 0.")
    assert "from 50 % (week 10) to 100 % (week 12); the last week 100 %." in text
