"""The completion sheets: who opens them, setting several learners at once, bad input kept."""

import pytest
from django.urls import reverse

from mentora.applications.models import ApplicationAttendee, ApplicationStatus
from mentora.completion.models import Completion, CompletionStatus
from mentora.completion.services import completion_set
from mentora.customers.access import actor_for
from mentora.testing.factories import UserFactory
from mentora.testing.factories_activities import (
    ApplicationAttendeeFactory,
    ApplicationFactory,
    ServiceFactory,
)

pytestmark = pytest.mark.django_db


def sheet(scene) -> str:  # type: ignore[no-untyped-def]
    return reverse("completion_instance", args=[scene.instance.pk])


@pytest.mark.parametrize("who", ["professional", "system_admin"])
def test_staff_open_the_instance_sheet_with_every_learner(client, cast, scene, who):
    client.force_login(getattr(cast, who))
    response = client.get(sheet(scene))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Cleo Course" in body and "Sune Southlearner" in body
    assert reverse("learner_detail", args=[scene.course_mentee.pk]) in body


@pytest.mark.parametrize("who", ["north_admin", "north_mentor", "outsider"])
def test_customer_people_get_403(client, cast, scene, who):
    client.force_login(getattr(cast, who))
    assert client.get(sheet(scene)).status_code == 403
    assert client.post(sheet(scene), {"status": "COMPLETED"}).status_code == 403


def test_another_professionals_instance_and_a_missing_one_are_404(client, cast, scene):
    client.force_login(UserFactory(is_professional=True))
    assert client.get(sheet(scene)).status_code == 404
    client.force_login(cast.system_admin)
    assert client.get(reverse("completion_instance", args=[999999])).status_code == 404


def test_setting_two_learners_at_once(client, cast, scene):
    client.force_login(cast.professional)
    ids = list(
        ApplicationAttendee.objects.filter(application__course_instance=scene.instance).values_list(
            "pk", flat=True
        )
    )
    response = client.post(
        sheet(scene), {"learners": ids, "status": "COMPLETED", "on": "", "comment": "Done"}
    )
    assert response.status_code == 302
    assert Completion.objects.filter(status=CompletionStatus.COMPLETED, comment="Done").count() == 2
    page = client.get(sheet(scene)).content.decode()
    assert "History (1 change)" in page and "Not started → Completed" in page


def test_bad_input_answers_with_the_form_and_keeps_it(client, cast, scene):
    client.force_login(cast.professional)
    learner = ApplicationAttendee.objects.get(attendee=scene.course_mentee)
    cases = [
        ({"status": "COMPLETED"}, "Tick at least one learner"),
        ({"learners": ["abc"], "status": "COMPLETED"}, "out of date"),
        ({"learners": [learner.pk], "status": "NOPE"}, "Select a valid choice"),
        ({"learners": [learner.pk], "status": "COMPLETED", "on": "2199-01-01"}, "cannot be in the future"),
        (
            {"learners": [learner.pk], "status": "COMPLETED", "on": "2999-01-01"},
            "between the years 1900 and 2200",
        ),
        ({"learners": [learner.pk], "status": "COMPLETED", "on": "not a date"}, "Enter a valid date"),
    ]
    for data, message in cases:
        response = client.post(sheet(scene), {"comment": "Kept text", **data})
        assert response.status_code == 200, data
        body = response.content.decode()
        assert message in body and "Kept text" in body, data
    assert not Completion.objects.exists()


def test_the_on_request_sheet_when_the_service_tracks_completion(client, cast, scene):
    application = ApplicationFactory(
        customer=cast.north,
        service=ServiceFactory(tracks_completion=True),
        status=ApplicationStatus.ACCEPTED,
        professional=cast.professional,
    )
    learner = ApplicationAttendeeFactory(application=application)
    url = reverse("completion_application", args=[application.pk])
    client.force_login(cast.professional)
    assert client.get(url).status_code == 200
    client.post(url, {"learners": [learner.pk], "status": "ONGOING"})
    assert Completion.objects.get(participation=learner).status == CompletionStatus.ONGOING
    client.force_login(cast.north_admin)  # sees the application, may not set completion
    assert client.get(url).status_code == 403
    client.force_login(cast.south_admin)
    assert client.get(url).status_code == 404
    client.force_login(cast.system_admin)  # a service that does not track completion has no sheet
    assert client.get(reverse("completion_application", args=[scene.on_request.pk])).status_code == 404


def test_the_application_page_shows_completion_and_offers_the_sheet_only_to_staff(client, cast, scene):
    learner = ApplicationAttendee.objects.get(attendee=scene.course_mentee)
    completion_set(
        actor=actor_for(cast.professional), participations=[learner], status=CompletionStatus.WITHDRAWN
    )
    url = reverse("application_detail", args=[scene.course_app.pk])
    client.force_login(cast.north_admin)
    body = client.get(url).content.decode()
    assert "Withdrawn" in body and sheet(scene) not in body
    assert reverse("learner_detail", args=[scene.course_mentee.pk]) in body
    client.force_login(cast.professional)
    assert sheet(scene) in client.get(url).content.decode()
    client.force_login(cast.north_admin)  # an on-request application that does not track completion
    assert (
        ">Completion<"
        not in client.get(reverse("application_detail", args=[scene.on_request.pk])).content.decode()
    )


def test_the_professionals_workspace_links_their_completion_sheets(client, cast, scene):
    client.force_login(cast.professional)
    body = client.get(reverse("my_events")).content.decode()
    assert sheet(scene) in body
    client.force_login(UserFactory(is_professional=True))
    assert sheet(scene) not in client.get(reverse("my_events")).content.decode()
