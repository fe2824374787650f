"""The one mapper from domain exceptions to responses. `DomainErrorMiddleware` answers every
MentoraError a view lets through; Django's own 403 and 404 handlers use the same rendering.

- NotFound 404, PermissionDenied 403, Conflict 409, InvalidInput 400, RateLimited 429 with a
  `Retry-After` header (seconds);
- a page of its own, or for an htmx request the `_partials/error.html` fragment, which carries
  the translated sentence (htmx swaps nothing on an error; the page's script shows the sentence
  next to the form, whose text stays where it is).
"""

from collections.abc import Callable

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

from .exceptions import Conflict, InvalidInput, MentoraError, NotFound, PermissionDenied, RateLimited

STATUS_OF: tuple[tuple[type[MentoraError], int], ...] = (
    (NotFound, 404),
    (PermissionDenied, 403),
    (RateLimited, 429),
    (Conflict, 409),
    (InvalidInput, 400),
)


def status_of(error: MentoraError) -> int:
    """The HTTP status a domain error answers with (400 for an error of no known kind)."""
    return next((status for kind, status in STATUS_OF if isinstance(error, kind)), 400)


def _back_url(request: HttpRequest) -> str:
    """Where the person came from, when that is a page of this site: the error page links back."""
    referer = request.headers.get("referer", "")
    if referer and url_has_allowed_host_and_scheme(referer, {request.get_host()}, request.is_secure()):
        return referer
    return ""


def error_response(request: HttpRequest, *, status: int, message: str = "") -> HttpResponse:
    """The page (or htmx fragment) for `status`, saying `message` when there is one."""
    template = "_partials/error.html" if getattr(request, "htmx", False) else f"{status}.html"
    context = {"message": message, "status": status, "back_url": _back_url(request)}
    response = render(request, template, context, status=status)
    response.mentora_error_page = True  # type: ignore[attr-defined] # the DEBUG 404 check below
    return response


def domain_error_response(request: HttpRequest, error: MentoraError) -> HttpResponse:
    status = status_of(error)
    # A 404 never says why: missing and not yours must read the same.
    response = error_response(request, status=status, message="" if status == 404 else error.message)
    if isinstance(error, RateLimited):
        response["Retry-After"] = str(error.retry_after)
    return response


class DomainErrorMiddleware:
    """Answers the domain errors that views let through (see the module docstring)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if settings.DEBUG and _is_djangos_debug_404(response):
            # In development Django answers a 404 with its debug page, which lists every URL
            # pattern; a dead invitation, reset or feed link shows the product's page there too.
            return error_response(request, status=404)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, MentoraError):
            return domain_error_response(request, exception)
        if isinstance(exception, Http404):
            return error_response(request, status=404)
        return None


def _is_djangos_debug_404(response: HttpResponse) -> bool:
    return (
        response.status_code == 404
        and not getattr(response, "mentora_error_page", False)
        and response.get("Content-Type", "").startswith("text/html")
    )
