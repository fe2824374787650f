"""The big export run (`make bench-export`): one mentor with 100,000 and then 1,000,000 attendance
records, each export format asked once over HTTP; first byte, total time and the worker's memory
growth (peak resident size during the request minus the resident size before it). An export over
ATTENDANCE_EXPORT_MAX_RECORDS_IN_REQUEST answers at once that it is being prepared; the bench
then builds it here, as the task worker would, and measures that build's time and memory."""

import http.client
import os
import time
from collections.abc import Callable

from django.core.cache import cache
from django.urls import reverse

from mentora.accounts.models import User
from mentora.mentoring.models import PreparedExport, PreparedExportState
from mentora.mentoring.services import attendance_export_build

from . import data
from .run import MAX_EXPORT_GROWTH_1M, MAX_EXPORT_GROWTH_PER_100K, MAX_FIRST_BYTE_SECONDS, People
from .server import Server, process_memory, reset_peak_memory

SIZES = [int(n) for n in os.environ.get("BENCH_EXPORT_RECORDS", "100000,1000000").split(",")]
WIDE = "?date_from=2000-01-01&date_to=2100-12-31"


def run_export(out: Callable[[str], None]) -> list[str]:
    missed: list[str] = []
    people = People()
    out(
        f"{'records':>9} {'format':6} {'first byte s':>12} {'total s':>8} {'rows':>9} {'MB growth':>10} {'MB per 100k':>11}"
    )
    for records in SIZES:
        started = time.perf_counter()
        data.build_export(records)
        out(
            f"built the export mentor's data up to {records:,} records in {time.perf_counter() - started:.1f} s"
        )
        cookie = people.cookie(data.EXPORT_MENTOR_EMAIL)
        cache.clear()
        with Server() as server:
            for file_format in ("csv", "xlsx"):
                path = reverse("mentor_attendance_export", args=[file_format])
                server.get(path + "?date_from=2000-01-01&date_to=2000-01-02", cookie=cookie)  # warm up
                before, _ = server.worker_memory()
                server.reset_peak_memory()
                try:
                    answer = server.get(path + WIDE, cookie=cookie)
                except (http.client.HTTPException, OSError) as error:
                    out(f"{records:9,} {file_format:6} did not finish: {error!r}")
                    missed.append(f"{records:,} records, {file_format}: did not finish")
                    continue
                _, peak = server.worker_memory()
                growth = max(0, peak - before)
                first_byte = answer.first_byte  # the file's, or the answer that it is being prepared
                prepared = answer.status == 302
                if prepared:
                    out(f"{records:9,} {file_format:6} {answer.first_byte:12.2f} prepared in the background")
                    answer, growth = _build_prepared(answer)
                per_100k = growth / max(records / 100_000, 1)
                rows = answer.body.count(b"\n") - 1 if file_format == "csv" else 0
                out(
                    f"{records:9,} {file_format:6} {answer.first_byte:12.2f} {answer.seconds:8.1f} "
                    f"{rows if rows else '':>9} {growth / 2**20:10.1f} {per_100k / 2**20:11.1f}"
                )
                if answer.status != 200:
                    missed.append(f"{records:,} records, {file_format}: answered {answer.status}")
                # The CSV streams, and "it is being prepared" is said at once; an XLSX written in the
                # request is sent when written.
                if first_byte > MAX_FIRST_BYTE_SECONDS and (file_format == "csv" or prepared):
                    missed.append(f"{records:,} records, {file_format}: first byte after {first_byte:.1f} s")
                if per_100k > MAX_EXPORT_GROWTH_PER_100K:
                    missed.append(
                        f"{records:,} records, {file_format}: {per_100k / 2**20:.0f} MB per 100,000 records"
                    )
                if records >= 1_000_000 and growth > MAX_EXPORT_GROWTH_1M:
                    missed.append(f"{records:,} records, {file_format}: {growth / 2**20:.0f} MB growth")
    return missed


class _Built:
    """What a prepared build reports in place of an HTTP answer."""

    def __init__(self, seconds: float, body: bytes) -> None:
        self.status = 200
        self.first_byte = 0.0
        self.seconds = seconds
        self.body = body


def _build_prepared(answer: object) -> tuple[_Built, int]:
    """Build the export the request left PENDING, here, measuring time and memory growth."""
    user = User.objects.get(email=data.EXPORT_MENTOR_EMAIL)
    export = PreparedExport.objects.filter(user=user, state=PreparedExportState.PENDING).latest("pk")
    before, _ = process_memory()
    reset_peak_memory()
    started = time.perf_counter()
    attendance_export_build(export_id=export.pk)
    seconds = time.perf_counter() - started
    _, peak = process_memory()
    export.refresh_from_db()
    with export.file.open("rb") as handle:
        body = handle.read() if export.file_format == "csv" else b""
    export.file.delete(save=False)
    PreparedExport.objects.filter(pk=export.pk).delete()
    return _Built(seconds, body), max(0, peak - before)
