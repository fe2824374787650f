"""The one safe-redirect helper: same-site paths only, anything else falls back to the default;
and the writes that take a `next` never answer 500 after the write has happened."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from mentora.core.redirects import next_url, same_site_path
from mentora.invitations.models import InvitationStatus
from mentora.observations.models import Observation
from mentora.testing.routes import build_scene

FOLLOWED = ["/", "/customers/1/mentors/?status=ACTIVE&page=2", "/a/b/#part", "/%E2%9C%93/"]
REFUSED = [
    "",
    "foo",  # Django's redirect() reverses a bare word as a view name: a 500 after the write
    "invitation_list",  # ... or, worse, a real view name
    "https://evil.example/",
    "//evil.example/",
    "/\\evil.example/",
    "\\\\evil.example",
    "javascript:alert(1)",
    "http://testserver/",  # a full URL, even our own: paths only
    "/ok\r\nSet-Cookie: x=1",  # a header cannot hold a line break
    "/\x1b[31m",
    "/" + "a" * 5000,
    " /leading-space",
]


@pytest.mark.parametrize("url", FOLLOWED)
def test_a_path_on_this_site_is_followed(url: str):
    request = RequestFactory().get("/", {"next": url})
    assert same_site_path(request, url) == url
    assert next_url(request, default="/home/") == url


@pytest.mark.parametrize("url", REFUSED)
def test_anything_else_falls_back_to_the_default(url: str):
    request = RequestFactory().post("/", {"next": url})
    assert same_site_path(request, url) == ""
    assert next_url(request, default="/home/") == "/home/"


def test_the_form_wins_over_the_query():
    request = RequestFactory().post("/?next=/from-query/", {"next": "/from-form/"})
    assert next_url(request, default="/home/") == "/from-form/"


@pytest.mark.parametrize("target", ["foo", "https://evil.example/", "/ok\nX: y"])
def test_cancelling_an_invitation_with_a_bad_next_lands_on_the_list(cast, client, target: str):
    scene = build_scene(cast)
    client.force_login(cast.north_admin)
    response = client.post(reverse("invitation_cancel", args=[scene.invitation.pk]), {"next": target})
    assert response.status_code == 302
    assert response["Location"] == reverse("invitation_list", args=[cast.north.pk])
    scene.invitation.refresh_from_db()
    assert scene.invitation.status == InvitationStatus.CANCELED


def test_cancelling_an_invitation_follows_a_good_next(cast, client):
    scene = build_scene(cast)
    client.force_login(cast.north_admin)
    target = reverse("invitation_list_all") + "?status=PENDING"
    response = client.post(reverse("invitation_cancel", args=[scene.invitation.pk]), {"next": target})
    assert response["Location"] == target


@pytest.mark.parametrize("target", ["foo", "//evil.example/x"])
def test_saving_an_observation_with_a_bad_next_lands_on_the_list(cast, client, target: str):
    scene = build_scene(cast)
    client.force_login(cast.north_mentor)
    application = scene.world.on_request
    before = Observation.objects.count()
    response = client.post(
        reverse("observation_create", args=[application.pk]), {"body": "Doing well.", "next": target}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("observation_list", args=[application.pk])
    assert Observation.objects.count() == before + 1


def test_editing_a_membership_with_a_bad_next_lands_on_the_mentors_list(cast, client):
    scene = build_scene(cast)
    client.force_login(cast.north_admin)
    url = reverse("membership_edit", args=[cast.north.pk, scene.north_mentor_membership.pk])
    response = client.post(url, {"status": "INACTIVE", "next": "foo"})
    assert response.status_code == 302
    assert response["Location"] == reverse("mentors_list", args=[cast.north.pk])


def test_switching_language_with_a_bad_next_goes_home(client, db):
    response = client.post(reverse("language_switch"), {"language": "sv", "next": "foo"})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
