"""The mentor's Attendance tabs (Sessions, Courses, Attendees, Report) and the report's CSV and
XLSX export. Read-only; mentees only (mentora.attendance.access)."""

import csv
import datetime
import tempfile
from collections.abc import Iterator
from typing import IO

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from mentora.attendance.access import access_session_for_mentor
from mentora.audit.services import audit_record
from mentora.completion.models import CompletionStatus
from mentora.core.exceptions import NotFound, PermissionDenied
from mentora.core.net import client_ip
from mentora.core.text import export_cell
from mentora.customers.access import Actor
from mentora.customers.http import ActorRequest
from mentora.customers.models import Role

from ..forms import AttendanceReportForm, CustomerFilterForm
from ..selectors.attendance import (
    activity_label,
    attendance_activity_resolve,
    attendance_activity_rows_for_mentor,
    attendance_export_records,
    attendance_mentee_list_for_mentor,
    attendance_record_list_for_session,
    attendance_report_for_mentor,
    attendance_session_list_for_mentor,
    mentee_attendance_list,
    session_customer_names,
)
from ..selectors.completion import activity_completion, mentee_completion, mentee_completion_lookup
from .applications import PAGE_SIZE, query_string, require_mentor


def _customer_form(request: ActorRequest, actor: Actor) -> CustomerFilterForm:
    return CustomerFilterForm(request.GET or None, customers=actor.customers_as(Role.MENTOR))


def _context(
    request: ActorRequest, actor: Actor, tab: str, form: CustomerFilterForm, **extra: object
) -> dict[str, object]:
    return {
        "tab": tab,
        "form": form,
        "several_customers": len(actor.customers_as(Role.MENTOR)) > 1,
        "query_string": query_string(request.GET),
        **extra,
    }


@login_required
@require_GET
def attendance_sessions(request: ActorRequest) -> HttpResponse:
    actor = request.actor
    require_mentor(actor)
    form = _customer_form(request, actor)
    sessions = attendance_session_list_for_mentor(actor=actor, customer_id=form.customer_id)
    page = Paginator(sessions, PAGE_SIZE).get_page(request.GET.get("page"))
    names = session_customer_names(actor=actor, sessions=list(page.object_list))
    rows = [
        (session, names.get(session.pk, []), activity_label(session.event)) for session in page.object_list
    ]
    return render(
        request,
        "mentoring/attendance/sessions.html",
        _context(request, actor, "sessions", form, page=page, rows=rows),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"])
def attendance_session(request: ActorRequest, session_id: int) -> HttpResponse:
    actor = request.actor
    session = access_session_for_mentor(actor=actor, session_id=session_id)
    if request.method not in ("GET", "HEAD"):
        # Visible, but attendance is the professional's to take: a change by URL is refused.
        raise PermissionDenied(_("Mentors can read attendance but not change it."))
    records = attendance_record_list_for_session(actor=actor, session=session)
    return render(
        request,
        "mentoring/attendance/session_detail.html",
        {
            "session": session,
            "event": session.event,
            "records": records,
            "activity": activity_label(session.event),
        },
    )


@login_required
@require_GET
def attendance_courses(request: ActorRequest) -> HttpResponse:
    actor = request.actor
    require_mentor(actor)
    form = _customer_form(request, actor)
    rows = attendance_activity_rows_for_mentor(actor=actor, customer_id=form.customer_id)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    activities = attendance_activity_resolve(list(page.object_list))
    tallies = activity_completion(actor=actor, rows=activities)
    activities_with_completion = [(row, tallies.get(index)) for index, row in enumerate(activities)]
    return render(
        request,
        "mentoring/attendance/courses.html",
        _context(
            request, actor, "courses", form, page=page, activities=activities, rows=activities_with_completion
        ),
    )


@login_required
@require_GET
def attendance_attendees(request: ActorRequest) -> HttpResponse:
    actor = request.actor
    require_mentor(actor)
    form = _customer_form(request, actor)
    mentees = attendance_mentee_list_for_mentor(actor=actor, customer_id=form.customer_id)
    page = Paginator(mentees, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = mentee_attendance_list(actor=actor, attendees=list(page.object_list))
    completion = mentee_completion(actor=actor, attendee_ids=[row.attendee.pk for row in rows])
    rows_with_completion = [(row, completion.get(row.attendee.pk, [])) for row in rows]
    return render(
        request,
        "mentoring/attendance/attendees.html",
        _context(
            request, actor, "attendees", form, page=page, rows=rows, rows_with_completion=rows_with_completion
        ),
    )


def _report_form(request: ActorRequest, actor: Actor) -> AttendanceReportForm:
    return AttendanceReportForm(request.GET or None, customers=actor.customers_as(Role.MENTOR))


@login_required
@require_GET
def attendance_report(request: ActorRequest) -> HttpResponse:
    actor = request.actor
    require_mentor(actor)
    form = _report_form(request, actor)
    first, last = form.period()
    if not form.is_bound:
        form.initial = {"date_from": first, "date_to": last}  # show the default period in the pickers
    report = attendance_report_for_mentor(actor=actor, first=first, last=last, customer_id=form.customer_id)
    export_query = query_string(
        request.GET,
        date_from=first.isoformat(),
        date_to=last.isoformat(),
        customer=str(form.customer_id) if form.customer_id else None,
    )
    return render(
        request,
        "mentoring/attendance/report.html",
        _context(request, actor, "report", form, report=report, export_query=export_query),
    )


EXPORT_FORMATS = {"csv", "xlsx"}
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def export_header() -> list[str]:
    return [
        _("Attendee"),
        _("Customer"),
        _("Session date"),
        _("Start"),
        _("End"),
        _("Duration (minutes)"),
        _("Course or application"),
        _("Status"),
        _("Minutes attended"),
        _("Note"),
        _("Completion"),
    ]


def export_rows(
    actor: Actor, first: datetime.date, last: datetime.date, customer_id: int | None
) -> Iterator[list[object]]:
    """One row per record, times in the user's time zone, with the learner's completion status
    on the record's application or course instance (empty where it has none)."""
    completion = mentee_completion_lookup(actor=actor)
    for record in attendance_export_records(actor=actor, first=first, last=last, customer_id=customer_id):
        event = record.session.event
        completion_status = completion.status(
            attendee_id=record.attendee_id,
            application_id=event.application_id,
            course_instance_id=event.course_instance_id,
        )
        starts, ends = timezone.localtime(event.starts_at), timezone.localtime(event.ends_at)
        row = [
            record.attendee.full_name,
            record.attendee.customer.name,
            starts.date(),
            starts.time().replace(second=0, microsecond=0),
            ends.time().replace(second=0, microsecond=0),
            int((event.ends_at - event.starts_at).total_seconds() // 60),
            activity_label(event),
            str(record.get_status_display()) if record.status else _("Not recorded"),
            record.minutes,
            record.note,
            str(CompletionStatus(completion_status).label) if completion_status else "",
        ]
        yield [export_cell(value) for value in row]


@login_required
@require_GET
def attendance_export(request: ActorRequest, file_format: str) -> HttpResponseBase:
    if file_format not in EXPORT_FORMATS:
        raise NotFound()
    actor = request.actor
    require_mentor(actor)
    form = _report_form(request, actor)
    first, last = form.period()
    customer_id = form.customer_id
    filename = f"attendance-{first.isoformat()}-{last.isoformat()}.{file_format}"
    with transaction.atomic():
        # An export of personal data is audited (DESIGN.md §2), once per customer it may contain.
        for customer in actor.customers_as(Role.MENTOR):
            if customer_id in (None, customer.pk):
                audit_record(
                    actor=actor.user,
                    action="attendance.exported",
                    customer=customer,
                    after={"from": first.isoformat(), "to": last.isoformat(), "format": file_format},
                    ip=client_ip(request),
                )
    rows = export_rows(actor, first, last, customer_id)
    response: HttpResponseBase
    if file_format == "csv":
        # Streamed: the first bytes leave before the database is asked, and memory stays flat.
        response = StreamingHttpResponse(_csv_chunks(rows), content_type="text/csv; charset=utf-8")
    else:
        response = FileResponse(_xlsx_file(rows), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


class _Line:
    """A file-like object for csv.writer that hands back each line instead of storing it."""

    def write(self, value: str) -> str:
        return value


CSV_ROWS_PER_CHUNK = 500


def _csv_chunks(rows: Iterator[list[object]]) -> Iterator[str]:
    writer = csv.writer(_Line())
    yield "\ufeff" + writer.writerow(export_header())  # the BOM: spreadsheet programs then read UTF-8
    chunk = []
    for row in rows:
        chunk.append(
            writer.writerow(
                [
                    value.isoformat(timespec="minutes")
                    if isinstance(value, datetime.time)
                    else ("" if value is None else value)
                    for value in row
                ]
            )
        )
        if len(chunk) == CSV_ROWS_PER_CHUNK:
            yield "".join(chunk)
            chunk = []
    if chunk:
        yield "".join(chunk)


def _xlsx_file(rows: Iterator[list[object]]) -> IO[bytes]:
    """The workbook in a temporary file (openpyxl's write-only mode keeps memory flat: rows go
    to disk as they come); the response streams the file and closes (deletes) it."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("Attendance")[:31])
    bold = Font(bold=True)
    header = []
    for title in export_header():
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    handle = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it when sent)
    workbook.save(handle)
    handle.seek(0)
    return handle
