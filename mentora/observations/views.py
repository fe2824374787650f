"""Observation pages: the full list on an application and the add form (the application pages
include `observations/_application_section.html`). Thin: access, service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from mentora.core.forms import form_attempt
from mentora.core.net import client_ip
from mentora.core.pagination import page_of
from mentora.core.redirects import next_url
from mentora.customers.http import ActorRequest
from mentora.customers.permissions import require

from .access import access_application_for_observations
from .forms import observation_form_for
from .permissions import can_write_observation
from .selectors import observation_list_for_application
from .services import observation_create

PAGE_SIZE = 20


@login_required
@require_GET
def observation_list_view(request: ActorRequest, application_id: int) -> HttpResponse:
    actor = request.actor
    application = access_application_for_observations(actor=actor, application_id=application_id)
    observations = observation_list_for_application(application=application)
    page = page_of(observations, PAGE_SIZE, request.GET.get("page"))
    can_write = can_write_observation(actor, application)
    context = {
        "application": application,
        "page": page,
        "can_write": can_write,
        # An attendance alert's link names the mentee, who comes preselected.
        "form": observation_form_for(application, attendee=request.GET.get("attendee", "")[:12])
        if can_write
        else None,
        "next": request.get_full_path(),
    }
    return render(request, "observations/observation_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def observation_create_view(request: ActorRequest, application_id: int) -> HttpResponse:
    actor = request.actor
    application = access_application_for_observations(actor=actor, application_id=application_id)
    require(
        can_write_observation(actor, application), _("Only the application's mentors write observations.")
    )
    form = observation_form_for(
        application, request.POST or None, attendee=request.GET.get("attendee", "")[:12]
    )
    list_url = reverse("observation_list", args=[application.pk])
    observation = None
    if request.method == "POST" and form.is_valid():
        attempt = form_attempt(
            form,
            lambda: observation_create(
                actor=actor,
                application=application,
                body=form.cleaned_data["body"],
                attendee=form.cleaned_data["attendee"],
                event=form.cleaned_data["event"],
                ip=client_ip(request),
            ),
            field="body",
        )
        observation = attempt.value if attempt.ok else None
    context = {"application": application, "form": form, "next": next_url(request, default=list_url)}
    if request.htmx and request.method == "POST":
        if observation is None:
            return render(request, "observations/_partials/observation_form.html", context)
        observation.author_still_mentor = True  # type: ignore[attr-defined]  # as the list annotates it
        context.update({"form": observation_form_for(application), "observation": observation})
        return render(request, "observations/_partials/observation_created.html", context)
    if observation is not None:
        messages.success(request, _("Your observation was saved."))
        return HttpResponseRedirect(str(context["next"]))
    return render(request, "observations/observation_create.html", context)
