"""Customers and memberships changed in the back office go through the services: audited like any
other change, checked by the same rules."""

import pytest
from django.core import mail

from mentora.audit.models import AuditEvent
from mentora.core.exceptions import PermissionDenied
from mentora.customers.access import actor_for
from mentora.customers.models import Customer, Membership, Role, Status
from mentora.customers.services import membership_staff_create, membership_staff_update
from mentora.invitations.models import Invitation, InvitationStatus
from mentora.invitations.services import invitation_create
from mentora.testing.backoffice import admin_form_data
from mentora.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

CUSTOMERS = "/admin/customers/customer/"
MEMBERSHIPS = "/admin/customers/membership/"


def actions() -> list[str]:
    return list(AuditEvent.objects.order_by("pk").values_list("action", flat=True))


@pytest.fixture
def staff_client(client, cast):
    client.force_login(cast.system_admin)
    return client


def test_a_membership_changed_in_the_back_office_is_audited(staff_client, cast):
    membership = cast.membership(cast.north_mentor, cast.north)
    url = f"{MEMBERSHIPS}{membership.pk}/change/"
    data = admin_form_data(staff_client, url, status=Status.INACTIVE, can_submit_applications=True)
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    membership.refresh_from_db()
    assert membership.status == Status.INACTIVE and membership.can_submit_applications
    event = AuditEvent.objects.get(action="membership.status_change")
    assert event.actor == cast.system_admin and event.customer == cast.north
    assert event.before == {"user": cast.north_mentor.email, "status": Status.ACTIVE}
    assert event.after == {"user": cast.north_mentor.email, "status": Status.INACTIVE}
    assert AuditEvent.objects.filter(action="membership.submit_flag_change").count() == 1


def test_the_user_customer_and_role_of_a_membership_do_not_change_there(staff_client, cast):
    membership = cast.membership(cast.north_mentor, cast.north)
    url = f"{MEMBERSHIPS}{membership.pk}/change/"
    data = admin_form_data(staff_client, url, customer=cast.south.pk, role=Role.CUSTOMER_ADMIN)
    staff_client.post(url, data)
    membership.refresh_from_db()
    assert (membership.customer, membership.role) == (cast.north, Role.MENTOR)
    assert actions() == []


def test_a_customer_admin_is_made_in_the_back_office_and_audited(staff_client, cast):
    person = UserFactory(email="new.admin@example.com")
    data = admin_form_data(
        staff_client, f"{MEMBERSHIPS}add/", user=person.pk, customer=cast.north.pk, role=Role.CUSTOMER_ADMIN
    )
    response = staff_client.post(f"{MEMBERSHIPS}add/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    membership = Membership.objects.get(user=person)
    assert membership.role == Role.CUSTOMER_ADMIN and membership.added_by == cast.system_admin
    event = AuditEvent.objects.get(action="membership.create")
    assert event.target_id == str(membership.pk) and event.after["role"] == Role.CUSTOMER_ADMIN


def test_a_mentor_made_in_the_back_office_closes_their_pending_invitations(staff_client, cast):
    person = UserFactory(email="invited@example.com")
    invitation_create(actor=actor_for(cast.north_admin), customer=cast.north, email=person.email)
    data = admin_form_data(
        staff_client, f"{MEMBERSHIPS}add/", user=person.pk, customer=cast.north.pk, role=Role.MENTOR
    )
    assert staff_client.post(f"{MEMBERSHIPS}add/", data).status_code == 302
    assert Invitation.objects.get(email=person.email).status == InvitationStatus.ACCEPTED


def test_a_duplicate_membership_is_a_form_error_not_a_500(staff_client, cast):
    data = admin_form_data(
        staff_client,
        f"{MEMBERSHIPS}add/",
        user=cast.north_mentor.pk,
        customer=cast.north.pk,
        role=Role.MENTOR,
    )
    response = staff_client.post(f"{MEMBERSHIPS}add/", data)
    assert response.status_code == 200 and response.context["adminform"].form.errors
    assert actions() == []


def test_a_membership_removed_in_the_back_office_is_audited(staff_client, cast):
    membership = cast.membership(cast.north_admin, cast.north, Role.CUSTOMER_ADMIN)
    response = staff_client.post(f"{MEMBERSHIPS}{membership.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    event = AuditEvent.objects.get(action="membership.remove")
    assert event.before["role"] == Role.CUSTOMER_ADMIN and event.actor == cast.system_admin


def test_memberships_removed_in_bulk_are_audited_one_by_one(staff_client, cast):
    chosen = [cast.membership(cast.north_mentor, cast.north), cast.membership(cast.south_mentor, cast.south)]
    response = staff_client.post(
        MEMBERSHIPS, {"action": "delete_selected", "_selected_action": [m.pk for m in chosen], "post": "yes"}
    )
    assert response.status_code == 302
    assert not Membership.objects.filter(pk__in=[m.pk for m in chosen]).exists()
    assert actions() == ["membership.remove", "membership.remove"]


def test_a_customer_made_and_changed_in_the_back_office_is_audited(staff_client, cast):
    data = admin_form_data(
        staff_client, f"{CUSTOMERS}add/", name="East Org", customer_number="E-0001", status=Status.ACTIVE
    )
    response = staff_client.post(f"{CUSTOMERS}add/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    east = Customer.objects.get(customer_number="E-0001")
    url = f"{CUSTOMERS}{east.pk}/change/"
    response = staff_client.post(url, admin_form_data(staff_client, url, status=Status.INACTIVE))
    assert response.status_code == 302, response.context["adminform"].form.errors
    east.refresh_from_db()
    assert east.status == Status.INACTIVE
    assert actions() == ["customer.create", "customer.update", "customer.status_change"]
    assert AuditEvent.objects.filter(actor=cast.system_admin, customer=east).count() == 3


def test_a_customers_memberships_show_on_its_page_read_only(staff_client, cast):
    url = f"{CUSTOMERS}{cast.north.pk}/change/"
    data = admin_form_data(staff_client, url)
    # A hand-made post cannot change a membership through the customer's page either.
    prefix = next(key for key in data if key.endswith("-TOTAL_FORMS")).removesuffix("-TOTAL_FORMS")
    data[f"{prefix}-0-status"] = Status.INACTIVE
    data[f"{prefix}-0-DELETE"] = "on"
    assert staff_client.post(url, data).status_code == 302
    assert Membership.objects.filter(customer=cast.north, status=Status.ACTIVE).count() == 4
    assert actions() == []


def test_customers_are_not_deleted_in_the_back_office(staff_client, cast):
    assert staff_client.post(f"{CUSTOMERS}{cast.north.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Customer.objects.filter(pk=cast.north.pk).exists()


@pytest.mark.parametrize("who", ["north_admin", "professional"])
def test_the_back_office_services_are_for_system_administrators(cast, who):
    actor = actor_for(getattr(cast, who))
    membership = cast.membership(cast.north_mentor, cast.north)
    with pytest.raises(PermissionDenied):
        membership_staff_update(
            actor=actor, membership=membership, status=Status.INACTIVE, can_submit_applications=False
        )
    with pytest.raises(PermissionDenied):
        membership_staff_create(
            actor=actor, customer=cast.north, user=cast.outsider, role=Role.CUSTOMER_ADMIN
        )


def test_a_mentor_removed_or_deactivated_there_is_told_as_on_the_mentors_pages(
    staff_client, cast, django_capture_on_commit_callbacks
):
    membership = cast.membership(cast.north_mentor_unassigned, cast.north)
    url = f"{MEMBERSHIPS}{membership.pk}/change/"
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(url, admin_form_data(staff_client, url, status=Status.INACTIVE))
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(f"{MEMBERSHIPS}{membership.pk}/delete/", {"post": "yes"})
    assert [m.to for m in mail.outbox] == [[cast.north_mentor_unassigned.email]] * 2
    # A customer admin's membership is not a mentor's: nobody is told of it as if it were.
    admin_membership = cast.membership(cast.north_admin, cast.north, Role.CUSTOMER_ADMIN)
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(f"{MEMBERSHIPS}{admin_membership.pk}/delete/", {"post": "yes"})
    assert len(mail.outbox) == 2
