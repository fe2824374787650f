"""Activities for the schedule and attendance tests, on top of the named cast:

- north_app: an ACCEPTED on-request application of North; cast.professional is responsible,
  cast.north_mentor is assigned; two participating attendees and one who does not take part;
- course_instance: cast.professional delivers it; North has an APPROVED course application with
  one attendee, South a PENDING one with another.
"""

from dataclasses import dataclass

import pytest

from mentora.applications.models import Application, ApplicationStatus, Attendee
from mentora.catalog.models import CourseInstance
from mentora.testing.cast import Cast
from mentora.testing.factories import UserFactory
from mentora.testing.factories_activities import (
    ApplicationAttendeeFactory,
    ApplicationFactory,
    CourseApplicationFactory,
    CourseInstanceFactory,
    MentorAssignmentFactory,
)


@dataclass
class Activities:
    north_app: Application
    north_attendees: list[Attendee]
    north_bystander: Attendee  # on the application, not taking part
    course_instance: CourseInstance
    north_course_app: Application
    north_course_attendee: Attendee
    south_course_app: Application
    south_course_attendee: Attendee


@pytest.fixture
def activities(cast: Cast) -> Activities:
    north_app = ApplicationFactory(
        customer=cast.north, professional=cast.professional, status=ApplicationStatus.ACCEPTED
    )
    north_attendees = [
        ApplicationAttendeeFactory(
            application=north_app, attendee__first_name=first, attendee__last_name=last
        ).attendee
        for first, last in (("Anna", "Andersson"), ("Bo", "Berg"))
    ]
    bystander = ApplicationAttendeeFactory(application=north_app, participating=False).attendee
    MentorAssignmentFactory(application=north_app, membership=cast.membership(cast.north_mentor, cast.north))
    instance = CourseInstanceFactory(professional=cast.professional)
    north_course_app = CourseApplicationFactory(
        customer=cast.north, course_instance=instance, status=ApplicationStatus.APPROVED
    )
    south_course_app = CourseApplicationFactory(
        customer=cast.south, course_instance=instance, status=ApplicationStatus.PENDING
    )
    return Activities(
        north_app=north_app,
        north_attendees=north_attendees,
        north_bystander=bystander,
        course_instance=instance,
        north_course_app=north_course_app,
        north_course_attendee=ApplicationAttendeeFactory(application=north_course_app).attendee,
        south_course_app=south_course_app,
        south_course_attendee=ApplicationAttendeeFactory(application=south_course_app).attendee,
    )


@pytest.fixture
def other_professional(db):  # type: ignore[no-untyped-def]
    return UserFactory(
        email="other.pro@example.com", first_name="Olle", last_name="Other", is_professional=True
    )
