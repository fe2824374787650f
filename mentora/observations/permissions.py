"""Who may write observations, as a question. Templates ask it to show the form; the service asks
it again and refuses with PermissionDenied."""

from mentora.applications.models import Application
from mentora.customers.access import Actor

from .access import mentor_membership_of


def can_write_observation(actor: Actor, application: Application) -> bool:
    """Only a mentor of the application writes observations on it (staff and admins read them)."""
    return mentor_membership_of(actor, application) is not None
