import pytest
import time_machine
from django.utils import timezone

from mentora.audit.apps import AuditConfig
from mentora.audit.models import AuditEvent
from mentora.audit.services import audit_prune, audit_record

pytestmark = pytest.mark.django_db


def test_audit_events_are_kept_for_the_configured_period(settings):
    assert settings.AUDIT_RETENTION_DAYS == 5 * 365
    old = audit_record(actor=None, action="customer.update")
    with time_machine.travel(timezone.now() + timezone.timedelta(days=100)):
        recent = audit_record(actor=None, action="customer.update")
    with time_machine.travel(timezone.now() + timezone.timedelta(days=5 * 365 + 1)):
        assert audit_prune() == 1
        assert audit_prune() == 0
    assert list(AuditEvent.objects.all()) == [recent]
    assert not AuditEvent.objects.filter(pk=old.pk).exists()


def test_a_shorter_period_can_be_configured(settings):
    settings.AUDIT_RETENTION_DAYS = 30
    audit_record(actor=None, action="customer.update")
    with time_machine.travel(timezone.now() + timezone.timedelta(days=31)):
        assert audit_prune() == 1


def test_the_prune_job_is_declared_for_the_scheduler():
    [job] = AuditConfig.periodic_tasks
    assert (job.path, job.interval) == ("mentora.audit.tasks.prune_audit_events", 86400)
