import pytest
from django.core import mail, signing

from mentora.audit.models import AuditEvent
from mentora.notifications.kinds import LEGACY_CATEGORY_KINDS, EmailChoice, Kind
from mentora.notifications.selectors import setting_of, settings_for
from mentora.notifications.unsubscribe import unsubscribe_url

pytestmark = pytest.mark.django_db


def path_of(url: str) -> str:
    return url.removeprefix("http://testserver")


def email_of(user, kind):
    return setting_of(user, kind)[0]


def test_a_get_only_asks_and_a_one_click_post_turns_the_kind_off(client, cast):
    url = path_of(unsubscribe_url(user=cast.north_mentor, kind=Kind.OBSERVATION))
    page = client.get(url)
    assert page.status_code == 200
    assert cast.north_mentor.email in page.content.decode()
    assert "Observations on applications you oversee" in page.content.decode()
    assert email_of(cast.north_mentor, Kind.OBSERVATION) != EmailChoice.OFF  # mail scanners open links

    # RFC 8058: the mail client POSTs this body, with no cookie and no CSRF token.
    client.handler.enforce_csrf_checks = True
    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert email_of(cast.north_mentor, Kind.OBSERVATION) == EmailChoice.OFF
    assert setting_of(cast.north_mentor, Kind.OBSERVATION)[1] is True  # in-app stays
    assert email_of(cast.north_mentor, Kind.ASSIGNED) != EmailChoice.OFF  # only that kind
    assert (
        AuditEvent.objects.filter(action="user.notification_preferences", actor=cast.north_mentor).count()
        == 1
    )
    assert client.post(url, {"List-Unsubscribe": "One-Click"}).status_code == 200  # twice is harmless
    assert AuditEvent.objects.filter(action="user.notification_preferences").count() == 1


def test_the_button_lands_on_the_preferences_page(client, cast):
    url = path_of(unsubscribe_url(user=cast.north_mentor, kind=Kind.ASSIGNED))
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == "/notifications/preferences/"
    assert email_of(cast.north_mentor, Kind.ASSIGNED) == EmailChoice.OFF
    client.force_login(cast.north_mentor)
    page = client.get("/notifications/preferences/").content.decode()
    assert "no longer e-mails north.mentor@example.com" in page


@pytest.mark.parametrize("category", list(LEGACY_CATEGORY_KINDS))
def test_an_old_category_link_turns_off_each_of_its_kinds(client, cast, category):
    token = signing.dumps([cast.north_mentor.pk, category], salt="mentora.notifications.unsubscribe")
    assert (
        client.post(f"/notifications/unsubscribe/{token}/", {"List-Unsubscribe": "One-Click"}).status_code
        == 200
    )
    choices = settings_for(cast.north_mentor)
    off = {kind for kind, (email, _in_app) in choices.items() if email == EmailChoice.OFF}
    assert off == set(LEGACY_CATEGORY_KINDS[category])


@pytest.mark.parametrize(
    "token",
    [
        "nonsense",
        "1:abc:def",
        "W1swLCJYIl0:bad",
        signing.dumps([1, "NOT_A_KIND"], salt="mentora.notifications.unsubscribe"),
        signing.dumps(["1", "ASSIGNED"], salt="mentora.notifications.unsubscribe"),
        signing.dumps([1, 2], salt="mentora.notifications.unsubscribe"),
        signing.dumps({"a": 1}, salt="mentora.notifications.unsubscribe"),
    ],
)
def test_a_tampered_link_answers_like_a_missing_page(client, cast, token):
    assert client.get(f"/notifications/unsubscribe/{token}/").status_code == 404
    assert client.post(f"/notifications/unsubscribe/{token}/").status_code == 404


def test_a_link_for_a_deactivated_account_answers_404(client, cast):
    url = path_of(unsubscribe_url(user=cast.north_mentor, kind=Kind.OBSERVATION))
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
    client.post(path_of(header.strip("<>")), {"List-Unsubscribe": "One-Click"})
    assert email_of(cast.north_mentor_unassigned, Kind.ASSIGNED) == EmailChoice.OFF
    assert email_of(cast.north_mentor_unassigned, Kind.UNASSIGNED) != EmailChoice.OFF
