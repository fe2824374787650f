"""The Mentors area: a customer's mentors (customer admins and system administrators), every
customer's mentors (system administrators), direct add, edit and remove. Thin: parse, call a
selector or service, render."""

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods

from mentora.core.forms import form_attempt
from mentora.core.net import client_ip
from mentora.core.redirects import next_url

from . import permissions
from .access import access_customer_as_admin, customer_list_visible
from .forms import MembershipEditForm, MentorAddForm, MentorSearchForm
from .http import ActorRequest
from .models import Customer
from .selectors import (
    MENTOR_DEFAULT_SORT,
    MENTOR_SORTS,
    Sort,
    mentor_assignment_count,
    mentor_membership_for_management,
    mentor_membership_list,
    parse_sort,
)
from .services import NoAccountForEmail, membership_remove, membership_update, mentor_add_direct

PAGE_SIZE = 20
RESULTS_ID = "mentor-results"

COLUMNS = [
    ("customer", gettext_lazy("Customer")),
    ("last_name", gettext_lazy("Last name")),
    ("first_name", gettext_lazy("First name")),
    ("email", gettext_lazy("E-mail")),
    ("status", gettext_lazy("Status")),
    ("can_submit", gettext_lazy("Allowed to submit applications")),
    ("created", gettext_lazy("Date created")),
]


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    url: str
    aria_sort: str  # "ascending", "descending" or "" when the list is not sorted by this column


@login_required
def mentors_list(request: ActorRequest, customer_id: int) -> HttpResponse:
    customer = access_customer_as_admin(actor=request.actor, customer_id=customer_id)
    return _mentor_list_response(request, customer=customer)


@login_required
def mentors_all(request: ActorRequest) -> HttpResponse:
    permissions.require(request.actor.is_system_admin)
    return _mentor_list_response(request, customer=None)


def _mentor_list_response(request: ActorRequest, *, customer: Customer | None) -> HttpResponse:
    actor = request.actor
    customers = customer_list_visible(actor=actor).order_by("name") if customer is None else None
    form = MentorSearchForm(request.GET or None, customers=customers)
    sort = parse_sort(request.GET.get("sort"), allowed=MENTOR_SORTS, default=MENTOR_DEFAULT_SORT)
    search = form.search if form.is_bound else ""
    customer_filter = form.customer_filter if form.is_bound else None
    memberships = mentor_membership_list(
        actor=actor, customer=customer, search=search, sort=sort, customer_filter=customer_filter
    )
    page = Paginator(memberships, PAGE_SIZE).get_page(request.GET.get("page"))
    filters = {"q": search, "customer": customer_filter.pk if customer_filter else ""}
    filters = {name: value for name, value in filters.items() if value}
    context = {
        "customer": customer,
        "active_tab": "list",
        "form": form,
        "page": page,
        "sort": sort,
        "columns": _columns(filters=filters, sort=sort, with_customer=customer is None),
        "query_string": urlencode({**filters, "sort": sort.param}),
        "results_id": RESULTS_ID,
        "search": search,
        "next": request.get_full_path(),
    }
    if request.htmx and not request.htmx.history_restore_request:
        response = render(request, "customers/_partials/mentor_results.html", {**context, "fragment": True})
    else:
        response = render(request, "customers/mentors_list.html", context)
    # The same URL answers with a fragment or a page; caches must keep them apart.
    patch_vary_headers(response, ["HX-Request"])
    return response


def _columns(*, filters: Mapping[str, object], sort: Sort, with_customer: bool) -> list[Column]:
    columns = []
    for key, label in COLUMNS:
        if key == "customer" and not with_customer:
            continue
        is_current = sort.key == key
        # Clicking the sorted column flips it; another column starts ascending (dates newest first).
        if is_current:
            param = key if sort.descending else f"-{key}"
        else:
            param = f"-{key}" if key == "created" else key
        aria_sort = ("descending" if sort.descending else "ascending") if is_current else ""
        columns.append(Column(key, str(label), "?" + urlencode({**filters, "sort": param}), aria_sort))
    return columns


@login_required
@require_http_methods(["GET", "POST"])
def mentor_add(request: ActorRequest, customer_id: int) -> HttpResponse:
    customer = access_customer_as_admin(actor=request.actor, customer_id=customer_id)
    return _mentor_add_response(request, customer=customer)


@login_required
@require_http_methods(["GET", "POST"])
def mentor_add_any(request: ActorRequest) -> HttpResponse:
    permissions.require(request.actor.is_system_admin)
    return _mentor_add_response(request, customer=None)


def _mentor_add_response(request: ActorRequest, *, customer: Customer | None) -> HttpResponse:
    actor = request.actor
    choices = customer_list_visible(actor=actor).order_by("name") if customer is None else None
    initial = {"customer": request.GET.get("customer")} if customer is None else {}
    form = MentorAddForm(request.POST or None, customers=choices, initial=initial)
    no_account_email = ""
    target = customer
    if request.method == "POST" and form.is_valid():
        target = customer or form.cleaned_data["customer"]
        try:
            attempt = form_attempt(
                form,
                lambda: mentor_add_direct(
                    actor=actor, customer=target, email=form.cleaned_data["email"], ip=client_ip(request)
                ),
                field="email",
                let_through=(NoAccountForEmail,),
            )
        except NoAccountForEmail as error:
            # Not an error so much as the next step: the page offers to invite the address.
            no_account_email = error.email
            form.add_error("email", error.message)
        else:
            if attempt.ok:
                membership = attempt.value
                messages.success(
                    request,
                    _("%(name)s is now a mentor of %(customer)s. We have e-mailed them.")
                    % {"name": membership.user.get_full_name(), "customer": target.name},
                )
                return redirect(_mentors_url(customer, target))
    context = {
        "customer": customer,
        "target_customer": target,
        "form": form,
        "no_account_email": no_account_email,
        "back_url": _mentors_url(customer, customer),
    }
    return render(request, "customers/mentor_add.html", context)


def _mentors_url(page_customer: Customer | None, target: Customer | None) -> str:
    """Back to where the person came from: the customer's list, or the all-customers list."""
    if page_customer is None or target is None:
        return reverse("mentors_all")
    return reverse("mentors_list", args=[target.pk])


@login_required
@require_http_methods(["GET", "POST"])
def membership_edit(request: ActorRequest, customer_id: int, membership_id: int) -> HttpResponse:
    membership = mentor_membership_for_management(
        actor=request.actor, customer_id=customer_id, membership_id=membership_id
    )
    initial = {"status": membership.status, "can_submit_applications": membership.can_submit_applications}
    form = MembershipEditForm(request.POST or None, initial=initial)
    back = next_url(request, default=reverse("mentors_list", args=[membership.customer_id]))
    if request.method == "POST" and form.is_valid():
        attempt = form_attempt(
            form,
            lambda: membership_update(
                actor=request.actor,
                membership=membership,
                status=form.cleaned_data["status"],
                can_submit_applications=form.cleaned_data["can_submit_applications"],
                ip=client_ip(request),
            ),
        )
        if attempt.ok:
            messages.success(
                request, _("The changes to %(name)s were saved.") % {"name": membership.user.get_full_name()}
            )
            return HttpResponseRedirect(back)
    context = {"membership": membership, "customer": membership.customer, "form": form, "next_url": back}
    return render(request, "customers/membership_edit.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def membership_remove_confirm(request: ActorRequest, customer_id: int, membership_id: int) -> HttpResponse:
    membership = mentor_membership_for_management(
        actor=request.actor, customer_id=customer_id, membership_id=membership_id
    )
    back = next_url(request, default=reverse("mentors_list", args=[membership.customer_id]))
    if request.method == "POST":
        name = membership.user.get_full_name()
        ended = membership_remove(actor=request.actor, membership=membership, ip=client_ip(request))
        messages.success(
            request,
            ngettext(
                "%(name)s is no longer a mentor of %(customer)s. %(count)d assignment ended.",
                "%(name)s is no longer a mentor of %(customer)s. %(count)d assignments ended.",
                ended,
            )
            % {"name": name, "customer": membership.customer.name, "count": ended},
        )
        return HttpResponseRedirect(back)
    context = {
        "membership": membership,
        "customer": membership.customer,
        "assignment_count": mentor_assignment_count(membership=membership),
        "next_url": back,
    }
    return render(request, "customers/membership_remove.html", context)
