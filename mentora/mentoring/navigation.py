"""The mentor's workspace in the navigation: their applications and their mentees' attendance
(the calendar is the schedule's entry, between the two)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from mentora.core.navigation import NavItem
from mentora.customers.http import ActorRequest


def nav_items(request: ActorRequest) -> list[NavItem]:
    if not request.actor.is_mentor:
        return []
    return [
        NavItem(_("My applications"), reverse("mentor_applications"), 400),
        NavItem(_("Attendance"), reverse("mentor_attendance_sessions"), 420),
    ]
