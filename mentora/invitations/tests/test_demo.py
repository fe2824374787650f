import pytest

from mentora.demo.seed import seed_invitations, seed_people
from mentora.invitations.models import EXPIRED, Invitation, InvitationStatus

pytestmark = pytest.mark.django_db


def test_demo_invitations_cover_pending_expired_and_accepted_and_are_idempotent(
    mailoutbox, django_capture_on_commit_callbacks
):
    seed_people()
    with django_capture_on_commit_callbacks(execute=True):
        seed_invitations()
    statuses = {invitation.email: invitation.display_status for invitation in Invitation.objects.all()}
    assert statuses["new.mentor@example.com"] == InvitationStatus.PENDING
    assert statuses["sent.earlier@example.com"] == EXPIRED
    assert statuses["mentor@example.com"] == InvitationStatus.ACCEPTED
    # The pending ones were really e-mailed, with a working link.
    assert "new.mentor@example.com" in [message.to[0] for message in mailoutbox]
    assert "/invitations/accept/" in mailoutbox[0].body

    count = Invitation.objects.count()
    seed_invitations()
    assert Invitation.objects.count() == count
