"""The mentor's applications: two lists (on-request, scheduled courses) and a read-only detail
page. Thin: parse, call a selector, render. Mentors change nothing here; a change attempted by
URL answers 403 (for something visible) or 404 (for anything else)."""

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from django_stubs_ext import StrOrPromise

from mentora.applications.models import Kind
from mentora.core.exceptions import PermissionDenied
from mentora.core.links import id_link
from mentora.customers.access import Actor
from mentora.customers.http import ActorRequest
from mentora.customers.permissions import require

from ..forms import ApplicationFilterForm
from ..selectors.applications import (
    APPLICATION_DEFAULT_SORT,
    APPLICATION_SORTS,
    Sort,
    application_filter_options_for_mentor,
    application_list_for_mentor_page,
    application_page_for_mentor,
    parse_sort,
)

PAGE_SIZE = 20
TABS = {"on-request": Kind.ON_REQUEST, "courses": Kind.COURSE}


def require_mentor(actor: Actor) -> None:
    """The mentor pages are for people with an ACTIVE mentor membership of an ACTIVE customer."""
    require(actor.is_mentor, _("This page is for mentors."))


def query_string(params: QueryDict, **overrides: str | None) -> str:
    """The current query string with `overrides` applied (None removes a key), without `page`."""
    data = params.copy()
    data.pop("page", None)
    for key, value in overrides.items():
        data.pop(key, None)
        if value is not None:
            data[key] = value
    return data.urlencode()


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    url: str
    aria_sort: str  # "ascending", "descending" or "" when the list is not sorted by this column


def sort_columns(
    request: ActorRequest, *, columns: list[tuple[str, StrOrPromise]], sort: Sort, path: str | None = None
) -> list[Column]:
    result = []
    for key, label in columns:
        current = sort.key == key
        param = key if (not current or sort.descending) else f"-{key}"
        url = f"{path or request.path}?{query_string(request.GET, sort=param)}"
        aria = ("descending" if sort.descending else "ascending") if current else ""
        result.append(Column(key=key, label=str(label), url=url, aria_sort=aria))
    return result


@login_required
def application_list(request: ActorRequest, tab: str = "on-request") -> HttpResponse:
    actor = request.actor
    require_mentor(actor)
    kind = TABS[tab]
    options = application_filter_options_for_mentor(actor=actor, kind=kind)
    form = ApplicationFilterForm(request.GET or None, kind=kind, options=options)
    filters = form.filters()
    sort = parse_sort(request.GET.get("sort"), allowed=APPLICATION_SORTS, default=APPLICATION_DEFAULT_SORT)
    applications = application_list_for_mentor_page(actor=actor, filters=filters, sort=sort)
    page = Paginator(applications, PAGE_SIZE).get_page(request.GET.get("page"))
    columns: list[tuple[str, StrOrPromise]] = [("number", gettext_lazy("ID"))]
    if options.several_customers:
        columns.append(("customer", gettext_lazy("Customer")))
    columns += [
        ("offering", gettext_lazy("Course and instance") if kind == Kind.COURSE else gettext_lazy("Service")),
        ("title", gettext_lazy("Title")),
        ("language", gettext_lazy("Language")),
        ("status", gettext_lazy("Status")),
        ("created", gettext_lazy("Created")),
    ]
    context = {
        "tab": tab,
        "kind": kind,
        "form": form,
        "filters": filters,
        "options": options,
        "sort": sort,
        "page": page,
        "columns": sort_columns(request, columns=columns, sort=sort),
        "query_string": query_string(request.GET),
        "fragment": bool(request.htmx),
    }
    template = "mentoring/applications/list.html"
    if request.htmx and not request.htmx.boosted:
        template = "mentoring/applications/_results.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@require_http_methods(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"])
def application_detail(request: ActorRequest, application_id: int) -> HttpResponse:
    # Visibility first: an application the actor does not mentor is a 404 whatever the method.
    page = application_page_for_mentor(actor=request.actor, application_id=application_id)
    if request.method not in ("GET", "HEAD"):
        raise PermissionDenied(_("Mentors can read applications but not change them."))
    # Each row's link from one reverse() a page, not a {% url %} a row.
    learner_link, event_link = id_link("learner_detail"), id_link("calendar_event")
    for row in page.participants:
        row.learner_url = learner_link(row.participation.attendee_id)  # type: ignore[attr-defined]  # for the template
    for event in page.events:
        event.calendar_url = event_link(event.pk)  # type: ignore[attr-defined]  # for the template
    return render(
        request,
        "mentoring/applications/detail.html",
        {"page": page, "detail": page.detail, "application": page.application},
    )
