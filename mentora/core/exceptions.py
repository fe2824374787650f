"""The domain's exceptions. Services and access functions raise these; one mapper
(`mentora.core.errors`) turns each into its answer: NotFound 404, PermissionDenied 403,
Conflict 409, InvalidInput 400, RateLimited 429 with Retry-After, as a page or, for htmx, a
fragment. A view that shows a form hands the service call to `mentora.core.forms.form_attempt`,
which puts a Conflict or InvalidInput on the form instead, so that nothing typed is lost."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404


class MentoraError(Exception):
    """Base of every domain error. `message` is shown to the user, so it is translated; `field`
    names the form field it is about, when there is one."""

    def __init__(self, message: str = "", *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class NotFound(MentoraError, Http404):
    """Missing, or not visible to the actor: the two are deliberately indistinguishable."""


class PermissionDenied(MentoraError, DjangoPermissionDenied):
    """Visible to the actor, but the action is not theirs to take."""


class Conflict(MentoraError):
    """The action clashes with the current state (already accepted, already a mentor, ...)."""


class InvalidInput(MentoraError):
    """The input breaks a rule the form could not check by itself."""


class RateLimited(MentoraError):
    """Too many of something in a while; `retry_after` says in how many seconds to try again."""

    def __init__(self, message: str = "", *, retry_after: int, field: str | None = None) -> None:
        super().__init__(message, field=field)
        self.retry_after = max(1, int(retry_after))
