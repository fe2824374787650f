"""The one attendance arithmetic: counts, rate and "needs attention", the same in Python and
in the database, at the edges too."""

import pytest

from mentora.attendance.arithmetic import (
    AttendanceCounts,
    attendance_counts,
    attendance_counts_by,
    attendance_counts_sum,
    attendance_needing_attention,
)
from mentora.attendance.models import AttendanceRecord, AttendanceStatus
from mentora.testing.factories_activities import AttendeeFactory
from mentora.testing.factories_schedule import AttendanceRecordFactory

S = AttendanceStatus
pytestmark = pytest.mark.django_db


def test_rate_counts_present_and_late_over_what_counts():
    counts = AttendanceCounts(
        recorded=6, present=2, late=1, excused=1, absent=1, not_enrolled=1, unrecorded=2
    )
    assert (counts.records, counts.attended, counts.counted) == (8, 3, 4)
    assert counts.rate == pytest.approx(0.75) and counts.rate_percent == 75
    assert not counts.is_complete
    assert AttendanceCounts(recorded=2, excused=1, not_enrolled=1).rate is None  # nothing counts
    assert AttendanceCounts().rate_percent is None and AttendanceCounts().is_complete
    # 79.6 % shows as "80 %" but is under the threshold: the warning follows the rule, not the rounding.
    edge = AttendanceCounts(recorded=250, present=199, absent=51)
    assert edge.rate_percent == 80 and edge.low_rate and edge.needs_attention


@pytest.mark.parametrize(
    ("statuses", "needs"),
    [
        ([S.PRESENT] * 4 + [S.ABSENT], False),  # exactly 80 %: fine
        ([S.PRESENT] * 3 + [S.LATE] + [S.ABSENT] * 2, True),  # two absences
        ([S.PRESENT] * 7 + [S.ABSENT] * 2, True),  # 78 %, and two absences
        ([S.PRESENT] * 3 + [S.EXCUSED], False),  # 100 % of what counts
        ([S.PRESENT, S.PRESENT, S.PRESENT, S.ABSENT], True),  # 75 %
        ([S.EXCUSED, S.NOT_ENROLLED, ""], False),  # nothing counts
    ],
)
def test_needs_attention_is_the_same_rule_in_python_and_in_the_database(statuses, needs):
    attendee = AttendeeFactory()
    for status in statuses:
        AttendanceRecordFactory(attendee=attendee, status=status)
    records = AttendanceRecord.objects.filter(attendee=attendee)
    assert attendance_counts(records).needs_attention is needs
    assert (attendee.pk in attendance_needing_attention(records, "attendee", limit=10)) is needs


def test_counts_per_attendee_and_pooled():
    ada, bo = AttendeeFactory(), AttendeeFactory()
    for status in (S.PRESENT, S.ABSENT, ""):
        AttendanceRecordFactory(attendee=ada, status=status)
    AttendanceRecordFactory(attendee=bo, status=S.LATE)
    by_attendee = attendance_counts_by(AttendanceRecord.objects.all(), "attendee")
    assert (by_attendee[ada.pk].attended, by_attendee[ada.pk].counted, by_attendee[ada.pk].unrecorded) == (
        1,
        2,
        1,
    )
    assert by_attendee[ada.pk].last_absence is not None
    pooled = attendance_counts_sum(by_attendee.values())
    assert pooled == attendance_counts(AttendanceRecord.objects.all())
    assert pooled.rate == pytest.approx(2 / 3)  # the rate of the sum, not the mean of the rates


def test_worst_rate_comes_first():
    low, lower = AttendeeFactory(), AttendeeFactory()
    for status in (S.PRESENT, S.PRESENT, S.ABSENT):
        AttendanceRecordFactory(attendee=low, status=status)
    for status in (S.PRESENT, S.ABSENT, S.ABSENT):
        AttendanceRecordFactory(attendee=lower, status=status)
    assert list(attendance_needing_attention(AttendanceRecord.objects.all(), limit=10)) == [lower.pk, low.pk]
    assert list(attendance_needing_attention(AttendanceRecord.objects.all(), limit=1)) == [lower.pk]
