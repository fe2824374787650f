"""The one attendance arithmetic: counts, rate and "needs attention" (one rule, per mentee and
application, over complete sessions), at the edges too."""

import datetime

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentora.attendance.arithmetic import (
    ACTIVITY,
    AttendanceCounts,
    AttentionRule,
    attendance_counts,
    attendance_counts_by,
    attendance_counts_sum,
    attention_by,
)
from mentora.attendance.models import AlertSettings, AttendanceRecord, AttendanceStatus
from mentora.testing.factories_activities import ApplicationFactory, AttendeeFactory
from mentora.testing.factories_schedule import AttendanceRecordFactory, EventFactory, SessionFactory

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
    assert edge.rate_percent == 80 and AttentionRule().low_rate(edge)


def _records_in_order(attendee, statuses, application=None):
    """One session per status, a day apart, oldest first, on one application."""
    application = application or ApplicationFactory(customer=attendee.customer)
    for days_ago, status in zip(range(len(statuses), 0, -1), statuses, strict=True):
        event = EventFactory(application=application, past=True)
        event.starts_at = event.starts_at.replace(year=2026, month=1, day=1) + datetime.timedelta(
            days=40 - days_ago
        )
        event.ends_at = event.starts_at + datetime.timedelta(hours=1)
        event.save()
        AttendanceRecordFactory(session=SessionFactory(event=event), attendee=attendee, status=status)
    return application


def _attention(attendee, application):
    records = AttendanceRecord.objects.filter(attendee=attendee)
    return attention_by(records)[(attendee.pk, application.pk, None)]


@pytest.mark.parametrize(
    ("statuses", "low_rate", "in_a_row"),
    [
        ([S.PRESENT] * 4 + [S.ABSENT], False, 1),  # exactly 80 %: fine
        ([S.ABSENT, S.PRESENT, S.PRESENT, S.ABSENT], True, 1),  # 50 % of 4
        ([S.PRESENT, S.ABSENT, S.ABSENT], True, 2),  # two in a row, and 33 %
        ([S.ABSENT, S.EXCUSED, S.ABSENT, S.NOT_ENROLLED], False, 2),  # in a row: excused skipped; 2 count < 3
        ([S.ABSENT, S.ABSENT, S.PRESENT], True, 0),  # 33 % of 3, but the latest attended
        ([S.ABSENT, S.PRESENT], False, 0),  # 50 %, but only 2 count (minimum 3)
        ([S.PRESENT] * 3 + [S.EXCUSED], False, 0),  # 100 % of what counts
    ],
)
def test_the_rule_rate_after_the_minimum_and_absences_in_a_row(statuses, low_rate, in_a_row):
    attendee = AttendeeFactory()
    application = _records_in_order(attendee, statuses)
    attention = _attention(attendee, application)
    assert (attention.low_rate, attention.absences_in_a_row) == (low_rate, in_a_row)
    assert attention.needs_attention is (low_rate or in_a_row >= 2)


def test_an_incomplete_session_counts_for_nobody_until_it_is_complete():
    ada, bo = AttendeeFactory(), AttendeeFactory()
    application = _records_in_order(ada, [S.PRESENT, S.ABSENT])
    latest = AttendanceRecord.objects.filter(attendee=ada).order_by("-session__event__starts_at").first()
    blank = AttendanceRecordFactory(session=latest.session, attendee=bo, status="")
    assert _attention(ada, application).absences_in_a_row == 0  # the absence's session is incomplete
    assert _attention(ada, application).counts.counted == 1
    blank.status = S.PRESENT
    blank.save()
    assert _attention(ada, application).absences_in_a_row == 1


def test_the_customers_settings_make_the_rule():
    attendee = AttendeeFactory()
    application = _records_in_order(attendee, [S.PRESENT, S.PRESENT, S.PRESENT, S.PRESENT, S.ABSENT])
    assert not _attention(attendee, application).needs_attention
    AlertSettings.objects.create(
        customer=attendee.customer, rate_percent=90, min_sessions=5, consecutive_absences=1
    )
    attention = _attention(attendee, application)
    assert attention.rule == AttentionRule(90, 5, 1)
    assert attention.low_rate and attention.too_many_absences


def test_the_rule_is_per_application():
    attendee = AttendeeFactory()
    good = _records_in_order(attendee, [S.PRESENT, S.PRESENT])
    bad = _records_in_order(attendee, [S.ABSENT, S.ABSENT])
    found = attention_by(AttendanceRecord.objects.filter(attendee=attendee), ACTIVITY)
    assert not found[(attendee.pk, good.pk, None)].needs_attention
    assert found[(attendee.pk, bad.pk, None)].too_many_absences


def test_the_rule_takes_two_queries_whatever_the_rows(django_assert_num_queries):
    for _ in range(3):
        attendee = AttendeeFactory()
        _records_in_order(attendee, [S.PRESENT, S.ABSENT, S.ABSENT])
    with django_assert_num_queries(2):
        found = attention_by(AttendanceRecord.objects.all())
    assert len(found) == 3 and all(a.needs_attention for a in found.values())


any_status = st.sampled_from([S.PRESENT, S.LATE, S.EXCUSED, S.ABSENT, S.NOT_ENROLLED])


@given(
    histories=st.lists(st.lists(any_status, min_size=1, max_size=6), min_size=1, max_size=4),
    rule=st.none() | st.tuples(st.integers(50, 100), st.integers(1, 4), st.integers(1, 3)),
    tie=st.booleans(),
)
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_needing_only_finds_what_the_whole_rule_finds(histories, rule, tie):
    """The database's prefilter lets through every group that needs attention, and the answer
    is the same as filtering the whole result (a tie on the latest start time included)."""
    with transaction.atomic():
        attendee = AttendeeFactory()
        if rule:
            AlertSettings.objects.create(
                customer=attendee.customer,
                rate_percent=rule[0],
                min_sessions=rule[1],
                consecutive_absences=rule[2],
            )
        for history in histories:
            application = _records_in_order(attendee, history)
            if tie:  # one more session at the same time as the latest, attended
                latest = AttendanceRecord.objects.filter(
                    attendee=attendee, session__event__application=application
                )
                event = latest.order_by("-session__event__starts_at").first().session.event
                twin = EventFactory(application=application, starts_at=event.starts_at, ends_at=event.ends_at)
                AttendanceRecordFactory(
                    session=SessionFactory(event=twin), attendee=attendee, status=S.PRESENT
                )
        records = AttendanceRecord.objects.filter(attendee=attendee)
        whole = {group: a for group, a in attention_by(records).items() if a.needs_attention}
        assert attention_by(records, needing_only=True) == whole
        transaction.set_rollback(True)


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
