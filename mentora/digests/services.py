"""Sending the digests that are due. The periodic task calls `digests_send_due` every quarter of
an hour; each person's digest is one transaction that first claims the period (a DigestRun row,
unique per person, kind and period), then reads the contents, queues the e-mail and marks the
notifications it includes as digested. Whoever claims second — another scheduler's task, a
retry, a worker restarted after the commit — gets an IntegrityError on the claim and sends
nothing; a worker that dies before the commit leaves no claim, so the next run sends it."""

import datetime
import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from mentora.accounts.models import User
from mentora.mail.services import email_queue
from mentora.notifications.kinds import EmailChoice
from mentora.notifications.models import Notification
from mentora.notifications.selectors import settings_for
from mentora.notifications.services import notification_unsubscribe

from .models import DigestKind, DigestRun
from .selectors import digest_contents, digest_wanted_by
from .timing import Period, due_periods_by_zone
from .unsubscribe import digest_unsubscribe_url

logger = logging.getLogger(__name__)

KEEP_DAYS = 90  # a claim is needed only within its period; kept a while to show what was sent


def digest_recipients(*, kind: DigestKind, period: Period, time_zone: str) -> list[User]:
    """The people in `time_zone` whose digest of `kind` for `period` has not been claimed yet
    and who get it (`digest_wanted_by`): active accounts, not erased."""
    claimed = DigestRun.objects.filter(kind=kind, period_start=period.start).values("user_id")
    people = list(
        User.objects.filter(is_active=True, erased_at__isnull=True, time_zone=time_zone)
        .exclude(pk__in=claimed)
        .order_by("pk")
    )
    wanted = digest_wanted_by(user_ids=[user.pk for user in people], kind=kind)
    return [user for user in people if user.pk in wanted]


def digest_send(*, user: User, period: Period, now: datetime.datetime) -> DigestRun | None:
    """Claim `user`'s digest for `period` and send it when there is something to say; the
    notifications it carries are marked digested in the same transaction, so they come once.
    Returns the claim, or None when it was already claimed. Any caller (the periodic task);
    locks nothing but the claim's unique key; e-mail goes after commit."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                run = DigestRun.objects.create(user=user, kind=period.kind, period_start=period.start)
        except IntegrityError:
            return None
        language = user.language or settings.LANGUAGE_CODE
        with translation.override(language), timezone.override(period.zone):
            contents = digest_contents(user=user, period=period, now=now)
            if contents.is_empty:
                return run
            name = "digest-daily" if period.kind == DigestKind.DAILY else "digest-weekly"
            run.message = email_queue(
                name,
                {
                    "recipient": user,
                    "period": period,
                    "contents": contents,
                    "preferences_url": reverse("notification_preferences"),
                    "calendar_url": reverse("calendar"),
                    "unsubscribe_url": digest_unsubscribe_url(user=user, kind=period.kind),
                },
                to=user.email,
                language=language,
                kind=name,
                user=user,
                unsubscribe_url=digest_unsubscribe_url(user=user, kind=period.kind),
            )
        Notification.objects.filter(
            pk__in=[n.pk for n in contents.notifications], digested_at__isnull=True
        ).update(digested_at=now)
        run.items = contents.item_count
        run.save(update_fields=["message", "items"])
    return run


def digests_send_due(*, now: datetime.datetime | None = None) -> int:
    """Send every digest due at `now` (daily and weekly) in every time zone people use. Returns
    how many e-mails were queued. One person's failure is logged and does not stop the others."""
    now = now or timezone.now()
    zones = list(
        User.objects.filter(is_active=True, erased_at__isnull=True)
        .order_by()
        .values_list("time_zone", flat=True)
        .distinct()
    )
    sent = 0
    for kind in DigestKind:
        for time_zone, period in due_periods_by_zone(kind, now=now, time_zones=zones).items():
            for user in digest_recipients(kind=kind, period=period, time_zone=time_zone):
                try:
                    run = digest_send(user=user, period=period, now=now)
                except Exception:
                    logger.exception("Digest %s of user %s could not be sent", kind, user.pk)
                    continue
                if run is not None and run.message_id is not None:
                    sent += 1
    return sent


def digest_runs_prune(*, now: datetime.datetime | None = None) -> int:
    """Delete the claims of periods that began more than KEEP_DAYS days ago (the periodic task).
    Returns how many."""
    cutoff = (now or timezone.now()).date() - datetime.timedelta(days=KEEP_DAYS)
    deleted, _by_model = DigestRun.objects.filter(period_start__lt=cutoff).delete()
    return deleted


@transaction.atomic
def digest_unsubscribe(*, user: User, kind: DigestKind, ip: str | None = None) -> list[str]:
    """Stop digest `kind` for `user`, from its one-click link (the link's signature is the
    permission): e-mail is turned off for every kind the person has in that digest
    (`notification_unsubscribe`, audited like any change of preferences), so the digest itself
    stops; the notifications already waiting for it are marked digested, as they would
    otherwise bring it back. A second time changes nothing. Returns the kinds turned off."""
    choice = EmailChoice(kind)
    kinds = [k for k, (email, _in_app) in settings_for(user).items() if email == choice]
    if kinds:
        notification_unsubscribe(user=user, kinds=kinds, ip=ip)
    Notification.objects.filter(user=user, email=choice, digested_at__isnull=True).update(
        digested_at=timezone.now()
    )
    return [str(k) for k in kinds]
