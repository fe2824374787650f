"""Comments the person wrote: in their export. They stay after erasure, attributed to the
anonymised account ("Deleted user"); only the person's read markers go."""

from mentora.accounts.models import User
from mentora.core.personal_data import Identity

from .models import Comment, FollowUpSeen


def export(user: User) -> dict[str, object]:
    comments = (
        Comment.objects.filter(author=user).select_related("followup__application").order_by("created_at")
    )
    return {
        "comments": [
            {
                "follow_up": comment.followup.topic,
                "application": comment.followup.application.number,
                "comment": comment.body,
                "written": comment.created_at.isoformat(),
                "edited": comment.edited_at.isoformat() if comment.edited_at else None,
            }
            for comment in comments
        ]
    }


def erase(user: User, identity: Identity) -> None:
    FollowUpSeen.objects.filter(user=user).delete()
