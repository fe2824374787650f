"""The mentor's dashboard on the home page: the context that templates/mentoring/_dashboard.html
shows. The follow-ups and observations panels use the follow-ups feature's own selectors.

Each panel's lines are written here once as text (a link, a name, what it is about), the
markup staying in the template: a few lines per panel, but the template's per-line tags,
filters and translations cost more than reading them."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from mentora.attendance.arithmetic import Attention
from mentora.core.dates import format_date
from mentora.core.links import id_link
from mentora.core.text import excerpt
from mentora.customers.access import Actor
from mentora.customers.models import Role
from mentora.followups.selectors import followups_with_unread_for_user, unread_label
from mentora.observations.selectors import observation_list_recent

from .applications import dashboard_for_mentor
from .completion import completed_this_week

PANEL_LIMIT = 5
OBSERVATION_CHARACTERS = 140


@dataclass(frozen=True)
class AttentionLine:
    url: str
    name: str
    customer: str
    activity: str
    attention: Attention
    last_absence: str


@dataclass(frozen=True)
class FollowUpLine:
    url: str
    topic: str
    unread: str  # "3 unread"
    about: str  # the application's number, and its customer when the mentor has several


@dataclass(frozen=True)
class ObservationLine:
    url: str
    title: str
    about: str  # the application's number and the author
    created_at: str  # ISO 8601, local time
    created: str
    body: str  # its beginning


@dataclass(frozen=True)
class CompletionLine:
    url: str
    name: str
    about: str  # the application, its customer when the mentor has several, the day


def mentor_dashboard_context(*, actor: Actor) -> dict[str, Any]:
    now = timezone.now()
    today_start = datetime.datetime.combine(
        timezone.localdate(now), datetime.time.min, tzinfo=timezone.get_current_timezone()
    )
    several_customers = len(actor.customers_as(Role.MENTOR)) > 1
    learner_path = id_link("learner_detail")
    dashboard = dashboard_for_mentor(actor=actor, now=now, today_start=today_start)
    attention = [
        AttentionLine(
            url=learner_path(row.attendee.pk),
            name=row.attendee.full_name,
            customer=row.attendee.customer.name if several_customers else "",
            activity=row.activity,
            attention=row.attention,
            last_absence=format_date(row.attention.counts.last_absence, "list_date") or "—",
        )
        for row in dashboard.attention
    ]
    followup_path = id_link("followup_detail")
    followups = [
        FollowUpLine(
            url=followup_path(followup.pk),
            topic=followup.topic,
            unread=unread_label(followup.unread_count),  # type: ignore[attr-defined]  # annotated
            about=" · ".join(
                [followup.application.number]
                + ([followup.application.customer.name] if several_customers else [])
            ),
        )
        for followup in followups_with_unread_for_user(actor=actor, limit=PANEL_LIMIT)
    ]
    application_path = id_link("mentor_application_detail")
    observations = [
        ObservationLine(
            url=application_path(observation.application_id),
            title=observation.application.display_title or observation.application.number,
            about=f"{observation.application.number} · {observation.author.get_full_name()}",
            created_at=timezone.localtime(observation.created_at).isoformat(),
            created=format_date(observation.created_at, "list_datetime"),
            body=excerpt(observation.body, OBSERVATION_CHARACTERS),
        )
        for observation in observation_list_recent(actor=actor, limit=PANEL_LIMIT)
    ]
    completed = [
        CompletionLine(
            url=learner_path(participation.attendee_id),
            name=participation.attendee.full_name,
            about=" · ".join(
                [participation.application.display_title]
                + ([participation.application.customer.name] if several_customers else [])
                + [format_date(completion.on, "list_date")]
            ),
        )
        for completion in completed_this_week(actor=actor, now=now)
        for participation in [completion.participation]
    ]
    return {
        "dashboard": dashboard,
        "attention": attention,
        "unread_followups": followups,
        "recent_observations": observations,
        "completed_this_week": completed,
        "several_mentor_customers": several_customers,
    }
