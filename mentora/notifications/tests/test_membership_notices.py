"""MENTOR_ADDED, MENTOR_REMOVED, MEMBERSHIP_ACTIVATED, MEMBERSHIP_DEACTIVATED: the person whose
mentor membership changed is told (customers says so through its signals), in their language,
linked to a page they can open; nobody is told of their own act, nor of a customer that is
INACTIVE."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from mentora.customers.access import actor_for
from mentora.customers.models import Role, Status
from mentora.customers.services import membership_remove, membership_update, mentor_add_direct
from mentora.notifications.kinds import Kind
from mentora.notifications.models import Notification
from mentora.testing.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def notices() -> list[tuple[str, str]]:
    return list(Notification.objects.order_by("pk").values_list("user__email", "kind"))


def test_a_direct_add_tells_the_new_mentor_in_their_language(cast, django_capture_on_commit_callbacks):
    person = UserFactory(email="new.mentor@example.com", first_name="Nils", language="sv")
    with django_capture_on_commit_callbacks(execute=True):
        mentor_add_direct(actor=actor_for(cast.north_admin), customer=cast.north, email=person.email)
    assert notices() == [(person.email, Kind.MENTOR_ADDED)]
    notice = Notification.objects.get()
    assert notice.text == "Nina North lade till dig som mentor för North Org."
    assert notice.url == reverse("mentor_applications")
    [message] = mail.outbox
    assert message.to == [person.email]
    assert message.subject == "Du är nu mentor för North Org"
    assert "Hej Nils!" in message.body
    client = Client()
    client.force_login(person)
    assert client.get(notice.url).status_code == 200


def test_removal_tells_the_removed_mentor_only(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        membership_remove(
            actor=actor_for(cast.north_admin), membership=cast.membership(cast.north_mentor, cast.north)
        )
    assert notices() == [(cast.north_mentor.email, Kind.MENTOR_REMOVED)]
    notice = Notification.objects.get()
    assert (
        notice.text == "Nina North removed you as a mentor of North Org. You no longer see its applications."
    )
    assert notice.url == reverse("home")
    [message] = mail.outbox
    assert message.subject == "You are no longer a mentor of North Org"


def test_deactivation_and_activation_tell_the_mentor(cast):
    membership = cast.membership(cast.north_mentor, cast.north)
    actor = actor_for(cast.north_admin)
    membership_update(
        actor=actor, membership=membership, status=Status.INACTIVE, can_submit_applications=False
    )
    membership_update(actor=actor, membership=membership, status=Status.ACTIVE, can_submit_applications=False)
    assert notices() == [
        (cast.north_mentor.email, Kind.MEMBERSHIP_DEACTIVATED),
        (cast.north_mentor.email, Kind.MEMBERSHIP_ACTIVATED),
    ]
    deactivated, activated = Notification.objects.order_by("pk")
    assert "inactive" in deactivated.text and deactivated.url == reverse("home")
    assert "active" in activated.text and activated.url == reverse("mentor_applications")


def test_only_the_submit_flag_changing_tells_nobody(cast):
    membership = cast.membership(cast.north_mentor, cast.north)
    membership_update(
        actor=actor_for(cast.north_admin),
        membership=membership,
        status=Status.ACTIVE,
        can_submit_applications=True,
    )
    assert notices() == []


def test_nobody_is_told_of_their_own_act(cast):
    own = MembershipFactory(user=cast.north_admin, customer=cast.north, role=Role.MENTOR)
    membership_update(
        actor=actor_for(cast.north_admin),
        membership=own,
        status=Status.INACTIVE,
        can_submit_applications=False,
    )
    membership_remove(actor=actor_for(cast.north_admin), membership=own)
    assert notices() == []


def test_nothing_is_said_about_an_inactive_customer(cast):
    cast.north.status = Status.INACTIVE
    cast.north.save()
    person = UserFactory(email="late@example.com")
    mentor_add_direct(actor=actor_for(cast.system_admin), customer=cast.north, email=person.email)
    membership_remove(
        actor=actor_for(cast.system_admin), membership=cast.membership(cast.north_mentor, cast.north)
    )
    assert notices() == []
    assert mail.outbox == []


def test_the_back_office_tells_like_the_mentors_pages_but_not_of_a_membership_added_inactive(cast):
    from mentora.customers.services import membership_staff_create, membership_staff_remove

    actor = actor_for(cast.system_admin)
    active = UserFactory(email="active@example.com")
    inactive = UserFactory(email="inactive@example.com")
    membership_staff_create(actor=actor, customer=cast.north, user=active, role=Role.MENTOR)
    membership_staff_create(
        actor=actor, customer=cast.north, user=inactive, role=Role.MENTOR, status=Status.INACTIVE
    )
    membership_staff_create(actor=actor, customer=cast.north, user=UserFactory(), role=Role.CUSTOMER_ADMIN)
    membership_staff_remove(actor=actor, membership=cast.membership(cast.north_mentor_inactive, cast.north))
    membership_staff_remove(
        actor=actor, membership=cast.membership(cast.north_admin, cast.north, Role.CUSTOMER_ADMIN)
    )
    assert notices() == [
        (active.email, Kind.MENTOR_ADDED),
        (cast.north_mentor_inactive.email, Kind.MENTOR_REMOVED),
    ]
