"""A real gunicorn on a loopback port with the bench settings, and a plain HTTP client for it."""

import http.client
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

PORT = int(os.environ.get("BENCH_PORT", "18601"))
# gunicorn's default: a sync worker busy longer than this is killed, as it would be in production.
TIMEOUT = int(os.environ.get("BENCH_GUNICORN_TIMEOUT", "30"))


@dataclass
class Answer:
    status: int
    seconds: float
    first_byte: float
    size: int
    body: bytes
    headers: dict[str, str]


class Server:
    """`with Server() as server:` one gunicorn worker (requests are sent one at a time, so one
    worker measures latency without the two cores fighting), persistent database connections."""

    def __init__(self, port: int = PORT) -> None:
        self.port = port
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> "Server":
        gunicorn = Path(sys.executable).with_name("gunicorn")
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.bench",
            "DATABASE_CONN_MAX_AGE": "600",
        }
        self.process = subprocess.Popen(  # noqa: S603 (our own gunicorn, fixed arguments)
            [
                str(gunicorn),
                "config.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "1",
                "--timeout",
                str(TIMEOUT),
                "--log-level",
                "warning",
            ],
            cwd=settings.BASE_DIR,
            env=env,
        )
        self.wait_ready()
        return self

    def wait_ready(self) -> None:
        """Until gunicorn (or the worker it starts again after a timeout) answers."""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if self.get("/healthz").status == 200:
                    return
            except (OSError, http.client.HTTPException):
                time.sleep(0.2)
        self.__exit__()
        raise SystemExit(f"gunicorn did not answer on 127.0.0.1:{self.port}")

    def __exit__(self, *exc: object) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=30)
        self.process = None

    def worker_pid(self) -> int:
        assert self.process is not None
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
        return int(children[0])

    def worker_memory(self) -> tuple[int, int]:
        """The worker's resident and peak resident memory, in bytes."""
        return process_memory(self.worker_pid())

    def reset_peak_memory(self) -> None:
        reset_peak_memory(self.worker_pid())

    def get(self, path: str, *, cookie: str = "", headers: dict[str, str] | None = None) -> Answer:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=900)
        sent = {"Host": "127.0.0.1", "X-Forwarded-Proto": "https", **(headers or {})}
        if cookie:
            sent["Cookie"] = cookie
        started = time.perf_counter()
        connection.request("GET", path, headers=sent)
        response = connection.getresponse()
        first = response.read(1)
        first_byte = time.perf_counter() - started
        body = first + response.read()
        seconds = time.perf_counter() - started
        connection.close()
        return Answer(response.status, seconds, first_byte, len(body), body, dict(response.getheaders()))


def process_memory(pid: int | str = "self") -> tuple[int, int]:
    """A process's resident and peak resident memory, in bytes (Linux)."""
    status = Path(f"/proc/{pid}/status").read_text().splitlines()
    values = {line.split(":")[0]: int(line.split()[1]) * 1024 for line in status if line.startswith("Vm")}
    return values["VmRSS"], values["VmHWM"]


def reset_peak_memory(pid: int | str = "self") -> None:
    """Resets a process's VmHWM to its current resident size (Linux: `5` into clear_refs)."""
    Path(f"/proc/{pid}/clear_refs").write_text("5")
