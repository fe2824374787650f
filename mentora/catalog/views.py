"""The catalog pages (system administrators): services, courses and course instances."""

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from mentora.core.forms import form_attempt
from mentora.core.net import client_ip
from mentora.customers.http import ActorRequest
from mentora.customers.permissions import require

from . import access, selectors, services
from .forms import (
    CourseFilterForm,
    CourseForm,
    CourseInstanceFilterForm,
    CourseInstanceForm,
    ServiceFilterForm,
    ServiceForm,
    unsaved_copy,
)
from .permissions import can_manage_catalog

PAGE_SIZE = 20


def _list_page(
    request: ActorRequest, *, filter_form: forms.Form, rows: Callable[..., Any], template: str, tab: str
) -> HttpResponse:
    require(can_manage_catalog(request.actor))
    filters = filter_form.cleaned_data if filter_form.is_bound and filter_form.is_valid() else {}
    filters = {name: value for name, value in filters.items() if value not in ("", None)}
    arguments = {("search" if name == "q" else name): value for name, value in filters.items()}
    page = Paginator(rows(actor=request.actor, **arguments), PAGE_SIZE).get_page(request.GET.get("page"))
    query_string = urlencode(
        {name: getattr(value, "pk", value) for name, value in filters.items() if name != "page"}
    )
    context = {
        "form": filter_form,
        "page": page,
        "query_string": query_string,
        "filtered": bool(filters),
        "tab": tab,
    }
    return render(request, template, context)


def _form_page(
    request: ActorRequest,
    *,
    form: forms.ModelForm,
    save: Callable[[dict[str, Any]], Any],
    success: str,
    back_url: str,
    heading: str,
    tab: str,
) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        attempt = form_attempt(form, lambda: save(form.cleaned_data))
        if attempt.ok:
            saved = attempt.value
            messages.success(request, success % {"name": str(saved)})
            return redirect(back_url)
    context = {"form": form, "heading": heading, "back_url": back_url, "tab": tab}
    return render(request, "catalog/form.html", context)


@login_required
def catalog_home(request: ActorRequest) -> HttpResponse:
    require(can_manage_catalog(request.actor))
    return redirect("catalog_services")


# Services ----------------------------------------------------------------------------------------


@login_required
def service_list(request: ActorRequest) -> HttpResponse:
    return _list_page(
        request,
        filter_form=ServiceFilterForm(request.GET or None),
        rows=selectors.service_list,
        template="catalog/service_list.html",
        tab="services",
    )


@login_required
@require_http_methods(["GET", "POST"])
def service_create(request: ActorRequest) -> HttpResponse:
    require(can_manage_catalog(request.actor))
    return _form_page(
        request,
        form=ServiceForm(request.POST or None),
        save=lambda data: services.service_create(actor=request.actor, data=data, ip=client_ip(request)),
        success=_("The service %(name)s was created."),
        back_url="catalog_services",
        heading=_("New service"),
        tab="services",
    )


@login_required
@require_http_methods(["GET", "POST"])
def service_edit(request: ActorRequest, service_id: int) -> HttpResponse:
    service = access.access_service(actor=request.actor, service_id=service_id)
    return _form_page(
        request,
        form=ServiceForm(request.POST or None, instance=unsaved_copy(service)),
        save=lambda data: services.service_update(
            actor=request.actor, service=service, data=data, ip=client_ip(request)
        ),
        success=_("The changes to %(name)s were saved."),
        back_url="catalog_services",
        heading=_("Edit %(name)s") % {"name": service},
        tab="services",
    )


@login_required
@require_POST
def service_set_active(request: ActorRequest, service_id: int) -> HttpResponse:
    service = access.access_service(actor=request.actor, service_id=service_id)
    active = request.POST.get("active") == "1"
    services.service_set_active(actor=request.actor, service=service, active=active, ip=client_ip(request))
    if active:
        messages.success(request, _("%(name)s is active again.") % {"name": service})
    else:
        messages.success(
            request, _("%(name)s was deactivated: it takes no new applications.") % {"name": service}
        )
    return redirect("catalog_services")


# Courses -----------------------------------------------------------------------------------------


@login_required
def course_list(request: ActorRequest) -> HttpResponse:
    return _list_page(
        request,
        filter_form=CourseFilterForm(request.GET or None),
        rows=selectors.course_list,
        template="catalog/course_list.html",
        tab="courses",
    )


@login_required
@require_http_methods(["GET", "POST"])
def course_create(request: ActorRequest) -> HttpResponse:
    require(can_manage_catalog(request.actor))
    return _form_page(
        request,
        form=CourseForm(request.POST or None),
        save=lambda data: services.course_create(actor=request.actor, data=data, ip=client_ip(request)),
        success=_("The course %(name)s was created."),
        back_url="catalog_courses",
        heading=_("New course"),
        tab="courses",
    )


@login_required
@require_http_methods(["GET", "POST"])
def course_edit(request: ActorRequest, course_id: int) -> HttpResponse:
    course = access.access_course(actor=request.actor, course_id=course_id)
    return _form_page(
        request,
        form=CourseForm(request.POST or None, instance=unsaved_copy(course)),
        save=lambda data: services.course_update(
            actor=request.actor, course=course, data=data, ip=client_ip(request)
        ),
        success=_("The changes to %(name)s were saved."),
        back_url="catalog_courses",
        heading=_("Edit %(name)s") % {"name": course},
        tab="courses",
    )


@login_required
@require_POST
def course_set_active(request: ActorRequest, course_id: int) -> HttpResponse:
    course = access.access_course(actor=request.actor, course_id=course_id)
    active = request.POST.get("active") == "1"
    services.course_set_active(actor=request.actor, course=course, active=active, ip=client_ip(request))
    if active:
        messages.success(request, _("%(name)s is active again.") % {"name": course})
    else:
        messages.success(
            request, _("%(name)s was deactivated: it takes no new applications.") % {"name": course}
        )
    return redirect("catalog_courses")


@login_required
@require_http_methods(["GET", "POST"])
def course_delete(request: ActorRequest, course_id: int) -> HttpResponse:
    course = access.access_course(actor=request.actor, course_id=course_id)
    return _delete_page(
        request,
        obj=course,
        delete=lambda: services.course_delete(actor=request.actor, course=course, ip=client_ip(request)),
        blocked=selectors.course_has_history(course),
        back_url="catalog_courses",
        deactivate_url_name="catalog_course_set_active",
        tab="courses",
    )


# Course instances --------------------------------------------------------------------------------


@login_required
def instance_list(request: ActorRequest) -> HttpResponse:
    return _list_page(
        request,
        filter_form=CourseInstanceFilterForm(request.GET or None),
        rows=selectors.course_instance_list,
        template="catalog/instance_list.html",
        tab="instances",
    )


@login_required
@require_http_methods(["GET", "POST"])
def instance_create(request: ActorRequest) -> HttpResponse:
    require(can_manage_catalog(request.actor))
    return _form_page(
        request,
        form=CourseInstanceForm(request.POST or None),
        save=lambda data: services.course_instance_create(
            actor=request.actor, data=data, ip=client_ip(request)
        ),
        success=_("The course instance %(name)s was created."),
        back_url="catalog_instances",
        heading=_("New course instance"),
        tab="instances",
    )


@login_required
@require_http_methods(["GET", "POST"])
def instance_edit(request: ActorRequest, instance_id: int) -> HttpResponse:
    instance = access.access_course_instance(actor=request.actor, instance_id=instance_id)
    return _form_page(
        request,
        form=CourseInstanceForm(request.POST or None, instance=unsaved_copy(instance)),
        save=lambda data: services.course_instance_update(
            actor=request.actor, instance=instance, data=data, ip=client_ip(request)
        ),
        success=_("The changes to %(name)s were saved."),
        back_url="catalog_instances",
        heading=_("Edit %(name)s") % {"name": instance},
        tab="instances",
    )


@login_required
@require_POST
def instance_set_active(request: ActorRequest, instance_id: int) -> HttpResponse:
    instance = access.access_course_instance(actor=request.actor, instance_id=instance_id)
    active = request.POST.get("active") == "1"
    services.course_instance_set_active(
        actor=request.actor, instance=instance, active=active, ip=client_ip(request)
    )
    if active:
        messages.success(request, _("%(name)s is active again.") % {"name": instance})
    else:
        messages.success(
            request, _("%(name)s was deactivated: it takes no new applications.") % {"name": instance}
        )
    return redirect("catalog_instances")


@login_required
@require_http_methods(["GET", "POST"])
def instance_delete(request: ActorRequest, instance_id: int) -> HttpResponse:
    instance = access.access_course_instance(actor=request.actor, instance_id=instance_id)
    return _delete_page(
        request,
        obj=instance,
        delete=lambda: services.course_instance_delete(
            actor=request.actor, instance=instance, ip=client_ip(request)
        ),
        blocked=selectors.course_instance_has_history(instance),
        back_url="catalog_instances",
        deactivate_url_name="catalog_instance_set_active",
        tab="instances",
    )


def _delete_page(
    request: ActorRequest,
    *,
    obj: Any,
    delete: Callable[[], None],
    blocked: bool,
    back_url: str,
    deactivate_url_name: str,
    tab: str,
) -> HttpResponse:
    if request.method == "POST":
        # Something gained history since the page was shown: the mapper answers 409.
        delete()
        messages.success(request, _("%(name)s was deleted.") % {"name": obj})
        return redirect(back_url)
    context = {
        "obj": obj,
        "blocked": blocked,
        "back_url": back_url,
        "deactivate_url_name": deactivate_url_name,
        "tab": tab,
    }
    return render(request, "catalog/delete.html", context)
