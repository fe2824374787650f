import csv
import json
from collections.abc import Iterable, Iterator
from urllib.parse import urlencode

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mentora.accounts.selectors import (
    current_major_terms,
    terms_version_list,
    users_without_current_major_consent,
)
from mentora.audit.models import AuditEvent
from mentora.audit.selectors import audit_events_about
from mentora.core.forms import form_attempt
from mentora.core.net import client_ip
from mentora.core.text import export_cell
from mentora.customers.http import ActorRequest
from mentora.customers.permissions import require

from . import permissions, selectors, services
from .audit_labels import action_label
from .forms import AuditFilterForm, TermsVersionForm

PAGE_SIZE = 50


# --- The person's own data ------------------------------------------------------------------


@login_required
def my_data(request: ActorRequest) -> HttpResponse:
    context = {
        "exports": selectors.data_exports_of(user=request.user),
        "erasure_request": selectors.erasure_request_pending(user=request.user),
    }
    return render(request, "privacy/my_data.html", context)


@login_required
@require_POST
def data_export_request(request: ActorRequest) -> HttpResponse:
    services.data_export_request(user=request.user, ip=client_ip(request))
    messages.success(request, _("Your data is being prepared. We will e-mail you a download link shortly."))
    return redirect("my_data")


@login_required
def data_export_download(request: ActorRequest, token: str) -> HttpResponse:
    export, content = services.data_export_open(user=request.user, token=token, ip=client_ip(request))
    filename = f"mentora-data-{export.ready_at:%Y-%m-%d}.zip"
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@reauthentication_required
def erasure_request(request: ActorRequest) -> HttpResponse:
    """Asks again before the request: the page says what happens, and sending it needs a
    recent password (or second factor) entry."""
    pending = selectors.erasure_request_pending(user=request.user)
    if request.method == "POST" and pending is None:
        services.erasure_request_create(user=request.user, ip=client_ip(request))
        messages.success(request, _("Your request was sent. We e-mailed you what happens next."))
        return redirect("my_data")
    return render(request, "privacy/erasure_request.html", {"pending": pending})


@login_required
@require_POST
def erasure_cancel(request: ActorRequest) -> HttpResponse:
    services.erasure_request_cancel(user=request.user, ip=client_ip(request))
    messages.success(request, _("Your request to delete your account was withdrawn."))
    return redirect("my_data")


@login_required
def my_activity(request: ActorRequest) -> HttpResponse:
    events = audit_events_about(user=request.user)
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "privacy/my_activity.html", {"page": page, "rows": _rows(page.object_list, ips=False)}
    )


# --- Audit log (system administrators; customer admins for their customers) -----------------


@login_required
def audit_log(request: ActorRequest) -> HttpResponse | StreamingHttpResponse:
    actor = request.actor
    require(permissions.can_read_audit_log(actor))
    form = AuditFilterForm(request.GET or None, customers=selectors.audit_log_customers(actor=actor))
    events = selectors.audit_log(actor=actor, filters=form.filters())
    if request.GET.get("format") == "csv" and (form.is_valid() or not form.is_bound):
        return _audit_csv(events, ips=actor.is_system_admin)
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    query = {key: value for key, value in request.GET.items() if key != "page" and value}
    context = {
        "form": form,
        "page": page,
        "rows": _rows(page.object_list, ips=actor.is_system_admin),
        "query_string": urlencode(query),
        "csv_url": "?" + urlencode({**query, "format": "csv"}),
        "show_ips": actor.is_system_admin,
    }
    return render(request, "privacy/audit_log.html", context)


def _audit_csv(events: QuerySet[AuditEvent], *, ips: bool) -> StreamingHttpResponse:
    class Echo:
        def write(self, value: str) -> str:
            return value

    writer = csv.writer(Echo())
    header = [_("Time"), _("Customer"), _("Changed by"), _("Action"), _("Target"), _("Before"), _("After")]
    if ips:
        header.append(_("Client address"))

    def lines() -> Iterator[str]:
        yield writer.writerow(header)
        for event in events.iterator(chunk_size=500):
            row = [
                timezone.localtime(event.created_at).isoformat(),
                event.customer.name if event.customer else "",
                event.actor.email if event.actor else "",
                event.action,
                event.target_repr,
                _json(event.before),
                _json(event.after),
            ]
            if ips:
                row.append(event.ip or "")
            yield writer.writerow([export_cell(value) for value in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="mentora-audit-{timezone.localdate():%Y-%m-%d}.csv"'
    )
    return response


def _json(value: object) -> str:
    return "" if value is None else json.dumps(value, ensure_ascii=False, default=str)


def _rows(events: Iterable[AuditEvent], *, ips: bool) -> list[dict[str, object]]:
    return [
        {
            "event": event,
            "label": action_label(event.action),
            "changes": _changes(event.before, event.after),
            "ip": event.ip if ips else None,
        }
        for event in events
    ]


def _changes(before: object, after: object) -> list[tuple[str, object, object]]:
    """Before → after per field, for the logs' readable column."""
    before = before if isinstance(before, dict) else {}
    after = after if isinstance(after, dict) else {}
    keys = list(dict.fromkeys([*before, *after]))
    return [(key.replace("_", " "), before.get(key, "–"), after.get(key, "–")) for key in keys]


# --- Terms (system administrators) ----------------------------------------------------------


@login_required
def terms_versions(request: ActorRequest) -> HttpResponse:
    require(permissions.can_publish_terms(request.actor))
    return render(request, "privacy/terms_versions.html", {"versions": terms_version_list()})


@login_required
def terms_publish(request: ActorRequest) -> HttpResponse:
    actor = request.actor
    require(permissions.can_publish_terms(actor))
    form = TermsVersionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        attempt = form_attempt(
            form,
            lambda: services.terms_version_publish(actor=actor, **form.cleaned_data, ip=client_ip(request)),
            field="version",
        )
        if attempt.ok:
            version = attempt.value.version
            messages.success(request, _("Version %(version)s is published.") % {"version": version})
            return redirect("terms_versions")
    return render(request, "privacy/terms_publish.html", {"form": form})


@login_required
def terms_not_accepted(request: ActorRequest) -> HttpResponse:
    require(permissions.can_publish_terms(request.actor))
    page = Paginator(users_without_current_major_consent(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "privacy/terms_not_accepted.html", {"page": page, "terms": current_major_terms()})


# --- Deletion requests (system administrators) ----------------------------------------------


@login_required
def erasure_requests(request: ActorRequest) -> HttpResponse:
    requests = selectors.erasure_requests(actor=request.actor)
    page = Paginator(requests, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "privacy/erasure_requests.html", {"page": page})


@login_required
@require_POST
def erasure_approve(request: ActorRequest, request_id: int) -> HttpResponse:
    actor = request.actor
    erasure_request = selectors.access_erasure_request(actor=actor, request_id=request_id)
    services.erasure_request_approve(actor=actor, erasure_request=erasure_request, ip=client_ip(request))
    messages.success(request, _("The account was deleted."))
    return redirect("erasure_requests")
