"""Factories for events, attendance sessions and records.

event = EventFactory(application=app, professional=cast.professional)   # on-request event
event = EventFactory(course_instance=instance)                          # course event
session = SessionFactory(event=event)
AttendanceRecordFactory(session=session, attendee=attendee, status=AttendanceStatus.PRESENT)
"""

import datetime

import factory
from django.utils import timezone

from mentora.attendance.models import AttendanceRecord, Session
from mentora.schedule.models import Event, EventStatus

from .factories_activities import ApplicationFactory, AttendeeFactory


class EventFactory(factory.django.DjangoModelFactory):
    """An on-request event tomorrow, 10:00–11:30 UTC, unless told otherwise."""

    class Meta:
        model = Event

    course_instance = None
    # An on-request application of its own unless the event belongs to a course instance.
    application = factory.Maybe(
        "course_instance", yes_declaration=None, no_declaration=factory.SubFactory(ApplicationFactory)
    )
    title = factory.Sequence(lambda n: f"Event {n}")
    starts_at = factory.LazyFunction(
        lambda: (timezone.now() + datetime.timedelta(days=1)).replace(
            hour=10, minute=0, second=0, microsecond=0
        )
    )
    ends_at = factory.LazyAttribute(lambda event: event.starts_at + datetime.timedelta(minutes=90))
    language = "sv"
    professional = None
    substitute = None
    location = "Room 1"
    online_url = ""
    status = EventStatus.SCHEDULED

    class Params:
        past = factory.Trait(
            starts_at=factory.LazyFunction(
                lambda: (timezone.now() - datetime.timedelta(days=1)).replace(
                    hour=10, minute=0, second=0, microsecond=0
                )
            )
        )


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    event = factory.SubFactory(EventFactory, past=True)


class AttendanceRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AttendanceRecord

    session = factory.SubFactory(SessionFactory)
    attendee = factory.SubFactory(AttendeeFactory)
    status = ""
    minutes = None
    note = ""
