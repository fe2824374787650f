import re
from datetime import timedelta

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from mentora.accounts.models import ConsentRecord, TermsVersion, User
from mentora.applications.models import MentorAssignment
from mentora.audit.models import AuditEvent
from mentora.core.exceptions import Conflict, InvalidInput, PermissionDenied
from mentora.core.tokens import token_hash
from mentora.customers.access import actor_for
from mentora.customers.models import Membership, Role, Status
from mentora.customers.services import mentor_add_direct
from mentora.invitations.models import EXPIRED, Invitation, InvitationStatus
from mentora.invitations.services import (
    AlreadyMentor,
    BulkOutcome,
    InvitationPending,
    RateLimited,
    invitation_accept,
    invitation_bulk_create,
    invitation_cancel,
    invitation_register_and_accept,
    invitation_resend,
    invitation_send_due_reminders,
    parse_addresses,
)
from mentora.notifications.kinds import EmailChoice
from mentora.notifications.kinds import Kind as NotificationKind
from mentora.notifications.models import Notification, NotificationSetting
from mentora.testing.factories import UserFactory
from mentora.testing.factories_activities import ApplicationFactory, CourseApplicationFactory

pytestmark = pytest.mark.django_db

GOOD_PASSWORD = "a-long-and-unusual-passphrase-42"


def register(invitation: Invitation, **overrides: object):  # type: ignore[no-untyped-def]
    data = {
        "first_name": "Nils",
        "last_name": "Newman",
        "password": GOOD_PASSWORD,
        "language": "sv",
        "terms_version": TermsVersion.objects.current(),
        "ip": "203.0.113.9",
        **overrides,
    }
    return invitation_register_and_accept(invitation=invitation, **data)


def link_in(message) -> str:  # type: ignore[no-untyped-def]
    return re.search(r"http://testserver/invitations/accept/[\w-]+/", message.body).group(0)


# --- inviting -------------------------------------------------------------------------------


def test_invite_stores_only_a_hash_of_a_long_random_token(invite):
    sent = invite("New.Person@Example.COM ")
    invitation = sent.invitation
    assert invitation.email == "new.person@example.com"
    assert invitation.status == InvitationStatus.PENDING
    assert len(sent.token) >= 43  # 32 random bytes, URL-safe base64
    assert invitation.token_hash == token_hash(sent.token)
    assert sent.token not in str(Invitation.objects.filter(pk=invitation.pk).values().get())


def test_invite_sets_expiry_from_lifetime_and_audits(invite, cast):
    with time_machine.travel("2026-12-01 10:00:00Z", tick=False):
        invitation = invite(lifetime_days=7).invitation
    assert invitation.expires_at == timezone.now().replace(
        year=2026, month=12, day=8, hour=10, minute=0, second=0, microsecond=0
    )
    event = AuditEvent.objects.get(action="invitation.create")
    assert event.actor == cast.north_admin
    assert event.customer == cast.north
    assert event.after["email"] == "new.person@example.com"


def test_invitation_email_in_customer_language_names_everything(invite, cast):
    cast.north.default_language = "sv"
    cast.north.time_zone = "Europe/Stockholm"
    cast.north.save()
    with time_machine.travel("2026-12-01 10:00:00Z", tick=False):
        sent = invite(first_name="Nils", message="Välkommen till oss!\nHälsningar Nina", lifetime_days=14)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["new.person@example.com"]
    assert "North Org" in message.subject
    assert sent.url in message.body
    assert "Nina North" in message.body
    assert "Välkommen till oss!" in message.body
    # 15 December 10:00 UTC is 11:00 in Stockholm, written the Swedish way.
    assert "15 december 2026 kl. 11:00 (Europe/Stockholm)" in message.body
    html = message.alternatives[0][0]
    assert f'href="{sent.url}"' in html
    assert "Välkommen till oss!<br>Hälsningar Nina" in html
    assert "<img" not in html  # no tracking pixels


def test_invitation_email_in_english_for_an_english_customer(invite, cast):
    cast.north.default_language = "en"
    cast.north.save()
    invite()
    assert mail.outbox[0].subject == "Invitation to become a mentor of North Org"
    assert "Did not expect this e-mail?" in mail.outbox[0].body


def test_invitation_email_to_someone_with_an_account_is_in_their_language_not_the_customers(invite, cast):
    cast.north.default_language = "sv"
    cast.north.save()
    UserFactory(email="english.reader@example.com", language="en", time_zone="Europe/London")
    UserFactory(email="svensk.lasare@example.com", language="sv")
    cast.south.default_language = "en"
    cast.south.save()

    invite("english.reader@example.com")
    invite("svensk.lasare@example.com", by=cast.south_admin, customer=cast.south)
    invite("no.account@example.com")

    english, swedish, newcomer = mail.outbox
    assert english.subject == "Invitation to become a mentor of North Org"
    assert "(Europe/London)" in english.body
    assert swedish.subject.startswith("Inbjudan")
    assert newcomer.subject.startswith("Inbjudan")


def test_only_admins_of_the_customer_and_system_admins_may_invite(invite, cast):
    for person in (cast.north_mentor, cast.south_admin, cast.outsider, cast.professional):
        with pytest.raises(PermissionDenied):
            invite(by=person)
    assert invite(by=cast.system_admin).invitation.invited_by == cast.system_admin


def test_inviting_a_current_mentor_says_so(invite, cast):
    with pytest.raises(AlreadyMentor, match="already a mentor"):
        invite(cast.north_mentor.email.upper())
    with pytest.raises(AlreadyMentor, match="inactive"):
        invite(cast.north_mentor_inactive.email)
    # A mentor of another customer can be invited.
    assert invite(cast.south_mentor.email).invitation.email == cast.south_mentor.email


def test_inviting_an_address_with_a_pending_invitation_offers_resend(invite):
    first = invite().invitation
    with pytest.raises(InvitationPending) as error:
        invite("NEW.person@example.com")
    assert error.value.invitation == first
    assert Invitation.objects.count() == 1


def test_expired_pending_invitation_also_offers_resend(invite):
    first = invite(lifetime_days=1).invitation
    with (
        time_machine.travel(timezone.now() + timedelta(days=2)),
        pytest.raises(InvitationPending, match="expired") as error,
    ):
        invite()
    assert error.value.invitation == first


def test_one_pending_invitation_per_address_is_a_database_constraint(invite, cast):
    from django.db import IntegrityError, transaction

    first = invite().invitation
    with pytest.raises(IntegrityError), transaction.atomic():
        Invitation.objects.create(
            customer=cast.north, email=first.email, token_hash="x" * 64, expires_at=first.expires_at
        )


def test_canceled_invitation_does_not_block_a_new_one(invite, cast):
    first = invite().invitation
    invitation_cancel(actor=actor_for(cast.north_admin), invitation=first)
    second = invite().invitation
    assert second.pk != first.pk


def test_invalid_input_is_refused(invite, cast):
    with pytest.raises(InvalidInput):
        invite("not-an-address")
    with pytest.raises(InvalidInput):
        invite(lifetime_days=5)
    with pytest.raises(InvalidInput):
        invite(applications=[ApplicationFactory(customer=cast.south)])
    cast.north.status = Status.INACTIVE
    cast.north.save()
    with pytest.raises((InvalidInput, PermissionDenied)):
        invite(by=cast.system_admin)


@override_settings(INVITATIONS_PER_CUSTOMER_PER_DAY=2)
def test_invitations_per_customer_per_day_are_limited(invite, cast):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        invite("a@example.com")
    with time_machine.travel(start + timedelta(hours=1), tick=False):
        invite("b@example.com")
        with pytest.raises(RateLimited) as refused:
            invite("c@example.com")
    # Again once the first of the day's invitations is 24 hours old.
    assert refused.value.retry_after == 23 * 3600
    # Another customer has its own budget; and a day later the first one has again.
    invite("c@example.com", by=cast.south_admin, customer=cast.south)
    with time_machine.travel(timezone.now() + timedelta(hours=25)):
        invite("c@example.com")


# --- resend and cancel ----------------------------------------------------------------------


def test_resend_gives_a_new_link_and_expiry_and_kills_the_old_one(
    invite, cast, django_capture_on_commit_callbacks
):
    first = invite(lifetime_days=3)
    with time_machine.travel(timezone.now() + timedelta(days=1)):
        with django_capture_on_commit_callbacks(execute=True):
            second = invitation_resend(
                actor=actor_for(cast.north_admin), invitation=first.invitation, ip="198.51.100.1"
            )
        assert second.token != first.token
        invitation = Invitation.objects.get()
        assert invitation.token_hash == token_hash(second.token)
        assert invitation.expires_at > first.invitation.expires_at
        assert invitation.expires_at - invitation.sent_at == timedelta(days=3)
    assert len(mail.outbox) == 2
    assert second.url in mail.outbox[1].body
    assert first.url not in mail.outbox[1].body
    assert AuditEvent.objects.filter(action="invitation.resend", ip="198.51.100.1").count() == 1


def test_resend_works_for_an_expired_invitation_but_not_a_closed_one(invite, cast):
    sent = invite(lifetime_days=1)
    actor = actor_for(cast.north_admin)
    with time_machine.travel(timezone.now() + timedelta(days=3)):
        resent = invitation_resend(actor=actor, invitation=sent.invitation)
        assert resent.invitation.is_open
    invitation_cancel(actor=actor, invitation=sent.invitation)
    with pytest.raises(Conflict):
        invitation_resend(actor=actor, invitation=sent.invitation)


def test_cancel_by_admin_or_system_admin_only(invite, cast):
    invitation = invite().invitation
    for person in (cast.north_mentor, cast.south_admin):
        with pytest.raises(PermissionDenied):
            invitation_cancel(actor=actor_for(person), invitation=invitation)
    invitation_cancel(actor=actor_for(cast.system_admin), invitation=invitation, ip="198.51.100.2")
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.CANCELED
    assert invitation.canceled_by == cast.system_admin
    assert AuditEvent.objects.get(action="invitation.cancel").before["status"] == "PENDING"
    with pytest.raises(Conflict):
        invitation_cancel(actor=actor_for(cast.north_admin), invitation=invitation)


# --- bulk -----------------------------------------------------------------------------------


def test_parse_addresses_accepts_lines_commas_and_names():
    text = (
        "a@example.com\nB@example.com, c@example.com; A@EXAMPLE.com\n\nNils Newman <d@example.com>\nnonsense"
    )
    assert parse_addresses(text) == ["a@example.com", "B@example.com", "c@example.com", "d@example.com"]


def test_bulk_invite_reports_each_address(invite, cast):
    invite("pending@example.com")
    mail.outbox.clear()
    lines = invitation_bulk_create(
        actor=actor_for(cast.north_admin),
        customer=cast.north,
        emails=["fresh@example.com", "pending@example.com", cast.north_mentor.email, "broken@", "x@y"],
        message="Hej!",
    )
    assert [(line.email, line.outcome) for line in lines] == [
        ("fresh@example.com", BulkOutcome.INVITED),
        ("pending@example.com", BulkOutcome.RESENT),
        (cast.north_mentor.email, BulkOutcome.ALREADY_MENTOR),
        ("broken@", BulkOutcome.INVALID),
        ("x@y", BulkOutcome.INVALID),
    ]
    assert Invitation.objects.filter(customer=cast.north, status=InvitationStatus.PENDING).count() == 2


def test_bulk_invite_refuses_more_than_100_and_strangers(cast):
    emails = [f"p{n}@example.com" for n in range(101)]
    with pytest.raises(InvalidInput):
        invitation_bulk_create(actor=actor_for(cast.north_admin), customer=cast.north, emails=emails)
    with pytest.raises(PermissionDenied):
        invitation_bulk_create(actor=actor_for(cast.north_mentor), customer=cast.north, emails=emails[:1])
    assert not Invitation.objects.exists()


@override_settings(INVITATIONS_PER_CUSTOMER_PER_DAY=2)
def test_bulk_invite_stops_at_the_daily_limit(cast):
    lines = invitation_bulk_create(
        actor=actor_for(cast.north_admin),
        customer=cast.north,
        emails=["a@example.com", "b@example.com", "c@example.com"],
    )
    assert [line.outcome for line in lines] == [BulkOutcome.INVITED, BulkOutcome.INVITED, BulkOutcome.LIMIT]


# --- accepting ------------------------------------------------------------------------------


def test_accept_makes_an_active_mentor_in_one_go(invite, cast, django_capture_on_commit_callbacks):
    person = UserFactory(email="new.person@example.com", first_name="Nils", last_name="Newman")
    sent = invite()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        result = invitation_accept(invitation=sent.invitation, user=person, ip="203.0.113.5")
    membership = result.membership
    assert (membership.user, membership.customer, membership.role, membership.status) == (
        person,
        cast.north,
        Role.MENTOR,
        Status.ACTIVE,
    )
    invitation = Invitation.objects.get()
    assert invitation.status == InvitationStatus.ACCEPTED
    assert invitation.accepted_by == person
    assert invitation.accepted_at is not None
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"invitation.accept", "membership.create_by_invitation"} <= actions
    # The inviter hears about it, in their own language.
    assert [message.to for message in mail.outbox] == [[cast.north_admin.email]]
    assert mail.outbox[0].subject == "Nils Newman accepted your invitation to North Org"
    told = Notification.objects.get(user=cast.north_admin)
    assert (told.kind, told.url) == (
        NotificationKind.INVITATION_ACCEPTED,
        f"/invitations/customer/{cast.north.pk}/",
    )
    assert told.text == "Nils Newman accepted your invitation to North Org"


def test_inviter_who_turned_membership_mail_off_gets_none(invite, cast, django_capture_on_commit_callbacks):
    NotificationSetting.objects.create(
        user=cast.north_admin, kind=NotificationKind.INVITATION_ACCEPTED, email=EmailChoice.OFF, in_app=False
    )
    person = UserFactory(email="new.person@example.com")
    sent = invite()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        invitation_accept(invitation=sent.invitation, user=person)
    assert mail.outbox == []


def test_accept_assigns_the_preselected_applications_of_the_customer(invite, cast):
    on_request = ApplicationFactory(customer=cast.north)
    course = CourseApplicationFactory(customer=cast.north)
    sent = invite(applications=[on_request, course])
    # An application of another customer slipped in some other way is never assigned.
    sent.invitation.applications.add(ApplicationFactory(customer=cast.south))
    person = UserFactory(email="new.person@example.com")
    result = invitation_accept(invitation=sent.invitation, user=person)
    assigned = MentorAssignment.objects.filter(membership=result.membership)
    assert {a.application for a in assigned} == {on_request, course}
    assert {a.assigned_by for a in assigned} == {cast.north_admin}


def test_accept_needs_the_invited_address(invite, cast):
    sent = invite()
    with pytest.raises(PermissionDenied):
        invitation_accept(invitation=sent.invitation, user=cast.outsider)
    assert Invitation.objects.get().status == InvitationStatus.PENDING
    assert not Membership.objects.filter(user=cast.outsider).exists()


def test_accept_of_an_expired_canceled_or_used_invitation_is_refused(invite, cast):
    person = UserFactory(email="new.person@example.com")
    sent = invite(lifetime_days=1)
    with time_machine.travel(timezone.now() + timedelta(days=1, seconds=1)):
        assert Invitation.objects.get().display_status == EXPIRED
        with pytest.raises(Conflict, match="expired"):
            invitation_accept(invitation=sent.invitation, user=person)
    invitation_accept(invitation=sent.invitation, user=person)
    with pytest.raises(Conflict, match="already been accepted"):
        invitation_accept(invitation=sent.invitation, user=person)
    other = invite("other@example.com").invitation
    invitation_cancel(actor=actor_for(cast.north_admin), invitation=other)
    with pytest.raises(Conflict, match="canceled"):
        invitation_accept(invitation=other, user=UserFactory(email="other@example.com"))
    assert Membership.objects.filter(user=person).count() == 1


def test_accept_by_someone_who_already_is_a_mentor_closes_the_invitation(
    invite, cast, django_capture_on_commit_callbacks
):
    sent = invite("late@example.com")
    person = UserFactory(email="late@example.com")
    Membership.objects.create(user=person, customer=cast.north, role=Role.MENTOR, status=Status.INACTIVE)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        result = invitation_accept(invitation=sent.invitation, user=person)
    assert mail.outbox == []  # the inviter is not told "accepted": nothing changed
    assert result.already_mentor
    assert Invitation.objects.get().status == InvitationStatus.ACCEPTED
    # Nothing else changed: still one membership, still INACTIVE (reactivating is an admin's edit).
    assert Membership.objects.get(user=person).status == Status.INACTIVE
    assert AuditEvent.objects.get(action="invitation.accept").after["already_mentor"] is True


# --- registering ----------------------------------------------------------------------------


def test_register_and_accept_creates_a_verified_account_with_consent(invite, cast):
    sent = invite(first_name="Nils")
    result = register(sent.invitation)
    user = User.objects.get(email="new.person@example.com")
    assert result.user == user
    assert (user.first_name, user.last_name, user.language) == ("Nils", "Newman", "sv")
    assert user.check_password(GOOD_PASSWORD)
    address = EmailAddress.objects.get(user=user)
    assert (address.email, address.verified, address.primary) == ("new.person@example.com", True, True)
    consent = ConsentRecord.objects.get(user=user)
    assert consent.terms_version == TermsVersion.objects.current()
    assert consent.ip == "203.0.113.9"
    assert Membership.objects.get(user=user).customer == cast.north
    assert Invitation.objects.get().status == InvitationStatus.ACCEPTED
    assert AuditEvent.objects.filter(action="user.consent", actor=user).exists()


def test_register_validates_names_and_password(invite):
    sent = invite()
    with pytest.raises(InvalidInput):
        register(sent.invitation, first_name="N")
    with pytest.raises(InvalidInput):
        register(sent.invitation, last_name="x" * 71)
    with pytest.raises(InvalidInput):
        register(sent.invitation, password="12345678")
    with pytest.raises(InvalidInput):
        register(sent.invitation, language="de")
    assert not User.objects.filter(email="new.person@example.com").exists()
    assert Invitation.objects.get().status == InvitationStatus.PENDING


def test_register_is_refused_when_an_account_exists(invite):
    sent = invite()
    UserFactory(email="new.person@example.com")
    with pytest.raises(Conflict, match="already exists"):
        register(sent.invitation)
    assert Invitation.objects.get().status == InvitationStatus.PENDING


def test_a_failed_acceptance_leaves_no_half_made_account(invite, cast, monkeypatch):
    sent = invite()

    def broken(**kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("audit store down")

    monkeypatch.setattr("mentora.invitations.services.mentor_membership_create", broken)
    with pytest.raises(RuntimeError):
        register(sent.invitation)
    assert not User.objects.filter(email="new.person@example.com").exists()
    assert Invitation.objects.get().status == InvitationStatus.PENDING


def test_email_subjects_show_names_as_written_not_html_escaped(
    invite, cast, django_capture_on_commit_callbacks
):
    # A subject is plain text: "&" and "'" must not arrive as "&amp;" and "&#x27;".
    cast.north.name = "Berg & Söner's AB"
    cast.north.default_language = "en"
    cast.north.save()
    sent = invite(lifetime_days=7)
    assert mail.outbox[-1].subject == "Invitation to become a mentor of Berg & Söner's AB"
    with (
        time_machine.travel(timezone.now() + timedelta(days=6)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        invitation_send_due_reminders()
    to_invitee = [message for message in mail.outbox if message.to == ["new.person@example.com"]]
    assert to_invitee[-1].subject == "Reminder: your invitation from Berg & Söner's AB expires soon"
    person = UserFactory(email="new.person@example.com", first_name="Ann", last_name="O'Neil & Co")
    with django_capture_on_commit_callbacks(execute=True):
        invitation_accept(invitation=sent.invitation, user=person)
    assert mail.outbox[-1].subject == "Ann O'Neil & Co accepted your invitation to Berg & Söner's AB"


def test_adding_someone_directly_closes_their_pending_invitations_to_that_customer_only(
    invite, cast, django_capture_on_commit_callbacks
):
    person = UserFactory(email="direct@example.com")
    to_north = invite("direct@example.com")
    to_south = invite("direct@example.com", by=cast.south_admin, customer=cast.south)
    someone_else = invite("other@example.com")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        mentor_add_direct(actor=actor_for(cast.north_admin), customer=cast.north, email="Direct@example.com")

    states = dict(Invitation.objects.values_list("pk", "status"))
    assert states == {
        to_north.invitation.pk: InvitationStatus.ACCEPTED,
        to_south.invitation.pk: InvitationStatus.PENDING,
        someone_else.invitation.pk: InvitationStatus.PENDING,
    }
    closed = Invitation.objects.get(pk=to_north.invitation.pk)
    assert closed.accepted_by == person
    event = AuditEvent.objects.get(action="invitation.close_on_direct_add")
    assert (event.actor, event.customer, event.after["already_mentor"]) == (
        cast.north_admin,
        cast.north,
        True,
    )
    assert [message.to for message in mail.outbox] == [[person.email]]  # only "you were added"
