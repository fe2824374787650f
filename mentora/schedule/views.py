"""Schedule pages for provider staff: the list, one event, create, edit, cancel, and the
professional's own workspace. Thin: parse, call a selector or service, render."""

from collections.abc import Callable
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from mentora.core.forms import form_attempt, parse_id
from mentora.core.net import client_ip
from mentora.customers.http import ActorRequest
from mentora.customers.permissions import require

from .access import access_event
from .forms import CancelForm, EventFilterForm, EventForm
from .models import Event
from .permissions import can_manage_schedule
from .selectors import event_list, professional_workspace
from .services import DoubleBooking, event_cancel, event_create, event_update

PAGE_SIZE = 20


@login_required
def schedule_list(request: ActorRequest) -> HttpResponse:
    """Provider staff: visible events with filters, 20 per page. Others: 403."""
    actor = request.actor
    require(actor.is_provider_staff)
    form = EventFilterForm(request.GET or None, actor=actor)
    filters = dict(form.cleaned_data) if form.is_bound and form.is_valid() else {}
    filters.pop("page", None)
    from_today = not filters.get("date_from") and not filters.get("date_to")
    if from_today:
        filters["date_from"] = timezone.localdate()
    rows = event_list(
        actor=actor,
        date_from=filters.get("date_from"),
        date_to=filters.get("date_to"),
        professional=filters.get("professional"),
        customer=filters.get("customer"),
        activity=filters.get("activity", ""),
        status=filters.get("status", ""),
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query_string = urlencode([(k, v) for k, v in request.GET.items() if k != "page" and v])
    context = {
        "form": form,
        "page": page,
        "query_string": query_string,
        "filtered": bool(query_string),
        "from_today": from_today,
        "can_create": can_manage_schedule(actor),
    }
    return render(request, "schedule/event_list.html", context)


@login_required
def event_detail(request: ActorRequest, event_id: int) -> HttpResponse:
    """Anyone who may see the event (404 otherwise); change buttons only for those allowed."""
    actor = request.actor
    event = access_event(actor=actor, event_id=event_id)
    context = {
        "event": event,
        "can_manage": can_manage_schedule(actor, event),
        "series_count": event.series.events.count() if event.series is not None else 0,
    }
    return render(request, "schedule/event_detail.html", context)


def _save_event_form(
    request: ActorRequest, form: EventForm, save: Callable[[bool], list[Event]]
) -> tuple[list[Event] | None, list[Event]]:
    """Run `save(allow_double_booking)` for a valid form; turn domain errors into form errors.
    Returns (saved events or None, conflicting events to warn about)."""
    if not form.is_valid():
        return None, []
    try:
        attempt = form_attempt(
            form,
            lambda: save(form.cleaned_data.get("confirm_double_booking", False)),
            let_through=(DoubleBooking,),
        )
    except DoubleBooking as warning:
        # A warning, not an error: the form asks to confirm the double booking.
        return None, warning.conflicts
    return (attempt.value if attempt.ok else None), []


@login_required
@require_http_methods(["GET", "POST"])
def event_new(request: ActorRequest) -> HttpResponse:
    """System administrators and professionals (403 for everyone else)."""
    actor = request.actor
    require(can_manage_schedule(actor))
    initial: dict[str, object] = {"language": request.LANGUAGE_CODE}
    if actor.is_professional:
        initial["professional"] = actor.user.pk
    for name in ("application", "course_instance"):
        if (preselected := parse_id(request.GET.get(name))) is not None:
            initial[name] = preselected
    data = request.POST if request.method == "POST" else None
    form = EventForm(
        data,
        actor=actor,
        creating=True,
        initial=initial,
        offer_double_booking="confirm_double_booking" in (data or {}),
    )
    conflicts: list[Event] = []
    if request.method == "POST":
        events, conflicts = _save_event_form(
            request,
            form,
            lambda allow: event_create(
                actor=actor,
                details=form.details(),
                application=form.cleaned_data.get("application"),
                course_instance=form.cleaned_data.get("course_instance"),
                repeat_until=form.cleaned_data.get("repeat_until"),
                allow_double_booking=allow,
                ip=client_ip(request),
            ),
        )
        if events:
            messages.success(
                request,
                ngettext("The event was created.", "%(count)d events were created.", len(events))
                % {"count": len(events)},
            )
            return redirect("event_detail", events[0].pk)
        if conflicts:
            form = EventForm(data, actor=actor, creating=True, offer_double_booking=True)
            form.is_valid()
    return render(request, "schedule/event_form.html", {"form": form, "event": None, "conflicts": conflicts})


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request: ActorRequest, event_id: int) -> HttpResponse:
    """Those who may manage the event (see can_manage_schedule); 403 for others who see it."""
    actor = request.actor
    event = access_event(actor=actor, event_id=event_id)
    require(can_manage_schedule(actor, event))
    if event.is_canceled:
        messages.error(request, _("A canceled event cannot be changed."))
        return redirect("event_detail", event.pk)
    series = event.series_id is not None
    data = request.POST if request.method == "POST" else None
    initial = {
        "title": event.title,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "language": event.language,
        "professional": event.professional_id,
        "substitute": event.substitute_id,
        "location": event.location,
        "online_url": event.online_url,
    }
    offer = "confirm_double_booking" in (data or {})
    form = EventForm(
        data, actor=actor, creating=False, series=series, initial=initial, offer_double_booking=offer
    )
    conflicts: list[Event] = []
    if request.method == "POST":
        events, conflicts = _save_event_form(
            request,
            form,
            lambda allow: event_update(
                actor=actor,
                event=event,
                details=form.details(),
                scope=form.cleaned_data.get("scope") or "one",
                allow_double_booking=allow,
                ip=client_ip(request),
            ),
        )
        if events:
            messages.success(
                request,
                ngettext("The event was saved.", "%(count)d events were saved.", len(events))
                % {"count": len(events)},
            )
            return redirect("event_detail", event.pk)
        if conflicts:
            form = EventForm(data, actor=actor, creating=False, series=series, offer_double_booking=True)
            form.is_valid()
    return render(request, "schedule/event_form.html", {"form": form, "event": event, "conflicts": conflicts})


@login_required
@require_http_methods(["GET", "POST"])
def event_cancel_view(request: ActorRequest, event_id: int) -> HttpResponse:
    """Those who may manage the event; 403 for others who see it."""
    actor = request.actor
    event = access_event(actor=actor, event_id=event_id)
    require(can_manage_schedule(actor, event))
    if event.is_canceled:
        messages.info(request, _("This event is already canceled."))
        return redirect("event_detail", event.pk)
    form = CancelForm(request.POST or None, series=event.series_id is not None)
    if request.method == "POST" and form.is_valid():
        attempt = form_attempt(
            form,
            lambda: event_cancel(
                actor=actor,
                event=event,
                reason=form.cleaned_data["reason"],
                scope=form.cleaned_data.get("scope") or "one",
                ip=client_ip(request),
            ),
        )
        if attempt.ok:
            events = attempt.value
            messages.success(
                request,
                ngettext("The event was canceled.", "%(count)d events were canceled.", len(events))
                % {"count": len(events)},
            )
            return redirect("event_detail", event.pk)
    return render(request, "schedule/event_cancel.html", {"form": form, "event": event})


@login_required
def my_events(request: ActorRequest) -> HttpResponse:
    """The professional's workspace: attendance to take, today, upcoming. Provider staff only."""
    actor = request.actor
    require(actor.is_provider_staff)
    workspace = professional_workspace(actor=actor)
    followups = _template_exists("followups/_professional_section.html")
    return render(
        request, "schedule/my_events.html", {"workspace": workspace, "followups_section": followups}
    )


def _template_exists(name: str) -> bool:
    from django.template import TemplateDoesNotExist
    from django.template.loader import get_template

    try:
        get_template(name)
    except TemplateDoesNotExist:
        return False
    return True
