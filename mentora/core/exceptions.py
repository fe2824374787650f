"""The domain's exceptions. Services and access functions raise these; Django's own handlers turn
NotFound and PermissionDenied into the 404 and 403 pages (they subclass Django's), and the API maps
all four to JSON in one place."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404


class MentoraError(Exception):
    """Base of every domain error. `message` is shown to the user, so it is translated."""

    def __init__(self, message: str = "") -> None:
        super().__init__(message)
        self.message = message


class NotFound(MentoraError, Http404):
    """Missing, or not visible to the actor: the two are deliberately indistinguishable."""


class PermissionDenied(MentoraError, DjangoPermissionDenied):
    """Visible to the actor, but the action is not theirs to take."""


class Conflict(MentoraError):
    """The action clashes with the current state (already accepted, already a mentor, ...)."""


class InvalidInput(MentoraError):
    """The input breaks a rule the form could not check by itself."""
