"""The mentor's Attendance tabs (Sessions, Courses, Attendees, Report) and the report's CSV and
XLSX export. Read-only; mentees only (mentora.attendance.access)."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from mentora.attendance.access import access_session_for_mentor
from mentora.attendance.arithmetic import AttendanceCounts
from mentora.audit.services import audit_record
from mentora.completion.selectors import CompletionRow
from mentora.core.exceptions import NotFound, PermissionDenied
from mentora.core.links import id_link
from mentora.core.net import client_ip
from mentora.core.numbers import grouped
from mentora.customers.access import Actor
from mentora.customers.http import ActorRequest
from mentora.customers.models import Role

from ..exports import CONTENT_TYPES, EXPORT_FORMATS, csv_chunks, export_filename, export_rows, xlsx_file
from ..forms import MAX_REPORT_DAYS, AttendanceReportForm, CustomerFilterForm
from ..selectors.attendance import (
    MenteeAttendance,
    activity_label,
    attendance_activity_resolve,
    attendance_activity_rows_for_mentor,
    attendance_export_count,
    attendance_mentee_list_for_mentor,
    attendance_report_for_mentor,
    attendance_session_list_for_mentor,
    attendance_session_page,
    mentee_attendance_list,
    session_mentees,
)
from ..selectors.completion import activity_completion, mentee_completion
from ..services import attendance_export_open, attendance_export_prepare
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
    session_ids = attendance_session_list_for_mentor(actor=actor, customer_id=form.customer_id)
    page = Paginator(session_ids, PAGE_SIZE).get_page(request.GET.get("page"))
    sessions = attendance_session_page(list(page.object_list))
    names = session_mentees(actor=actor, sessions=sessions, customer_id=form.customer_id)
    rows = [(session, names.get(session.pk, []), activity_label(session.event)) for session in sessions]
    return render(
        request,
        "mentoring/attendance/sessions.html",
        _context(request, actor, "sessions", form, page=page, rows=rows),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"])
def attendance_session(request: ActorRequest, session_id: int) -> HttpResponse:
    actor = request.actor
    session, records = access_session_for_mentor(actor=actor, session_id=session_id)
    if request.method not in ("GET", "HEAD"):
        # Visible, but attendance is the professional's to take: a change by URL is refused.
        raise PermissionDenied(_("Mentors can read attendance but not change it."))
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
    # Read whole and paged here: counting the groups cost as much as reading them all.
    rows = list(attendance_activity_rows_for_mentor(actor=actor, customer_id=form.customer_id))
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


@dataclass(frozen=True)
class AttendeeRow:
    """One mentee's line of the Attendees tab, its link and its counts' sentence written once
    here (each a reverse() and a block translation per line in the template)."""

    mentee: MenteeAttendance
    completions: list[CompletionRow]
    url: str
    sessions: str  # "6 sessions: 3 present, 1 late, 1 excused, 1 absent"


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
    learner_link = id_link("learner_detail")
    attendee_rows = [
        AttendeeRow(
            mentee=row,
            completions=completion.get(row.attendee.pk, []),
            url=learner_link(row.attendee.pk),
            sessions=_sessions_sentence(row.counts),
        )
        for row in rows
    ]
    return render(
        request,
        "mentoring/attendance/attendees.html",
        _context(request, actor, "attendees", form, page=page, rows=attendee_rows),
    )


def _sessions_sentence(counts: AttendanceCounts) -> str:
    return ngettext(
        "%(recorded)s session: %(present)s present, %(late)s late, %(excused)s excused, %(absent)s absent",
        "%(recorded)s sessions: %(present)s present, %(late)s late, %(excused)s excused, %(absent)s absent",
        counts.recorded,
    ) % {
        "recorded": counts.recorded,
        "present": counts.present,
        "late": counts.late,
        "excused": counts.excused,
        "absent": counts.absent,
    }


def _report_form(
    request: ActorRequest, actor: Actor, *, max_days: int | None = MAX_REPORT_DAYS
) -> AttendanceReportForm:
    return AttendanceReportForm(
        request.GET or None, customers=actor.customers_as(Role.MENTOR), max_days=max_days
    )


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
        _context(
            request,
            actor,
            "report",
            form,
            report=report,
            export_query=export_query,
        ),
    )


@login_required
@require_GET
def attendance_export(request: ActorRequest, file_format: str) -> HttpResponseBase:
    if file_format not in EXPORT_FORMATS:
        raise NotFound()
    actor = request.actor
    require_mentor(actor)
    form = _report_form(request, actor, max_days=None)  # the page shows a year at most; a file any period
    if form.is_bound and not form.is_valid():
        # A period out of range (or the wrong way round) is not exported as another period:
        # the report says what is wrong with it.
        return redirect(reverse("mentor_attendance_report") + "?" + query_string(request.GET))
    first, last = form.period()
    customer_id = form.customer_id
    limit = settings.ATTENDANCE_EXPORT_MAX_RECORDS_IN_REQUEST
    records = attendance_export_count(
        actor=actor, first=first, last=last, customer_id=customer_id, at_most=limit + 1
    )
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
        if records > limit:
            # Too many to write before the request times out: the task worker writes it.
            attendance_export_prepare(
                actor=actor,
                file_format=file_format,
                first=first,
                last=last,
                customer_id=customer_id,
            )
            messages.success(
                request,
                _(
                    "The export has more than %(records)s records, so it is being prepared for you. We "
                    "will e-mail you a download link when it is ready."
                )
                % {"records": grouped(limit)},
            )
            return redirect(reverse("mentor_attendance_report") + "?" + query_string(request.GET))
    rows = export_rows(actor=actor, first=first, last=last, customer_id=customer_id)
    response: HttpResponseBase
    if file_format == "csv":
        # Streamed: the first bytes leave before the database is asked, and memory stays flat.
        response = StreamingHttpResponse(csv_chunks(rows), content_type=CONTENT_TYPES["csv"])
    else:
        response = FileResponse(xlsx_file(rows), content_type=CONTENT_TYPES["xlsx"])
    filename = export_filename(first=first, last=last, file_format=file_format)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def attendance_export_download(request: ActorRequest, token: str) -> HttpResponseBase:
    """The e-mailed link to an export the task worker prepared: only for its owner, signed in."""
    export = attendance_export_open(user=request.user, token=token, ip=client_ip(request))
    filename = export_filename(first=export.first, last=export.last, file_format=export.file_format)
    response = FileResponse(
        export.file.open("rb"),
        as_attachment=True,
        filename=filename,
        content_type=CONTENT_TYPES[export.file_format],
    )
    response["Cache-Control"] = "private, no-store"
    return response
