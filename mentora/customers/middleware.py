from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject

from .access import actor_for


class ActorMiddleware:
    """Gives every request `request.actor`: what the signed-in user may see (built lazily, once)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.actor = SimpleLazyObject(lambda: actor_for(request.user))  # type: ignore[attr-defined]  # what this middleware adds (customers.http.ActorRequest)
        return self.get_response(request)
