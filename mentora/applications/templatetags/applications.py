"""`application_url`: the page of an application suited to whoever is looking."""

from django import template
from django.urls import reverse

from mentora.customers.access import actor_in

from ..models import Application

register = template.Library()


@register.simple_tag(takes_context=True)
def application_url(context: template.Context, application: Application) -> str:
    """The page of `application` suited to the actor, or "" when there is none."""
    actor = actor_in(context)
    if actor is None:
        return ""
    # The read-only mentor page for someone who sees it only as its mentor, the workspace page
    # for everyone else.
    staff_or_admin = actor.is_provider_staff or actor.is_customer_admin_of(application.customer_id)
    name = "application_detail" if staff_or_admin else "mentor_application_detail"
    return reverse(name, args=[application.pk])
