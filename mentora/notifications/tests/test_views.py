import pytest
from django.urls import reverse

from mentora.notifications.kinds import DEFAULT_EMAIL, EmailChoice, Kind
from mentora.notifications.selectors import settings_for

pytestmark = pytest.mark.django_db


def form_data(**overrides: str) -> dict[str, str]:
    data = {f"{kind}-email": DEFAULT_EMAIL[kind].value for kind in Kind}
    data |= {f"{kind}-in_app": "on" for kind in Kind}
    data.update(overrides)
    return {key: value for key, value in data.items() if value}


def test_preferences_page_needs_sign_in(client):
    response = client.get(reverse("notification_preferences"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_preferences_page_lists_every_kind_with_labelled_controls(client, cast):
    client.force_login(cast.north_mentor)
    html = client.get(reverse("notification_preferences")).content.decode()
    for kind in Kind:
        assert f'for="id_{kind}-email"' in html and f'id="id_{kind}-email"' in html
        assert f'for="id_{kind}-in_app"' in html and f'id="id_{kind}-in_app"' in html
        assert str(kind.label) in html
    for choice in EmailChoice:
        assert f'value="{choice}"' in html and str(choice.label) in html
    assert "Follow-ups and observations" in html  # grouped
    assert "password reset" in html.lower()  # said to be always sent, and not a choice
    assert "PASSWORD" not in html


def test_preferences_page_saves(client, cast):
    client.force_login(cast.north_mentor)
    response = client.post(
        reverse("notification_preferences"),
        form_data(**{"OBSERVATION-email": "WEEKLY", "OBSERVATION-in_app": "", "ASSIGNED-email": "OFF"}),
    )
    assert response["Location"] == reverse("notification_preferences")
    choices = settings_for(cast.north_mentor)
    assert choices[Kind.OBSERVATION] == (EmailChoice.WEEKLY, False)
    assert choices[Kind.ASSIGNED] == (EmailChoice.OFF, True)
    assert choices[Kind.ATTENDANCE_ALERT] == (EmailChoice.IMMEDIATE, True)


@pytest.mark.parametrize("bad", ["SOMETIMES", "", "x" * 5000, "IMMEDIATE\x00"])
def test_preferences_page_refuses_what_is_not_a_choice(client, cast, bad):
    client.force_login(cast.north_mentor)
    response = client.post(reverse("notification_preferences"), form_data(**{"ASSIGNED-email": bad}))
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    assert settings_for(cast.north_mentor)[Kind.ASSIGNED] == (EmailChoice.IMMEDIATE, True)


def test_profile_page_links_to_the_preferences(client, cast):
    client.force_login(cast.north_mentor)
    html = client.get(reverse("profile")).content.decode()
    assert reverse("notification_preferences") in html
