"""The reminder: once, two days before expiry, only for lifetimes over three days; scheduled as a
deferred task that checks again when it runs, with a management command as the fallback."""

import re
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from mentora.customers.access import actor_for
from mentora.invitations.access import invitation_for_token
from mentora.invitations.models import Invitation
from mentora.invitations.services import invitation_cancel, invitation_resend, invitation_send_due_reminders
from mentora.invitations.tasks import send_invitation_reminder

pytestmark = pytest.mark.django_db

DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
START = "2026-12-01 10:00:00Z"


def scheduled(backend) -> list:  # type: ignore[no-untyped-def, type-arg]
    return [result for result in backend.results if result.task.name == send_invitation_reminder.name]


def reminders() -> list:  # type: ignore[type-arg]
    return [message for message in mail.outbox if message.subject.startswith(("Reminder", "Påminnelse"))]


@override_settings(TASKS=DUMMY_TASKS)
def test_sending_schedules_one_deferred_reminder_two_days_before_expiry(invite):
    backend = send_invitation_reminder.get_backend()
    backend.clear()
    with time_machine.travel(START, tick=False):
        invitation = invite(lifetime_days=14).invitation
    [result] = scheduled(backend)
    assert result.task.run_after == invitation.expires_at - timedelta(days=2)
    assert result.kwargs == {"invitation_id": invitation.pk, "expires_at": invitation.expires_at.isoformat()}


@override_settings(TASKS=DUMMY_TASKS)
def test_short_lifetimes_get_no_reminder(invite):
    backend = send_invitation_reminder.get_backend()
    backend.clear()
    invite("a@example.com", lifetime_days=1)
    invite("b@example.com", lifetime_days=3)
    assert scheduled(backend) == []


def test_the_task_sends_once_when_due_and_the_new_link_works(
    invite, cast, django_capture_on_commit_callbacks
):
    cast.north.default_language = "en"
    cast.north.save()
    with time_machine.travel(START, tick=False):
        sent = invite(lifetime_days=7)
    invitation = sent.invitation
    kwargs = {"invitation_id": invitation.pk, "expires_at": invitation.expires_at.isoformat()}
    with time_machine.travel(invitation.expires_at - timedelta(days=3), tick=False):
        send_invitation_reminder.call(**kwargs)  # too early: nothing
    assert reminders() == []
    due = invitation.expires_at - timedelta(days=2)
    with time_machine.travel(due, tick=False), django_capture_on_commit_callbacks(execute=True):
        assert send_invitation_reminder.call(**kwargs) is True
        assert send_invitation_reminder.call(**kwargs) is False
    [message] = reminders()
    assert "North Org" in message.subject
    link = re.search(r"/invitations/accept/([\w-]+)/", message.body).group(1)
    assert link != sent.token
    # Both the first link and the reminder's link open the invitation.
    assert invitation_for_token(token=link, ip=None) == invitation
    assert invitation_for_token(token=sent.token, ip=None) == invitation
    assert Invitation.objects.get().reminder_sent_at is not None


def test_the_task_does_nothing_after_a_resend_or_cancel(invite, cast, django_capture_on_commit_callbacks):
    with time_machine.travel(START, tick=False):
        invitation = invite(lifetime_days=14).invitation
    old_kwargs = {"invitation_id": invitation.pk, "expires_at": invitation.expires_at.isoformat()}
    with time_machine.travel(invitation.expires_at - timedelta(days=5), tick=False):
        invitation_resend(actor=actor_for(cast.north_admin), invitation=invitation)
    new = Invitation.objects.get()
    new_kwargs = {"invitation_id": new.pk, "expires_at": new.expires_at.isoformat()}
    with (
        time_machine.travel(new.expires_at - timedelta(days=2), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        # Due by the new expiry, but this task was scheduled for the old one.
        assert send_invitation_reminder.call(**old_kwargs) is False
        invitation_cancel(actor=actor_for(cast.north_admin), invitation=new)
        assert send_invitation_reminder.call(**new_kwargs) is False
    assert reminders() == []


def test_the_command_sends_due_reminders_once(invite, cast, django_capture_on_commit_callbacks):
    with time_machine.travel(START, tick=False):
        due = invite("due@example.com", lifetime_days=7).invitation
        invite("later@example.com", lifetime_days=30)
        invite("short@example.com", lifetime_days=3)
    with time_machine.travel(due.expires_at - timedelta(days=1), tick=False):
        out = StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_invitation_reminders", stdout=out)
        assert "1" in out.getvalue()
        assert invitation_send_due_reminders() == 0
    assert [message.to for message in reminders()] == [["due@example.com"]]


def test_no_reminder_after_expiry(invite):
    with time_machine.travel(START, tick=False):
        invitation = invite(lifetime_days=7).invitation
    with time_machine.travel(invitation.expires_at + timedelta(minutes=1), tick=False):
        assert invitation_send_due_reminders() == 0
    assert reminders() == []


def test_the_periodic_sweep_is_registered_and_sends_due_reminders(invite, django_capture_on_commit_callbacks):
    from mentora.core.periodic import registered_periodic_tasks
    from mentora.invitations.tasks import send_due_invitation_reminders

    assert "mentora.invitations.tasks.send_due_invitation_reminders" in {
        t.path for t in registered_periodic_tasks()
    }
    with time_machine.travel(START, tick=False):
        invite(lifetime_days=7)
    mail.outbox.clear()
    with (
        time_machine.travel("2026-12-06 11:00:00Z", tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert send_due_invitation_reminders.call() == 1
        assert send_due_invitation_reminders.call() == 0
    assert len(reminders()) == 1
