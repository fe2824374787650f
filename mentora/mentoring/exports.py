"""The mentor's attendance export as a file: the rows (one per record the mentor may see), CSV
written line by line and XLSX in openpyxl's write-only mode, so memory stays flat whatever the
number of records. The report's download answers with them in the request; a large export is
written by the task worker instead and fetched through an e-mailed link (services.py)."""

import csv
import datetime
import tempfile
from collections.abc import Iterable, Iterator
from typing import IO

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from mentora.completion.models import CompletionStatus
from mentora.core.text import export_cell
from mentora.customers.access import Actor

from .selectors.attendance import activity_label, attendance_export_records
from .selectors.completion import mentee_completion_lookup

EXPORT_FORMATS = {"csv", "xlsx"}
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "xlsx": XLSX_TYPE}


def export_header() -> list[str]:
    return [
        _("Attendee"),
        _("Customer"),
        _("Session date"),
        _("Start"),
        _("End"),
        _("Duration (minutes)"),
        _("Course or application"),
        _("Status"),
        _("Minutes attended"),
        _("Note"),
        _("Completion"),
    ]


def export_rows(
    *,
    actor: Actor,
    first: datetime.date,
    last: datetime.date,
    customer_id: int | None,
) -> Iterator[list[object]]:
    """One row per record, times in the user's time zone, with the learner's completion status
    on the record's application or course instance (empty where it has none)."""
    completion = mentee_completion_lookup(actor=actor)
    for record in attendance_export_records(actor=actor, first=first, last=last, customer_id=customer_id):
        event = record.session.event
        completion_status = completion.status(
            attendee_id=record.attendee_id,
            application_id=event.application_id,
            course_instance_id=event.course_instance_id,
        )
        starts, ends = timezone.localtime(event.starts_at), timezone.localtime(event.ends_at)
        row = [
            record.attendee.full_name,
            record.attendee.customer.name,
            starts.date(),
            starts.time().replace(second=0, microsecond=0),
            ends.time().replace(second=0, microsecond=0),
            int((event.ends_at - event.starts_at).total_seconds() // 60),
            activity_label(event),
            str(record.get_status_display()) if record.status else _("Not recorded"),
            record.minutes,
            record.note,
            str(CompletionStatus(completion_status).label) if completion_status else "",
        ]
        yield [export_cell(value) for value in row]


class _Line:
    """A file-like object for csv.writer that hands back each line instead of storing it."""

    def write(self, value: str) -> str:
        return value


CSV_ROWS_PER_CHUNK = 500


def csv_chunks(rows: Iterable[list[object]]) -> Iterator[str]:
    writer = csv.writer(_Line())
    yield "\ufeff" + writer.writerow(export_header())  # the BOM: spreadsheet programs then read UTF-8
    chunk = []
    for row in rows:
        chunk.append(
            writer.writerow(
                [
                    value.isoformat(timespec="minutes")
                    if isinstance(value, datetime.time)
                    else ("" if value is None else value)
                    for value in row
                ]
            )
        )
        if len(chunk) == CSV_ROWS_PER_CHUNK:
            yield "".join(chunk)
            chunk = []
    if chunk:
        yield "".join(chunk)


def xlsx_file(rows: Iterable[list[object]]) -> IO[bytes]:
    """The workbook in a temporary file (openpyxl's write-only mode keeps memory flat: rows go
    to disk as they come); the response streams the file and closes (deletes) it."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("Attendance")[:31])
    bold = Font(bold=True)
    header = []
    for title in export_header():
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    handle = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it when sent)
    workbook.save(handle)
    handle.seek(0)
    return handle


class Counted:
    """The rows passed through as they are written, counted."""

    def __init__(self, rows: Iterator[list[object]]) -> None:
        self.rows = rows
        self.count = 0

    def __iter__(self) -> Iterator[list[object]]:
        for row in self.rows:
            self.count += 1
            yield row


def export_file(rows: Iterable[list[object]], file_format: str) -> IO[bytes]:
    """The whole file in a temporary file, read from the start (the task worker's way)."""
    if file_format == "xlsx":
        return xlsx_file(rows)
    handle = tempfile.TemporaryFile()  # noqa: SIM115 (the caller closes it)
    for chunk in csv_chunks(rows):
        handle.write(chunk.encode("utf-8"))
    handle.seek(0)
    return handle


def export_filename(*, first: datetime.date, last: datetime.date, file_format: str) -> str:
    return f"attendance-{first.isoformat()}-{last.isoformat()}.{file_format}"
