import copy

from allauth.account.views import EmailView
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from mentora.core.net import client_ip
from mentora.core.redirects import next_url

from .forms import ProfileForm, TermsAcceptForm
from .middleware import terms_standing_refresh
from .models import TermsVersion
from .services import consent_record_create, user_update_profile


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


@login_required
def terms_accept(request: HttpRequest) -> HttpResponse:
    """The current terms for the signed-in person to accept: required for a major version (every
    other page sends them here first), offered for a minor one."""
    terms_version = TermsVersion.objects.current()
    if terms_version is None:
        return redirect("home")
    standing = request.terms_standing  # type: ignore[attr-defined]
    required = standing.must_accept is not None
    already_accepted = not required and standing.announce is None
    form = TermsAcceptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        consent_record_create(user=request.user, terms_version=terms_version, ip=client_ip(request))  # type: ignore[arg-type]
        terms_standing_refresh(request, user=request.user)  # type: ignore[arg-type]
        messages.success(
            request,
            _("Thank you: you accepted the terms (version %(version)s).")
            % {"version": terms_version.version},
        )
        return HttpResponseRedirect(next_url(request, default=reverse("home")))
    context = {
        "terms_version": terms_version,
        "text": terms_version.text_for(translation.get_language()),
        "form": form,
        "required": required,
        "already_accepted": already_accepted,
        "next": next_url(request, default=reverse("home")),
    }
    return render(request, "accounts/terms_accept.html", context)


class EmailChangeView(EmailView):
    """allauth's e-mail change, reduced to what is safe here: ask for a new address, which is
    stored only once the code sent to it is entered (ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED).
    The page's other actions (make an address primary, remove one, re-send to one) are not
    offered: with them a person could switch their sign-in to an address they cannot read, and
    take the place of its owner in invitations and direct adds, which find people by e-mail."""

    def post(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if "action_add" in request.POST:
            return super().post(request, *args, **kwargs)
        return HttpResponseRedirect(reverse("account_email"))


email_change = login_required(EmailChangeView.as_view())
