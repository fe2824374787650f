"""The retention and erasure jobs are in the scheduler's registry (each app's AppConfig), and a
scheduler tick that runs them prunes what the README's retention table says it prunes."""

import pytest
import time_machine
from django.utils import timezone

from mentora.accounts.models import User
from mentora.audit.models import AuditEvent
from mentora.audit.services import audit_record
from mentora.core.periodic import registered_periodic_tasks, run_due
from mentora.customers.access import actor_for
from mentora.invitations.models import Invitation
from mentora.invitations.services import invitation_cancel, invitation_create
from mentora.mail.models import Message
from mentora.privacy.models import DataExport, ErasureRequest, ErasureState, ExportState
from mentora.privacy.services import data_export_request, erasure_request_create
from mentora.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

DAY = 24 * 60 * 60
RETENTION_JOBS = {
    "mentora.invitations.tasks.prune_ended_invitations": DAY,
    "mentora.audit.tasks.prune_audit_events": DAY,
    "mentora.mail.tasks.prune_messages": DAY,
    "mentora.privacy.tasks.expire_data_exports": 60 * 60,
    "mentora.privacy.tasks.erase_due_accounts": DAY,
}


def test_the_registry_holds_every_retention_and_erasure_job():
    registered = {job.path: job.interval for job in registered_periodic_tasks()}
    assert {path: registered.get(path) for path in RETENTION_JOBS} == RETENTION_JOBS


def test_a_scheduler_tick_runs_them_and_they_prune(cast, settings, django_capture_on_commit_callbacks):
    settings.AUDIT_RETENTION_DAYS = 60
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invitation_create(
            actor=actor_for(cast.north_admin), customer=cast.north, email="gone@example.com"
        ).invitation
        invitation_cancel(actor=actor_for(cast.north_admin), invitation=invitation)
        old_event = audit_record(actor=None, action="customer.update", customer=cast.north)
        data_export_request(user=cast.north_mentor)
        leaving = UserFactory(email="leaving@example.com")
        erasure_request_create(user=leaving)
    assert DataExport.objects.get().state == ExportState.READY
    assert Message.objects.filter(recipient="gone@example.com").exists()

    jobs = [job for job in registered_periodic_tasks() if job.path in RETENTION_JOBS]
    with (
        time_machine.travel(timezone.now() + timezone.timedelta(days=91), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert sorted(run_due(tasks=jobs)) == sorted(RETENTION_JOBS)
        # Once per window: a second tick enqueues nothing.
        assert run_due(tasks=jobs) == []

    assert not Invitation.objects.filter(pk=invitation.pk).exists()
    assert not AuditEvent.objects.filter(pk=old_event.pk).exists()
    assert not Message.objects.filter(recipient="gone@example.com").exists()
    export = DataExport.objects.get()
    assert (export.state, export.content) == (ExportState.EXPIRED, None)
    assert ErasureRequest.objects.get(user=leaving).state == ErasureState.DONE
    assert User.objects.get(pk=leaving.pk).erased_at is not None
