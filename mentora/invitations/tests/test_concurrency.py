"""Two people (or two clicks) accepting one link at the same moment: exactly one membership.
Needs real row locks, so it runs on PostgreSQL only (DATABASE_URL=postgres://...)."""

import threading
from datetime import timedelta

import pytest
from django.db import connection

from mentora.customers.access import actor_for
from mentora.customers.models import Membership, Role
from mentora.invitations.models import Invitation, InvitationStatus
from mentora.invitations.services import invitation_accept, invitation_create
from mentora.testing.factories import UserFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS = 6


@pytest.fixture(autouse=True)
def _postgres_only():  # type: ignore[no-untyped-def]
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks (set DATABASE_URL to a PostgreSQL database)")


def test_simultaneous_acceptances_of_one_link_make_one_membership(cast):
    sent = invitation_create(
        actor=actor_for(cast.north_admin), customer=cast.north, email="racer@example.com"
    )
    person = UserFactory(email="racer@example.com")
    barrier = threading.Barrier(THREADS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def accept() -> None:
        try:
            invitation = Invitation.objects.get(pk=sent.invitation.pk)
            barrier.wait(timeout=10)
            result = invitation_accept(invitation=invitation, user=person)
            outcome = "already" if result.already_mentor else "accepted"
        except Exception as error:
            outcome = type(error).__name__
        finally:
            connection.close()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=accept) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == ["Conflict"] * (THREADS - 1) + ["accepted"]
    assert Membership.objects.filter(user=person, customer=cast.north, role=Role.MENTOR).count() == 1
    invitation = Invitation.objects.get()
    assert (invitation.status, invitation.accepted_by) == (InvitationStatus.ACCEPTED, person)


def test_two_expiry_sweeps_at_once_tell_the_inviter_once(cast):
    from mentora.invitations.services import invitations_notify_expiring
    from mentora.notifications.kinds import Kind
    from mentora.notifications.models import Notification

    sent = invitation_create(
        actor=actor_for(cast.north_admin), customer=cast.north, email="late@example.com", lifetime_days=7
    )
    when = sent.invitation.expires_at - timedelta(hours=1)
    barrier = threading.Barrier(THREADS)
    told: list[int] = []
    lock = threading.Lock()

    def sweep() -> None:
        try:
            barrier.wait(timeout=10)
            count = invitations_notify_expiring(now=when)
        finally:
            connection.close()
        with lock:
            told.append(count)

    threads = [threading.Thread(target=sweep) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(told) == [0] * (THREADS - 1) + [1]
    assert Notification.objects.filter(kind=Kind.INVITATION_EXPIRING, user=cast.north_admin).count() == 1
