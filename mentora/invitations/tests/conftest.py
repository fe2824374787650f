import pytest

from mentora.customers.access import actor_for
from mentora.invitations.services import InvitationSent, invitation_create


@pytest.fixture
def invite(cast, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    """invite(email, **options) → InvitationSent: north_admin invites `email` to north, with the
    on-commit callbacks (e-mail, reminder) run."""

    def make(email: str = "new.person@example.com", *, by=None, customer=None, **options) -> InvitationSent:  # type: ignore[no-untyped-def]
        with django_capture_on_commit_callbacks(execute=True):
            return invitation_create(
                actor=actor_for(by or cast.north_admin),
                customer=customer or cast.north,
                email=email,
                **options,
            )

    return make
