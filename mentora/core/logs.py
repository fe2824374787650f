"""Logs: one line per request (request id, user id, route, status, duration), the request id on
every line logged while serving it (and returned as X-Request-ID), the task id on every line a
task logs, JSON with LOG_FORMAT=json. Link tokens never reach a log: requests are logged by route
pattern (`invitations/accept/<str:token>/`), never by path, and every message, error e-mail and
Sentry event passes through `redact_tokens`."""

import contextvars
import json
import logging
import re
import time
import uuid
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.log import AdminEmailHandler
from django_stubs_ext import StrOrPromise

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")
user_id_var: contextvars.ContextVar[int | None] = contextvars.ContextVar("user_id", default=None)
task_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("task_id", default="")

request_logger = logging.getLogger("mentora.request")

# A path segment that looks like a link token (256-bit URL-safe base64, a signed unsubscribe
# link, a password-reset key): 20 or more URL-safe characters between slashes.
_TOKEN_SEGMENT = re.compile(r"(?<=/)[A-Za-z0-9_\-:]{20,}(?=/|\.ics|\?|\s|$|['\"])")
_INCOMING_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def redact_tokens(text: str) -> str:
    return _TOKEN_SEGMENT.sub("[redacted]", text)


class ContextFilter(logging.Filter):
    """Adds request_id, user_id and task_id to every record, and redacts tokens from its text."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        record.user_id = user_id_var.get()
        record.task_id = task_id_var.get()
        message = record.getMessage()
        redacted = redact_tokens(message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        return True


class TextFormatter(logging.Formatter):
    """The plain-text line, with tokens redacted from tracebacks too (ContextFilter redacts the
    message, not an exception's text, which can quote a value it was given)."""

    def formatException(self, ei: Any) -> str:
        return redact_tokens(super().formatException(ei))


_STANDARD = set(logging.LogRecord("", 0, "", 0, "", (), None).__dict__) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, the context, any `extra`."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S") + f".{int(record.msecs):03d}Z",
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in record.__dict__.items():
            if key not in _STANDARD and not key.startswith("_") and value not in ("", None):
                line[key] = value
        if record.exc_info:
            line["exception"] = redact_tokens(self.formatException(record.exc_info))
        return json.dumps(line, default=str)


JsonFormatter.converter = time.gmtime


class RequestLogMiddleware:
    """First in the chain: gives the request an id (a sane incoming X-Request-ID, e.g. from the
    proxy, or a new one), returns it as X-Request-ID, and logs one line when the response leaves."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _INCOMING_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]
        request_token = request_id_var.set(request_id)
        user_token = user_id_var.set(None)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            user = getattr(request, "user", None)
            user_id = user.pk if user is not None and user.is_authenticated else None
            user_id_var.set(user_id)
            match = request.resolver_match
            request_logger.info(
                "%s %s %s",
                request.method,
                match.route if match else "(no route)",
                response.status_code,
                extra={
                    "method": request.method,
                    "route": match.route if match else "",
                    "view": match.view_name if match else "",
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                },
            )
            response["X-Request-ID"] = request_id
            return response
        finally:
            request_id_var.reset(request_token)
            user_id_var.reset(user_token)


def task_started(sender: object, task_result: Any, **kwargs: object) -> None:
    task_id_var.set(str(task_result.id))


def task_finished(sender: object, task_result: Any, **kwargs: object) -> None:
    task_id_var.set("")


class RedactingAdminEmailHandler(AdminEmailHandler):
    """Error e-mails to ADMINS (when Sentry is not configured), with link tokens redacted from
    the subject and the report (which quotes the request's path)."""

    def send_mail(self, subject: StrOrPromise, message: StrOrPromise, *args: Any, **kwargs: Any) -> None:
        if kwargs.get("html_message"):
            kwargs["html_message"] = redact_tokens(kwargs["html_message"])
        super().send_mail(redact_tokens(str(subject)), redact_tokens(str(message)), *args, **kwargs)


def sentry_before_send(event: dict[str, Any], hint: dict[str, Any]) -> dict[str, Any]:
    """Sentry events with link tokens redacted from the URL, the message and breadcrumbs."""
    return json.loads(redact_tokens(json.dumps(event, default=str)))
