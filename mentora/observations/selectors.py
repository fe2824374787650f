"""Reads of observations for pages, scoped through `access`."""

from django.db.models import QuerySet

from mentora.applications.models import Application, Attendee
from mentora.customers.access import Actor
from mentora.schedule.models import Event

from .access import application_mentor_exists, observation_list_on, observation_list_visible
from .models import Observation


def observation_attendee_choices(*, application: Application) -> QuerySet[Attendee]:
    """The mentees an observation on `application` can be about: its attendees."""
    # A choice shows the mentee's name only.
    return (
        Attendee.objects.filter(participations__application=application)
        .only("first_name", "last_name")
        .order_by("last_name", "first_name", "pk")
    )


def observation_event_choices(*, application: Application) -> QuerySet[Event]:
    """The events an observation on `application` can be about: the application's own events
    (on-request), or its course instance's events once the course application is APPROVED
    (before that its mentors do not see the schedule)."""
    if not application.schedule_visible_to_mentors:
        return Event.objects.none()
    if application.is_course:
        events = Event.objects.filter(course_instance_id=application.course_instance_id)
    else:
        events = Event.objects.filter(application=application)
    # A choice shows the event's time, title and whether it is canceled.
    return events.only("starts_at", "title", "status").order_by("starts_at", "pk")


def observation_list_for_application(*, application: Application) -> QuerySet[Observation]:
    """The observations on `application` (loaded by the caller through an access function for
    the actor, see `observation_list_on`), newest first, with author, mentee and event: one
    query per page, whatever its length. The application is the caller's: its rows are not read
    again with each observation."""
    return (
        observation_list_on(application=application)
        .select_related("author", "attendee", "event")
        .only(*_SHOWN)
        .annotate(author_still_mentor=application_mentor_exists())
    )


# What an observation on its application's pages shows: its text and time, its author's name,
# the mentee's name and the event's title, time and status (not every column of the three).
_SHOWN = (
    "application_id",
    "body",
    "created_at",
    "author__first_name",
    "author__last_name",
    "author__email",
    "author__erased_at",
    "attendee__first_name",
    "attendee__last_name",
    "event__title",
    "event__starts_at",
    "event__status",
)


def observation_list_recent(*, actor: Actor, limit: int = 5) -> list[Observation]:
    """The newest observations the actor may read, across their applications: what a dashboard
    line shows (the application's title and number, the author, the time and the text), not a
    page's mentee, event and "still a mentor"."""
    observations = observation_list_visible(actor=actor).select_related(
        "author", "application__service", "application__course_instance__course"
    )
    return list(
        observations.only(
            "application_id",
            "created_at",
            "body",
            "author__first_name",
            "author__last_name",
            "author__email",
            "author__erased_at",
            "application__title",
            "application__kind",
            "application__number",
            "application__service__name",
            "application__course_instance__course__code",
            "application__course_instance__course__title",
        ).order_by("-created_at", "-pk")[:limit]
    )
