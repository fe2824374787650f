"""`make prod-smoke`: the production shape on loopback, end to end, then everything stopped.

gunicorn with config.settings.production, PostgreSQL (a database made for the run), Redis (cache
and the RQ queue), two RQ workers, one scheduler and an SMTP sink (aiosmtpd, in this process).
Then, over HTTP: a customer admin signs in and invites a mentor; the invitation e-mail arrives
exactly once; the invitee opens the link, registers and accepts; /readyz answers ready.

Environment: SMOKE_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/mentora_smoke; the
database is dropped and made again), SMOKE_REDIS_URL (default redis://127.0.0.1:6379/0; its RQ
queue is emptied). Ports are picked free on 127.0.0.1. Logs go to var/smoke/.
"""

import http.client
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

import psycopg
from aiosmtpd.controller import Controller
from redis import Redis
from rq import Queue

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
LOGS = ROOT / "var" / "smoke"
ADMIN_EMAIL, DEMO_PASSWORD = "north.admin@example.com", "mentora-demo-2026"
INVITEE = "smoke.invitee@example.com"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def step(text: str) -> None:
    print(f"[{time.monotonic() - STARTED:6.1f}s] {text}", flush=True)


class Sink:
    def __init__(self) -> None:
        self.messages: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(
            message_from_bytes(envelope.original_content or envelope.content, policy=policy.default)
        )
        return "250 OK"


class Browser:
    """A tiny HTTP client that keeps cookies and CSRF tokens, speaking to gunicorn on loopback as
    the TLS-terminating proxy would (X-Forwarded-Proto: https)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.origin = f"https://127.0.0.1:{port}"
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict[str, str] | None = None) -> tuple[int, dict, str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {
            "X-Forwarded-Proto": "https",
            "Host": f"127.0.0.1:{self.port}",
            "Referer": self.origin + path,
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            form = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **form}
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        text = response.read().decode("utf-8", "replace")
        result = response.status, {k.lower(): v for k, v in response.getheaders()}, text
        connection.close()
        return result

    def get(self, path: str) -> tuple[int, dict, str]:
        return self.request("GET", path)

    def post(self, path: str, form: dict[str, str]) -> tuple[int, dict, str]:
        self.get(path)  # the form, and with it a CSRF cookie
        return self.request("POST", path, form)


def recreate_database(url: str) -> None:
    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    admin_url = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def query(env: dict[str, str], code: str) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout.strip()


def wait_for(what: str, check: Any, timeout: float = 90) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.5)
    raise SystemExit(f"prod-smoke: gave up waiting for {what}")


def main() -> int:
    database_url = os.environ.get("SMOKE_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/mentora_smoke")
    redis_url = os.environ.get("SMOKE_REDIS_URL", "redis://127.0.0.1:6379/0")
    web_port, smtp_port = free_port(), free_port()
    LOGS.mkdir(parents=True, exist_ok=True)
    env = {
        **{
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("DJANGO_", "DATABASE_", "REDIS_", "EMAIL_"))
        },
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": f"https://127.0.0.1:{web_port}",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "TASKS_BACKEND": "rq",
        "TASKS_REDIS_URL": redis_url,
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        "LOG_FORMAT": "json",
        "GUNICORN_BIND": f"127.0.0.1:{web_port}",
        "GUNICORN_WORKERS": "2",
    }

    step("database, queue, migrations, static files, demo data")
    recreate_database(database_url)
    Queue("default", connection=Redis.from_url(redis_url)).empty()
    manage(env, "migrate", "--no-input")
    manage(env, "collectstatic", "--no-input")
    manage(env, "seed_demo")

    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    processes: list[subprocess.Popen] = []

    def start(name: str, *command: str) -> None:
        log = (LOGS / f"{name}.log").open("w")
        processes.append(subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT))

    try:
        step(f"gunicorn on :{web_port}, two RQ workers, one scheduler, SMTP sink on :{smtp_port}")
        start("web", str(Path(PYTHON).parent / "gunicorn"), "-c", "deploy/gunicorn.conf.py", "config.wsgi")
        start("worker-1", PYTHON, "manage.py", "rqworker", "default", "--with-scheduler", "--name", "smoke-1")
        start("worker-2", PYTHON, "manage.py", "rqworker", "default", "--with-scheduler", "--name", "smoke-2")
        start("scheduler", PYTHON, "manage.py", "run_scheduler", "--tick", "2")
        admin = Browser(web_port)
        wait_for("/healthz", lambda: _status(admin, "/healthz") == 200)

        step("the customer admin signs in and invites a mentor")
        status, _, _ = admin.post("/accounts/login/", {"login": ADMIN_EMAIL, "password": DEMO_PASSWORD})
        assert status == 302, f"sign-in answered {status}"
        customer_id = query(
            env,
            "from mentora.customers.models import Customer; print(Customer.objects.get(name='Northwind Municipality').pk)",
        )
        invite_path = f"/invitations/customer/{customer_id}/new/"
        status, _, _ = admin.post(invite_path, {"email": INVITEE, "lifetime_days": "7"})
        assert status == 302, f"the invitation answered {status}"

        step("the invitation e-mail arrives, exactly once")
        wait_for("the invitation e-mail", lambda: [m for m in sink.messages if INVITEE in str(m["To"])], 60)
        time.sleep(5)  # time for a duplicate to show up, if any would
        received = [m for m in sink.messages if INVITEE in str(m["To"])]
        assert len(received) == 1, f"{len(received)} invitation e-mails arrived"
        message = received[0]
        assert message["Auto-Submitted"] == "auto-generated" and message["Message-ID"]
        text = next(part for part in message.walk() if part.get_content_type() == "text/plain")
        link = re.search(r"https://127\.0\.0\.1:\d+(/invitations/accept/[^/\s]+/)", text.get_content())
        assert link, "no invitation link in the e-mail"

        step("the invitee opens the link, registers and accepts")
        invitee = Browser(web_port)
        status, _, page = invitee.get(link.group(1))
        assert status == 200 and "/register/" in page, (
            f"the link answered {status}, without the register form"
        )
        register = link.group(1) + "register/"
        status, _, _ = invitee.post(
            register,
            {
                "first_name": "Smoke",
                "last_name": "Invitee",
                "password1": "A-long-smoke-password-2026",
                "password2": "A-long-smoke-password-2026",
                "language": "en",
                "accept_terms": "on",
            },
        )
        assert status == 302, f"registering answered {status}"
        accepted = query(
            env,
            "from mentora.customers.models import Membership; "
            f"print(Membership.objects.filter(user__email='{INVITEE}', status='ACTIVE').count())",
        )
        assert accepted == "1", "the invitee is not a mentor"

        step("/readyz answers ready")
        ready = wait_for("/readyz ready", lambda: _readyz(admin), 120)
        print(json.dumps(ready))
        step("prod-smoke passed")
        return 0
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        controller.stop()
        step("everything stopped")


def _status(browser: Browser, path: str) -> int:
    try:
        return browser.get(path)[0]
    except OSError:
        return 0


def _readyz(browser: Browser) -> dict | None:
    try:
        status, _, body = browser.get("/readyz")
    except OSError:
        return None
    return json.loads(body) if status == 200 else None


STARTED = time.monotonic()

if __name__ == "__main__":
    sys.exit(main())
