import pytest

from mentora.core.exceptions import NotFound, PermissionDenied
from mentora.customers.access import actor_for
from mentora.customers.models import Role
from mentora.customers.selectors import (
    MENTOR_DEFAULT_SORT,
    MENTOR_SORTS,
    customer_list,
    customer_summary,
    mentor_assignment_count,
    mentor_membership_for_management,
    mentor_membership_list,
    parse_sort,
    user_list,
)

pytestmark = pytest.mark.django_db


def test_parse_sort_falls_back_to_the_default():
    assert parse_sort("last_name", allowed=MENTOR_SORTS, default=MENTOR_DEFAULT_SORT).param == "last_name"
    assert parse_sort("-email", allowed=MENTOR_SORTS, default=MENTOR_DEFAULT_SORT).descending
    for value in (None, "", "user__password", "-pk"):
        assert parse_sort(value, allowed=MENTOR_SORTS, default=MENTOR_DEFAULT_SORT).param == "last_name"


def test_mentor_list_is_the_customers_mentor_memberships(cast):
    memberships = mentor_membership_list(actor=actor_for(cast.north_admin), customer=cast.north)
    assert {m.user for m in memberships} == {
        cast.north_mentor,
        cast.north_mentor_unassigned,
        cast.north_mentor_inactive,
        cast.both_mentor,
    }
    assert all(m.role == Role.MENTOR and m.customer == cast.north for m in memberships)


@pytest.mark.parametrize("who", ["north_mentor", "south_admin", "professional"])
def test_mentor_list_refuses_those_who_do_not_manage_the_customer(cast, who):
    with pytest.raises(PermissionDenied):
        mentor_membership_list(actor=actor_for(getattr(cast, who)), customer=cast.north)


def test_every_customers_mentors_only_for_system_admins(cast):
    everyone = mentor_membership_list(actor=actor_for(cast.system_admin), customer=None)
    assert everyone.count() == 6
    south = mentor_membership_list(
        actor=actor_for(cast.system_admin), customer=None, customer_filter=cast.south
    )
    assert {m.user for m in south} == {cast.south_mentor, cast.both_mentor}
    with pytest.raises(PermissionDenied):
        mentor_membership_list(actor=actor_for(cast.north_admin), customer=None)


def test_membership_for_management_403_404(cast):
    membership = cast.membership(cast.north_mentor, cast.north)
    found = mentor_membership_for_management(
        actor=actor_for(cast.north_admin), customer_id=cast.north.pk, membership_id=membership.pk
    )
    assert found == membership
    with pytest.raises(PermissionDenied):
        mentor_membership_for_management(
            actor=actor_for(cast.north_mentor), customer_id=cast.north.pk, membership_id=membership.pk
        )
    with pytest.raises(NotFound):
        mentor_membership_for_management(
            actor=actor_for(cast.south_admin), customer_id=cast.north.pk, membership_id=membership.pk
        )
    with pytest.raises(NotFound):
        mentor_membership_for_management(
            actor=actor_for(cast.south_admin), customer_id=cast.south.pk, membership_id=membership.pk
        )


def test_assignment_count(cast):
    from mentora.testing.factories_activities import ApplicationFactory, MentorAssignmentFactory

    membership = cast.membership(cast.north_mentor, cast.north)
    assert mentor_assignment_count(membership=membership) == 0
    MentorAssignmentFactory(application=ApplicationFactory(customer=cast.north), membership=membership)
    assert mentor_assignment_count(membership=membership) == 1


@pytest.mark.parametrize("who", ["north_admin", "professional", "north_mentor"])
def test_system_admin_selectors_refuse_everyone_else(cast, who):
    actor = actor_for(getattr(cast, who))
    with pytest.raises(PermissionDenied):
        customer_list(actor=actor)
    with pytest.raises(PermissionDenied):
        user_list(actor=actor)


def test_customer_summary(cast):
    summary = customer_summary(actor=actor_for(cast.system_admin), customer_id=cast.north.pk)
    assert [m.user for m in summary.admins] == [cast.north_admin]
    assert (summary.mentor_count, summary.active_mentor_count) == (4, 3)
    assert summary.recent_mentors[0].user == cast.both_mentor
    with pytest.raises(PermissionDenied):
        customer_summary(actor=actor_for(cast.north_admin), customer_id=cast.north.pk)
    with pytest.raises(NotFound):
        customer_summary(actor=actor_for(cast.north_admin), customer_id=cast.south.pk)
