"""An attendance export too large for a request: prepared by the task worker (the immediate
backend in tests), e-mailed as a link that only its owner opens, and deleted when it expires."""

import csv
import datetime
import io
import re

import openpyxl
import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mentora.audit.models import AuditEvent
from mentora.mentoring.models import PreparedExport, PreparedExportState
from mentora.mentoring.services import attendance_export_build, attendance_exports_expire
from mentora.testing.world import World

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def small_limit(settings):  # type: ignore[no-untyped-def]
    # The scene's mentor sees three records: anything over two goes to the background.
    settings.ATTENDANCE_EXPORT_MAX_RECORDS_IN_REQUEST = 2


def _link(django_capture_on_commit_callbacks, client, fmt: str) -> tuple[str, object]:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse("mentor_attendance_export", args=[fmt]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mentor_attendance_report"))
    [message] = [m for m in mail.outbox if "export" in m.subject.lower()]
    match = re.search(r"https?://\S+/mentor/attendance/exports/[^/\s]+/", message.body)
    assert match, message.body
    return match.group(0).split("testserver", 1)[1], response


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_large_export_is_prepared_and_mailed_as_a_link(
    client, scene: World, django_capture_on_commit_callbacks, fmt
):
    client.force_login(scene.cast.north_mentor)
    path, response = _link(django_capture_on_commit_callbacks, client, fmt)
    followed = client.get(response["Location"])  # type: ignore[attr-defined]
    assert "more than 2 records, so it is being prepared" in followed.content.decode()
    export = PreparedExport.objects.get(user=scene.cast.north_mentor)
    # The request counted no further than the limit; the worker stores what the file holds.
    assert export.state == PreparedExportState.READY and export.records == 3
    # Only the token's hash is stored.
    token = path.rstrip("/").rsplit("/", 1)[1]
    assert token not in export.token_hash and len(export.token_hash) == 64
    download = client.get(path)
    assert download.status_code == 200
    body = b"".join(download.streaming_content)
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    else:
        rows = [
            list(row) for row in openpyxl.load_workbook(io.BytesIO(body)).active.iter_rows(values_only=True)
        ]
    assert {row[0] for row in rows[1:]} == {"Mona Mentee", "Bo Bystander", "Cleo Course"}
    assert AuditEvent.objects.filter(
        action="attendance.export_download", actor=scene.cast.north_mentor
    ).exists()


def test_the_link_opens_for_its_owner_only(client, scene: World, django_capture_on_commit_callbacks):
    client.force_login(scene.cast.north_mentor)
    path, _ = _link(django_capture_on_commit_callbacks, client, "csv")
    client.force_login(scene.cast.both_mentor)
    assert client.get(path).status_code == 404
    client.logout()
    assert client.get(path).status_code == 302  # to sign in first


def test_the_link_expires_and_the_file_is_deleted(
    client, scene: World, django_capture_on_commit_callbacks, settings
):
    client.force_login(scene.cast.north_mentor)
    path, _ = _link(django_capture_on_commit_callbacks, client, "csv")
    export = PreparedExport.objects.get(user=scene.cast.north_mentor)
    storage = export.file.storage
    name = export.file.name
    assert storage.exists(name)
    later = timezone.now() + datetime.timedelta(hours=settings.ATTENDANCE_EXPORT_LINK_HOURS, minutes=1)
    with time_machine.travel(later):
        assert client.get(path).status_code == 404
        assert attendance_exports_expire() == 1
    export.refresh_from_db()
    assert export.state == PreparedExportState.EXPIRED and export.token_hash is None
    assert not storage.exists(name)


def test_a_second_request_while_one_is_prepared_is_refused(client, scene: World):
    client.force_login(scene.cast.north_mentor)
    PreparedExport.objects.create(
        user=scene.cast.north_mentor,
        file_format="csv",
        first=datetime.date(2026, 1, 1),
        last=datetime.date(2026, 1, 2),
    )
    response = client.get(reverse("mentor_attendance_export", args=["csv"]))
    assert response.status_code == 409
    assert "already being prepared" in response.content.decode()


def test_building_twice_builds_once(scene: World, django_capture_on_commit_callbacks):
    export = PreparedExport.objects.create(
        user=scene.cast.north_mentor,
        file_format="csv",
        first=timezone.localdate() - datetime.timedelta(days=30),
        last=timezone.localdate(),
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert attendance_export_build(export_id=export.pk) is True
        assert attendance_export_build(export_id=export.pk) is False
    assert len([m for m in mail.outbox if "export" in m.subject.lower()]) == 1


def test_a_small_export_still_answers_in_the_request(client, scene: World, settings):
    settings.ATTENDANCE_EXPORT_MAX_RECORDS_IN_REQUEST = 3
    client.force_login(scene.cast.north_mentor)
    response = client.get(reverse("mentor_attendance_export", args=["csv"]))
    assert response.status_code == 200 and response.streaming
    assert not PreparedExport.objects.exists()


def test_the_request_counts_no_further_than_one_over_the_limit(
    client, scene: World, django_capture_on_commit_callbacks
):
    # "More than the limit?" costs the same however many records there are: the count is of a
    # LIMIT-ed subquery.
    client.force_login(scene.cast.north_mentor)
    with CaptureQueriesContext(connection) as captured, django_capture_on_commit_callbacks(execute=False):
        client.get(reverse("mentor_attendance_export", args=["csv"]))
    [count] = [q["sql"] for q in captured.captured_queries if "COUNT(" in q["sql"].upper()]
    assert "LIMIT 3" in count.upper()
