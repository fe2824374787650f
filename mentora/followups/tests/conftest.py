from dataclasses import dataclass

import pytest

from mentora.applications.models import Application, Attendee
from mentora.customers.models import Membership
from mentora.followups.models import FollowUp
from mentora.testing.cast import Cast
from mentora.testing.factories_activities import (
    ApplicationAttendeeFactory,
    ApplicationFactory,
    MentorAssignmentFactory,
)
from mentora.testing.factories_followups import FollowUpFactory


@dataclass
class World:
    cast: Cast
    north_app: Application
    north_other_app: Application  # north_mentor does not mentor this one
    south_app: Application
    north_attendee: Attendee
    north_mentor_membership: Membership
    both_north_membership: Membership
    inactive_membership: Membership
    selected: FollowUp  # on north_app, north_mentor selected, admins included
    not_selected: FollowUp  # on north_app, only both_mentor selected, admins excluded
    other_app_thread: FollowUp  # on north_other_app, north_mentor selected but not its mentor
    south_thread: FollowUp  # on south_app, both_mentor selected


@pytest.fixture
def world(cast: Cast) -> World:
    north_app = ApplicationFactory(
        customer=cast.north, title="Welding basics", professional=cast.professional
    )
    north_other_app = ApplicationFactory(customer=cast.north, title="Forklift licence")
    south_app = ApplicationFactory(customer=cast.south, title="Swedish for beginners")
    north_mentor = cast.membership(cast.north_mentor, cast.north)
    both_north = cast.membership(cast.both_mentor, cast.north)
    both_south = cast.membership(cast.both_mentor, cast.south)
    inactive = cast.membership(cast.north_mentor_inactive, cast.north)
    MentorAssignmentFactory(application=north_app, membership=north_mentor)
    MentorAssignmentFactory(application=north_app, membership=both_north)
    MentorAssignmentFactory(application=north_app, membership=inactive)
    MentorAssignmentFactory(application=south_app, membership=both_south)
    participation = ApplicationAttendeeFactory(
        application=north_app, attendee__first_name="Alva", attendee__last_name="Learner"
    )
    staff = cast.professional
    return World(
        cast=cast,
        north_app=north_app,
        north_other_app=north_other_app,
        south_app=south_app,
        north_attendee=participation.attendee,
        north_mentor_membership=north_mentor,
        both_north_membership=both_north,
        inactive_membership=inactive,
        selected=FollowUpFactory(
            application=north_app,
            topic="Attendance in week 3",
            created_by=staff,
            mentors=[north_mentor, inactive],
            attendees=[participation.attendee],
        ),
        not_selected=FollowUpFactory(
            application=north_app,
            topic="Budget question",
            created_by=staff,
            mentors=[both_north],
            include_customer_admins=False,
        ),
        other_app_thread=FollowUpFactory(
            application=north_other_app, topic="Other application", created_by=staff, mentors=[north_mentor]
        ),
        south_thread=FollowUpFactory(
            application=south_app, topic="South planning", created_by=staff, mentors=[both_south]
        ),
    )
