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

from .forms import NotificationPreferencesForm
from .selectors import email_preferences_for
from .services import notification_preferences_update, notification_unsubscribe
from .unsubscribe import unsubscribe_token_read


@login_required
def preferences(request: ActorRequest) -> HttpResponse:
    form = NotificationPreferencesForm(request.POST or None, preferences=email_preferences_for(request.user))
    if request.method == "POST" and form.is_valid():
        notification_preferences_update(
            user=request.user, email_enabled=form.email_enabled(), ip=client_ip(request)
        )
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
    nothing); POST, from that button or from the mail client (RFC 8058), turns it off."""
    found = unsubscribe_token_read(token)
    if found is None:
        raise NotFound()
    user, category = found
    done = request.method == "POST"
    if done:
        notification_unsubscribe(user=user, category=category, ip=client_ip(request))
    return render(
        request,
        "notifications/unsubscribe.html",
        {"email": user.email, "category": category, "done": done},
    )
