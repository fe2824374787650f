"""The attendance page of an event: opening it creates the session when it is due (on demand);
the event's professional, substitute or a system administrator take attendance on one screen.
And a customer's attendance-alert settings, for its admins."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from mentora.core.forms import form_attempt
from mentora.core.net import client_ip
from mentora.customers.access import access_customer_as_admin
from mentora.customers.http import ActorRequest
from mentora.customers.permissions import require

from .access import access_event_attendance
from .arithmetic import attendance_counts
from .forms import AlertSettingsForm, AttendanceSheetForm
from .permissions import can_take_attendance
from .selectors import alert_settings_for, session_history, session_record_list, session_summary
from .services import alert_settings_update, attendance_save, session_ensure


@login_required
@require_http_methods(["GET", "POST"])
def session_take(request: ActorRequest, event_id: int) -> HttpResponse:
    """GET: staff who may see the event's attendance (404 if the event is not visible, 403 for
    mentors and customer admins). POST: those who may take attendance (403 otherwise)."""
    actor = request.actor
    event = access_event_attendance(actor=actor, event_id=event_id)
    may_take = can_take_attendance(actor, event)
    if request.method == "POST":
        require(may_take)
    session = session_ensure(event=event)
    if session is None:
        return render(
            request, "attendance/session.html", {"event": event, "summary": session_summary(event=event)}
        )
    records = session_record_list(session=session)
    longest = int((event.ends_at - event.starts_at).total_seconds() // 60)
    form = AttendanceSheetForm(request.POST or None, records=records, longest_minutes=longest)
    if request.method == "POST" and form.is_valid():
        attempt = form_attempt(
            form,
            lambda: attendance_save(
                actor=actor, session=session, entries=form.entries(), ip=client_ip(request)
            ),
        )
        if attempt.ok:
            changed = attempt.value
            totals = attendance_counts(session.records.all())
            if totals.unrecorded:
                messages.warning(
                    request,
                    ngettext(
                        "Attendance saved. %(count)d attendee has no status yet.",
                        "Attendance saved. %(count)d attendees have no status yet.",
                        totals.unrecorded,
                    )
                    % {"count": totals.unrecorded},
                )
            elif changed:
                messages.success(request, _("Attendance saved. The session is complete."))
            else:
                messages.info(request, _("Nothing changed."))
            return redirect("attendance_session", event.pk)
    context = {
        "event": event,
        "session": session,
        "form": form,
        "rows": form.bound_rows(),
        "may_take": may_take,
        "totals": attendance_counts(session.records.all()),
        "history": session_history(session=session),
        "longest": longest,
    }
    return render(request, "attendance/session.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def alert_settings(request: ActorRequest, customer_id: int) -> HttpResponse:
    """A customer's attendance-alert thresholds: its admins and system administrators (a mentor
    of the customer gets 403, anyone else 404, before the form is read)."""
    customer = access_customer_as_admin(actor=request.actor, customer_id=customer_id)
    current = alert_settings_for(customer=customer)
    initial = {
        "rate_percent": current.rate_percent,
        "min_sessions": current.min_sessions,
        "consecutive_absences": current.consecutive_absences,
    }
    form = AlertSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        attempt = form_attempt(
            form,
            lambda: alert_settings_update(
                actor=request.actor, customer=customer, ip=client_ip(request), **form.cleaned_data
            ),
        )
        if attempt.ok:
            messages.success(request, _("The attendance alert settings were saved."))
            return redirect("attendance_alert_settings", customer.pk)
    context = {"customer": customer, "form": form, "settings": current, "active_tab": "alerts"}
    return render(request, "attendance/alert_settings.html", context)
