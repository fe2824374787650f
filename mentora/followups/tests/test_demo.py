import pytest

from mentora.customers.access import actor_for
from mentora.customers.models import Customer, Membership, Role
from mentora.demo.seed import seed_people
from mentora.followups.demo import seed_followups
from mentora.followups.models import Comment, FollowUp
from mentora.followups.selectors import followup_list
from mentora.observations.demo import seed_observations
from mentora.observations.models import Observation
from mentora.testing.factories_activities import (
    ApplicationAttendeeFactory,
    ApplicationFactory,
    MentorAssignmentFactory,
)
from mentora.testing.factories_schedule import EventFactory

pytestmark = pytest.mark.django_db


def test_seed_followups_and_observations_are_idempotent_and_show_mentors_something():
    seed_people()
    assert seed_followups() is None  # no demo applications yet: nothing to hang threads on
    assert not FollowUp.objects.exists()
    north = Customer.objects.get(customer_number="C-1001")
    mentor = Membership.objects.get(user__email="mentor@example.com", customer=north, role=Role.MENTOR)
    both = Membership.objects.get(user__email="both@example.com", customer=north, role=Role.MENTOR)
    first = ApplicationFactory(customer=north, number="A-2026-000001")
    second = ApplicationFactory(customer=north, number="A-2026-000002")
    for application in (first, second):
        MentorAssignmentFactory(application=application, membership=mentor)
        MentorAssignmentFactory(application=application, membership=both)
        ApplicationAttendeeFactory(application=application)
        EventFactory(application=application)

    seed_followups()
    seed_observations()
    counts = (FollowUp.objects.count(), Comment.objects.count(), Observation.objects.count())
    seed_followups()
    seed_observations()
    assert (FollowUp.objects.count(), Comment.objects.count(), Observation.objects.count()) == counts
    assert counts[0] == 3 and Comment.objects.filter(pinned=True).count() == 1
    assert Observation.objects.filter(author__email="mentor@example.com").count() == 4

    maja = actor_for(mentor.user)
    listed = {f.topic: f.unread_count for f in followup_list(actor=maja)}
    # Selected on one thread, with the newest comment unread; not selected on the others.
    assert listed == {"Attendance in the first weeks": 1}
    bo = {f.topic for f in followup_list(actor=actor_for(both.user))}
    assert bo == {"Attendance in the first weeks", "Certificate requirements"}
