import pytest
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentora.customers.access import actor_for
from mentora.observations.models import Observation
from mentora.testing.factories_activities import (
    ApplicationAttendeeFactory,
    ApplicationFactory,
    MentorAssignmentFactory,
)
from mentora.testing.factories_followups import ObservationFactory
from mentora.testing.factories_schedule import EventFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def app(cast):  # type: ignore[no-untyped-def]
    application = ApplicationFactory(customer=cast.north)
    MentorAssignmentFactory(
        application=application, membership=cast.membership(cast.north_mentor, cast.north)
    )
    return application


def create_url(app) -> str:  # type: ignore[no-untyped-def]
    return reverse("observation_create", args=[app.pk])


def test_mentor_adds_an_observation_with_htmx(client, cast, app):
    mentee = ApplicationAttendeeFactory(application=app, attendee__first_name="Alva").attendee
    client.force_login(cast.north_mentor)
    response = client.post(
        create_url(app), {"body": "Good progress", "attendee": mentee.pk, "event": ""}, **HTMX
    )
    assert response.status_code == 200
    html = response.content.decode()
    observation = Observation.objects.get()
    assert observation.attendee == mentee
    assert f'hx-swap-oob="afterbegin:#observation-list-{app.pk}"' in html
    assert "Your observation was saved." in html
    assert "About Alva" in html


def test_plain_post_redirects_to_a_safe_next(client, cast, app):
    client.force_login(cast.north_mentor)
    response = client.post(create_url(app), {"body": "Noted", "next": "/followups/"})
    assert response.status_code == 302 and response["Location"] == "/followups/"
    response = client.post(create_url(app), {"body": "Noted", "next": "https://evil.example.com/"})
    assert response["Location"] == reverse("observation_list", args=[app.pk])


@pytest.mark.parametrize("headers", [HTMX, {}])
def test_error_keeps_the_text(client, cast, app, headers):
    other_event = EventFactory()
    client.force_login(cast.north_mentor)
    response = client.post(create_url(app), {"body": "Keep this text", "event": other_event.pk}, **headers)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Keep this text</textarea>" in html
    assert "Choose one of this application&#x27;s events." in html
    assert not Observation.objects.exists()


def test_empty_observation_error_is_tied_to_the_field(client, cast, app):
    client.force_login(cast.north_mentor)
    html = client.post(create_url(app), {"body": ""}, **HTMX).content.decode()
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_body_error"' in html
    assert "Write the observation before saving it." in html


@pytest.mark.parametrize(
    ("user_name", "status"),
    [("north_admin", 403), ("system_admin", 403), ("south_admin", 404), ("north_mentor_unassigned", 404)],
)
def test_add_is_403_for_readers_and_404_for_others(client, cast, app, user_name, status):
    client.force_login(getattr(cast, user_name))
    assert client.post(create_url(app), {"body": "Hello"}).status_code == status
    assert client.get(create_url(app)).status_code == status
    assert not Observation.objects.exists()


def test_list_page_for_readers_and_404_for_others(client, cast, app):
    ObservationFactory(application=app, author=cast.north_mentor, body="Visible note")
    url = reverse("observation_list", args=[app.pk])
    for user in (cast.north_mentor, cast.north_admin, cast.system_admin):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        assert "Visible note" in response.content.decode()
    client.force_login(cast.north_admin)
    assert "Save observation" not in client.get(url).content.decode()
    for user in (cast.south_admin, cast.north_mentor_unassigned, cast.north_mentor_inactive):
        client.force_login(user)
        assert client.get(url).status_code == 404


def _render_section(user, app) -> tuple[str, int]:  # type: ignore[no-untyped-def]
    request = RequestFactory().get("/somewhere/")
    request.user = user
    request.actor = actor_for(user)
    request.actor.memberships  # noqa: B018 - load before counting
    template = Template('{% include "observations/_application_section.html" %}')
    with CaptureQueriesContext(connection) as queries:
        html = template.render(Context({"application": app, "request": request}))
    return html, len(queries)


def test_section_shows_form_only_to_mentors_and_queries_do_not_grow(cast, app):
    ObservationFactory(application=app, author=cast.north_mentor, body="First note")
    html, _ = _render_section(cast.north_mentor, app)
    assert "First note" in html and "Save observation" in html
    html, few = _render_section(cast.north_admin, app)
    assert "First note" in html and "Save observation" not in html
    for index in range(30):
        ObservationFactory(application=app, author=cast.north_mentor, body=f"Note {index}")
    html, many = _render_section(cast.north_admin, app)
    assert "All 31 observations" in html
    assert many <= few + 1  # + the count once there are more than shown
