from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from mentora.core.net import client_ip
from mentora.customers.http import ActorRequest

from .forms import NotificationPreferencesForm
from .selectors import email_preferences_for
from .services import notification_preferences_update


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
