import pytest

from mentora.core.exceptions import NotFound, PermissionDenied
from mentora.customers.access import (
    access_customer,
    access_customer_as_admin,
    actor_for,
    customer_list_visible,
)
from mentora.customers.models import Role, Status
from mentora.customers.permissions import can_manage_mentors

pytestmark = pytest.mark.django_db


def test_memberships_are_active_memberships_of_active_customers(cast):
    actor = actor_for(cast.both_mentor)
    assert {m.customer for m in actor.memberships} == {cast.north, cast.south}

    cast.south.status = Status.INACTIVE
    cast.south.save()
    assert [m.customer for m in actor_for(cast.both_mentor).memberships] == [cast.north]


def test_inactive_membership_grants_nothing(cast):
    actor = actor_for(cast.north_mentor_inactive)
    assert actor.memberships == []
    assert not actor.is_mentor_of(cast.north.pk)
    with pytest.raises(NotFound):
        access_customer(actor=actor, customer_id=cast.north.pk)


def test_mentor_sees_own_customer_only(cast):
    actor = actor_for(cast.north_mentor)
    assert actor.is_mentor_of(cast.north.pk)
    assert not actor.is_customer_admin_of(cast.north.pk)
    assert access_customer(actor=actor, customer_id=cast.north.pk) == cast.north
    with pytest.raises(NotFound):
        access_customer(actor=actor, customer_id=cast.south.pk)


def test_missing_and_foreign_customer_are_the_same_not_found(cast):
    actor = actor_for(cast.north_admin)
    for customer_id in (cast.south.pk, 999_999, "not-a-number"):
        with pytest.raises(NotFound):
            access_customer(actor=actor, customer_id=customer_id)


def test_admin_access_is_403_for_a_mentor_of_the_customer_and_404_for_others(cast):
    assert (
        access_customer_as_admin(actor=actor_for(cast.north_admin), customer_id=cast.north.pk) == cast.north
    )
    with pytest.raises(PermissionDenied):
        access_customer_as_admin(actor=actor_for(cast.north_mentor), customer_id=cast.north.pk)
    with pytest.raises(NotFound):
        access_customer_as_admin(actor=actor_for(cast.south_admin), customer_id=cast.north.pk)
    with pytest.raises(NotFound):
        access_customer_as_admin(actor=actor_for(cast.outsider), customer_id=cast.north.pk)


def test_system_admin_sees_every_customer_even_inactive(cast):
    cast.south.status = Status.INACTIVE
    cast.south.save()
    actor = actor_for(cast.system_admin)
    assert set(customer_list_visible(actor=actor)) == {cast.north, cast.south}
    assert access_customer_as_admin(actor=actor, customer_id=cast.south.pk) == cast.south


def test_outsider_and_professional_see_no_customer(cast):
    for user in (cast.outsider, cast.professional):
        actor = actor_for(user)
        assert list(customer_list_visible(actor=actor)) == []
        assert actor.memberships == []


def test_person_with_several_roles_sees_all(cast):
    from mentora.testing.factories import MembershipFactory

    MembershipFactory(user=cast.north_admin, customer=cast.south, role=Role.MENTOR)
    actor = actor_for(cast.north_admin)
    assert actor.is_customer_admin_of(cast.north.pk)
    assert actor.is_mentor_of(cast.south.pk)
    assert actor.customers == [cast.north, cast.south]


def test_can_manage_mentors(cast):
    assert can_manage_mentors(actor_for(cast.north_admin), cast.north)
    assert can_manage_mentors(actor_for(cast.system_admin), cast.north)
    assert not can_manage_mentors(actor_for(cast.north_admin), cast.south)
    assert not can_manage_mentors(actor_for(cast.north_mentor), cast.north)


def test_memberships_load_in_one_query(cast, django_assert_num_queries):
    actor = actor_for(cast.both_mentor)
    with django_assert_num_queries(1):
        assert [m.customer.name for m in actor.memberships] == ["North Org", "South Org"]
        assert actor.is_mentor_of(cast.south.pk)
