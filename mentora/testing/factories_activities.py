"""Factories for the catalog and applications (services, courses, instances, applications,
attendees, participations and mentor assignments).

    app = ApplicationFactory(customer=cast.north)                     # on-request, NEW
    course_app = CourseApplicationFactory(customer=cast.north)        # course, PENDING
    MentorAssignmentFactory(application=app, membership=cast.membership(cast.north_mentor, cast.north))
"""

import datetime

import factory

from mentora.applications.models import (
    Application,
    ApplicationAttendee,
    ApplicationStatus,
    Attendee,
    Kind,
    MentorAssignment,
)
from mentora.catalog.models import Course, CourseInstance, Service, ServiceType

from .factories import CustomerFactory, MembershipFactory


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    name = factory.Sequence(lambda n: f"Service {n}")
    type = ServiceType.ON_REQUEST
    tracks_attendance = True
    is_active = True


class ScheduledServiceFactory(ServiceFactory):
    type = ServiceType.SCHEDULED


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course

    service = factory.SubFactory(ScheduledServiceFactory)
    code = factory.Sequence(lambda n: f"CRS-{n:04d}")
    title = factory.Sequence(lambda n: f"Course {n}")
    tracks_attendance = True
    is_active = True


class CourseInstanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CourseInstance

    course = factory.SubFactory(CourseFactory)
    code = factory.Sequence(lambda n: f"INST-{n:04d}")
    starts_on = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=28))
    ends_on = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=56))
    language = "sv"
    professional = None
    capacity = 20
    is_active = True


class ApplicationFactory(factory.django.DjangoModelFactory):
    """An on-request application, NEW (submitted) by default."""

    class Meta:
        model = Application

    kind = Kind.ON_REQUEST
    number = factory.Sequence(lambda n: f"A-2000-{n:06d}")
    customer = factory.SubFactory(CustomerFactory)
    service = factory.SubFactory(ServiceFactory)
    course_instance = None
    title = factory.Sequence(lambda n: f"Application {n}")
    description = ""
    language = "sv"
    professional = None
    status = ApplicationStatus.NEW


class CourseApplicationFactory(ApplicationFactory):
    """A course application, PENDING by default."""

    kind = Kind.COURSE
    number = factory.Sequence(lambda n: f"C-2000-{n:06d}")
    service = None
    course_instance = factory.SubFactory(CourseInstanceFactory)
    title = ""
    status = ApplicationStatus.PENDING


class AttendeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendee

    customer = factory.SubFactory(CustomerFactory)
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = ""


class ApplicationAttendeeFactory(factory.django.DjangoModelFactory):
    """Adds an attendee (of the application's customer) to an application."""

    class Meta:
        model = ApplicationAttendee

    application = factory.SubFactory(ApplicationFactory)
    attendee = factory.SubFactory(AttendeeFactory, customer=factory.SelfAttribute("..application.customer"))
    participating = True


class MentorAssignmentFactory(factory.django.DjangoModelFactory):
    """Assigns a mentor membership (of the application's customer) to an application."""

    class Meta:
        model = MentorAssignment

    application = factory.SubFactory(ApplicationFactory)
    membership = factory.SubFactory(
        MembershipFactory, customer=factory.SelfAttribute("..application.customer")
    )
    assigned_by = None
