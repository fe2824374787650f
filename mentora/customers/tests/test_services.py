import pytest
from django.core import mail

from mentora.accounts.models import User
from mentora.audit.models import AuditEvent
from mentora.core.exceptions import Conflict, InvalidInput, NotFound, PermissionDenied
from mentora.customers.access import actor_for
from mentora.customers.models import Customer, Membership, Role, Status
from mentora.customers.services import (
    NoAccountForEmail,
    customer_create,
    customer_update,
    membership_remove,
    membership_update,
    mentor_add_direct,
)
from mentora.mail.models import Message
from mentora.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

IP = "203.0.113.7"


def events(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action).order_by("pk"))


# --- mentor_add_direct ------------------------------------------------------------------------


@pytest.mark.parametrize("adder", ["north_admin", "system_admin"])
def test_add_direct_makes_an_active_mentor_audits_and_emails(cast, adder, django_capture_on_commit_callbacks):
    person = UserFactory(email="new.mentor@example.com", first_name="Nils", language="en")
    actor = actor_for(getattr(cast, adder))

    with django_capture_on_commit_callbacks(execute=True):
        membership = mentor_add_direct(
            actor=actor, customer=cast.north, email=" New.Mentor@Example.com ", ip=IP
        )

    assert membership.user == person
    assert (membership.role, membership.status, membership.customer) == (
        Role.MENTOR,
        Status.ACTIVE,
        cast.north,
    )
    assert membership.added_by == getattr(cast, adder)
    [event] = events("membership.add_direct")
    assert event.actor == getattr(cast, adder)
    assert event.customer == cast.north
    assert event.ip == IP
    assert event.after == {
        "user": "new.mentor@example.com",
        "role": "MENTOR",
        "status": "ACTIVE",
        "can_submit_applications": False,
    }
    [message] = mail.outbox
    assert message.to == ["new.mentor@example.com"]
    assert message.subject == "You are now a mentor of North Org"
    assert "Hello Nils," in message.body
    assert getattr(cast, adder).get_full_name() in message.body
    assert message.body.count("http://testserver/mentor/applications/") == 1
    assert "North Org" in message.alternatives[0][0]


def test_add_direct_email_is_in_the_added_persons_language(cast):
    UserFactory(email="svensk@example.com", language="sv")
    mentor_add_direct(actor=actor_for(cast.north_admin), customer=cast.north, email="svensk@example.com")
    message = Message.objects.get(kind="mentor-added")
    assert (message.recipient, message.language) == ("svensk@example.com", "sv")
    assert message.subject == "Du är nu mentor för North Org"


def test_add_direct_email_goes_out_only_after_commit(cast, django_capture_on_commit_callbacks):
    UserFactory(email="later@example.com")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        mentor_add_direct(actor=actor_for(cast.north_admin), customer=cast.north, email="later@example.com")
    assert mail.outbox == []
    for callback in callbacks:
        callback()
    assert [message.to for message in mail.outbox] == [["later@example.com"]]


@pytest.mark.parametrize(
    "who", ["north_mentor", "south_admin", "professional", "outsider", "north_mentor_inactive"]
)
def test_add_direct_refused_for_those_who_do_not_manage_the_customer(cast, who):
    UserFactory(email="candidate@example.com")
    with pytest.raises(PermissionDenied):
        mentor_add_direct(
            actor=actor_for(getattr(cast, who)), customer=cast.north, email="candidate@example.com"
        )
    assert not Membership.objects.filter(user__email="candidate@example.com").exists()
    assert events("membership.add_direct") == []


def test_add_direct_without_account_says_so(cast):
    with pytest.raises(NoAccountForEmail) as raised:
        mentor_add_direct(actor=actor_for(cast.north_admin), customer=cast.north, email="Nobody@Example.com")
    assert raised.value.email == "nobody@example.com"
    assert "nobody@example.com" in raised.value.message
    assert isinstance(raised.value, InvalidInput)


def test_add_direct_of_a_current_mentor_is_a_conflict(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(Conflict):
        mentor_add_direct(
            actor=actor_for(cast.north_admin), customer=cast.north, email=cast.north_mentor.email
        )
    assert Membership.objects.filter(user=cast.north_mentor, customer=cast.north).count() == 1
    assert events("membership.add_direct") == []
    assert mail.outbox == []


def test_add_direct_of_an_inactive_mentor_points_to_edit(cast):
    with pytest.raises(Conflict) as raised:
        mentor_add_direct(
            actor=actor_for(cast.north_admin), customer=cast.north, email=cast.north_mentor_inactive.email
        )
    assert "inactive" in raised.value.message
    assert cast.membership(cast.north_mentor_inactive, cast.north).status == Status.INACTIVE


def test_add_direct_of_a_mentor_of_another_customer_works(cast):
    membership = mentor_add_direct(
        actor=actor_for(cast.north_admin), customer=cast.north, email=cast.south_mentor.email
    )
    assert membership.user == cast.south_mentor
    assert Membership.objects.filter(user=cast.south_mentor, role=Role.MENTOR).count() == 2


def test_add_direct_refuses_a_deactivated_account(cast):
    UserFactory(email="gone@example.com", is_active=False)
    with pytest.raises(InvalidInput):
        mentor_add_direct(actor=actor_for(cast.north_admin), customer=cast.north, email="gone@example.com")
    assert not Membership.objects.filter(user__email="gone@example.com").exists()


# --- membership_update ------------------------------------------------------------------------


def test_update_status_and_flag_write_one_audit_event_each(cast):
    membership = cast.membership(cast.north_mentor, cast.north)
    updated = membership_update(
        actor=actor_for(cast.north_admin),
        membership=membership,
        status=Status.INACTIVE,
        can_submit_applications=True,
        ip=IP,
    )
    membership.refresh_from_db()
    assert (membership.status, membership.can_submit_applications) == (Status.INACTIVE, True)
    assert updated.status == Status.INACTIVE
    [status_event] = events("membership.status_change")
    assert status_event.before == {"user": cast.north_mentor.email, "status": "ACTIVE"}
    assert status_event.after == {"user": cast.north_mentor.email, "status": "INACTIVE"}
    assert (status_event.actor, status_event.customer, status_event.ip) == (cast.north_admin, cast.north, IP)
    [flag_event] = events("membership.submit_flag_change")
    assert flag_event.before == {"user": cast.north_mentor.email, "can_submit_applications": False}
    assert flag_event.after == {"user": cast.north_mentor.email, "can_submit_applications": True}


def test_update_reactivates_an_inactive_mentor(cast):
    membership = cast.membership(cast.north_mentor_inactive, cast.north)
    membership_update(
        actor=actor_for(cast.system_admin),
        membership=membership,
        status=Status.ACTIVE,
        can_submit_applications=False,
    )
    assert actor_for(cast.north_mentor_inactive).is_mentor_of(cast.north.pk)
    assert [e.after["status"] for e in events("membership.status_change")] == ["ACTIVE"]
    assert events("membership.submit_flag_change") == []


def test_deactivating_takes_the_mentors_access_away(cast):
    membership_update(
        actor=actor_for(cast.north_admin),
        membership=cast.membership(cast.north_mentor, cast.north),
        status=Status.INACTIVE,
        can_submit_applications=False,
    )
    assert not actor_for(cast.north_mentor).is_mentor_of(cast.north.pk)


def test_update_without_change_writes_nothing(cast):
    membership = cast.membership(cast.north_mentor, cast.north)
    membership_update(
        actor=actor_for(cast.north_admin),
        membership=membership,
        status=Status.ACTIVE,
        can_submit_applications=False,
    )
    assert AuditEvent.objects.count() == 0


@pytest.mark.parametrize("who", ["north_mentor", "south_admin", "professional", "outsider"])
def test_update_refused_for_those_who_do_not_manage_the_customer(cast, who):
    membership = cast.membership(cast.north_mentor_unassigned, cast.north)
    with pytest.raises(PermissionDenied):
        membership_update(
            actor=actor_for(getattr(cast, who)),
            membership=membership,
            status=Status.INACTIVE,
            can_submit_applications=True,
        )
    membership.refresh_from_db()
    assert (membership.status, membership.can_submit_applications) == (Status.ACTIVE, False)
    assert AuditEvent.objects.count() == 0


def test_update_rejects_an_unknown_status(cast):
    with pytest.raises(InvalidInput):
        membership_update(
            actor=actor_for(cast.north_admin),
            membership=cast.membership(cast.north_mentor, cast.north),
            status="DELETED",
            can_submit_applications=False,
        )


def test_update_of_a_customer_admin_membership_is_refused(cast):
    admin_membership = cast.membership(cast.north_admin, cast.north, Role.CUSTOMER_ADMIN)
    with pytest.raises(InvalidInput):
        membership_update(
            actor=actor_for(cast.system_admin),
            membership=admin_membership,
            status=Status.INACTIVE,
            can_submit_applications=False,
        )
    admin_membership.refresh_from_db()
    assert admin_membership.status == Status.ACTIVE


def test_update_of_a_membership_removed_meanwhile_is_not_found(cast):
    membership = cast.membership(cast.north_mentor, cast.north)
    Membership.objects.filter(pk=membership.pk).delete()
    with pytest.raises(NotFound):
        membership_update(
            actor=actor_for(cast.north_admin),
            membership=membership,
            status=Status.INACTIVE,
            can_submit_applications=False,
        )


# --- membership_remove ------------------------------------------------------------------------


def test_remove_ends_the_membership_keeps_the_account_and_audits(cast):
    membership = cast.membership(cast.north_mentor, cast.north)
    membership.can_submit_applications = True
    membership.save()

    ended = membership_remove(actor=actor_for(cast.north_admin), membership=membership, ip=IP)

    assert ended == 0
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert User.objects.filter(pk=cast.north_mentor.pk, is_active=True).exists()
    [event] = events("membership.remove")
    assert (event.actor, event.customer, event.ip) == (cast.north_admin, cast.north, IP)
    assert event.target_id == str(membership.pk)
    assert event.before == {
        "user": cast.north_mentor.email,
        "role": "MENTOR",
        "status": "ACTIVE",
        "can_submit_applications": True,
        "assignments": 0,
    }
    assert event.after == {"assignments_ended": 0}


def test_remove_leaves_the_persons_other_customers_alone(cast):
    membership_remove(
        actor=actor_for(cast.north_admin), membership=cast.membership(cast.both_mentor, cast.north)
    )
    assert actor_for(cast.both_mentor).is_mentor_of(cast.south.pk)
    assert not actor_for(cast.both_mentor).is_mentor_of(cast.north.pk)


def test_remove_of_an_inactive_mentor_works(cast):
    membership = cast.membership(cast.north_mentor_inactive, cast.north)
    membership_remove(actor=actor_for(cast.system_admin), membership=membership)
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert events("membership.remove")[0].before["status"] == "INACTIVE"


@pytest.mark.parametrize("who", ["north_mentor", "south_admin", "professional", "outsider"])
def test_remove_refused_for_those_who_do_not_manage_the_customer(cast, who):
    membership = cast.membership(cast.north_mentor_unassigned, cast.north)
    with pytest.raises(PermissionDenied):
        membership_remove(actor=actor_for(getattr(cast, who)), membership=membership)
    assert Membership.objects.filter(pk=membership.pk).exists()
    assert AuditEvent.objects.count() == 0


def test_remove_twice_is_not_found_the_second_time(cast):
    membership = cast.membership(cast.north_mentor, cast.north)
    membership_remove(actor=actor_for(cast.north_admin), membership=membership)
    with pytest.raises(NotFound):
        membership_remove(actor=actor_for(cast.north_admin), membership=membership)
    assert len(events("membership.remove")) == 1


def test_remove_of_a_customer_admin_membership_is_refused(cast):
    admin_membership = cast.membership(cast.north_admin, cast.north, Role.CUSTOMER_ADMIN)
    with pytest.raises(InvalidInput):
        membership_remove(actor=actor_for(cast.system_admin), membership=admin_membership)
    assert Membership.objects.filter(pk=admin_membership.pk).exists()


# --- customers --------------------------------------------------------------------------------


def test_customer_create_audits(cast):
    customer = customer_create(
        actor=actor_for(cast.system_admin),
        name=" West Org ",
        customer_number=" W-0001 ",
        organization_number="556677-8899",
        default_language="sv",
        time_zone="Europe/Helsinki",
        ip=IP,
    )
    assert (customer.name, customer.customer_number, customer.status) == ("West Org", "W-0001", Status.ACTIVE)
    assert (customer.default_language, customer.time_zone) == ("sv", "Europe/Helsinki")
    [event] = events("customer.create")
    assert event.after["customer_number"] == "W-0001"
    assert (event.actor, event.customer, event.ip) == (cast.system_admin, customer, IP)


@pytest.mark.parametrize("who", ["north_admin", "professional", "north_mentor", "outsider"])
def test_customer_create_only_for_system_admins(cast, who):
    with pytest.raises(PermissionDenied):
        customer_create(actor=actor_for(getattr(cast, who)), name="West", customer_number="W-1")
    assert not Customer.objects.filter(customer_number="W-1").exists()


def test_customer_create_with_a_taken_number_is_a_conflict(cast):
    with pytest.raises(Conflict):
        customer_create(actor=actor_for(cast.system_admin), name="Copy", customer_number="N-0001")
    assert Customer.objects.filter(customer_number="N-0001").count() == 1
    assert events("customer.create") == []


def test_customer_create_rejects_invalid_values(cast):
    with pytest.raises(InvalidInput):
        customer_create(
            actor=actor_for(cast.system_admin), name="X", customer_number="X-1", time_zone="Mars/Base"
        )
    with pytest.raises(InvalidInput):
        customer_create(actor=actor_for(cast.system_admin), name="", customer_number="X-2")
    with pytest.raises(InvalidInput):
        customer_create(actor=actor_for(cast.system_admin), name="X", customer_number="X-3", status="GONE")


def test_customer_update_audits_changed_fields_and_status(cast):
    customer_update(
        actor=actor_for(cast.system_admin),
        customer=cast.north,
        data={"name": "North Region", "status": Status.INACTIVE, "customer_number": "N-0001"},
        ip=IP,
    )
    cast.north.refresh_from_db()
    assert (cast.north.name, cast.north.status) == ("North Region", Status.INACTIVE)
    [event] = events("customer.update")
    assert event.before == {"name": "North Org", "status": "ACTIVE"}
    assert event.after == {"name": "North Region", "status": "INACTIVE"}
    [status_event] = events("customer.status_change")
    assert (status_event.before, status_event.after) == ({"status": "ACTIVE"}, {"status": "INACTIVE"})
    # An INACTIVE customer's people see nothing of it.
    assert not actor_for(cast.north_admin).is_customer_admin_of(cast.north.pk)


def test_customer_update_without_change_writes_nothing(cast):
    customer_update(actor=actor_for(cast.system_admin), customer=cast.north, data={"name": "North Org"})
    assert AuditEvent.objects.count() == 0


def test_customer_update_to_a_taken_number_is_a_conflict(cast):
    with pytest.raises(Conflict):
        customer_update(
            actor=actor_for(cast.system_admin), customer=cast.north, data={"customer_number": "S-0001"}
        )
    cast.north.refresh_from_db()
    assert cast.north.customer_number == "N-0001"
    assert AuditEvent.objects.count() == 0


@pytest.mark.parametrize("who", ["north_admin", "professional", "north_mentor"])
def test_customer_update_only_for_system_admins(cast, who):
    with pytest.raises(PermissionDenied):
        customer_update(actor=actor_for(getattr(cast, who)), customer=cast.north, data={"name": "Mine"})
    cast.north.refresh_from_db()
    assert cast.north.name == "North Org"


def test_remove_ends_the_memberships_assignments_and_counts_them(cast):
    from mentora.applications.models import Application, MentorAssignment
    from mentora.testing.factories_activities import ApplicationFactory, MentorAssignmentFactory

    membership = cast.membership(cast.north_mentor, cast.north)
    other = cast.membership(cast.north_mentor_unassigned, cast.north)
    applications = [ApplicationFactory(customer=cast.north) for _ in range(3)]
    for application in applications:
        MentorAssignmentFactory(application=application, membership=membership)
    MentorAssignmentFactory(application=applications[0], membership=other)

    ended = membership_remove(actor=actor_for(cast.north_admin), membership=membership, ip=IP)

    assert ended == 3
    assert not MentorAssignment.objects.filter(membership_id=membership.pk).exists()
    assert MentorAssignment.objects.filter(membership=other).count() == 1
    assert Application.objects.filter(pk__in=[a.pk for a in applications]).count() == 3
    [event] = events("membership.remove")
    assert event.before["assignments"] == 3
    assert event.after == {"assignments_ended": 3}
