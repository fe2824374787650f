"""The completion sheets (provider staff): every learner of a course instance, or of an
on-request application whose service tracks completion, with their status and its history; tick
one learner or several and set their status at once."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from mentora.applications.models import ApplicationAttendee
from mentora.core.forms import form_attempt
from mentora.core.net import client_ip
from mentora.customers.http import ActorRequest

from .access import (
    access_application_for_completion,
    access_instance_for_completion,
    participation_list_for_application,
    participation_list_for_instance,
)
from .forms import CompletionSetForm
from .selectors import completion_rows
from .services import completion_set


def _sheet(
    request: ActorRequest, participations: QuerySet[ApplicationAttendee], context: dict[str, Any]
) -> HttpResponse:
    rows = completion_rows(
        participations.select_related("attendee", "application__customer").order_by(
            "application__customer__name", "attendee__last_name", "attendee__first_name", "pk"
        ),
        with_history=True,
    )
    form = CompletionSetForm(request.POST or None, participations=[row.participation for row in rows])
    if request.method == "POST" and form.is_valid():
        attempt = form_attempt(
            form,
            lambda: completion_set(
                actor=request.actor,
                participations=form.selected(),
                status=form.cleaned_data["status"],
                on=form.cleaned_data["on"],
                comment=form.cleaned_data["comment"],
                ip=client_ip(request),
            ),
        )
        if attempt.ok:
            changed = attempt.value
            if changed:
                messages.success(
                    request,
                    ngettext(
                        "The completion status of %(count)d learner was saved.",
                        "The completion status of %(count)d learners was saved.",
                        changed,
                    )
                    % {"count": changed},
                )
            else:
                messages.info(request, _("Nothing changed."))
            return redirect(request.path)
    ticked = {str(v) for v in form["learners"].value() or []} if form.is_bound else set()
    return render(request, "completion/sheet.html", {**context, "rows": rows, "form": form, "ticked": ticked})


@login_required
@require_http_methods(["GET", "POST"])
def completion_instance(request: ActorRequest, instance_id: int) -> HttpResponse:
    """The completion sheet of a course instance: its professional and system administrators
    (403 for anyone else who is no provider staff, 404 for another professional's instance)."""
    instance = access_instance_for_completion(actor=request.actor, instance_id=instance_id)
    return _sheet(
        request,
        participation_list_for_instance(instance=instance),
        {
            "heading": _("Completion: %(name)s") % {"name": f"{instance.code} {instance.course.title}"},
            "instance": instance,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def completion_application(request: ActorRequest, application_id: int) -> HttpResponse:
    """The completion sheet of an on-request application that tracks completion: its
    professional and system administrators (403 for others who see the application)."""
    application = access_application_for_completion(actor=request.actor, application_id=application_id)
    return _sheet(
        request,
        participation_list_for_application(application=application),
        {
            "heading": _("Completion: %(name)s")
            % {"name": f"{application.number} {application.display_title}"},
            "application": application,
        },
    )
