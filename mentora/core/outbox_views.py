from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.clickjacking import xframe_options_sameorigin

from .exceptions import NotFound, PermissionDenied
from .outbox import can_read_outbox, outbox_enabled, outbox_message_get, outbox_message_list

# The e-mail's own HTML, shown in a sandboxed frame: no scripts, no requests out.
_EMAIL_HTML_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'"


def _require_outbox(request: HttpRequest) -> None:
    if not outbox_enabled():
        raise NotFound()
    if not can_read_outbox(request.actor):  # type: ignore[attr-defined]  # set by the customers app's middleware
        raise PermissionDenied()


def outbox_list(request: HttpRequest) -> HttpResponse:
    _require_outbox(request)
    page = Paginator(outbox_message_list(), 20).get_page(request.GET.get("page"))
    return render(request, "core/outbox_list.html", {"page": page})


def outbox_detail(request: HttpRequest, message_id: int) -> HttpResponse:
    _require_outbox(request)
    message = outbox_message_get(message_id=message_id)
    return render(request, "core/outbox_detail.html", {"message": message})


@xframe_options_sameorigin
def outbox_html(request: HttpRequest, message_id: int) -> HttpResponse:
    _require_outbox(request)
    response = HttpResponse(
        outbox_message_get(message_id=message_id).html_body, content_type="text/html; charset=utf-8"
    )
    response.headers["Content-Security-Policy"] = _EMAIL_HTML_POLICY
    return response
