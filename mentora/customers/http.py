"""The request our views get, as the type checker sees it: Django's HttpRequest with what the
middlewares add — `actor` (mentora.customers.middleware) and `htmx` (django-htmx)."""

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from mentora.accounts.models import User

from .access import Actor


class ActorRequest(HttpRequest):
    actor: Actor
    htmx: HtmxDetails
    # A view that anyone may open checks `user.is_authenticated` before it uses the account.
    user: User
