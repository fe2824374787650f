"""Attendance alerts: one per crossing from OK to below, none while below, again after recovery;
withdrawn when a correction removes the reason; excused, not-enrolled and incomplete sessions
never count; the dashboard and the alert say the same."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from mentora.attendance.models import AlertSettings, AlertState, AttendanceStatus
from mentora.attendance.services import Entry, attendance_save, session_ensure
from mentora.customers.access import actor_for
from mentora.mentoring.selectors.attendance import mentees_needing_attention
from mentora.notifications.kinds import Kind
from mentora.notifications.models import Notification
from mentora.testing.factories_activities import MentorAssignmentFactory
from mentora.testing.factories_schedule import EventFactory

pytestmark = pytest.mark.django_db
S = AttendanceStatus
DAY = datetime.timedelta(days=1)


@pytest.fixture
def take(cast, activities, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    """take(anna, bo) holds the next session of North's application (a day after the previous
    one) and saves Anna's and Bo's statuses as the professional; returns the session."""
    held = []

    def take(anna: str, bo: str = S.PRESENT, *, title: str = ""):  # type: ignore[no-untyped-def]
        starts = timezone.now() - datetime.timedelta(days=30) + len(held) * DAY
        event = EventFactory(
            application=activities.north_app,
            professional=cast.professional,
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=1),
            title=title or f"Session {len(held) + 1}",
        )
        session = session_ensure(event=event)
        held.append(session)
        save(session, Anna=anna, Bo=bo)
        return session

    def save(session, **statuses):  # type: ignore[no-untyped-def]
        records = {r.attendee.first_name: r for r in session.records.select_related("attendee")}
        entries = [
            Entry(record_id=records[n].pk, status=s, minutes=None, note="") for n, s in statuses.items()
        ]
        with django_capture_on_commit_callbacks(execute=True):
            attendance_save(actor=actor_for(cast.professional), session=session, entries=entries)

    take.save = save  # type: ignore[attr-defined]
    return take


def alerts(user=None):  # type: ignore[no-untyped-def]
    found = Notification.objects.filter(kind=Kind.ATTENDANCE_ALERT)
    return found.filter(user=user) if user is not None else found


def test_fires_once_on_crossing_to_the_mentors_and_admins_not_the_actor(cast, activities, take):
    take(S.ABSENT, title="Monday lesson")
    assert not alerts().exists()
    take(S.ABSENT, title="Tuesday lesson")
    assert set(alerts().values_list("user__email", flat=True)) == {
        cast.north_mentor.email,
        cast.north_admin.email,
    }
    alert = alerts(cast.north_mentor).get()
    anna = activities.north_attendees[0]
    assert alert.url == reverse("learner_detail", args=[anna.pk]) + "#learner-attendance"
    assert "Anna Andersson needs attention" in alert.text and "2 absences in a row" in alert.text
    state = AlertState.objects.get(application=activities.north_app, attendee=anna)
    assert state.below and alert.key == f"attendance-alert:{state.pk}"
    # The e-mail names the missed sessions, the rate with its formula and both links.
    sent = [m for m in mail.outbox if m.to == [cast.north_mentor.email]]
    assert len(sent) == 1
    body = sent[0].body
    assert "Attendance alert: Anna Andersson" in sent[0].subject
    assert "Monday lesson" in body and "Tuesday lesson" in body
    assert "Attendance rate: 0 % = attended 0 ÷ counted 2." in body
    assert reverse("learner_detail", args=[anna.pk]) in body
    assert reverse("observation_list", args=[activities.north_app.pk]) + f"?attendee={anna.pk}" in body
    assert not any(cast.professional.email in m.to for m in mail.outbox)


def test_not_again_while_below_and_again_after_recovery(cast, activities, take):
    AlertSettings.objects.create(customer=cast.north, rate_percent=1, min_sessions=3, consecutive_absences=2)
    take(S.ABSENT)
    take(S.ABSENT)
    take(S.ABSENT)  # still below: nothing new
    assert alerts(cast.north_mentor).count() == 1
    take(S.PRESENT)  # recovered by attending: the alert was true, so it stays
    state = AlertState.objects.get(attendee=activities.north_attendees[0])
    assert not state.below and alerts(cast.north_mentor).count() == 1
    alerts().update(read_at=timezone.now())
    take(S.ABSENT)
    take(S.ABSENT)  # a second crossing
    assert alerts(cast.north_mentor).count() == 2


def test_a_correction_that_removes_the_reason_withdraws_the_unread_alert(cast, activities, take):
    take(S.ABSENT)
    second = take(S.ABSENT)
    alerts(cast.north_admin).update(read_at=timezone.now())  # the admin has read it
    take.save(second, Anna=S.EXCUSED)  # it was an excused absence after all
    assert not AlertState.objects.get(attendee=activities.north_attendees[0]).below
    assert list(alerts().values_list("user", flat=True)) == [cast.north_admin.pk]  # a read one stays


def test_excused_and_not_enrolled_never_count(cast, activities, take):
    take(S.NOT_ENROLLED)
    take(S.EXCUSED)
    take(S.EXCUSED)
    assert not alerts().exists()
    take(S.ABSENT)
    take(S.EXCUSED)  # neither breaks the row nor adds to it
    assert not alerts().exists()
    take(S.ABSENT)
    assert alerts(cast.north_mentor).count() == 1


def test_an_incomplete_session_does_not_count_until_it_is_complete(cast, activities, take):
    take(S.ABSENT)
    incomplete = take(S.ABSENT, bo="")  # Bo has no status yet
    assert not alerts().exists()
    assert mentees_needing_attention(actor=actor_for(cast.north_mentor)) == []
    take.save(incomplete, Bo=S.PRESENT)  # complete now: Anna's second absence counts
    assert alerts(cast.north_mentor).count() == 1


def test_the_dashboard_and_the_alert_agree(cast, activities, take):
    mentor = actor_for(cast.north_mentor)
    anna = activities.north_attendees[0]
    take(S.ABSENT)
    take(S.PRESENT)  # 50 %, but only two sessions count: fine on both
    assert mentees_needing_attention(actor=mentor) == [] and not alerts().exists()
    take(S.PRESENT)  # 67 % of 3: below on both, saying the same
    (row,) = mentees_needing_attention(actor=mentor)
    assert row.attendee == anna and row.application == activities.north_app
    assert row.attention.reason == "attendance rate 67 % (2 attended ÷ 3 counted), under 80 %"
    assert row.attention.reason in alerts(cast.north_mentor).get().text
    take(S.PRESENT)
    take(S.PRESENT)  # 4 of 5 = 80 %: fine on both
    assert mentees_needing_attention(actor=mentor) == []
    assert not AlertState.objects.get(attendee=anna).below
    take(S.ABSENT)
    take(S.ABSENT)  # two in a row (and 4 of 7): below on both again
    (row,) = mentees_needing_attention(actor=mentor)
    assert row.attention.too_many_absences and AlertState.objects.get(attendee=anna).below


def test_a_course_application_alerts_its_mentors(cast, activities, django_capture_on_commit_callbacks):
    MentorAssignmentFactory(
        application=activities.north_course_app, membership=cast.membership(cast.north_mentor, cast.north)
    )
    for days in (3, 2):
        event = EventFactory(
            course_instance=activities.course_instance, past=True, professional=cast.professional
        )
        event.starts_at = timezone.now() - days * DAY
        event.ends_at = event.starts_at + datetime.timedelta(hours=1)
        event.save()
        session = session_ensure(event=event)
        record = session.records.get()
        with django_capture_on_commit_callbacks(execute=True):
            attendance_save(
                actor=actor_for(cast.professional),
                session=session,
                entries=[Entry(record_id=record.pk, status=S.ABSENT, minutes=None, note="")],
            )
    state = AlertState.objects.get(application=activities.north_course_app)
    assert state.below and state.attendee == activities.north_course_attendee
    assert set(alerts().values_list("user", flat=True)) == {cast.north_mentor.pk, cast.north_admin.pk}


def test_the_alert_is_in_the_recipients_language(cast, activities, take):
    cast.north_mentor.language = "sv"
    cast.north_mentor.save(update_fields=["language"])
    take(S.ABSENT)
    take(S.ABSENT)
    assert "2 frånvarotillfällen i rad" in alerts(cast.north_mentor).get().text
    (sent,) = [m for m in mail.outbox if m.to == [cast.north_mentor.email]]
    assert sent.subject.startswith("Närvarovarning: Anna Andersson")
    assert "Närvarograd: 0 % = närvarande 0 ÷ räknade 2." in sent.body
