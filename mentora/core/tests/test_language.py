import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_anonymous_visitor_gets_the_browser_language(client):
    swedish = client.get("/", HTTP_ACCEPT_LANGUAGE="sv-SE,sv;q=0.9,en;q=0.5")
    assert swedish["Content-Language"] == "sv"
    assert '<html lang="sv">' in swedish.content.decode()
    assert "Logga in" in swedish.content.decode()

    english = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert english["Content-Language"] == "en"
    assert "Sign in" in english.content.decode()


def test_unsupported_browser_language_falls_back_to_english(client):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="de-DE")["Content-Language"] == "en"


def test_anonymous_visitor_can_switch_and_it_sticks(client):
    response = client.post(
        "/language/", {"language": "sv", "next": "/accounts/login/"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 302
    assert response.url == "/accounts/login/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "sv"
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en")
    assert page["Content-Language"] == "sv"


def test_switch_refuses_unknown_language_and_foreign_redirects(client):
    assert client.post("/language/", {"language": "de"}).status_code == 400
    response = client.post("/language/", {"language": "sv", "next": "https://evil.example.com/"})
    assert response.url == "/"


def test_signed_in_user_gets_their_own_language_whatever_the_browser(client, cast):
    cast.north_mentor.language = "sv"
    cast.north_mentor.save()
    client.force_login(cast.north_mentor)
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response["Content-Language"] == "sv"
    assert "Logga ut" in response.content.decode()


def test_switching_when_signed_in_is_saved_on_the_account(client, cast):
    client.force_login(cast.north_mentor)
    client.post("/language/", {"language": "sv", "next": "/"})
    cast.north_mentor.refresh_from_db()
    assert cast.north_mentor.language == "sv"
    assert client.get("/")["Content-Language"] == "sv"


def test_language_switch_needs_post(client):
    assert client.get("/language/?language=sv").status_code == 405


def test_error_pages_in_both_languages(client, cast):
    client.force_login(cast.north_mentor)
    english = client.get("/no-such-page/")
    assert english.status_code == 404
    assert "Page not found" in english.content.decode()
    cast.north_mentor.language = "sv"
    cast.north_mentor.save()
    swedish = client.get("/no-such-page/")
    assert swedish.status_code == 404
    assert "Sidan hittades inte" in swedish.content.decode()
