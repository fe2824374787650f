"""The learner's page: who opens it, what it holds, its numbers against the one arithmetic, its
cost, and the XLSX summary parsed back."""

import datetime
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentora.applications.models import ApplicationAttendee
from mentora.attendance.access import attendance_record_list_for_mentor
from mentora.attendance.arithmetic import attendance_counts
from mentora.attendance.models import AttendanceRecord, AttendanceStatus
from mentora.audit.models import AuditEvent
from mentora.completion.models import CompletionStatus
from mentora.completion.services import completion_set
from mentora.customers.access import actor_for
from mentora.testing.factories_followups import FollowUpFactory, ObservationFactory
from mentora.testing.factories_schedule import AttendanceRecordFactory, EventFactory, SessionFactory
from mentora.testing.world import at

pytestmark = pytest.mark.django_db
A = AttendanceStatus


def page(attendee) -> str:  # type: ignore[no-untyped-def]
    return reverse("learner_detail", args=[attendee.pk])


def add_sessions(scene, count: int, *, first_day: int = -70) -> None:  # type: ignore[no-untyped-def]
    """`count` more weekly sessions of the mentee on the mentored on-request application."""
    statuses = [A.PRESENT, A.LATE, A.ABSENT, A.EXCUSED, A.PRESENT, A.NOT_ENROLLED, A.PRESENT]
    for index in range(count):
        day = first_day + 7 * index
        event = EventFactory(
            application=scene.on_request, title=f"Week {index}", starts_at=at(day), ends_at=at(day, 11)
        )
        AttendanceRecordFactory(
            session=SessionFactory(event=event), attendee=scene.mentee, status=statuses[index % len(statuses)]
        )


VISIBILITY = [
    # (who, learner, status)
    ("north_mentor", "mentee", 200),
    ("north_mentor", "course_mentee", 200),
    ("north_mentor", "south_learner", 404),  # in the same session, not a mentee
    ("both_mentor", "mentee", 200),
    ("both_mentor", "south_learner", 200),
    ("both_mentor", "course_mentee", 404),
    ("north_mentor_unassigned", "mentee", 404),
    ("north_mentor_inactive", "mentee", 404),
    ("south_mentor", "mentee", 404),
    ("south_mentor", "south_learner", 200),
    ("north_admin", "mentee", 200),
    ("north_admin", "course_mentee", 200),
    ("north_admin", "south_learner", 404),
    ("south_admin", "mentee", 404),
    ("south_admin", "south_learner", 200),
    ("system_admin", "south_learner", 200),
    ("professional", "mentee", 200),
    ("outsider", "mentee", 404),
]


@pytest.mark.parametrize(("who", "learner", "status"), VISIBILITY)
def test_who_opens_whom(client, cast, scene, who, learner, status):
    client.force_login(getattr(cast, who))
    assert client.get(page(getattr(scene, learner))).status_code == status
    assert client.get(reverse("learner_export", args=[getattr(scene, learner).pk])).status_code == status


def test_a_missing_learner_and_the_anonymous_visitor(client, cast, scene):
    assert client.get(page(scene.mentee)).status_code == 302
    client.force_login(cast.system_admin)
    assert client.get(reverse("learner_detail", args=[999999])).status_code == 404


def test_a_mentor_sees_the_learner_only_through_the_applications_they_mentor(client, cast, scene):
    # The mentee also takes part in an application north_mentor does not mentor.
    ApplicationAttendee.objects.create(application=scene.other_app, attendee=scene.mentee)
    other_session = SessionFactory(
        event=EventFactory(application=scene.other_app, starts_at=at(-3), ends_at=at(-3, 11))
    )
    AttendanceRecordFactory(
        session=other_session, attendee=scene.mentee, status=A.ABSENT, note="Other app secret"
    )
    ObservationFactory(
        application=scene.other_app, attendee=scene.mentee, author=cast.north_admin, body="Not for you"
    )
    client.force_login(cast.north_mentor)
    body = client.get(page(scene.mentee)).content.decode()
    assert scene.on_request.number in body
    assert scene.other_app.number not in body and "Other app secret" not in body and "Not for you" not in body
    client.force_login(cast.north_admin)
    body = client.get(page(scene.mentee)).content.decode()
    assert scene.other_app.number in body and "Other app secret" in body and "Not for you" in body


def test_the_page_holds_the_learners_story(client, cast, scene):
    add_sessions(scene, 3)
    course = ApplicationAttendee.objects.get(attendee=scene.course_mentee)
    completion_set(
        actor=actor_for(cast.system_admin), participations=[course], status=CompletionStatus.ONGOING
    )
    completion_set(
        actor=actor_for(cast.system_admin), participations=[course], status=CompletionStatus.COMPLETED
    )
    old = ObservationFactory(
        application=scene.course_app,
        attendee=scene.course_mentee,
        author=cast.north_mentor,
        body="First note",
    )
    new = ObservationFactory(
        application=scene.course_app,
        attendee=scene.course_mentee,
        author=cast.north_mentor,
        body="Second note",
    )
    followup = FollowUpFactory(
        application=scene.course_app,
        topic="Study plan",
        mentors=[cast.membership(cast.north_mentor, cast.north)],
        attendees=[scene.course_mentee],
    )
    client.force_login(cast.north_mentor)
    response = client.get(page(scene.course_mentee))
    body = response.content.decode()
    assert "Cleo Course" in body and "North Org" in body
    assert "Maria Mentor" in body  # the mentor on the application
    assert 'role="img"' in body and "<desc" in body and 'id="chart-data"' in body
    assert "Completed" in body and "Ongoing → Completed" in body
    assert body.index("Second note") < body.index("First note")
    assert f"#observation-{new.pk}" in body and f"#observation-{old.pk}" in body
    assert reverse("followup_detail", args=[followup.pk]) in body
    assert "learner-print.css" in body and 'media="print"' in body


def test_the_numbers_are_the_arithmetics_for_the_whole_period_and_the_last_30_days(client, cast, scene):
    add_sessions(scene, 12)
    client.force_login(cast.north_mentor)
    response = client.get(page(scene.mentee))
    attendance = response.context["attendance"]
    records = attendance_record_list_for_mentor(actor=actor_for(cast.north_mentor)).filter(
        attendee=scene.mentee
    )
    assert attendance.whole == attendance_counts(records)
    assert attendance.whole.recorded == 13
    assert attendance.recent == attendance_counts(records.filter(session__event__starts_at__gte=at(-30, 0)))
    # The weeks add up to the whole.
    assert sum(week.counts.recorded for week in attendance.weeks) == attendance.whole.recorded
    assert sum(week.counts.attended for week in attendance.weeks) == attendance.whole.attended
    assert f"{attendance.whole.rate_percent} %" in response.content.decode()


def test_the_figures_match_the_attendance_tab(client, cast, scene):
    add_sessions(scene, 5)
    client.force_login(cast.north_mentor)
    learner_counts = client.get(page(scene.mentee)).context["attendance"].whole
    tab = client.get(reverse("mentor_attendance_attendees"))
    row = next(line.mentee for line in tab.context["rows"] if line.mentee.attendee.pk == scene.mentee.pk)
    figures = ("recorded", "present", "late", "excused", "absent", "not_enrolled", "rate_percent")
    assert [getattr(row.counts, name) for name in figures] == [
        getattr(learner_counts, name) for name in figures
    ]
    assert learner_counts.recorded == 6


def queries_for(client, url: str) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("who", ["north_mentor", "north_admin", "system_admin"])
def test_the_query_count_does_not_grow_with_the_learners_sessions(client, cast, scene, who):
    client.force_login(getattr(cast, who))
    add_sessions(scene, 2)
    few = queries_for(client, page(scene.mentee))
    add_sessions(scene, 20, first_day=-300)
    ObservationFactory(application=scene.on_request, attendee=scene.mentee, author=cast.north_mentor)
    assert queries_for(client, page(scene.mentee)) == few
    export = reverse("learner_export", args=[scene.mentee.pk])
    few_export = queries_for(client, export)
    add_sessions(scene, 10, first_day=-600)
    assert queries_for(client, export) == few_export


def test_the_xlsx_summary_parsed_back(client, cast, scene):
    add_sessions(scene, 3)
    AttendanceRecord.objects.filter(pk=scene.mentee_record.pk).update(note='=HYPERLINK("http://x")\x1b\x07ok')
    ObservationFactory(
        application=scene.on_request, attendee=scene.mentee, author=cast.north_mentor, body="+SUM(A1)\x0b"
    )
    client.force_login(cast.north_mentor)
    response = client.get(reverse("learner_export", args=[scene.mentee.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert workbook.sheetnames == ["Attendance", "Completion", "Observations"]
    attendance = list(workbook["Attendance"].values)
    assert attendance[0][0] == "Learner" and len(attendance) == 1 + 4
    notes = [row[7] for row in attendance[1:]]
    assert '\'=HYPERLINK("http://x")ok' in notes
    observations = list(workbook["Observations"].values)
    assert observations[1][5] == "'+SUM(A1)"
    event = AuditEvent.objects.get(action="learner.exported")
    assert (event.actor, event.customer, event.target_id) == (
        cast.north_mentor,
        cast.north,
        str(scene.mentee.pk),
    )


def test_the_xlsx_for_a_chosen_period_and_a_bad_period(client, cast, scene):
    add_sessions(scene, 6, first_day=-60)
    client.force_login(cast.north_mentor)
    first = (datetime.date.today() - datetime.timedelta(days=40)).isoformat()
    last = (datetime.date.today() - datetime.timedelta(days=20)).isoformat()
    response = client.get(
        reverse("learner_export", args=[scene.mentee.pk]), {"date_from": first, "date_to": last}
    )
    rows = list(
        openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))["Attendance"].values
    )[1:]
    assert rows and all(first <= row[1].date().isoformat() <= last for row in rows)
    bad = client.get(reverse("learner_export", args=[scene.mentee.pk]), {"date_from": last, "date_to": first})
    assert bad.status_code == 400
    assert "The end date must be on or after the start date." in bad.content.decode()
    assert (
        client.get(reverse("learner_export", args=[scene.mentee.pk]), {"date_from": "junk"}).status_code
        == 400
    )
    assert not AuditEvent.objects.filter(action="learner.exported", after__from=last).exists()


def test_the_page_says_where_attendance_needs_attention_as_the_dashboard_does(client, cast, scene):
    # Cleo missed her course's two lessons (the world's and this one): two absences in a row.
    lesson = EventFactory(
        course_instance=scene.instance, title="Older lesson", starts_at=at(-5), ends_at=at(-5, 12)
    )
    AttendanceRecordFactory(
        session=SessionFactory(event=lesson), attendee=scene.course_mentee, status=A.ABSENT
    )
    client.force_login(cast.north_mentor)
    response = client.get(page(scene.course_mentee))
    (item,) = response.context["attendance"].attention
    assert item.application == scene.course_app and item.attention.absences_in_a_row == 2
    dashboard = client.get(reverse("home")).context["dashboard"]
    (row,) = [r for r in dashboard.attention if r.attendee == scene.course_mentee]
    assert row.attention == item.attention and row.activity == item.activity
    body = response.content.decode()
    link = reverse("observation_list", args=[scene.course_app.pk]) + f"?attendee={scene.course_mentee.pk}"
    assert "2 absences in a row" in body and link in body
    form = client.get(link).content.decode()  # the mentee comes preselected
    assert f'<option value="{scene.course_mentee.pk}" selected>' in form
    # A customer admin reads the same, without the mentors' link.
    client.force_login(cast.north_admin)
    body = client.get(page(scene.course_mentee)).content.decode()
    assert "2 absences in a row" in body and link not in body


def test_a_control_character_in_the_learners_name_reaches_no_sheet(client, cast, scene):
    """A name that came in before names refused control characters (or by the back office)
    cannot break the XLSX file: every sheet has the name without them, formula-safe."""
    scene.mentee.first_name = "=Mo\x0bna\x1b"
    scene.mentee.save(update_fields=["first_name"])
    client.force_login(cast.north_mentor)
    response = client.get(reverse("learner_export", args=[scene.mentee.pk]))
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    cells = [str(value) for sheet in workbook for row in sheet.values for value in row if value is not None]
    assert any(cell.startswith("'=Mona") for cell in cells)
    assert not any(character in cell for cell in cells for character in "\x0b\x1b")
