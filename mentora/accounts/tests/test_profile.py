import pytest

from mentora.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_profile_requires_sign_in(client):
    response = client.get("/accounts/profile/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_profile_update_changes_language_and_is_audited(client, cast):
    client.force_login(cast.north_mentor)
    response = client.post(
        "/accounts/profile/",
        {
            "first_name": "Maria",
            "last_name": "Mentorsson",
            "phone": "",
            "language": "sv",
            "time_zone": "Europe/Stockholm",
        },
    )
    assert response.status_code == 302
    cast.north_mentor.refresh_from_db()
    assert (cast.north_mentor.last_name, cast.north_mentor.language) == ("Mentorsson", "sv")
    event = AuditEvent.objects.get(action="user.profile_update")
    assert event.before["last_name"] == "Mentor"
    assert event.after["last_name"] == "Mentorsson"
    assert client.get("/accounts/profile/")["Content-Language"] == "sv"


def test_profile_errors_keep_the_input(client, cast):
    client.force_login(cast.north_mentor)
    response = client.post(
        "/accounts/profile/",
        {
            "first_name": "M",
            "last_name": "Mentorsson",
            "phone": "070-123",
            "language": "en",
            "time_zone": "Mars/Olympus",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Mentorsson"' in html
    assert 'value="070-123"' in html
    assert 'aria-invalid="true"' in html
    assert 'id="id_first_name_error"' in html
    assert 'role="alert"' in html
