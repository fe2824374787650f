import datetime

import pytest
import time_machine
from django.core import mail

from mentora.audit.models import AuditEvent
from mentora.core.exceptions import InvalidInput, NotFound, PermissionDenied
from mentora.customers.access import actor_for
from mentora.followups.models import Comment, FollowUp, FollowUpSeen
from mentora.followups.services import (
    MAX_COMMENT_LENGTH,
    comment_create,
    comment_delete,
    comment_pin_set,
    comment_update,
    followup_create,
    followup_mark_seen,
)
from mentora.notifications.kinds import EmailChoice
from mentora.notifications.kinds import Kind as NotificationKind
from mentora.notifications.models import Notification, NotificationSetting
from mentora.testing.factories_activities import ApplicationAttendeeFactory, AttendeeFactory
from mentora.testing.factories_followups import CommentFactory

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 11, 2, 9, 0, tzinfo=datetime.UTC)


def create(world, user, **overrides):  # type: ignore[no-untyped-def]
    arguments = {
        "actor": actor_for(user),
        "application": world.north_app,
        "topic": "  Progress review  ",
        "attendees": [world.north_attendee],
        "include_customer_admins": True,
        "mentors": [world.north_mentor_membership],
    }
    return followup_create(**{**arguments, **overrides})


def test_system_admin_creates_a_followup_with_participants(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        followup = create(world, world.cast.system_admin)
    followup.refresh_from_db()
    assert followup.topic == "Progress review"
    assert followup.created_by == world.cast.system_admin
    assert list(followup.mentors.all()) == [world.north_mentor_membership]
    assert list(followup.attendees.all()) == [world.north_attendee]
    event = AuditEvent.objects.get(action="followup.create")
    assert event.customer == world.cast.north
    assert event.after["mentors"] == [world.cast.north_mentor.email]
    # The selected mentor and the customer admin hear about it; the creator does not.
    assert sorted(m.to[0] for m in mail.outbox) == [
        world.cast.north_admin.email,
        world.cast.north_mentor.email,
    ]


def test_professional_creates_on_own_application_only(world):
    assert create(world, world.cast.professional).created_by == world.cast.professional
    with pytest.raises(PermissionDenied):
        create(world, world.cast.professional, application=world.north_other_app, attendees=[], mentors=[])


@pytest.mark.parametrize("user_name", ["north_mentor", "north_admin", "outsider"])
def test_others_may_not_create(world, user_name):
    with pytest.raises(PermissionDenied):
        create(world, getattr(world.cast, user_name))
    assert not FollowUp.objects.filter(topic="Progress review").exists()


def test_mentors_and_attendees_must_belong_to_the_application(world):
    stranger = AttendeeFactory(customer=world.cast.north)
    with pytest.raises(InvalidInput):
        create(world, world.cast.system_admin, attendees=[stranger])
    unassigned = world.cast.membership(world.cast.north_mentor_unassigned, world.cast.north)
    with pytest.raises(InvalidInput):
        create(world, world.cast.system_admin, mentors=[unassigned])
    # Assigned, but INACTIVE: not one of the "currently assigned mentors".
    with pytest.raises(InvalidInput):
        create(world, world.cast.system_admin, mentors=[world.inactive_membership])
    with pytest.raises(InvalidInput):
        create(world, world.cast.system_admin, topic="   ")


def test_participant_comments_and_others_are_told_after_commit(world, django_capture_on_commit_callbacks):
    NotificationSetting.objects.create(
        user=world.cast.north_admin,
        kind=NotificationKind.FOLLOWUP_COMMENT,
        email=EmailChoice.OFF,
        in_app=True,
    )
    NotificationSetting.objects.create(
        user=world.cast.professional,
        kind=NotificationKind.FOLLOWUP_COMMENT,
        email=EmailChoice.IMMEDIATE,
        in_app=True,
    )
    with django_capture_on_commit_callbacks(execute=True):
        comment = comment_create(
            actor=actor_for(world.cast.north_mentor), followup=world.selected, body=" Hi \n"
        )
    assert comment.body == "Hi"
    world.selected.refresh_from_db()
    assert world.selected.last_comment_at == comment.created_at
    assert AuditEvent.objects.filter(action="followup.comment_create", target_id=str(comment.pk)).exists()
    # The creator (staff) gets e-mail; the admin turned it off; the author gets none.
    assert [m.to for m in mail.outbox] == [[world.cast.professional.email]]
    assert "Hi" in mail.outbox[0].body


@pytest.mark.parametrize("body", ["", "   ", "x" * (MAX_COMMENT_LENGTH + 1)])
def test_empty_or_too_long_comment_is_refused(world, body):
    with pytest.raises(InvalidInput):
        comment_create(actor=actor_for(world.cast.north_mentor), followup=world.selected, body=body)
    assert not Comment.objects.exists()


def test_non_participant_cannot_comment(world):
    with pytest.raises(NotFound):
        comment_create(actor=actor_for(world.cast.north_mentor), followup=world.not_selected, body="Hello")
    with pytest.raises(NotFound):
        comment_create(actor=actor_for(world.cast.north_admin), followup=world.not_selected, body="Hello")


def test_author_edits_within_fifteen_minutes_then_is_refused(world):
    actor = actor_for(world.cast.north_mentor)
    with time_machine.travel(START, tick=False):
        comment = comment_create(actor=actor, followup=world.selected, body="First")
    with time_machine.travel(START + datetime.timedelta(minutes=14, seconds=59), tick=False):
        comment = comment_update(actor=actor, comment=comment, body="Second")
    comment.refresh_from_db()
    assert comment.body == "Second"
    assert comment.edited_at is not None
    event = AuditEvent.objects.get(action="followup.comment_update")
    assert (event.before, event.after) == ({"body": "First"}, {"body": "Second"})
    with time_machine.travel(START + datetime.timedelta(minutes=15, seconds=1), tick=False):
        with pytest.raises(PermissionDenied):
            comment_update(actor=actor, comment=comment, body="Third")
        with pytest.raises(PermissionDenied):
            comment_delete(actor=actor, comment=comment)
    comment.refresh_from_db()
    assert comment.body == "Second"


def test_only_the_author_edits_or_deletes(world):
    comment = CommentFactory(followup=world.selected, author=world.cast.north_mentor)
    for user in (world.cast.system_admin, world.cast.north_admin):
        with pytest.raises(PermissionDenied):
            comment_update(actor=actor_for(user), comment=comment, body="Changed")
        with pytest.raises(PermissionDenied):
            comment_delete(actor=actor_for(user), comment=comment)


def test_delete_within_window_moves_last_comment_back(world):
    actor = actor_for(world.cast.north_mentor)
    with time_machine.travel(START, tick=False):
        first = comment_create(actor=actor, followup=world.selected, body="First")
    with time_machine.travel(START + datetime.timedelta(minutes=5), tick=False):
        second = comment_create(actor=actor, followup=world.selected, body="Second")
        comment_delete(actor=actor, comment=second)
    world.selected.refresh_from_db()
    assert world.selected.last_comment_at == first.created_at
    assert list(Comment.objects.all()) == [first]
    assert AuditEvent.objects.get(action="followup.comment_delete").before["body"] == "Second"


def test_staff_pin_and_unpin_participants_may_not(world):
    comment = CommentFactory(followup=world.selected, author=world.cast.north_mentor)
    comment_pin_set(actor=actor_for(world.cast.professional), comment=comment, pinned=True)
    comment.refresh_from_db()
    assert comment.pinned
    comment_pin_set(actor=actor_for(world.cast.system_admin), comment=comment, pinned=False)
    comment.refresh_from_db()
    assert not comment.pinned
    assert (
        AuditEvent.objects.filter(action__in=["followup.comment_pin", "followup.comment_unpin"]).count() == 2
    )
    for user in (world.cast.north_mentor, world.cast.north_admin):
        with pytest.raises(PermissionDenied):
            comment_pin_set(actor=actor_for(user), comment=comment, pinned=True)
    with pytest.raises(NotFound):
        comment_pin_set(actor=actor_for(world.cast.south_admin), comment=comment, pinned=True)


def test_mark_seen_only_moves_forward(world):
    user = world.cast.north_mentor
    followup_mark_seen(user=user, followup=world.selected, now=START)
    followup_mark_seen(user=user, followup=world.selected, now=START - datetime.timedelta(hours=1))
    assert FollowUpSeen.objects.get(user=user).seen_at == START
    followup_mark_seen(user=user, followup=world.selected, now=START + datetime.timedelta(hours=1))
    assert FollowUpSeen.objects.get(user=user).seen_at == START + datetime.timedelta(hours=1)


def test_attendee_of_another_customer_application_cannot_be_linked(world):
    south_attendee = ApplicationAttendeeFactory(application=world.south_app).attendee
    with pytest.raises(InvalidInput):
        create(world, world.cast.system_admin, attendees=[south_attendee])


def test_participants_get_in_app_notifications_and_comments_wait_for_the_daily_digest(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        followup = create(world, world.cast.system_admin)
    created = Notification.objects.filter(kind=NotificationKind.FOLLOWUP_CREATED)
    assert {n.user for n in created} == {world.cast.north_admin, world.cast.north_mentor}
    assert all(n.url == f"/followups/{followup.pk}/" for n in created)
    assert created[0].text == f"New follow-up on {world.north_app.number}: Progress review"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        comment = comment_create(actor=actor_for(world.cast.north_mentor), followup=followup, body="Hello")
    comments = Notification.objects.filter(kind=NotificationKind.FOLLOWUP_COMMENT)
    assert {n.user for n in comments} == {world.cast.north_admin, world.cast.system_admin}
    assert {n.email for n in comments} == {EmailChoice.DAILY}  # the default: no e-mail now
    assert mail.outbox == []
    assert comments[0].url == f"/followups/{followup.pk}/#comment-{comment.pk}"
    assert comments[0].text == f"{world.cast.north_mentor.get_full_name()} commented in “Progress review”"


def test_an_edit_tells_again_only_who_already_read_the_comment(world, django_capture_on_commit_callbacks):
    NotificationSetting.objects.create(
        user=world.cast.professional, kind=NotificationKind.FOLLOWUP_COMMENT, email=EmailChoice.IMMEDIATE
    )
    actor = actor_for(world.cast.north_mentor)
    with django_capture_on_commit_callbacks(execute=True):
        comment = comment_create(actor=actor, followup=world.selected, body="First")
    told = set(Notification.objects.values_list("user_id", flat=True))
    assert world.cast.professional.pk in told
    Notification.objects.filter(user=world.cast.professional).update(read_at=START)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        comment_update(actor=actor, comment=comment, body="Second")
    edited = Notification.objects.get(user=world.cast.professional, read_at__isnull=True)
    assert "edited a comment" in edited.text
    assert [m.to for m in mail.outbox] == [[world.cast.professional.email]]
    assert mail.outbox[0].subject.startswith("Comment edited:")
    # Everyone else still has the unread notification of the comment: nothing new.
    assert Notification.objects.count() == len(told) + 1
