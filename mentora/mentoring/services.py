"""The workspace's own writes: large attendance exports, prepared by the task worker and fetched
through an e-mailed link that expires (the rows and their visibility are the report's:
exports.py). Everything else a mentor writes belongs to its domain (observations, follow-ups)."""

import datetime
import logging

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from mentora.accounts.models import User
from mentora.audit.services import audit_record
from mentora.core.exceptions import Conflict, NotFound
from mentora.core.tokens import token_hash, token_is_plausible, token_new
from mentora.customers.access import Actor, actor_for
from mentora.mail.services import email_queue

from .exports import EXPORT_FORMATS, Counted, export_file, export_filename, export_rows
from .models import PreparedExport, PreparedExportState

logger = logging.getLogger(__name__)

S = PreparedExportState


def attendance_export_prepare(
    *,
    actor: Actor,
    file_format: str,
    first: datetime.date,
    last: datetime.date,
    customer_id: int | None,
) -> PreparedExport:
    """A mentor asks for an export too large for a request: the task worker writes it and
    e-mails a link (`attendance_export_build`). The caller (the export view) has checked that
    the actor is a mentor and audited the export. Raises Conflict while an earlier export of
    theirs is still being prepared."""
    if file_format not in EXPORT_FORMATS:
        raise NotFound()
    with transaction.atomic():
        User.objects.select_for_update().get(pk=actor.user.pk)
        if PreparedExport.objects.filter(user=actor.user, state__in=[S.PENDING, S.BUILDING]).exists():
            raise Conflict(
                _("An export of yours is already being prepared. The e-mail with its link follows.")
            )
        export = PreparedExport.objects.create(
            user=actor.user,
            file_format=file_format,
            first=first,
            last=last,
            customer_id=customer_id,
        )
        transaction.on_commit(lambda: build_attendance_export.enqueue(export_id=export.pk))
    return export


def attendance_export_build(*, export_id: int) -> bool:
    """Write a requested export to the default storage and e-mail its owner the link (the token
    is in nothing but the e-mail). The rows are the ones the owner may see when it runs, in their
    language and time zone. Claimed by one update (PENDING → BUILDING), so two workers never
    both build it; one that dies mid-way leaves it BUILDING until `attendance_exports_expire`
    marks it FAILED. Returns whether it built one."""
    if not PreparedExport.objects.filter(pk=export_id, state=S.PENDING).update(state=S.BUILDING):
        return False
    export = PreparedExport.objects.select_related("user").get(pk=export_id)
    user = export.user
    with translation.override(user.language), timezone.override(user.time_zone):
        rows = Counted(
            export_rows(
                actor=actor_for(user), first=export.first, last=export.last, customer_id=export.customer_id
            )
        )
        with export_file(rows, export.file_format) as handle:
            name = export_filename(first=export.first, last=export.last, file_format=export.file_format)
            export.file.save(name, File(handle), save=False)
    token, hashed = token_new()
    now = timezone.now()
    export.token_hash = hashed
    export.records = rows.count  # what the file holds (the request only knew "more than the limit")
    export.state = S.READY
    export.ready_at = now
    export.expires_at = now + datetime.timedelta(hours=settings.ATTENDANCE_EXPORT_LINK_HOURS)
    with transaction.atomic():
        export.save()
        email_queue(
            "attendance-export-ready",
            {
                "user": user,
                "export": export,
                "url": settings.SITE_URL + reverse("mentor_attendance_export_download", args=[token]),
                "expires_at": export.expires_at,
            },
            to=user.email,
            language=user.language,
            kind="attendance-export-ready",
            user=user,
            carries_secret=True,  # the link opens a file of personal data
        )
    return True


@task()
def build_attendance_export(*, export_id: int) -> bool:
    """The task worker's half of `attendance_export_prepare`."""
    return attendance_export_build(export_id=export_id)


def attendance_export_open(*, user: User, token: str, ip: str | None = None) -> PreparedExport:
    """The ready export behind a download link, for the person it belongs to. Anything else
    (someone else's link, an expired or unknown one) raises the same NotFound. Audits
    "attendance.export_download"."""
    if not token_is_plausible(token):
        raise NotFound()
    export = PreparedExport.objects.filter(token_hash=token_hash(token), user=user, state=S.READY).first()
    if export is None or not export.file or export.expires_at is None or export.expires_at <= timezone.now():
        raise NotFound()
    audit_record(
        actor=user,
        action="attendance.export_download",
        customer=export.customer,
        after={"export": export.pk, "from": export.first.isoformat(), "to": export.last.isoformat()},
        ip=ip,
    )
    return export


def attendance_exports_expire(*, now: datetime.datetime | None = None) -> int:
    """Delete the files of exports whose link has expired, and fail those stuck for a day (a
    worker died while writing one). Idempotent; the periodic job calls it hourly. Returns how
    many it ended."""
    now = now or timezone.now()
    ended = 0
    for export in PreparedExport.objects.filter(state=S.READY, expires_at__lte=now):
        if export.file:
            export.file.delete(save=False)
        PreparedExport.objects.filter(pk=export.pk).update(state=S.EXPIRED, file="", token_hash=None)
        ended += 1
    stuck = PreparedExport.objects.filter(
        state__in=[S.PENDING, S.BUILDING], requested_at__lte=now - datetime.timedelta(days=1)
    )
    ended += stuck.update(state=S.FAILED)
    return ended
