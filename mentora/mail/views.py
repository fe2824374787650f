from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mentora.core.exceptions import PermissionDenied

from .models import State
from .permissions import can_manage_outgoing_mail
from .selectors import message_counts, message_get, message_list
from .services import message_cancel, message_retry


def _require_staff(request: HttpRequest) -> None:
    if not can_manage_outgoing_mail(request.user):
        raise PermissionDenied()


@login_required
def outgoing_list(request: HttpRequest) -> HttpResponse:
    """Pending, failed and sent messages for system administrators: recipient, kind, attempts,
    error. Never a body."""
    _require_staff(request)
    state = request.GET.get("state", "")
    state = state if state in State.values else ""
    page = Paginator(message_list(state=state), 50).get_page(request.GET.get("page"))
    counts = message_counts()
    return render(
        request,
        "mail/message_list.html",
        {
            "page": page,
            "state": state,
            "states": [(value, label, counts[value]) for value, label in State.choices],
            "query_string": urlencode({"state": state}) if state else "",
        },
    )


@login_required
@require_POST
def outgoing_retry(request: HttpRequest, message_id: int) -> HttpResponse:
    _require_staff(request)
    message = message_retry(message=message_get(message_id=message_id))
    if message.state == State.PENDING:
        messages.success(
            request, _("The message to %(email)s is queued again.") % {"email": message.recipient}
        )
    else:
        messages.error(request, _("This message can no longer be sent again."))
    return _back(request)


@login_required
@require_POST
def outgoing_cancel(request: HttpRequest, message_id: int) -> HttpResponse:
    _require_staff(request)
    message = message_cancel(message=message_get(message_id=message_id))
    if message.state == State.CANCELED:
        messages.success(
            request, _("The message to %(email)s will not be sent.") % {"email": message.recipient}
        )
    else:
        messages.error(request, _("This message can no longer be canceled."))
    return _back(request)


def _back(request: HttpRequest) -> HttpResponse:
    """To the list as it was filtered (only a known state; nothing else is taken from the form)."""
    state = request.POST.get("state", "")
    url = reverse("outgoing_mail")
    return redirect(f"{url}?{urlencode({'state': state})}" if state in State.values else url)
