"""Invitations when the invitee's account changes: a verified e-mail change, and retention."""

import pytest
import time_machine
from django.utils import timezone

from mentora.customers.access import actor_for
from mentora.invitations.apps import InvitationsConfig
from mentora.invitations.models import Invitation, InvitationStatus
from mentora.invitations.services import (
    invitation_cancel,
    invitations_follow_email_change,
    invitations_prune_ended,
)

pytestmark = pytest.mark.django_db


def test_pending_invitations_follow_a_verified_email_change(cast, invite):
    invite(cast.outsider.email)
    invite(cast.outsider.email, by=cast.south_admin, customer=cast.south)
    invite("otto.new@example.com", by=cast.south_admin, customer=cast.south)  # already one there
    followed = invitations_follow_email_change(
        user=cast.outsider, old_email=cast.outsider.email, new_email="Otto.New@example.com"
    )
    assert followed == 1
    north = Invitation.objects.get(customer=cast.north)
    assert (north.email, north.status) == ("otto.new@example.com", InvitationStatus.PENDING)
    south = Invitation.objects.filter(customer=cast.south).order_by("pk")
    assert [(i.email, i.status) for i in south] == [
        ("outsider@example.com", InvitationStatus.CANCELED),
        ("otto.new@example.com", InvitationStatus.PENDING),
    ]


def test_ended_invitations_are_deleted_90_days_after_they_end(cast, invite):
    expired = invite("expired@example.com", lifetime_days=1).invitation
    canceled = invitation_cancel(
        actor=actor_for(cast.north_admin), invitation=invite("canceled@example.com").invitation
    )
    kept = invite("pending@example.com", lifetime_days=30).invitation
    with time_machine.travel(timezone.now() + timezone.timedelta(days=89)):
        assert invitations_prune_ended() == 0
    with time_machine.travel(timezone.now() + timezone.timedelta(days=90, hours=1)):
        assert invitations_prune_ended() == 1  # the canceled one; the expired one ended a day later
    with time_machine.travel(timezone.now() + timezone.timedelta(days=91, hours=1)):
        assert invitations_prune_ended() == 1
        assert invitations_prune_ended() == 0
    assert list(Invitation.objects.all()) == [kept]
    assert not Invitation.objects.filter(pk__in=[expired.pk, canceled.pk]).exists()


def test_the_prune_job_is_declared_for_the_scheduler():
    jobs = {job.path: job.interval for job in InvitationsConfig.periodic_tasks}
    assert jobs["mentora.invitations.tasks.prune_ended_invitations"] == 24 * 60 * 60
