import pytest
from django.core import mail

from mentora.audit.models import AuditEvent
from mentora.notifications.models import Category
from mentora.notifications.selectors import wants_email
from mentora.notifications.unsubscribe import unsubscribe_url

pytestmark = pytest.mark.django_db


def path_of(url: str) -> str:
    return url.removeprefix("http://testserver")


def test_a_get_only_asks_and_a_one_click_post_turns_the_category_off(client, cast):
    url = path_of(unsubscribe_url(user=cast.north_mentor, category=Category.OBSERVATIONS))
    page = client.get(url)
    assert page.status_code == 200
    assert cast.north_mentor.email in page.content.decode()
    assert wants_email(cast.north_mentor, Category.OBSERVATIONS)  # mail scanners open links

    # RFC 8058: the mail client POSTs this body, with no cookie and no CSRF token.
    client.handler.enforce_csrf_checks = True
    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not wants_email(cast.north_mentor, Category.OBSERVATIONS)
    assert wants_email(cast.north_mentor, Category.ASSIGNMENTS)  # only that category
    assert (
        AuditEvent.objects.filter(action="user.notification_preferences", actor=cast.north_mentor).count()
        == 1
    )
    assert client.post(url).status_code == 200  # twice is harmless
    assert AuditEvent.objects.filter(action="user.notification_preferences").count() == 1


@pytest.mark.parametrize("token", ["nonsense", "1:abc:def", "W1swLCJYIl0:bad"])
def test_a_tampered_link_answers_like_a_missing_page(client, token):
    assert client.get(f"/notifications/unsubscribe/{token}/").status_code == 404
    assert client.post(f"/notifications/unsubscribe/{token}/").status_code == 404


def test_a_link_for_a_deactivated_account_answers_404(client, cast):
    url = path_of(unsubscribe_url(user=cast.north_mentor, category=Category.OBSERVATIONS))
    cast.north_mentor.is_active = False
    cast.north_mentor.save()
    assert client.get(url).status_code == 404


def test_notifications_carry_a_working_unsubscribe_header(client, cast, django_capture_on_commit_callbacks):
    from mentora.applications.services import mentor_assignment_create
    from mentora.testing.factories_activities import ApplicationFactory

    application = ApplicationFactory(customer=cast.north)
    membership = cast.membership(cast.north_mentor_unassigned, cast.north)
    with django_capture_on_commit_callbacks(execute=True):
        mentor_assignment_create(
            actor_user=cast.north_admin, application=application, membership=membership, notify=True
        )
    [sent] = mail.outbox
    header = sent.message()["List-Unsubscribe"]
    assert header.startswith("<http://testserver/notifications/unsubscribe/")
    client.post(path_of(header.strip("<>")))
    assert not wants_email(cast.north_mentor_unassigned, Category.ASSIGNMENTS)
