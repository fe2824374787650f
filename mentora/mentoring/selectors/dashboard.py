"""The mentor's dashboard on the home page: the context that templates/mentoring/_dashboard.html
shows. The follow-ups and observations panels use the follow-ups feature's own selectors."""

import datetime
from typing import Any

from django.utils import timezone

from mentora.customers.access import Actor
from mentora.customers.models import Role
from mentora.followups.selectors import followups_with_unread_for_user
from mentora.observations.selectors import observation_list_recent

from .applications import dashboard_for_mentor
from .completion import completed_this_week

PANEL_LIMIT = 5


def mentor_dashboard_context(*, actor: Actor) -> dict[str, Any]:
    now = timezone.now()
    today_start = datetime.datetime.combine(
        timezone.localdate(now), datetime.time.min, tzinfo=timezone.get_current_timezone()
    )
    return {
        "dashboard": dashboard_for_mentor(actor=actor, now=now, today_start=today_start),
        "unread_followups": followups_with_unread_for_user(actor=actor, limit=PANEL_LIMIT),
        "recent_observations": observation_list_recent(actor=actor, limit=PANEL_LIMIT),
        "completed_this_week": completed_this_week(actor=actor, now=now),
        "several_mentor_customers": len(actor.customers_as(Role.MENTOR)) > 1,
    }
