import pytest
import time_machine
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.apps import apps
from django.core import mail
from django.db import models
from django.db.models import Q
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from mentora.accounts.models import User
from mentora.accounts.services import user_update_profile
from mentora.applications.models import MentorAssignment
from mentora.audit.services import audit_record
from mentora.customers.access import actor_for
from mentora.customers.models import Membership, Role, Status
from mentora.customers.services import membership_update
from mentora.followups.models import Comment
from mentora.invitations.models import Invitation, InvitationStatus
from mentora.invitations.services import invitation_create
from mentora.mail.models import Message, State
from mentora.mail.services import message_create
from mentora.notifications.kinds import EmailChoice
from mentora.notifications.kinds import Kind as NotificationKind
from mentora.notifications.models import NotificationSetting
from mentora.observations.models import Observation
from mentora.privacy.models import ErasureRequest, ErasureState
from mentora.privacy.services import erasure_due_run, erasure_request_approve, erasure_request_create
from mentora.schedule.calendar.services import calendar_feed_token_regenerate
from mentora.schedule.models import CalendarFeedToken
from mentora.testing.factories import TEST_PASSWORD, MembershipFactory, UserFactory
from mentora.testing.factories_activities import ApplicationFactory, MentorAssignmentFactory
from mentora.testing.factories_followups import CommentFactory, FollowUpFactory, ObservationFactory
from mentora.testing.smtp import database_backend_settings, run_database_worker

pytestmark = pytest.mark.django_db

EMAIL = "zelda.quibble@example.com"
FIRST, LAST, PHONE = "Zelda", "Quibblethwaite", "+46 70 999 88 77"
TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)


def traces(values: list[str]) -> list[str]:
    """Every (model, field) of the whole database that still holds one of `values`: text columns
    searched by the database, binary ones (e-mail bodies not encrypted) read here."""
    found = []
    for model in apps.get_models():
        manager = model._default_manager
        for field in model._meta.concrete_fields:
            if isinstance(field, TEXT_FIELDS):
                held = [v for v in values if manager.filter(Q(**{f"{field.attname}__icontains": v})).exists()]
            elif isinstance(field, models.BinaryField):
                blobs = [
                    bytes(b).lower() for b in manager.values_list(field.attname, flat=True) if b is not None
                ]
                held = [v for v in values if any(v.lower().encode() in blob for blob in blobs)]
            else:
                continue
            found += [f"{model._meta.label}.{field.name} has {value!r}" for value in held]
    return found


@pytest.fixture
def person(cast, client, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    """Someone who has used most of the product: a mentor of north, assigned, who wrote, was
    changed by an admin, set up two-factor sign-in and a calendar feed, and has an invitation
    pending from south."""
    user = UserFactory(email=EMAIL, first_name=FIRST, last_name="Q", phone="")
    user_update_profile(
        user=user,
        data={
            "first_name": FIRST,
            "last_name": LAST,
            "phone": PHONE,
            "language": "en",
            "time_zone": "Europe/Stockholm",
        },
        ip="198.51.100.7",
    )
    membership = MembershipFactory(user=user, customer=cast.north, role=Role.MENTOR)
    application = ApplicationFactory(customer=cast.north)
    MentorAssignmentFactory(application=application, membership=membership)
    membership_update(
        actor=actor_for(cast.north_admin),
        membership=membership,
        status=Status.ACTIVE,
        can_submit_applications=True,
    )
    followup = FollowUpFactory(application=application)
    CommentFactory(followup=followup, author=user, body="Learners did well today.")
    ObservationFactory(application=application, author=user, body="Attentive group.")
    NotificationSetting.objects.create(
        user=user, kind=NotificationKind.OBSERVATION, email=EmailChoice.OFF, in_app=True
    )
    client.post("/accounts/login/", {"login": EMAIL, "password": TEST_PASSWORD}, REMOTE_ADDR="198.51.100.7")
    assert UserSession.objects.filter(user=user).exists()
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "x"})
    calendar_feed_token_regenerate(user=user)
    with django_capture_on_commit_callbacks(execute=True):
        invitation_create(
            actor=actor_for(cast.south_admin),
            customer=cast.south,
            email=EMAIL,
            first_name=FIRST,
            last_name=LAST,
            message=f"Welcome {FIRST}!",
        )
    # An e-mail to someone else that names the person, still waiting to be sent.
    message_create(
        kind="invitation-accepted",
        to=cast.north_admin.email,
        language="en",
        subject=f"{FIRST} {LAST} accepted your invitation",
        text=f"{FIRST} {LAST} ({EMAIL}) is now a mentor of North.",
        html="",
    )
    return user


def test_erasure_leaves_no_trace_of_email_name_or_phone(
    client, cast, person, django_capture_on_commit_callbacks
):
    values = [EMAIL, LAST, PHONE, f"{FIRST} {LAST}"]
    assert traces(values)  # the scan finds them before

    with django_capture_on_commit_callbacks(execute=True):
        erasure_request_create(user=person)
    request = ErasureRequest.objects.get(user=person)
    client.force_login(cast.system_admin)
    response = client.post(reverse("erasure_approve", args=[request.pk]))
    assert response.status_code == 302

    assert traces(values) == []
    person.refresh_from_db()
    assert person.erased_at is not None and not person.is_active and not person.has_usable_password()
    assert str(person) == "Deleted user"
    # What they wrote stays, attributed to "Deleted user".
    assert Comment.objects.get().author == person and Observation.objects.get().author == person
    # Memberships and assignments ended, sessions, second factors and feed token revoked.
    assert not Membership.objects.filter(user=person).exists()
    assert not MentorAssignment.objects.exists()
    assert not UserSession.objects.filter(user=person).exists()
    assert not Authenticator.objects.filter(user=person).exists()
    assert not CalendarFeedToken.objects.filter(user=person).exists()
    assert Invitation.objects.get(customer=cast.south).status == InvitationStatus.CANCELED
    assert ErasureRequest.objects.get().state == ErasureState.DONE
    # The e-mail sent to them is kept as metadata only; the one to the admin still goes out.
    assert set(Message.objects.filter(recipient=person.email).values_list("subject", "body")) == {("", None)}
    assert Message.objects.get(kind="invitation-accepted").state == State.PENDING
    # And they cannot sign in any more, with either address.
    client.post("/accounts/logout/")
    for login in (EMAIL, person.email):
        client.post("/accounts/login/", {"login": login, "password": TEST_PASSWORD})
        assert "_auth_user_id" not in client.session


def test_other_peoples_audit_events_keep_their_names(client, cast, person):
    namesake = UserFactory(email="zelda.other@example.com", first_name=FIRST, last_name="Other")
    event = audit_record(
        actor=cast.north_admin,
        action="customer.update",
        customer=cast.north,
        target=namesake,
        after={"note": "Zelda Other joined"},
    )
    erasure_request_create(user=person)
    client.force_login(cast.system_admin)
    client.post(reverse("erasure_approve", args=[ErasureRequest.objects.get(user=person).pk]))
    event.refresh_from_db()
    assert (event.target_repr, event.after) == ("Zelda Other", {"note": "Zelda Other joined"})


def test_the_person_and_the_administrators_are_told(cast, person, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        erasure_request_create(user=person)
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == sorted([EMAIL, cast.system_admin.email])


def test_without_active_membership_it_happens_by_itself_after_30_days(cast):
    user = UserFactory(email="leaving@example.com")
    MembershipFactory(user=user, customer=cast.north, status=Status.INACTIVE)
    erasure_request_create(user=user)
    assert erasure_due_run() == 0
    with time_machine.travel(timezone.now() + timezone.timedelta(days=29)):
        assert erasure_due_run() == 0
    with time_machine.travel(timezone.now() + timezone.timedelta(days=31)):
        assert erasure_due_run() == 1
        assert erasure_due_run() == 0  # idempotent
    assert User.objects.get(pk=user.pk).erased_at is not None


def test_with_an_active_membership_it_waits_for_approval(cast):
    erasure_request_create(user=cast.north_mentor)
    with time_machine.travel(timezone.now() + timezone.timedelta(days=60)):
        assert erasure_due_run() == 0
    assert User.objects.get(pk=cast.north_mentor.pk).erased_at is None


def test_the_person_asks_and_withdraws_through_the_pages(client, cast):
    client.force_login(cast.north_mentor)
    response = client.get(reverse("erasure_request"))
    assert response.status_code == 302 and response.url.startswith("/accounts/reauthenticate/")
    client.post("/accounts/reauthenticate/", {"password": TEST_PASSWORD})
    assert client.get(reverse("erasure_request")).status_code == 200
    client.post(reverse("erasure_request"))
    assert ErasureRequest.objects.get(user=cast.north_mentor).state == ErasureState.PENDING
    assert "waiting" in client.get(reverse("my_data")).content.decode()
    client.post(reverse("erasure_cancel"))
    assert ErasureRequest.objects.get(user=cast.north_mentor).state == ErasureState.CANCELED
    assert client.post(reverse("erasure_cancel")).status_code == 404


def test_an_administrator_cannot_approve_their_own_deletion(client, cast):
    erasure_request_create(user=cast.system_admin)
    client.force_login(cast.system_admin)
    response = client.post(reverse("erasure_approve", args=[ErasureRequest.objects.get().pk]), follow=True)
    assert "Another system administrator" in response.content.decode()
    assert User.objects.get(pk=cast.system_admin.pk).erased_at is None


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=database_backend_settings())
def test_erasure_while_its_emails_wait_in_the_task_queue_leaves_no_trace(cast):
    """Through the real database queue and worker: the e-mails about the person are still
    waiting when the account is erased. The queue's rows carry only ids; the person's own
    e-mails are never sent; the administrators' still go, without the person's name."""
    person = UserFactory(email=EMAIL, first_name=FIRST, last_name=LAST, phone=PHONE)
    erasure_request_create(user=person)
    invitation_create(actor=actor_for(cast.south_admin), customer=cast.south, email=EMAIL, first_name=FIRST)
    assert Message.objects.count() == 3
    # Three deliveries and the invitation's reminder, waiting.
    assert DBTaskResult.objects.filter(status="READY").count() == 4

    erasure_request_approve(actor=actor_for(cast.system_admin), erasure_request=ErasureRequest.objects.get())
    run_database_worker()

    assert traces([EMAIL, LAST, PHONE, f"{FIRST} {LAST}"]) == []
    [delivered] = mail.outbox
    assert delivered.to == [cast.system_admin.email]
    assert "deleted.invalid" in delivered.body and LAST not in delivered.body + delivered.subject
    states = dict(Message.objects.values_list("kind", "state"))
    assert states == {
        "erasure-request-admin": State.SENT,
        "erasure-requested": State.CANCELED,
        "invitation": State.CANCELED,
    }
