"""INVITATION_EXPIRING and INVITATION_REMINDER: the inviter hears, while they still manage the
customer's mentors, that their invitation expires unaccepted in two days (once per sending) and
that a reminder went to the invitee; in their language and time zone."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from mentora.customers.access import actor_for
from mentora.customers.models import Status
from mentora.invitations.models import Invitation
from mentora.invitations.services import (
    invitation_accept,
    invitation_cancel,
    invitation_resend,
    invitation_send_reminder,
    invitations_notify_expiring,
)
from mentora.notifications.kinds import EmailChoice, Kind
from mentora.notifications.models import Notification
from mentora.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

START = "2026-12-01 10:00:00Z"


def told(kind: str) -> list[Notification]:
    return list(Notification.objects.filter(kind=kind).select_related("user").order_by("pk"))


def test_the_inviter_hears_once_two_days_before_expiry(
    cast, invite, django_capture_on_commit_callbacks, client
):
    with time_machine.travel(START, tick=False):
        invitation = invite("anna@example.com", lifetime_days=14).invitation
    mail.outbox.clear()
    with time_machine.travel(invitation.expires_at - timedelta(days=2, minutes=1), tick=False):
        assert invitations_notify_expiring() == 0
    with time_machine.travel(invitation.expires_at - timedelta(days=2) + timedelta(minutes=1), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            assert invitations_notify_expiring() == 1
        assert invitations_notify_expiring() == 0
    [notice] = told(Kind.INVITATION_EXPIRING)
    assert notice.user == cast.north_admin
    assert notice.url == reverse("invitation_list", args=[cast.north.pk])
    assert notice.text.startswith("Your invitation to anna@example.com (North Org) has not been accepted")
    [message] = mail.outbox
    assert message.to == [cast.north_admin.email]
    assert message.subject == "Your invitation to anna@example.com expires in two days"
    invitation.refresh_from_db()
    assert invitation.expiry_notified_at is not None
    client.force_login(cast.north_admin)
    assert client.get(notice.url).status_code == 200


def test_no_notice_for_short_lives_closed_invitations_or_an_inviter_who_left(cast, invite):
    with time_machine.travel(START, tick=False):
        invite("short@example.com", lifetime_days=1)
        accepted = invite("accepted@example.com", lifetime_days=3).invitation
        canceled = invite("canceled@example.com", lifetime_days=3).invitation
        left = invite("left@example.com", lifetime_days=3, by=cast.system_admin).invitation
        invitation_accept(invitation=accepted, user=UserFactory(email="accepted@example.com"))
        invitation_cancel(actor=actor_for(cast.north_admin), invitation=canceled)
    cast.system_admin.is_system_admin = False
    cast.system_admin.save()
    with time_machine.travel(left.expires_at - timedelta(hours=1), tick=False):
        assert invitations_notify_expiring() == 1  # `left`: marked, but its inviter may no longer see it
    assert told(Kind.INVITATION_EXPIRING) == []


def test_a_resend_may_tell_again_and_acceptance_withdraws_the_unread_notice(cast, invite):
    with time_machine.travel(START, tick=False):
        invitation = invite("anna@example.com", lifetime_days=7).invitation
    with time_machine.travel(invitation.expires_at - timedelta(hours=1), tick=False):
        invitations_notify_expiring()
        assert len(told(Kind.INVITATION_EXPIRING)) == 1
        invitation_resend(actor=actor_for(cast.north_admin), invitation=invitation)
        assert told(Kind.INVITATION_EXPIRING) == []  # withdrawn: the date it named no longer holds
        invitation.refresh_from_db()
    with time_machine.travel(invitation.expires_at - timedelta(hours=1), tick=False):
        assert invitations_notify_expiring() == 1
        assert len(told(Kind.INVITATION_EXPIRING)) == 1
        invitation_accept(
            invitation=Invitation.objects.get(pk=invitation.pk), user=UserFactory(email="anna@example.com")
        )
    assert told(Kind.INVITATION_EXPIRING) == []


def test_the_inviter_is_told_when_a_reminder_goes_out_in_their_language(
    cast, invite, django_capture_on_commit_callbacks
):
    cast.north_admin.language = "sv"
    cast.north_admin.time_zone = "Europe/Stockholm"
    cast.north_admin.save()
    with time_machine.travel(START, tick=False):
        invitation = invite("anna@example.com", lifetime_days=7).invitation
    mail.outbox.clear()
    with (
        time_machine.travel(invitation.expires_at - timedelta(days=1), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert invitation_send_reminder(invitation_id=invitation.pk)
    [notice] = told(Kind.INVITATION_REMINDER)
    assert notice.user == cast.north_admin
    # 10:00 UTC on 8 December is 11:00 in Stockholm.
    assert notice.text == (
        "En påminnelse om din inbjudan gick till anna@example.com (North Org). Den går ut 8 december 2026 kl. 11:00."
    )
    # The inviter reads it in the daily digest by default; only the invitee is e-mailed now.
    assert notice.email == EmailChoice.DAILY
    assert [m.to[0] for m in mail.outbox] == ["anna@example.com"]


def test_an_inviter_whose_membership_ended_hears_nothing_of_the_reminder(cast, invite):
    with time_machine.travel(START, tick=False):
        invitation = invite("anna@example.com", lifetime_days=7).invitation
    membership = cast.membership(cast.north_admin, cast.north, role="CUSTOMER_ADMIN")
    membership.status = Status.INACTIVE
    membership.save()
    with time_machine.travel(invitation.expires_at - timedelta(days=1), tick=False):
        assert invitation_send_reminder(invitation_id=invitation.pk)
    assert told(Kind.INVITATION_REMINDER) == []


def test_the_expiry_email_is_in_the_inviters_language(cast, invite, django_capture_on_commit_callbacks):
    cast.north_admin.language = "sv"
    cast.north_admin.save()
    with time_machine.travel(START, tick=False):
        invitation = invite("anna@example.com", lifetime_days=3).invitation
    mail.outbox.clear()
    with (
        time_machine.travel(invitation.expires_at - timedelta(hours=47), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert invitations_notify_expiring() == 1
    [message] = mail.outbox
    assert message.subject == "Din inbjudan till anna@example.com går ut om två dagar"
    assert "har inte accepterats och går ut 4 december 2026 kl. 11:00" in message.body


def test_an_inviter_who_no_longer_manages_the_mentors_is_not_told_of_the_acceptance(cast, invite):
    invitation = invite("anna@example.com").invitation
    membership = cast.membership(cast.north_admin, cast.north, role="CUSTOMER_ADMIN")
    membership.status = Status.INACTIVE
    membership.save()
    invitation_accept(invitation=invitation, user=UserFactory(email="anna@example.com"))
    assert told(Kind.INVITATION_ACCEPTED) == []
    still_admin = invite("bo@example.com", by=cast.south_admin, customer=cast.south).invitation
    invitation_accept(invitation=still_admin, user=UserFactory(email="bo@example.com"))
    assert [n.user for n in told(Kind.INVITATION_ACCEPTED)] == [cast.south_admin]
