"""System administrators' pages: customers (list, create, edit, detail) and users (list)."""

import copy
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from mentora.core.forms import form_attempt
from mentora.core.net import client_ip

from . import permissions
from .access import access_customer
from .forms import CustomerFilterForm, CustomerForm, UserFilterForm
from .http import ActorRequest
from .models import Customer
from .selectors import customer_list, customer_summary, user_list
from .services import customer_create, customer_update

PAGE_SIZE = 20


@login_required
def customers(request: ActorRequest) -> HttpResponse:
    permissions.require(permissions.can_manage_customers(request.actor))
    form = CustomerFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    search, status = filters.get("q", ""), filters.get("status", "")
    rows = customer_list(actor=request.actor, search=search, status=status)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query_string = urlencode(
        {name: value for name, value in {"q": search, "status": status}.items() if value}
    )
    context = {"form": form, "page": page, "query_string": query_string, "filtered": bool(search or status)}
    return render(request, "customers/customer_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def customer_new(request: ActorRequest) -> HttpResponse:
    permissions.require(permissions.can_manage_customers(request.actor))
    form = CustomerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        attempt = form_attempt(
            form, lambda: customer_create(actor=request.actor, **form.cleaned_data, ip=client_ip(request))
        )
        if attempt.ok:
            customer = attempt.value
            messages.success(request, _("The customer %(name)s was created.") % {"name": customer.name})
            return redirect("customer_detail", customer.pk)
    return render(request, "customers/customer_form.html", {"form": form, "customer": None})


@login_required
@require_http_methods(["GET", "POST"])
def customer_edit(request: ActorRequest, customer_id: int) -> HttpResponse:
    customer = _customer_for_management(request, customer_id)
    # The form validates a copy, so the page heading keeps the saved name while errors show.
    form = CustomerForm(request.POST or None, instance=copy.copy(customer))
    if request.method == "POST" and form.is_valid():
        attempt = form_attempt(
            form,
            lambda: customer_update(
                actor=request.actor, customer=customer, data=form.cleaned_data, ip=client_ip(request)
            ),
        )
        if attempt.ok:
            messages.success(
                request, _("The changes to %(name)s were saved.") % {"name": form.cleaned_data["name"]}
            )
            return redirect("customer_detail", customer.pk)
    return render(request, "customers/customer_form.html", {"form": form, "customer": customer})


@login_required
def customer_detail(request: ActorRequest, customer_id: int) -> HttpResponse:
    summary = customer_summary(actor=request.actor, customer_id=customer_id)
    return render(
        request, "customers/customer_detail.html", {"summary": summary, "customer": summary.customer}
    )


def _customer_for_management(request: ActorRequest, customer_id: int) -> Customer:
    customer = access_customer(actor=request.actor, customer_id=customer_id)
    permissions.require(permissions.can_manage_customers(request.actor))
    return customer


@login_required
def users(request: ActorRequest) -> HttpResponse:
    permissions.require(request.actor.is_system_admin)
    form = UserFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    search, role = filters.get("q", ""), filters.get("role", "")
    rows = user_list(actor=request.actor, search=search, role=role)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query_string = urlencode({name: value for name, value in {"q": search, "role": role}.items() if value})
    context = {"form": form, "page": page, "query_string": query_string, "filtered": bool(search or role)}
    return render(request, "customers/user_list.html", context)
