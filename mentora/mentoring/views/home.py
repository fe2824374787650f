"""The home page: a visitor's landing page; for someone signed in, their roles and, for a mentor,
the dashboard."""

from django.http import HttpResponse
from django.shortcuts import render

from mentora.customers.http import ActorRequest
from mentora.customers.models import Role

from ..selectors.dashboard import mentor_dashboard_context


def home(request: ActorRequest) -> HttpResponse:
    actor = request.actor
    if not actor.is_authenticated:
        return render(request, "mentoring/landing.html")
    context = {
        "admin_memberships": actor.memberships_as(Role.CUSTOMER_ADMIN),
        "mentor_memberships": actor.memberships_as(Role.MENTOR),
    }
    if actor.is_mentor:
        context.update(mentor_dashboard_context(actor=actor))
    return render(request, "mentoring/home.html", context)
