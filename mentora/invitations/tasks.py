from datetime import datetime

from django_tasks import task


@task()
def send_invitation_reminder(*, invitation_id: int, expires_at: str) -> bool:
    """Scheduled (run_after) for two days before expiry when the invitation is sent. Checks again
    at run time: a resend, cancel or acceptance since then makes it do nothing."""
    from .services import invitation_send_reminder

    return invitation_send_reminder(
        invitation_id=invitation_id, expected_expires_at=datetime.fromisoformat(expires_at)
    )


@task()
def send_due_invitation_reminders() -> int:
    """The periodic sweep (mentora.core.periodic): sends any reminder whose scheduled task did not
    run, e.g. because the worker was down at the time. Idempotent."""
    from .services import invitation_send_due_reminders

    return invitation_send_due_reminders()


@task()
def notify_expiring_invitations() -> int:
    """Hourly (mentora.core.periodic): tells inviters of invitations expiring unaccepted in two
    days. Idempotent."""
    from .services import invitations_notify_expiring

    return invitations_notify_expiring()


@task()
def prune_ended_invitations() -> int:
    """Daily (mentora.core.periodic): deletes invitations that ended more than 90 days ago."""
    from .services import invitations_prune_ended

    return invitations_prune_ended()
