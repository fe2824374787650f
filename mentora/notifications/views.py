from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mentora.core.exceptions import NotFound
from mentora.core.net import client_ip
from mentora.core.redirects import redirect_next, same_site_path
from mentora.customers.http import ActorRequest

from .counts import unread_count_cached
from .forms import NotificationFilterForm, NotificationSettingsForm
from .selectors import notification_list_for, settings_for, unread_count
from .services import (
    notification_mark_all_read,
    notification_mark_read,
    notification_open,
    notification_settings_update,
    notification_unsubscribe,
)
from .unsubscribe import unsubscribe_token_read


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: ActorRequest) -> HttpResponse:
    form = NotificationSettingsForm(request.POST or None, current=settings_for(request.user))
    if request.method == "POST" and form.is_valid():
        notification_settings_update(user=request.user, choices=form.choices(), ip=client_ip(request))
        messages.success(request, _("Your notification settings were saved."))
        return redirect("notification_preferences")
    return render(request, "notifications/preferences.html", {"form": form})


# A mail client's one-click POST carries no CSRF token or cookie; the signed link is the
# permission, and all it can do is turn e-mail off.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows what the link turns off and a button (mail scanners open links: a GET changes
    nothing); POST turns it off. The mail client's one-click POST (RFC 8058, the body
    "List-Unsubscribe=One-Click") gets a page; the person's button lands on their preferences."""
    found = unsubscribe_token_read(token)
    if found is None:
        raise NotFound()
    user, kinds = found
    labels = [kind.label for kind in kinds]
    if request.method == "POST":
        notification_unsubscribe(user=user, kinds=kinds, ip=client_ip(request))
        if request.POST.get("List-Unsubscribe") != "One-Click":
            messages.success(
                request,
                _("Mentora no longer e-mails %(email)s about: %(kinds)s.")
                % {"email": user.email, "kinds": ", ".join(str(label) for label in labels)},
            )
            return redirect("notification_preferences")
    return render(
        request,
        "notifications/unsubscribe.html",
        {"email": user.email, "labels": labels, "done": request.method == "POST"},
    )


# The in-app centre ------------------------------------------------------------------------------

PAGE_SIZE = 25
STOP_POLLING = 286  # htmx: stop polling, swap nothing


@login_required
@require_GET
def notification_list(request: ActorRequest) -> HttpResponse:
    """The person's notifications, newest first, filterable by kind and to the unread ones."""
    form = NotificationFilterForm(request.GET or None)
    kind = form.kind_chosen()
    unread_only = form.unread_only()
    notifications = notification_list_for(user=request.user, kind=kind, unread_only=unread_only)
    page = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("page"))
    filters = {"kind": kind.value if kind else "", "unread": "on" if unread_only else ""}
    return render(
        request,
        "notifications/list.html",
        {
            "form": form,
            "page": page,
            "unread": unread_count(request.user),
            "filtered": bool(kind or unread_only),
            "query_string": urlencode({key: value for key, value in filters.items() if value}),
        },
    )


@require_GET
def notification_bell(request: ActorRequest) -> HttpResponse:
    """The bell, for htmx to swap in every minute and after a change. `shown` is the count the
    page shows now: when the count differs, the response also fills the page's polite live
    region, so that a screen reader hears of a change, not of every poll. Once the person is
    signed out (elsewhere, or the session ended) the answer is htmx's 286: stop polling, swap
    nothing (a redirect to the sign-in page would be swapped into the header)."""
    if not request.user.is_authenticated:
        return HttpResponse(status=STOP_POLLING)
    count = unread_count_cached(request.user)
    shown = request.GET.get("shown", "")
    changed = not (shown.isdigit() and len(shown) <= 9 and int(shown) == count)
    return render(request, "notifications/_partials/bell.html", {"count": count, "announce": changed})


@login_required
@require_GET
def notification_open_view(request: ActorRequest, notification_id: int) -> HttpResponse:
    """Open one of one's own notifications: it is marked read, and the person goes to what it is
    about (a path on this site; anything else lands on the list). Another's answers 404."""
    notification = notification_open(user=request.user, notification_id=notification_id)
    return HttpResponseRedirect(same_site_path(request, notification.url) or reverse("notification_list"))


@login_required
@require_POST
def notification_mark_read_view(request: ActorRequest, notification_id: int) -> HttpResponse:
    notification = notification_mark_read(user=request.user, notification_id=notification_id)
    if getattr(request, "htmx", False):
        response = render(
            request, "notifications/_partials/item.html", {"notification": notification, "focus": True}
        )
        response["HX-Trigger"] = "notifications-changed"
        return response
    return redirect_next(request, default=reverse("notification_list"))


@login_required
@require_POST
def notification_mark_all_read_view(request: ActorRequest) -> HttpResponse:
    changed = notification_mark_all_read(user=request.user)
    if changed:
        messages.success(
            request,
            ngettext(
                "%(count)d notification marked as read.", "%(count)d notifications marked as read.", changed
            )
            % {"count": changed},
        )
    return redirect_next(request, default=reverse("notification_list"))
