"""The mentor's Attendance tabs and export: mentees only, never other learners of the same
session; 403/404; bounded queries; CSV and XLSX parsed back."""

import csv
import datetime
import io
import re

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mentora.attendance.arithmetic import AttendanceCounts
from mentora.attendance.models import AttendanceStatus
from mentora.audit.models import AuditEvent
from mentora.customers.models import Status
from mentora.testing.factories_activities import ApplicationAttendeeFactory
from mentora.testing.factories_schedule import AttendanceRecordFactory, EventFactory, SessionFactory
from mentora.testing.world import at

pytestmark = pytest.mark.django_db

SESSIONS = reverse("mentor_attendance_sessions")
COURSES = reverse("mentor_attendance_courses")
ATTENDEES = reverse("mentor_attendance_attendees")
REPORT = reverse("mentor_attendance_report")
TABS = [SESSIONS, COURSES, ATTENDEES, REPORT]


def session_url(session) -> str:  # type: ignore[no-untyped-def]
    return reverse("mentor_attendance_session", args=[session.pk])


def export_url(fmt: str) -> str:
    return reverse("mentor_attendance_export", args=[fmt])


def export_body(response) -> bytes:  # type: ignore[no-untyped-def]
    """The whole file: the CSV is streamed, the XLSX sent from a temporary file."""
    assert response.streaming
    return b"".join(response.streaming_content)


@pytest.mark.parametrize("url", [*TABS, export_url("csv"), export_url("xlsx")])
@pytest.mark.parametrize("who", ["outsider", "north_mentor_inactive", "north_admin"])
def test_tabs_are_for_mentors_only(client, scene, url, who):
    client.force_login(getattr(scene.cast, who))
    assert client.get(url).status_code == 403


def test_sessions_tab_lists_sessions_with_mentees(client, scene):
    client.force_login(scene.cast.north_mentor)
    body = client.get(SESSIONS).content.decode()
    assert session_url(scene.past_session) in body
    assert session_url(scene.course_session) in body
    assert "Not yours" not in body
    assert "SWE-1" in body


def test_session_shows_only_the_mentors_mentees(client, scene):
    client.force_login(scene.cast.north_mentor)
    body = client.get(session_url(scene.course_session)).content.decode()
    assert "Cleo Course" in body and "Ill" in body and "Absent" in body
    assert "Sune" not in body and "South secret" not in body
    client.force_login(scene.cast.south_mentor)
    body = client.get(session_url(scene.course_session)).content.decode()
    assert "Sune Southlearner" in body
    assert "Cleo" not in body and "Ill" not in body


def test_session_mentee_count_counts_only_mentees(client, scene):
    from mentora.customers.access import actor_for
    from mentora.mentoring.selectors.attendance import (
        attendance_session_list_for_mentor,
        attendance_session_page,
        session_mentees,
    )

    actor = actor_for(scene.cast.north_mentor)
    page = attendance_session_page(list(attendance_session_list_for_mentor(actor=actor)))
    session_mentees(actor=actor, sessions=page)
    assert {s.pk: s.mentee_count for s in page} == {scene.past_session.pk: 2, scene.course_session.pk: 1}


@pytest.mark.parametrize(
    ("who", "session"),
    [
        ("north_mentor_unassigned", "past_session"),
        ("north_mentor_inactive", "past_session"),
        ("south_mentor", "past_session"),
        ("outsider", "course_session"),
    ],
)
def test_session_not_visible_is_404(client, scene, who, session):
    client.force_login(getattr(scene.cast, who))
    assert client.get(session_url(getattr(scene, session))).status_code == 404


def test_session_of_a_pending_course_application_is_404(client, scene):
    pending_session = SessionFactory(event=EventFactory(course_instance=scene.pending_instance, past=True))
    from mentora.testing.factories_activities import ApplicationAttendeeFactory as AAF

    participation = AAF(application=scene.pending_app)
    AttendanceRecordFactory(
        session=pending_session, attendee=participation.attendee, status=AttendanceStatus.PRESENT
    )
    client.force_login(scene.cast.north_mentor)
    assert client.get(session_url(pending_session)).status_code == 404
    assert session_url(pending_session) not in client.get(SESSIONS).content.decode()


def test_a_change_to_a_session_by_url_is_403(client, scene):
    client.force_login(scene.cast.north_mentor)
    assert client.post(session_url(scene.past_session)).status_code == 403
    client.force_login(scene.cast.south_mentor)
    assert client.post(session_url(scene.past_session)).status_code == 404


def test_courses_tab_rates_per_activity(client, scene):
    client.force_login(scene.cast.north_mentor)
    body = client.get(COURSES).content.decode()
    assert scene.on_request.number in body
    assert "SWE-1" in body
    assert "50 %" in body  # on_request: Mona present, Bo absent
    assert "0 %" in body  # course: Cleo absent


def test_attendees_tab_counts_and_strip(client, scene):
    client.force_login(scene.cast.north_mentor)
    body = client.get(ATTENDEES).content.decode()
    assert "Mona Mentee" in body and "Cleo Course" in body
    assert "Sune" not in body and "Olle" not in body
    assert "<svg" in body and "<title" in body and "Last sessions, oldest first:" in body


def test_the_strip_is_valid_svg_in_swedish_too(client, scene):
    # Numbers in the drawing are never localised: "10,0" is not a coordinate.
    scene.cast.north_mentor.language = "sv"
    scene.cast.north_mentor.save(update_fields=["language"])
    client.force_login(scene.cast.north_mentor)
    body = client.get(ATTENDEES).content.decode()
    drawing = re.findall(r'<svg class="attendance-strip".*?</svg>', body)
    assert drawing
    assert not re.search(r'(?:x|y|width|height)="[^"]*,', "".join(drawing))
    # Each mentee's counts in one sentence, in Swedish too (singular and plural).
    assert re.search(r"\b1 pass: närvarande \d+, sen \d+, giltig frånvaro \d+, frånvarande \d+<", body)
    assert 'data-label="Senaste frånvaro"' in body


def test_strip_shows_the_last_ten_sessions_oldest_first(scene):
    from mentora.customers.access import actor_for
    from mentora.mentoring.selectors.attendance import mentee_attendance_list

    for days in range(3, 16):
        session = SessionFactory(
            event=EventFactory(application=scene.on_request, starts_at=at(-days), ends_at=at(-days, 11))
        )
        AttendanceRecordFactory(session=session, attendee=scene.mentee, status=AttendanceStatus.ABSENT)
    rows = mentee_attendance_list(
        actor=actor_for(scene.cast.north_mentor), attendees=[scene.mentee, scene.course_mentee]
    )
    strips = {row.attendee.pk: row.strip for row in rows}
    strip = strips[scene.mentee.pk]
    assert len(strip) == 10
    assert [item.starts_at for item in strip] == sorted(item.starts_at for item in strip)
    assert strip[-1].status == AttendanceStatus.PRESENT  # the newest: two days ago
    assert len(strips[scene.course_mentee.pk]) == 1


def test_rate_follows_design_rule(scene):
    from mentora.customers.access import actor_for
    from mentora.mentoring.selectors.attendance import mentee_attendance_list

    for status in (
        AttendanceStatus.LATE,
        AttendanceStatus.EXCUSED,
        AttendanceStatus.NOT_ENROLLED,
        AttendanceStatus.ABSENT,
        "",
    ):
        session = SessionFactory(event=EventFactory(application=scene.on_request, past=True))
        AttendanceRecordFactory(session=session, attendee=scene.mentee, status=status)
    [row] = mentee_attendance_list(actor=actor_for(scene.cast.north_mentor), attendees=[scene.mentee])
    counts = row.counts
    # PRESENT, LATE, EXCUSED, NOT_ENROLLED, ABSENT recorded (blank not): (1 + 1) / (5 − 1 − 1)
    assert (counts.recorded, counts.present, counts.late, counts.absent) == (5, 1, 1, 1)
    assert counts.rate == pytest.approx(2 / 3)
    assert counts.last_absence is not None


@pytest.mark.parametrize("url", [SESSIONS, COURSES, ATTENDEES])
def test_tab_query_count_does_not_grow(client, scene, url):
    client.force_login(scene.cast.north_mentor)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(12):
        participation = ApplicationAttendeeFactory(application=scene.on_request)
        session = SessionFactory(
            event=EventFactory(application=scene.on_request, starts_at=at(-3 - n), ends_at=at(-3 - n, 11))
        )
        AttendanceRecordFactory(
            session=session, attendee=participation.attendee, status=AttendanceStatus.PRESENT
        )
        AttendanceRecordFactory(session=session, attendee=scene.mentee, status=AttendanceStatus.LATE)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_several_customers_get_customer_column_and_filter(client, scene):
    client.force_login(scene.cast.both_mentor)
    body = client.get(ATTENDEES).content.decode()
    assert 'name="customer"' in body
    assert "Mona Mentee" in body and "Sune Southlearner" in body
    assert "Cleo" not in body  # both_mentor does not mentor course_app
    body = client.get(ATTENDEES, {"customer": scene.cast.south.pk}).content.decode()
    assert "Sune Southlearner" in body and "Mona Mentee" not in body
    client.force_login(scene.cast.north_mentor)
    assert 'name="customer"' not in client.get(ATTENDEES).content.decode()


def test_inactive_customer_hides_its_attendance(client, scene):
    scene.cast.south.status = Status.INACTIVE
    scene.cast.south.save()
    client.force_login(scene.cast.both_mentor)
    body = client.get(ATTENDEES).content.decode()
    assert "Sune" not in body and "Mona Mentee" in body
    assert client.get(session_url(scene.course_session)).status_code == 404


def test_report_per_mentee_and_total(client, scene):
    client.force_login(scene.cast.north_mentor)
    body = client.get(REPORT).content.decode()
    assert "Mona Mentee" in body and "Bo Bystander" in body and "Cleo Course" in body
    assert "Sune" not in body
    assert "33 %" in body  # total: 1 attended of 3 counted
    today = timezone.localdate()
    assert f'value="{today.isoformat()}"' in body  # the default period is shown in the date pickers
    assert f'value="{(today - datetime.timedelta(days=29)).isoformat()}"' in body
    today = timezone.localdate()
    body = client.get(
        REPORT, {"date_from": (today - datetime.timedelta(days=1)).isoformat(), "date_to": today.isoformat()}
    ).content.decode()
    assert "Cleo Course" in body and "Mona Mentee" not in body


def test_report_of_a_period_without_attendance(client, scene):
    client.force_login(scene.cast.north_mentor)
    response = client.get(REPORT, {"date_from": "2020-01-01", "date_to": "2020-01-31"})
    assert response.status_code == 200
    assert "No attendance of your mentees in this period." in response.content.decode()
    assert response.context["report"].total == AttendanceCounts()


def test_report_rejects_an_inverted_period(client, scene):
    client.force_login(scene.cast.north_mentor)
    response = client.get(REPORT, {"date_from": "2026-05-10", "date_to": "2026-05-01"})
    assert response.status_code == 200
    assert "The end date must be on or after the start date." in response.content.decode()


HEADER = [
    "Attendee",
    "Customer",
    "Session date",
    "Start",
    "End",
    "Duration (minutes)",
    "Course or application",
    "Status",
    "Minutes attended",
    "Note",
    "Completion",
]


def test_csv_export_one_row_per_record_with_header(client, scene):
    client.force_login(scene.cast.north_mentor)
    response = client.get(export_url("csv"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(export_body(response).decode("utf-8-sig"))))
    assert rows[0] == HEADER
    assert len(rows) == 1 + 3  # Mona, Bo, Cleo: never Sune
    by_name = {row[0]: row for row in rows[1:]}
    assert set(by_name) == {"Mona Mentee", "Bo Bystander", "Cleo Course"}
    mona = by_name["Mona Mentee"]
    start = timezone.localtime(scene.past_event.starts_at)
    assert mona[2] == start.date().isoformat()
    assert mona[3] == start.strftime("%H:%M")
    assert mona[5] == "60"
    assert mona[6].startswith(scene.on_request.number)
    assert mona[7:] == ["Present", "60", "Good work", ""]  # the service does not track completion
    assert by_name["Cleo Course"][6] == f"{scene.instance.course} (SWE-1)"
    assert AuditEvent.objects.filter(action="attendance.exported", actor=scene.cast.north_mentor).count() == 1


def test_xlsx_export_parses_back(client, scene):
    client.force_login(scene.cast.north_mentor)
    response = client.get(export_url("xlsx"))
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(export_body(response)))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert list(rows[0]) == HEADER
    assert len(rows) == 4
    names = {row[0] for row in rows[1:]}
    assert names == {"Mona Mentee", "Bo Bystander", "Cleo Course"}
    mona = next(row for row in rows[1:] if row[0] == "Mona Mentee")
    assert mona[7] == "Present" and mona[8] == 60 and mona[9] == "Good work"


def test_export_respects_period_and_customer(client, scene):
    client.force_login(scene.cast.both_mentor)
    rows = list(csv.reader(io.StringIO(export_body(client.get(export_url("csv"))).decode("utf-8-sig"))))
    assert {row[0] for row in rows[1:]} == {"Mona Mentee", "Bo Bystander", "Sune Southlearner"}
    rows = list(
        csv.reader(
            io.StringIO(
                export_body(client.get(export_url("csv"), {"customer": scene.cast.south.pk})).decode(
                    "utf-8-sig"
                )
            )
        )
    )
    assert {row[0] for row in rows[1:]} == {"Sune Southlearner"}
    old = timezone.localdate() - datetime.timedelta(days=100)
    rows = list(
        csv.reader(
            io.StringIO(
                export_body(
                    client.get(export_url("csv"), {"date_from": old.isoformat(), "date_to": old.isoformat()})
                ).decode("utf-8-sig")
            )
        )
    )
    assert rows == [HEADER]


def test_the_export_takes_a_period_longer_than_the_report_shows(client, scene):
    """The page shows a year at most; the file streams any period (with a record from two years ago)."""
    scene.past_event.starts_at -= datetime.timedelta(days=730)
    scene.past_event.ends_at -= datetime.timedelta(days=730)
    scene.past_event.save()
    today = timezone.localdate()
    period = {"date_from": (today - datetime.timedelta(days=1000)).isoformat(), "date_to": today.isoformat()}
    client.force_login(scene.cast.north_mentor)
    assert "Choose a period of at most one year." in client.get(REPORT, period).content.decode()
    response = client.get(export_url("csv"), period)
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(export_body(response).decode("utf-8-sig"))))
    assert {row[0] for row in rows[1:]} == {"Mona Mentee", "Bo Bystander", "Cleo Course"}


def test_export_neutralises_formulas(client, scene):
    scene.mentee_record.note = '=HYPERLINK("http://evil")'
    scene.mentee_record.save()
    client.force_login(scene.cast.north_mentor)
    rows = list(csv.reader(io.StringIO(export_body(client.get(export_url("csv"))).decode("utf-8-sig"))))
    note = next(row for row in rows if row[0] == "Mona Mentee")[9]
    assert note.startswith("'=")


def test_unknown_export_format_is_404(client, scene):
    client.force_login(scene.cast.north_mentor)
    assert client.get(export_url("pdf")).status_code == 404


def test_export_query_count_does_not_grow(client, scene):
    client.force_login(scene.cast.north_mentor)
    client.get(export_url("csv"))
    with CaptureQueriesContext(connection) as few:
        export_body(client.get(export_url("csv")))
    for n in range(30):
        session = SessionFactory(
            event=EventFactory(
                application=scene.on_request, starts_at=at(-3 - n % 20), ends_at=at(-3 - n % 20, 11)
            )
        )
        AttendanceRecordFactory(session=session, attendee=scene.mentee, status=AttendanceStatus.PRESENT)
    with CaptureQueriesContext(connection) as many:
        body = export_body(client.get(export_url("csv")))
    assert len(body.decode().splitlines()) >= 30
    assert len(many) == len(few)


def test_csv_export_starts_before_the_records_are_read(client, scene):
    """The header leaves first; the records query runs only when the rows are asked for."""
    client.force_login(scene.cast.north_mentor)
    response = client.get(export_url("csv"))
    chunks = iter(response.streaming_content)
    with CaptureQueriesContext(connection) as header_only:
        first = next(chunks)
    assert first.decode("utf-8-sig").startswith("Attendee,Customer")
    assert len(header_only) == 0
    assert b"Mona Mentee" in b"".join(chunks)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_with_a_control_character_in_a_name(client, scene, fmt: str):
    """A name that came in before names refused them (or by another way in) cannot break the
    XLSX file, and reaches neither file raw."""
    scene.mentee.first_name = "Mo\x0bna\x1b"
    scene.mentee.save(update_fields=["first_name"])
    scene.mentee_record.note = "\x07=cmd"
    scene.mentee_record.save(update_fields=["note"])
    client.force_login(scene.cast.north_mentor)
    response = client.get(export_url(fmt))
    assert response.status_code == 200
    body = export_body(response)
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    else:
        rows = [list(row) for row in openpyxl.load_workbook(io.BytesIO(body)).active.values]
    row = next(row for row in rows if row[0] == "Mona Mentee")
    assert row[9] == "'=cmd"
    cells = "".join(str(value) for row in rows for value in row if value is not None)
    assert "\x0b" not in cells and "\x1b" not in cells and "\x07" not in cells
