"""The learner's page: one learner's story for the people who follow them (see access.py), with
a print stylesheet and an XLSX summary for a chosen period. Read-only."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import FileResponse, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from mentora.audit.services import audit_record
from mentora.core.dates import format_date
from mentora.core.net import client_ip
from mentora.customers.http import ActorRequest

from .access import Learner, access_learner
from .chart import attendance_chart, chart_description
from .export import XLSX_TYPE, learner_workbook
from .forms import LearnerExportForm
from .selectors import (
    SessionPoint,
    learner_attendance,
    learner_completion,
    learner_first_day,
    learner_followups,
    learner_observations,
    learner_participations,
)


def _session_label(session: SessionPoint) -> str:
    status = session.status_label
    return f"{format_date(session.starts_at, 'list_date')}, {session.title}: {status}"


def _page(
    request: ActorRequest, learner: Learner, form: LearnerExportForm | None = None, status: int = 200
) -> HttpResponse:
    actor = request.actor
    participations = learner_participations(learner=learner)
    attendance = learner_attendance(actor=actor, learner=learner)
    chart = attendance_chart(
        attendance,
        week_label=lambda week: _("Week of %(date)s") % {"date": format_date(week, "list_date")},
        session_label=_session_label,
    )
    first_day = timezone.localtime(attendance.sessions[0].starts_at).date() if attendance.sessions else None
    context: dict[str, Any] = {
        "learner": learner,
        "attendee": learner.attendee,
        "participations": participations,
        "attendance": attendance,
        "chart": chart,
        "completion": learner_completion(participations=participations),
        "observations": learner_observations(actor=actor, learner=learner),
        "followups": learner_followups(actor=actor, learner=learner),
        "export_form": form or LearnerExportForm(first_day=first_day),
        "is_mentor_view": not learner.whole,
        "printed_on": format_date(timezone.now(), "detail_datetime"),
        "chart_description": chart_description(attendance),
    }
    return render(request, "learners/detail.html", context, status=status)


@login_required
@require_GET
def learner_detail(request: ActorRequest, attendee_id: int) -> HttpResponse:
    """Staff: every learner; customer admins: their customers' learners; mentors: their mentees
    (404 for everyone and everything else)."""
    learner = access_learner(actor=request.actor, attendee_id=attendee_id)
    return _page(request, learner)


@login_required
@require_GET
def learner_export(request: ActorRequest, attendee_id: int) -> HttpResponseBase:
    """The summary as XLSX for the period asked for (the page again, with the reason, when the
    period is not valid). Who: as the page. Audited ("learner.exported")."""
    actor = request.actor
    learner = access_learner(actor=actor, attendee_id=attendee_id)
    form = LearnerExportForm(request.GET, first_day=learner_first_day(actor=actor, learner=learner))
    if not form.is_valid():
        return _page(request, learner, form, status=400)
    first, last = form.period()
    with transaction.atomic():
        # An export of personal data is audited (DESIGN.md §2).
        audit_record(
            actor=actor.user,
            action="learner.exported",
            customer=learner.attendee.customer,
            target=learner.attendee,
            after={"from": first.isoformat(), "to": last.isoformat(), "format": "xlsx"},
            ip=client_ip(request),
        )
    response = FileResponse(
        learner_workbook(actor=actor, learner=learner, first=first, last=last), content_type=XLSX_TYPE
    )
    filename = f"learner-{learner.attendee.pk}-{first.isoformat()}-{last.isoformat()}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
