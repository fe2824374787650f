import json
import logging
import sys

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from mentora.core.logs import (
    ContextFilter,
    JsonFormatter,
    RedactingAdminEmailHandler,
    TextFormatter,
    redact_tokens,
)
from mentora.mail.services import message_create

pytestmark = pytest.mark.django_db

TOKEN = "Zm9vYmFyLWEtcmVhbC1sb29raW5nLXRva2VuLTAxMjM0NTY3ODk"


class Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.addFilter(ContextFilter())
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def captured():  # type: ignore[no-untyped-def]
    handler = Capture()
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    yield handler.records
    root.removeHandler(handler)
    root.setLevel(old_level)


def test_one_line_per_request_by_route_with_request_id_user_status_duration(client, cast, captured):
    client.force_login(cast.north_mentor)
    response = client.get(reverse("invitation_accept", args=[TOKEN]), HTTP_X_REQUEST_ID="proxy-req-12345")
    assert response["X-Request-ID"] == "proxy-req-12345"
    [line] = [r for r in captured if r.name == "mentora.request"]
    assert line.route == "invitations/accept/<str:token>/"
    assert (line.status, line.user_id, line.request_id) == (404, cast.north_mentor.pk, "proxy-req-12345")
    assert line.duration_ms >= 0
    assert all(TOKEN not in r.getMessage() for r in captured)  # django.request's "Not Found" too


def test_a_missing_or_odd_request_id_gets_a_new_one(client):
    first = client.get("/healthz")["X-Request-ID"]
    second = client.get("/healthz", HTTP_X_REQUEST_ID="<script>")["X-Request-ID"]
    assert len(first) == 32 and len(second) == 32 and first != second


def test_task_logs_carry_the_task_id(captured, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message_create(kind="probe", to="a@example.com", language="en", subject="S", text="T", html="")
    [sent] = [r for r in captured if r.name == "mentora.mail.delivery"]
    assert len(sent.task_id) > 10


def test_json_lines():
    record = logging.LogRecord("mentora.x", logging.INFO, __file__, 1, "opened /feed/%s.ics", (TOKEN,), None)
    record.route = "schedule/calendar/feed/<str:token>.ics"
    ContextFilter().filter(record)
    line = json.loads(JsonFormatter().format(record))
    assert line["level"] == "INFO" and line["logger"] == "mentora.x"
    assert line["message"] == "opened /feed/[redacted].ics"
    assert line["route"] == "schedule/calendar/feed/<str:token>.ics"
    assert line["time"].endswith("Z")


@pytest.mark.parametrize("formatter", [TextFormatter("%(message)s"), JsonFormatter()])
def test_a_traceback_has_its_tokens_redacted_in_either_format(formatter):
    try:
        raise ValueError(f"no such link /invitations/accept/{TOKEN}/")
    except ValueError:
        record = logging.LogRecord("mentora.x", logging.ERROR, __file__, 1, "failed", (), sys.exc_info())
    ContextFilter().filter(record)
    line = formatter.format(record)
    assert "ValueError: no such link" in line and TOKEN not in line


@pytest.mark.parametrize(
    "text",
    [
        f"Not Found: /invitations/accept/{TOKEN}/",
        "GET /accounts/password/reset/key/3-cj2x1a-5f0e4c8d9b7a6e5f4c3d2b1a0f9e8d7c/ 200",
        f"https://mentora.example.com/schedule/calendar/feed/{TOKEN}.ics",
    ],
)
def test_tokens_are_redacted(text):
    assert "[redacted]" in redact_tokens(text)
    assert TOKEN not in redact_tokens(text) and "5f0e4c8d9b7a" not in redact_tokens(text)


def test_short_path_segments_stay(text="GET /invitations/customer/12/new/ 200"):
    assert redact_tokens(text) == text


@override_settings(
    ADMINS=[("Ops", "ops@example.com")], EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"
)
def test_error_mail_to_admins_has_tokens_redacted():
    handler = RedactingAdminEmailHandler()
    handler.send_mail(f"Error at /invitations/accept/{TOKEN}/", f"Path: /invitations/accept/{TOKEN}/")
    [sent] = mail.outbox
    assert TOKEN not in sent.subject and TOKEN not in sent.body
