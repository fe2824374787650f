from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from .services import DEVICE_COOKIE_AGE, DEVICE_COOKIE_NAME, DEVICE_TOKEN_ATTRIBUTE


class DeviceCookieMiddleware:
    """Sets the device cookie of a browser that a sign-in has just recorded as a new device
    (mentora.privacy.services.device_sign_in): the sign-in signal has no response to set it on.
    Secure like the session cookie: always in production, not on the plain-HTTP development server
    (a browser reached as http://<host>:<port> from another machine would drop a Secure cookie
    and report every sign-in as a new browser)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        token = getattr(request, DEVICE_TOKEN_ATTRIBUTE, None)
        if token:
            response.set_cookie(
                DEVICE_COOKIE_NAME,
                token,
                max_age=DEVICE_COOKIE_AGE,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
