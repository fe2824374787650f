import io
import json
import re
import zipfile

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string

from mentora.audit.models import AuditEvent
from mentora.core.personal_data import personal_data_modules
from mentora.followups.models import Comment
from mentora.mail.models import Message, State
from mentora.privacy.apps import PrivacyConfig
from mentora.privacy.export import export_sections
from mentora.privacy.models import DataExport, ExportState
from mentora.privacy.services import data_exports_expire
from mentora.testing.factories_followups import CommentFactory, FollowUpFactory

pytestmark = pytest.mark.django_db


def request_export(client, capture):  # type: ignore[no-untyped-def]
    with capture(execute=True):
        response = client.post(reverse("data_export_request"))
    assert response.status_code == 302
    [message] = [m for m in mail.outbox if "ready to download" in m.subject]
    return re.search(r"http://testserver(/privacy/export/\S+/)", message.body).group(1)


def open_zip(response) -> zipfile.ZipFile:  # type: ignore[no-untyped-def]
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(response.content))


def test_export_holds_my_comment_and_nothing_private_of_others(
    client, cast, django_capture_on_commit_callbacks
):
    followup = FollowUpFactory()
    mine = CommentFactory(followup=followup, author=cast.north_mentor, body="My own careful remark")
    CommentFactory(followup=followup, author=cast.north_admin, body="The admin's private note")
    cast.north_admin.phone = "+46 70 111 22 33"
    cast.north_admin.save()
    client.force_login(cast.north_mentor)
    link = request_export(client, django_capture_on_commit_callbacks)

    archive = open_zip(client.get(link))
    names = set(archive.namelist())
    assert {
        "index.html",
        "profile.json",
        "memberships.json",
        "consents.json",
        "comments.json",
        "observations.json",
        "notifications.json",
        "sessions.json",
        "emails.json",
        "audit_events.json",
    } <= names
    comments = json.loads(archive.read("comments.json"))
    assert [c["comment"] for c in comments] == [mine.body]
    everything = "".join(archive.read(name).decode() for name in names)
    assert (
        "My own careful remark" in everything
        and "My own careful remark" in archive.read("index.html").decode()
    )
    for other in (
        "The admin's private note",
        cast.north_admin.email,
        "+46 70 111 22 33",
        cast.south_mentor.email,
    ):
        assert other not in everything
    profile = json.loads(archive.read("profile.json"))
    assert profile["email"] == cast.north_mentor.email
    assert json.loads(archive.read("memberships.json"))[0]["customer"] == "North Org"
    assert AuditEvent.objects.filter(action="privacy.export_download", actor=cast.north_mentor).exists()
    assert Comment.objects.count() == 2


def test_the_stored_export_opens_only_with_the_link(client, cast, django_capture_on_commit_callbacks):
    client.force_login(cast.north_mentor)
    link = request_export(client, django_capture_on_commit_callbacks)
    token = link.rstrip("/").rsplit("/", 1)[1]
    export = DataExport.objects.get()
    assert export.state == ExportState.READY
    assert token not in (export.token_hash or "")
    assert not zipfile.is_zipfile(io.BytesIO(bytes(export.content)))  # encrypted at rest
    # The e-mail with the link is a secret too: encrypted while it waits, dropped once sent.
    message = Message.objects.get(kind="data-export-ready")
    assert message.carries_secret and (message.state, message.body) == (State.SENT, None)

    # Another person, even with the link, gets what a wrong link gets.
    client.force_login(cast.south_mentor)
    assert client.get(link).status_code == 404
    client.force_login(cast.north_mentor)
    assert client.get(link[:-5] + "xxxx/").status_code == 404
    assert client.get(link).status_code == 200


def test_the_link_expires_after_seven_days(client, cast, django_capture_on_commit_callbacks):
    client.force_login(cast.north_mentor)
    link = request_export(client, django_capture_on_commit_callbacks)
    with time_machine.travel(timezone.now() + timezone.timedelta(days=7, minutes=1)):
        client.force_login(cast.north_mentor)
        assert client.get(link).status_code == 404
        assert data_exports_expire() == 1
    export = DataExport.objects.get()
    assert (export.state, export.content, export.token_hash) == (ExportState.EXPIRED, None, None)


def test_one_export_at_a_time(client, cast):
    client.force_login(cast.north_mentor)
    client.post(reverse("data_export_request"))  # not committed: still being prepared
    response = client.post(reverse("data_export_request"), follow=True)
    assert "already being prepared" in response.content.decode()
    assert DataExport.objects.count() == 1


def test_every_app_part_is_collected(cast):
    """The place where an app adds its part of the export: each app names a module on its
    AppConfig, and the export gathers them all."""
    modules = {module.__name__ for module in personal_data_modules()}
    assert {"mentora.notifications.personal_data", "mentora.mail.personal_data"} <= modules
    sections = export_sections(cast.north_mentor)
    assert "notifications" in sections and "settings" in sections["notifications"]
    assert sections["emails"] == []  # nothing was e-mailed to them yet


def test_the_expiry_and_erasure_jobs_are_declared_for_the_scheduler():
    jobs = {(job.path, job.interval) for job in PrivacyConfig.periodic_tasks}
    assert jobs == {
        ("mentora.privacy.tasks.expire_data_exports", 3600),
        ("mentora.privacy.tasks.erase_due_accounts", 86400),
    }
    for path, _interval in jobs:
        assert callable(import_string(path).enqueue)
