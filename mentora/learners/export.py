"""The learner's summary as an XLSX workbook: one sheet each for attendance, completion and
observations, for a chosen period. openpyxl's write-only mode sends rows to a temporary file as
they come, so memory stays flat whatever the number of records; every text cell is made safe
(`cell`)."""

import datetime
import tempfile
from collections.abc import Iterable
from typing import IO

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from mentora.attendance.models import AttendanceStatus
from mentora.completion.models import CompletionStatus
from mentora.core.text import export_cell
from mentora.customers.access import Actor
from mentora.mentoring.selectors.attendance import activity_label

from .access import Learner
from .selectors import (
    learner_completion,
    learner_export_observations,
    learner_export_records,
    learner_participations,
)

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _sheet(workbook: Workbook, title: str, header: list[str]) -> WriteOnlyWorksheet:
    sheet = workbook.create_sheet(title=title[:31])
    bold = Font(bold=True)
    cells = []
    for text in header:
        header_cell = WriteOnlyCell(sheet, value=text)
        header_cell.font = bold
        cells.append(header_cell)
    sheet.append(cells)
    return sheet


def _append(sheet: WriteOnlyWorksheet, values: Iterable[object]) -> None:
    sheet.append([export_cell(value) for value in values])


def _local_naive(value: datetime.datetime | None) -> datetime.datetime | None:
    # XLSX has no time zones: the actor's local time, as the page shows it.
    return timezone.localtime(value).replace(tzinfo=None, microsecond=0) if value else None


def learner_workbook(
    *, actor: Actor, learner: Learner, first: datetime.date, last: datetime.date
) -> IO[bytes]:
    """The workbook in a temporary file, rewound; the response streams and closes (deletes) it."""
    workbook = Workbook(write_only=True)
    name = learner.attendee.full_name
    attendance = _sheet(
        workbook,
        _("Attendance"),
        [
            _("Learner"),
            _("Session date"),
            _("Start"),
            _("Event"),
            _("Course or application"),
            _("Status"),
            _("Minutes attended"),
            _("Note"),
        ],
    )
    for record in learner_export_records(actor=actor, learner=learner, first=first, last=last):
        event = record.session.event
        starts = timezone.localtime(event.starts_at)
        _append(
            attendance,
            [
                name,
                starts.date(),
                starts.time().replace(second=0, microsecond=0),
                event.title,
                activity_label(event),
                str(AttendanceStatus(record.status).label) if record.status else _("Not recorded"),
                record.minutes,
                record.note,
            ],
        )
    completion = _sheet(
        workbook,
        _("Completion"),
        [
            _("Learner"),
            _("Application"),
            _("Course or application"),
            _("Completion status"),
            _("Date"),
            _("Comment"),
            _("Changed"),
            _("Changed by"),
        ],
    )
    participations = learner_participations(learner=learner)
    for row in learner_completion(participations=participations):
        application = row.participation.application
        title = application.display_title
        # The current status, then every change within the period, newest first.
        _append(
            completion,
            [
                name,
                application.number,
                title,
                row.status_label,
                row.on,
                row.comment,
                _local_naive(row.completion.updated_at) if row.completion else None,
                row.completion.updated_by.get_full_name()
                if row.completion and row.completion.updated_by
                else "",
            ],
        )
        for change in row.history:
            changed_on = timezone.localtime(change.changed_at).date()
            if not first <= changed_on <= last:
                continue
            after = change.after
            _append(
                completion,
                [
                    name,
                    application.number,
                    title,
                    _("Changed to: %(status)s")
                    % {
                        "status": CompletionStatus(after["status"]).label
                        if after.get("status") in CompletionStatus.values
                        else ""
                    },
                    datetime.date.fromisoformat(after["on"]) if after.get("on") else None,
                    after.get("comment", ""),
                    _local_naive(change.changed_at),
                    change.changed_by.get_full_name() if change.changed_by else "",
                ],
            )
    observations = _sheet(
        workbook,
        _("Observations"),
        [_("Learner"), _("Written"), _("Author"), _("Application"), _("Event"), _("Observation")],
    )
    for observation in learner_export_observations(actor=actor, learner=learner, first=first, last=last):
        _append(
            observations,
            [
                name,
                _local_naive(observation.created_at),
                observation.author.get_full_name() if observation.author else "",
                observation.application.number,
                observation.event.title if observation.event else "",
                observation.body,
            ],
        )
    handle = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it when sent)
    workbook.save(handle)
    handle.seek(0)
    return handle
