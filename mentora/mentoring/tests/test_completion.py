"""Completion in the mentor's workspace, read-only: the application page, the Courses and
Attendees tabs, the dashboard's "completed this week" and the export's completion column. Only
the mentor's mentees, never another learner of the same course instance."""

import csv
import datetime
import io

import pytest
import time_machine
from django.urls import reverse

from mentora.applications.models import ApplicationAttendee
from mentora.completion.models import CompletionStatus
from mentora.completion.services import completion_set
from mentora.customers.access import actor_for

pytestmark = pytest.mark.django_db
C = CompletionStatus


def set_status(cast, scene, attendee, status, on=None):  # type: ignore[no-untyped-def]
    participation = ApplicationAttendee.objects.get(
        attendee=attendee, application__course_instance=scene.instance
    )
    completion_set(actor=actor_for(cast.system_admin), participations=[participation], status=status, on=on)


def test_the_mentors_application_page_shows_completion_read_only(client, cast, scene):
    set_status(cast, scene, scene.course_mentee, C.COMPLETED)
    client.force_login(cast.north_mentor)
    body = client.get(reverse("mentor_application_detail", args=[scene.course_app.pk])).content.decode()
    assert ">Completion<" in body and "Completed" in body
    assert reverse("learner_detail", args=[scene.course_mentee.pk]) in body
    assert reverse("completion_instance", args=[scene.instance.pk]) not in body  # nothing to set


def test_the_courses_and_attendees_tabs(client, cast, scene):
    set_status(cast, scene, scene.course_mentee, C.COMPLETED)
    set_status(cast, scene, scene.south_learner, C.COMPLETED)  # south's learner, same instance
    client.force_login(cast.north_mentor)
    courses = client.get(reverse("mentor_attendance_courses")).content.decode()
    assert "1 of 1" in courses
    attendees = client.get(reverse("mentor_attendance_attendees")).content.decode()
    assert "Completed" in attendees and "Sune" not in attendees
    assert reverse("learner_detail", args=[scene.course_mentee.pk]) in attendees


def test_the_dashboard_lists_who_completed_this_week(client, cast, scene):
    with time_machine.travel(
        datetime.datetime(2026, 3, 12, 9, tzinfo=datetime.UTC), tick=False
    ):  # a Thursday
        set_status(cast, scene, scene.course_mentee, C.COMPLETED, on=datetime.date(2026, 3, 9))
        set_status(cast, scene, scene.south_learner, C.COMPLETED)
        client.force_login(cast.north_mentor)
        body = client.get(reverse("home")).content.decode()
        assert "Completed this week" in body
        assert reverse("learner_detail", args=[scene.course_mentee.pk]) in body and "Sune" not in body
    with time_machine.travel(datetime.datetime(2026, 3, 17, 9, tzinfo=datetime.UTC), tick=False):  # next week
        body = client.get(reverse("home")).content.decode()
        assert "None of your mentees has completed a course since Monday." in body


def test_the_export_has_the_completion_column(client, cast, scene):
    set_status(cast, scene, scene.course_mentee, C.WITHDRAWN)
    client.force_login(cast.north_mentor)
    response = client.get(reverse("mentor_attendance_export", args=["csv"]))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][-1] == "Completion"
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["Cleo Course"][-1] == "Withdrawn"
    assert by_name["Mona Mentee"][-1] == ""
