import logging
import zoneinfo
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.utils import timezone, translation

from .cache import CACHE_ERRORS

logger = logging.getLogger(__name__)


class CacheOutageMiddleware:
    """A request that needed the cache while it could not be reached answers 503 with
    Retry-After, never 500 (mentora.core.cache says which uses fail open instead)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, CACHE_ERRORS):
            return None
        logger.error("Cache unreachable, answering 503: %s", exception)
        # No context processors: they may need the cache too.
        response = HttpResponse(loader.get_template("503.html").render({"request": request}), status=503)
        response["Retry-After"] = "30"
        return response


class ContentSecurityPolicyMiddleware:
    """Sends CONTENT_SECURITY_POLICY with every response that has not set its own."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response


class UserPreferencesMiddleware:
    """A signed-in user's own language and time zone win over the browser's. Runs after
    LocaleMiddleware (which handles anonymous visitors: cookie, then Accept-Language)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated:
            if user.language:
                translation.activate(user.language)
                request.LANGUAGE_CODE = translation.get_language()
            try:
                timezone.activate(zoneinfo.ZoneInfo(user.time_zone))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.deactivate()
        else:
            timezone.deactivate()
        response = self.get_response(request)
        if user.is_authenticated:
            response.headers["Content-Language"] = request.LANGUAGE_CODE
        return response
