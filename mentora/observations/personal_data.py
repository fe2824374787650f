"""Observations the person wrote: in their export. They stay after erasure, attributed to the
anonymised account ("Deleted user")."""

from mentora.accounts.models import User

from .models import Observation


def export(user: User) -> dict[str, object]:
    observations = (
        Observation.objects.filter(author=user).select_related("application", "event").order_by("created_at")
    )
    return {
        "observations": [
            {
                "application": observation.application.number,
                "event": observation.event.title if observation.event else None,
                "observation": observation.body,
                "written": observation.created_at.isoformat(),
            }
            for observation in observations
        ]
    }
