"""The digests a person was sent, in their export; forgotten when the account is erased."""

from mentora.accounts.models import User
from mentora.core.personal_data import Identity

from .models import DigestRun


def export(user: User) -> dict[str, object]:
    runs = DigestRun.objects.filter(user=user).order_by("period_start", "kind")
    return {
        "digests": [
            {
                "kind": run.kind,
                "period_start": run.period_start.isoformat(),
                "sent": run.message_id is not None,
            }
            for run in runs
        ]
    }


def erase(user: User, identity: Identity) -> None:
    DigestRun.objects.filter(user=user).delete()
