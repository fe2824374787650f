"""Mentor assignments and learner records: ended and anonymised when the account is erased."""

from mentora.accounts.models import User
from mentora.core.personal_data import Identity

from .models import Attendee, MentorAssignment
from .services import mentor_assignment_delete


def erase(user: User, identity: Identity) -> None:
    """The person's assignments end through the normal unassignment (audited, no e-mail). A
    learner record linked to the account keeps its attendance but loses the name and address."""
    assignments = MentorAssignment.objects.filter(membership__user=user).select_related(
        "application__customer", "membership__user"
    )
    for assignment in assignments:
        mentor_assignment_delete(
            actor_user=None, application=assignment.application, membership=assignment.membership
        )
    Attendee.objects.filter(user=user).update(first_name="Deleted", last_name="user", email="", user=None)
