"""The template tag behind ``schedule/_application_section.html``, the include point of the
application page: the application's events for whoever may see them, and whether they may add
one."""

from typing import Any
from urllib.parse import urlencode

from django import template

from mentora.applications.models import Application
from mentora.core.links import id_link

from ..access import application_schedule_visible, event_list_visible
from ..permissions import can_manage_schedule
from ..selectors import application_events

register = template.Library()


@register.simple_tag(takes_context=True)
def application_schedule(context: template.Context, application: Application) -> dict[str, Any]:
    actor = context["request"].actor
    available = application_schedule_visible(actor=actor, application=application)
    target = application.course_instance if application.course_instance is not None else application
    create_query = (
        urlencode({"course_instance" if application.is_course else "application": target.pk})
        if can_manage_schedule(actor, target)
        else ""
    )
    events = application_events(application=application) if available else []
    # A link only to an event page the person may open (the application's page is seen by more
    # people than each of its events).
    openable = set(
        event_list_visible(actor=actor)
        .filter(pk__in=[event.pk for event in events])
        .values_list("pk", flat=True)
    )
    link = id_link("event_detail")  # one reverse() a page
    for event in events:
        url = link(event.pk) if event.pk in openable else ""
        event.detail_url = url  # type: ignore[attr-defined]  # for the template
    return {"available": available, "events": events, "create_query": create_query}
