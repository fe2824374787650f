import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _

from mentora.core.net import client_ip

from .forms import ProfileForm
from .models import TermsVersion
from .services import user_update_profile


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    # A copy: a form with errors must not change the signed-in user the page header shows.
    form = ProfileForm(
        request.POST or None,
        instance=copy.copy(request.user),
        suggested_zones=[customer.time_zone for customer in request.actor.customers],  # type: ignore[attr-defined]  # the customers app's middleware
    )
    if request.method == "POST" and form.is_valid():
        user = user_update_profile(user=form.instance, data=form.cleaned_data, ip=client_ip(request))
        translation.activate(user.language)
        messages.success(request, _("Your details were saved."))
        return redirect("profile")
    return render(request, "accounts/profile.html", {"form": form})


def terms(request: HttpRequest) -> HttpResponse:
    """The current terms of use and privacy notice, public (the invitation's registration form
    links here), in the visitor's language."""
    terms_version = TermsVersion.objects.current()
    text = terms_version.text_for(translation.get_language()) if terms_version else ""
    return render(request, "accounts/terms.html", {"terms_version": terms_version, "text": text})


def email_addresses(request: HttpRequest) -> HttpResponse:
    """Stands in for allauth's e-mail management page. The e-mail is the person's identity (an
    invitation or a direct add finds them by it) and ACCOUNT_EMAIL_VERIFICATION is "none", so
    letting anyone add or switch to an address would let them claim one they do not own."""
    raise Http404()
