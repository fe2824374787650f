import re

import pytest
from django.core import mail
from django.urls import reverse

from mentora.testing.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def test_sign_in_with_email_and_password(client, cast):
    response = client.post(LOGIN, {"login": "North.Mentor@Example.com", "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("home")
    home = client.get(reverse("home"))
    assert home.context["user"] == cast.north_mentor
    assert "North Org" in home.content.decode()


def test_wrong_password_is_refused_with_a_message(client, cast):
    response = client.post(LOGIN, {"login": cast.north_mentor.email, "password": "wrong-password"})
    assert response.status_code == 200
    assert not response.wsgi_request.user.is_authenticated
    assert "not correct" in response.content.decode()


def test_inactive_user_cannot_sign_in(client, cast):
    cast.outsider.is_active = False
    cast.outsider.save()
    client.post(LOGIN, {"login": cast.outsider.email, "password": TEST_PASSWORD})
    assert "_auth_user_id" not in client.session


def test_sign_out_needs_a_post(client, cast):
    client.force_login(cast.north_mentor)
    client.get("/accounts/logout/")
    assert "_auth_user_id" in client.session
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_wrong_passwords_are_rate_limited(client, cast):
    for _ in range(5):
        response = client.post(LOGIN, {"login": cast.north_mentor.email, "password": "wrong-password"})
        assert response.status_code == 200
    response = client.post(LOGIN, {"login": cast.north_mentor.email, "password": TEST_PASSWORD})
    # Even the right password is refused until the window passes: that is the point of the limit.
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Another address from the same client is not locked out by these five.
    client.post(LOGIN, {"login": cast.south_mentor.email, "password": TEST_PASSWORD})
    assert "_auth_user_id" in client.session


def test_there_is_no_public_sign_up(client):
    response = client.get("/accounts/signup/")
    assert response.status_code == 200
    assert "There is no public sign-up" in response.content.decode()
    response = client.post("/accounts/signup/", {"email": "new@example.com", "password1": "a-Long-passw0rd!"})
    from mentora.accounts.models import User

    assert not User.objects.filter(email="new@example.com").exists()


def test_password_reset_email_and_link(client, cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/password/reset/", {"email": cast.north_mentor.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [cast.north_mentor.email]
    link = re.search(r"http://testserver(/accounts/password/reset/key/\S+)", message.body).group(1)

    response = client.get(link, follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else link
    new_password = "Brand-new-secret-2026"
    response = client.post(form_url, {"password1": new_password, "password2": new_password})
    assert response.status_code == 302

    cast.north_mentor.refresh_from_db()
    assert cast.north_mentor.check_password(new_password)
    # The link is single-use.
    assert "This link does not work" in client.get(link, follow=True).content.decode()


def test_password_reset_for_unknown_address_sends_nothing_and_says_the_same(
    client, db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/password/reset/", {"email": "nobody@example.com"})
    assert response.status_code == 302
    assert all("nobody@example.com" not in m.to for m in mail.outbox if "reset" in m.subject.lower())


def test_password_change_validates_the_new_password(client, cast):
    client.force_login(cast.north_mentor)
    response = client.post(
        "/accounts/password/change/",
        {"oldpassword": TEST_PASSWORD, "password1": "12345", "password2": "12345"},
    )
    assert response.status_code == 200
    assert "too short" in response.content.decode()
    cast.north_mentor.refresh_from_db()
    assert cast.north_mentor.check_password(TEST_PASSWORD)


def test_emails_are_unique_whatever_the_case(db):
    from django.db import IntegrityError

    from mentora.accounts.models import User

    User.objects.create_user("Someone@Example.com", "x")
    with pytest.raises(IntegrityError):
        User.objects.create_user("someone@example.COM", "y")


def test_nobody_can_add_or_switch_to_an_unverified_email_address(client, cast):
    # The e-mail is the identity: an invitation or a direct add finds people by it. Claiming an
    # address nobody verified would let one person be added as a mentor in someone else's place.
    from allauth.account.models import EmailAddress

    client.force_login(cast.outsider)
    assert client.get("/accounts/email/").status_code == 404
    add = client.post("/accounts/email/", {"action_add": "", "email": "victim@example.com"})
    assert add.status_code == 404
    client.post("/accounts/email/", {"action_primary": "", "email": "victim@example.com"})
    cast.outsider.refresh_from_db()
    assert cast.outsider.email == "outsider@example.com"
    assert not EmailAddress.objects.filter(email="victim@example.com").exists()


def test_password_reset_email_is_in_the_users_own_language(client, cast, django_capture_on_commit_callbacks):
    # DESIGN §5: the user's language drives e-mails, whatever the requesting browser prefers.
    cast.north_mentor.language = "sv"
    cast.north_mentor.save()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/accounts/password/reset/", {"email": cast.north_mentor.email}, HTTP_ACCEPT_LANGUAGE="en"
        )
    [message] = mail.outbox
    assert message.subject == "Mentora: Välj ett nytt lösenord"
