"""Application pages: the customer admin's and the system administrator's workspaces, the
application page (attendees, mentors, schedule, attendance), and the per-mentor assignment page.
Thin: parse, call a selector or service, render. Domain errors the user can fix (Conflict,
InvalidInput) come back as a message; PermissionDenied and NotFound become 403 and 404."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from mentora.core.dates import format_date
from mentora.core.exceptions import NotFound
from mentora.core.forms import form_attempt, parse_id
from mentora.core.links import id_link
from mentora.core.net import client_ip
from mentora.core.redirects import redirect_next
from mentora.customers.access import access_customer
from mentora.customers.http import ActorRequest
from mentora.customers.models import Customer
from mentora.customers.permissions import require

from . import permissions, selectors, services
from .access import access_application
from .forms import (
    AllApplicationsFilterForm,
    ApplicationFilterForm,
    ApplicationForm,
    AttendeeForm,
    CourseApplicationForm,
    MentorAssignForm,
    MentorAssignmentFilterForm,
    ProfessionalForm,
)
from .models import Application, ApplicationStatus

PAGE_SIZE = 20


def _filters(form: Any) -> dict[str, Any]:
    cleaned = form.cleaned_data if form.is_bound and form.is_valid() else {}
    return {name: value for name, value in cleaned.items() if value not in ("", None)}


def _query_string(filters: dict[str, Any]) -> str:
    return urlencode({name: getattr(value, "pk", value) for name, value in filters.items()})


def _attempt(request: ActorRequest, action: Callable[[], Any], success: str) -> None:
    """Run a service and say so. A domain error it raises is answered by the one mapper
    (mentora.core.errors): 409 for a Conflict, 400 for InvalidInput."""
    action()
    messages.success(request, success)


# Workspaces --------------------------------------------------------------------------------------


@login_required
def applications_all(request: ActorRequest) -> HttpResponse:
    require(request.actor.is_system_admin)
    form = AllApplicationsFilterForm(request.GET or None)
    filters = _filters(form)
    rows = selectors.application_list(
        actor=request.actor, search=filters.get("q", ""), **_without(filters, "q")
    )
    return _list(request, form=form, rows=rows, filters=filters, customer=None)


@login_required
def applications_customer(request: ActorRequest, customer_id: int) -> HttpResponse:
    customer = access_customer(actor=request.actor, customer_id=customer_id)
    form = ApplicationFilterForm(request.GET or None)
    filters = _filters(form)
    rows = selectors.application_list(
        actor=request.actor, customer=customer, search=filters.get("q", ""), **_without(filters, "q")
    )
    return _list(request, form=form, rows=rows, filters=filters, customer=customer)


def _without(filters: dict[str, Any], *names: str) -> dict[str, Any]:
    return {name: value for name, value in filters.items() if name not in names}


@dataclass(frozen=True)
class ApplicationRow:
    """One line of an applications list, its text written once here (the template's lookups,
    filters and {% url %} per cell were most of the page's cost); the markup stays in the template."""

    application: Application  # for the status badge
    url: str
    title: str
    course_code: str  # a course application's instance
    kind: str
    customer: str
    mentors: str  # their names, "" for none
    created: str


def _rows(applications: list[Application]) -> list[ApplicationRow]:
    link = id_link("application_detail")
    return [
        ApplicationRow(
            application=application,
            url=link(application.pk),
            title=application.display_title,
            course_code=application.course_instance.code
            if application.is_course and application.course_instance
            else "",
            kind=application.get_kind_display(),
            customer=application.customer.name,
            mentors=", ".join(
                a.membership.user.get_full_name() for a in application.mentor_assignments.all()
            ),
            created=format_date(application.created_at, "list_date"),
        )
        for application in applications
    ]


def _list(
    request: ActorRequest, *, form: Any, rows: Any, filters: dict[str, Any], customer: Customer | None
) -> HttpResponse:
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "rows": _rows(list(page.object_list)),
        "query_string": _query_string(filters),
        "filtered": bool(filters),
        "customer": customer,
        "can_create": customer is not None and permissions.can_create_application(request.actor, customer),
    }
    return render(request, "applications/application_list.html", context)


# Creating and editing ----------------------------------------------------------------------------


def _customer_for_creating(request: ActorRequest, customer_id: int) -> Customer:
    customer = access_customer(actor=request.actor, customer_id=customer_id)
    require(permissions.can_create_application(request.actor, customer))
    return customer


@login_required
@require_http_methods(["GET", "POST"])
def application_create(request: ActorRequest, customer_id: int) -> HttpResponse:
    customer = _customer_for_creating(request, customer_id)
    form = ApplicationForm(request.POST or None, initial={"language": customer.default_language})
    if request.method == "POST" and form.is_valid():
        attempt = form_attempt(
            form,
            lambda: services.application_create(
                actor=request.actor, customer=customer, **form.cleaned_data, ip=client_ip(request)
            ),
        )
        if attempt.ok:
            application = attempt.value
            messages.success(
                request,
                _("The draft %(number)s was saved. Add its attendees, then submit it.")
                % {"number": application.number},
            )
            return redirect("application_detail", application.pk)
    return render(
        request,
        "applications/application_form.html",
        {"form": form, "customer": customer, "application": None},
    )


@login_required
@require_http_methods(["GET", "POST"])
def course_application_create(request: ActorRequest, customer_id: int) -> HttpResponse:
    customer = _customer_for_creating(request, customer_id)
    form = CourseApplicationForm(request.POST or None, initial=_initial_instance(request))
    if request.method == "POST" and form.is_valid():
        attempt = form_attempt(
            form,
            lambda: services.course_application_create(
                actor=request.actor, customer=customer, **form.cleaned_data, ip=client_ip(request)
            ),
        )
        if attempt.ok:
            application = attempt.value
            messages.success(
                request,
                _("The course application %(number)s was sent and is pending. Add its attendees.")
                % {"number": application.number},
            )
            instance = application.course_instance
            assert instance is not None  # a course application always has one (a constraint)
            if selectors.course_instance_seats_taken(instance) >= instance.capacity:
                messages.warning(
                    request,
                    _(
                        "%(instance)s is fully booked: the provider can approve the application only if "
                        "seats become free."
                    )
                    % {"instance": instance.code},
                )
            return redirect("application_detail", application.pk)
    return render(request, "applications/course_application_form.html", {"form": form, "customer": customer})


def _initial_instance(request: ActorRequest) -> dict[str, str]:
    instance = request.GET.get("instance", "")
    return {"course_instance": instance} if parse_id(instance) is not None else {}


@login_required
@require_http_methods(["GET", "POST"])
def application_edit(request: ActorRequest, application_id: int) -> HttpResponse:
    application = access_application(actor=request.actor, application_id=application_id)
    require(permissions.can_act_for_customer(request.actor, application))
    if not permissions.can_edit_application(request.actor, application):
        messages.error(request, _("Only a draft can be changed; this application has been submitted."))
        return redirect("application_detail", application.pk)
    initial = {
        "service": application.service_id,
        "title": application.title,
        "description": application.description,
        "language": application.language,
    }
    form = ApplicationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        attempt = form_attempt(
            form,
            lambda: services.application_update(
                actor=request.actor, application=application, data=form.cleaned_data, ip=client_ip(request)
            ),
        )
        if attempt.ok:
            messages.success(
                request, _("The changes to %(number)s were saved.") % {"number": application.number}
            )
            return redirect("application_detail", application.pk)
    context = {"form": form, "customer": application.customer, "application": application}
    return render(request, "applications/application_form.html", context)


# The application page ----------------------------------------------------------------------------


@login_required
def application_detail(request: ActorRequest, application_id: int) -> HttpResponse:
    application = access_application(actor=request.actor, application_id=application_id)
    detail = selectors.application_detail(actor=request.actor, application=application)
    actor = request.actor
    transitions = [
        (status, ApplicationStatus(status).label)
        for status in application.allowed_transitions()
        if permissions.can_change_status(actor, application, status) and status != ApplicationStatus.NEW
    ]
    context = {
        "application": application,
        "detail": detail,
        "actor": actor,
        "transitions": transitions,
        "can_edit": permissions.can_edit_application(actor, application),
        "can_submit": permissions.can_submit_application(actor, application),
        "can_manage_attendees": permissions.can_manage_attendees(actor, application),
        "can_set_participation": permissions.can_set_participation(actor, application),
        "can_assign_mentors": permissions.can_assign_mentors(actor, application.customer),
        "can_view_workspace": permissions.can_view_customer_applications(actor, application.customer),
        "assign_form": MentorAssignForm(memberships=detail.assignable),
        "professional_form": (
            ProfessionalForm(initial={"professional": application.professional_id})
            if permissions.can_process_application(actor, application) and not application.is_course
            else None
        ),
    }
    return render(request, "applications/application_detail.html", context)


@login_required
@require_POST
def application_status(request: ActorRequest, application_id: int) -> HttpResponse:
    application = access_application(actor=request.actor, application_id=application_id)
    # Visible but not theirs to move (a mentor, a professional): 403 before the input is read.
    require(permissions.can_change_any_status(request.actor, application))
    to_status = request.POST.get("to", "")
    if to_status not in ApplicationStatus.values:
        messages.error(request, _("Choose a status."))
        return redirect("application_detail", application.pk)
    label = ApplicationStatus(to_status).label
    _attempt(
        request,
        lambda: services.application_status_change(
            actor=request.actor, application=application, to_status=to_status, ip=client_ip(request)
        ),
        _("%(number)s is now %(status)s.") % {"number": application.number, "status": str(label).lower()},
    )
    return redirect("application_detail", application.pk)


@login_required
@require_POST
def application_professional(request: ActorRequest, application_id: int) -> HttpResponse:
    application = access_application(actor=request.actor, application_id=application_id)
    require(permissions.can_process_application(request.actor, application))
    form = ProfessionalForm(request.POST)
    if form.is_valid():
        _attempt(
            request,
            lambda: services.application_professional_set(
                actor=request.actor,
                application=application,
                professional=form.cleaned_data["professional"],
                ip=client_ip(request),
            ),
            _("The professional was saved."),
        )
    else:
        messages.error(request, _("Choose a professional from the list."))
    return redirect("application_detail", application.pk)


# Attendees ---------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def application_attendee_add(request: ActorRequest, application_id: int) -> HttpResponse:
    application = access_application(actor=request.actor, application_id=application_id)
    require(permissions.can_act_for_customer(request.actor, application))
    form = AttendeeForm(
        request.POST or None, reusable=selectors.attendee_list_reusable(application=application)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        attempt = form_attempt(
            form,
            lambda: services.application_attendee_add(
                actor=request.actor,
                application=application,
                attendee=data.get("existing"),
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                participating=data["participating"],
                ip=client_ip(request),
            ),
        )
        if attempt.ok:
            participation = attempt.value
            messages.success(request, _("%(name)s was added.") % {"name": participation.attendee.full_name})
            if "add_another" in request.POST:
                return redirect("application_attendee_add", application.pk)
            return redirect("application_detail", application.pk)
    return render(request, "applications/attendee_form.html", {"form": form, "application": application})


@login_required
@require_POST
def application_attendee_remove(
    request: ActorRequest, application_id: int, participation_id: int
) -> HttpResponse:
    application = access_application(actor=request.actor, application_id=application_id)
    _attempt(
        request,
        lambda: services.application_attendee_remove(
            actor=request.actor,
            application=application,
            participation_id=participation_id,
            ip=client_ip(request),
        ),
        _("The attendee was removed from the application."),
    )
    return redirect("application_detail", application.pk)


@login_required
@require_POST
def application_attendee_participation(
    request: ActorRequest, application_id: int, participation_id: int
) -> HttpResponse:
    application = access_application(actor=request.actor, application_id=application_id)
    participating = request.POST.get("participating") == "1"
    _attempt(
        request,
        lambda: services.application_attendee_set_participating(
            actor=request.actor,
            application=application,
            participation_id=participation_id,
            participating=participating,
            ip=client_ip(request),
        ),
        _("Marked as taking part.") if participating else _("Marked as not taking part."),
    )
    return redirect("application_detail", application.pk)


# Mentors -----------------------------------------------------------------------------------------


@login_required
@require_POST
def application_mentor_assign(request: ActorRequest, application_id: int) -> HttpResponse:
    application = access_application(actor=request.actor, application_id=application_id)
    require(permissions.can_assign_mentors(request.actor, application.customer))
    membership = selectors.access_customer_mentor(
        actor=request.actor, customer=application.customer, membership_id=request.POST.get("membership", "")
    )
    _attempt(
        request,
        lambda: services.application_mentor_assign(
            actor=request.actor, application=application, membership=membership, ip=client_ip(request)
        ),
        _("%(name)s now mentors %(number)s.")
        % {"name": membership.user.get_full_name(), "number": application.number},
    )
    return redirect("application_detail", application.pk)


@login_required
@require_POST
def application_mentor_unassign(
    request: ActorRequest, application_id: int, membership_id: int
) -> HttpResponse:
    application = access_application(actor=request.actor, application_id=application_id)
    membership = selectors.access_customer_mentor(
        actor=request.actor, customer=application.customer, membership_id=membership_id
    )
    _attempt(
        request,
        lambda: services.application_mentor_unassign(
            actor=request.actor, application=application, membership=membership, ip=client_ip(request)
        ),
        _("%(name)s no longer mentors %(number)s.")
        % {"name": membership.user.get_full_name(), "number": application.number},
    )
    return redirect("application_detail", application.pk)


@login_required
@require_http_methods(["GET", "POST"])
def mentor_assignments(request: ActorRequest, customer_id: int, membership_id: int) -> HttpResponse:
    """One mentor of a customer: the customer's applications, each with assign or unassign."""
    customer = access_customer(actor=request.actor, customer_id=customer_id)
    membership = selectors.access_customer_mentor(
        actor=request.actor, customer=customer, membership_id=membership_id
    )
    if request.method == "POST":
        application = access_application(
            actor=request.actor, application_id=request.POST.get("application", "")
        )
        if application.customer_id != customer.pk:
            # Another customer's application (a system administrator can see it): not this page's.
            raise NotFound()
        name, number = membership.user.get_full_name(), application.number
        if request.POST.get("action") == "unassign":
            action: Callable[[], Any] = lambda: services.application_mentor_unassign(  # noqa: E731
                actor=request.actor, application=application, membership=membership, ip=client_ip(request)
            )
            success = _("%(name)s no longer mentors %(number)s.") % {"name": name, "number": number}
        else:
            action = lambda: services.application_mentor_assign(  # noqa: E731
                actor=request.actor, application=application, membership=membership, ip=client_ip(request)
            )
            success = _("%(name)s now mentors %(number)s.") % {"name": name, "number": number}
        _attempt(request, action, success)
        return redirect_next(
            request, default=reverse("mentor_assignments", args=[customer.pk, membership.pk])
        )
    form = MentorAssignmentFilterForm(request.GET or None)
    filters = _filters(form)
    rows = selectors.application_list_for_mentor_assignment(
        actor=request.actor,
        customer=customer,
        membership=membership,
        assigned=filters.get("assigned", ""),
        search=filters.get("q", ""),
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "customer": customer,
        "membership": membership,
        "form": form,
        "page": page,
        "query_string": _query_string(filters),
        "filtered": bool(filters),
        "assignable": membership.is_active and membership.user.is_active,
    }
    return render(request, "applications/mentor_assignments.html", context)
