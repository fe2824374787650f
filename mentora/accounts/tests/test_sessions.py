import re

import pytest
from allauth.usersessions.models import UserSession
from django.core import mail
from django.test import Client
from django.urls import reverse

from mentora.testing.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db

FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"
SAFARI = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"


def signed_in(user, *, agent: str, address: str) -> Client:  # type: ignore[no-untyped-def]
    client = Client(HTTP_USER_AGENT=agent, REMOTE_ADDR=address)
    response = client.post("/accounts/login/", {"login": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 302
    return client


def test_the_list_shows_each_session_with_device_address_and_last_seen(cast):
    laptop = signed_in(cast.north_mentor, agent=FIREFOX, address="198.51.100.1")
    signed_in(cast.north_mentor, agent=SAFARI, address="198.51.100.2")
    signed_in(cast.south_mentor, agent=FIREFOX, address="198.51.100.3")
    page = laptop.get(reverse("usersessions_list")).content.decode()
    assert "Firefox on Windows" in page and "Safari on iOS" in page
    assert "198.51.100.1" in page and "198.51.100.2" in page
    assert "198.51.100.3" not in page  # someone else's
    assert page.count("This session") == 1
    assert "Last seen" in page


def test_sign_out_of_every_other_session(cast):
    laptop = signed_in(cast.north_mentor, agent=FIREFOX, address="198.51.100.1")
    phone = signed_in(cast.north_mentor, agent=SAFARI, address="198.51.100.2")
    other_person = signed_in(cast.south_mentor, agent=FIREFOX, address="198.51.100.3")
    response = laptop.post(reverse("usersessions_list"))
    assert response.status_code == 302
    assert "_auth_user_id" in laptop.session
    assert phone.get(reverse("profile")).status_code == 302  # back to the sign-in page
    assert other_person.get(reverse("profile")).status_code == 200
    assert UserSession.objects.filter(user=cast.north_mentor).count() == 1


def test_a_password_change_signs_out_the_other_sessions(cast):
    laptop = signed_in(cast.north_mentor, agent=FIREFOX, address="198.51.100.1")
    phone = signed_in(cast.north_mentor, agent=SAFARI, address="198.51.100.2")
    new = "a-much-Longer-passw0rd"
    response = laptop.post(
        reverse("account_change_password"), {"oldpassword": TEST_PASSWORD, "password1": new, "password2": new}
    )
    assert response.status_code == 302
    assert laptop.get(reverse("profile")).status_code == 200
    assert phone.get(reverse("profile")).status_code == 302
    assert [s.ip for s in UserSession.objects.filter(user=cast.north_mentor)] == ["198.51.100.1"]


def test_a_password_reset_signs_out_every_session(cast, django_capture_on_commit_callbacks):
    laptop = signed_in(cast.north_mentor, agent=FIREFOX, address="198.51.100.1")
    anonymous = Client()
    with django_capture_on_commit_callbacks(execute=True):
        anonymous.post("/accounts/password/reset/", {"email": cast.north_mentor.email})
    link = re.search(r"http://testserver(/accounts/password/reset/key/\S+)", mail.outbox[-1].body).group(1)
    response = anonymous.get(link, follow=True)
    form_url = response.redirect_chain[-1][0]
    new = "a-much-Longer-passw0rd"
    anonymous.post(form_url, {"password1": new, "password2": new})
    assert laptop.get(reverse("profile")).status_code == 302
    assert not UserSession.objects.filter(user=cast.north_mentor).exists()
