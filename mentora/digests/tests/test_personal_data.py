"""The digests a person was sent, in their data export; forgotten when the account is erased."""

import datetime

import pytest

from mentora.core.personal_data import Identity
from mentora.digests import personal_data
from mentora.digests.models import DigestKind, DigestRun

pytestmark = pytest.mark.django_db


def test_export_lists_the_persons_digests_only(cast):
    DigestRun.objects.create(
        user=cast.north_mentor, kind=DigestKind.DAILY, period_start=datetime.date(2026, 12, 8)
    )
    DigestRun.objects.create(
        user=cast.south_mentor, kind=DigestKind.WEEKLY, period_start=datetime.date(2026, 12, 7)
    )
    assert personal_data.export(cast.north_mentor) == {
        "digests": [{"kind": "DAILY", "period_start": "2026-12-08", "sent": False}]
    }


def test_erasure_forgets_them(cast):
    user = cast.north_mentor
    DigestRun.objects.create(user=user, kind=DigestKind.DAILY, period_start=datetime.date(2026, 12, 8))
    DigestRun.objects.create(
        user=cast.south_mentor, kind=DigestKind.DAILY, period_start=datetime.date(2026, 12, 8)
    )
    identity = Identity(
        user_id=user.pk,
        email=user.email,
        first_name=user.first_name,
        last_name=user.last_name,
        phone=user.phone,
        replacement="erased@example.invalid",
    )
    personal_data.erase(user, identity)
    assert list(DigestRun.objects.values_list("user_id", flat=True)) == [cast.south_mentor.pk]
