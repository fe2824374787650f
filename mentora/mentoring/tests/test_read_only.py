"""A mentor changes nothing by URL: every change URL of the staff and customer-admin pages
answers 403 for an application or event the mentor can see, and 404 for one they cannot."""

import pytest
from django.urls import reverse

from mentora.applications.models import ApplicationStatus

pytestmark = pytest.mark.django_db


def change_urls(scene) -> list[tuple[str, dict]]:  # type: ignore[no-untyped-def]
    app = scene.on_request
    participation = app.participants.first()
    return [
        (reverse("mentor_application_detail", args=[app.pk]), {}),
        (reverse("application_edit", args=[app.pk]), {"title": "Changed"}),
        (reverse("application_status", args=[app.pk]), {"to": ApplicationStatus.STOPPED}),
        (reverse("application_attendee_add", args=[app.pk]), {"first_name": "X", "last_name": "Y"}),
        (reverse("application_attendee_remove", args=[app.pk, participation.pk]), {}),
        (reverse("application_mentor_assign", args=[app.pk]), {}),
        (reverse("event_edit", args=[scene.future_event.pk]), {"title": "Changed"}),
        (reverse("event_cancel", args=[scene.future_event.pk]), {"reason": "No"}),
        (reverse("calendar_event", args=[scene.future_event.pk]), {}),
        (reverse("mentor_attendance_session", args=[scene.past_session.pk]), {}),
    ]


def test_a_mentor_gets_403_for_changes_to_what_they_see(client, scene):
    client.force_login(scene.cast.north_mentor)
    for url, data in change_urls(scene):
        assert client.post(url, data).status_code == 403, url
    scene.on_request.refresh_from_db()
    scene.future_event.refresh_from_db()
    assert scene.on_request.status == ApplicationStatus.ACCEPTED
    assert scene.future_event.title == "Coaching 2"


def test_a_mentor_gets_404_for_changes_to_what_they_do_not_see(client, scene):
    client.force_login(scene.cast.south_mentor)
    for url, data in change_urls(scene):
        assert client.post(url, data).status_code == 404, url
