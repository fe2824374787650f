from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .services import DEVICE_COOKIE_AGE, DEVICE_COOKIE_NAME, DEVICE_TOKEN_ATTRIBUTE


class DeviceCookieMiddleware:
    """Sets the device cookie of a browser that a sign-in has just recorded as a new device
    (mentora.privacy.services.device_sign_in): the sign-in signal has no response to set it on."""

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
                secure=True,
                httponly=True,
                samesite="Lax",
            )
        return response
