from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from mentora.core.exceptions import NotFound
from mentora.core.net import client_ip
from mentora.customers.http import ActorRequest

from .forms import NotificationSettingsForm
from .selectors import settings_for
from .services import notification_settings_update, notification_unsubscribe
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
