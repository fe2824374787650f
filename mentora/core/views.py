from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect, JsonResponse
from django.template import loader
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from .errors import error_response
from .health import readiness
from .redirects import next_url


@require_POST
def language_switch(request: HttpRequest) -> HttpResponse:
    """Switch the interface language: remembered in a cookie, and on the account when signed in."""
    language = request.POST.get("language", "")
    if language not in dict(settings.LANGUAGES):
        return HttpResponseBadRequest()
    back = next_url(request, default=reverse("home"))
    if request.user.is_authenticated and request.user.language != language:
        request.user.language = language
        request.user.save(update_fields=["language"])
    translation.activate(language)
    response = HttpResponseRedirect(back)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,  # type: ignore[arg-type]  # a setting: "Lax" unless changed
        secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
        httponly=True,
    )
    return response


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """200 while the database answers, 503 otherwise: for load balancers and uptime checks."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "up"})


@never_cache
def readyz(request: HttpRequest) -> HttpResponse:
    """Readiness, for the proxy: 200 when this deployment can serve, 503 otherwise (the body says
    which check failed, with numbers and booleans only)."""
    ready, checks = readiness()
    return JsonResponse(
        {"status": "ready" if ready else "not ready", "checks": checks}, status=200 if ready else 503
    )


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Django's 403 handler (a PermissionDenied no view caught, e.g. from the CSRF check)."""
    return error_response(request, status=403, message=getattr(exception, "message", "") or "")


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Django's 404 handler: never says why."""
    return error_response(request, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors: whatever broke may be the database they would query.
    return HttpResponse(loader.get_template("500.html").render({"request": request}), status=500)
