import datetime
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.functional import Promise

from mentora.accounts.models import User
from mentora.audit.services import audit_record
from mentora.mail.services import email_queue

from .access import access_notification, notification_list_visible
from .counts import unread_count_forget
from .kinds import DEFAULT_EMAIL, DEFAULT_IN_APP, EmailChoice, Kind
from .models import TEXT_LENGTH, URL_LENGTH, Notification, NotificationSetting
from .selectors import settings_for
from .unsubscribe import unsubscribe_url


@transaction.atomic
def notification_settings_update(
    *, user: User, choices: dict[Kind, tuple[EmailChoice, bool]], ip: str | None = None
) -> dict[Kind, tuple[EmailChoice, bool]]:
    """The user sets their own choices: per kind, the e-mail choice and whether it shows in the
    app. Kinds not named keep theirs. Writes one audit event naming what changed, when anything
    did. Returns every kind's choice now in force."""
    before = settings_for(user)
    changed = {kind: choice for kind, choice in choices.items() if kind in before and before[kind] != choice}
    for kind, (email, in_app) in changed.items():
        NotificationSetting.objects.update_or_create(
            user=user, kind=kind, defaults={"email": email, "in_app": in_app}
        )
    if changed:
        audit_record(
            actor=user,
            action="user.notification_preferences",
            target=user,
            before={kind.value: _audit_value(before[kind]) for kind in changed},
            after={kind.value: _audit_value(choice) for kind, choice in changed.items()},
            ip=ip,
        )
    return settings_for(user)


def _audit_value(choice: tuple[EmailChoice, bool]) -> dict[str, object]:
    return {"email": choice[0].value, "in_app": choice[1]}


def notification_unsubscribe(
    *, user: User, kinds: Iterable[Kind], ip: str | None = None
) -> dict[Kind, tuple[EmailChoice, bool]]:
    """Turn e-mail off for `kinds` (the in-app channel stays as it was), from a one-click
    unsubscribe link: the link's signature is the permission. Audited like any other change of
    choices; doing it twice changes nothing the second time."""
    current = settings_for(user)
    return notification_settings_update(
        user=user, choices={kind: (EmailChoice.OFF, current[kind][1]) for kind in kinds}, ip=ip
    )


# Notifications -----------------------------------------------------------------------------------

KEEP_DAYS = 90
GENERIC_EMAIL = "notification"  # the text and a link, when a kind has no e-mail of its own

Text = Callable[[], object] | Promise | str


def notify(
    *,
    recipients: Iterable[User],
    kind: Kind,
    actor: User | None,
    url: str,
    text: Text,
    email: str | None = None,
    context: dict[str, Any] | None = None,
    key: str = "",
) -> list[Notification]:
    """Tell `recipients` about something of `kind` that `actor` did (None: the system), linking to
    `url` (a path on this site). Any service may call it, inside its own transaction; it checks
    no permission (the caller chose the recipients).

    Skips the actor, inactive accounts, a person named twice, and a person who still has an
    unread notification with the same non-empty `key`. For each other person, in their language
    and time zone: renders `text` (a callable, or a lazy translation), queues e-mail `email`
    (templates emails/<email>-subject.txt, -body.txt, -body.html; context: `recipient`, `text`
    and `url` made absolute, then `context`; None: the generic "notification" e-mail, which
    says `text` and links to `url`) when their choice for `kind` is IMMEDIATE,
    and stores a Notification when their in-app channel is on or their e-mail waits for a
    digest. E-mail leaves after commit. Returns the notifications stored."""
    kind = Kind(kind)
    if not url.startswith("/") or url.startswith(("//", "/\\")) or len(url) > URL_LENGTH:
        raise ValueError(f"A notification links to a path on this site, not {url[:80]!r}")
    people: dict[int, User] = {}
    for user in recipients:
        if user is None or not user.is_active or (actor is not None and user.pk == actor.pk):
            continue
        people.setdefault(user.pk, user)
    if key and people:
        for user_id in Notification.objects.filter(
            user_id__in=people, key=key, read_at__isnull=True
        ).values_list("user_id", flat=True):
            people.pop(user_id, None)
    if not people:
        return []
    stored = {
        user_id: (EmailChoice(email_choice), in_app)
        for user_id, email_choice, in_app in NotificationSetting.objects.filter(
            user_id__in=people, kind=kind
        ).values_list("user_id", "email", "in_app")
    }
    rows: list[Notification] = []
    for user in people.values():
        choice, in_app = stored.get(user.pk, (DEFAULT_EMAIL[kind], DEFAULT_IN_APP[kind]))
        language = user.language or settings.LANGUAGE_CODE
        with translation.override(language), timezone.override(user.time_zone or settings.TIME_ZONE):
            rendered = _plain(text() if callable(text) else text)
            if choice == EmailChoice.IMMEDIATE:
                email_queue(
                    email or GENERIC_EMAIL,
                    {"recipient": user, "text": rendered, "url": settings.SITE_URL + url, **(context or {})},
                    to=user.email,
                    language=language,
                    kind=email or f"notification-{kind.lower().replace('_', '-')}",
                    user=user,
                    unsubscribe_url=unsubscribe_url(user=user, kind=kind),
                )
        if in_app or choice in (EmailChoice.DAILY, EmailChoice.WEEKLY):
            rows.append(
                Notification(
                    user=user,
                    kind=kind,
                    text=rendered,
                    url=url,
                    in_app=in_app,
                    email=choice,
                    key=key,
                )
            )
    created = Notification.objects.bulk_create(rows)
    unread_count_forget(row.user_id for row in created if row.in_app)
    return created


def _plain(text: object) -> str:
    """One line of at most TEXT_LENGTH characters."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= TEXT_LENGTH else flat[: TEXT_LENGTH - 1] + "…"


def withdraw(*, key: str) -> int:
    """Delete the unread notifications made with `key` (a read one stays: the person saw it).
    Any service may call it. Returns how many were deleted."""
    if not key:
        return 0
    withdrawn = Notification.objects.filter(key=key, read_at__isnull=True)
    unread_count_forget(withdrawn.values_list("user_id", flat=True))
    deleted, _by_model = withdrawn.delete()
    return deleted


def notification_open(*, user: User, notification_id: int | str) -> Notification:
    """The person opens one of their own notifications: it is marked read (once). Raises
    NotFound for anyone else's."""
    notification = access_notification(user=user, notification_id=notification_id)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
        unread_count_forget([user.pk])
    return notification


def notification_mark_read(*, user: User, notification_id: int | str) -> Notification:
    """The person marks one of their own notifications read. Raises NotFound for anyone else's."""
    return notification_open(user=user, notification_id=notification_id)


def notification_mark_all_read(*, user: User) -> int:
    """The person marks all their notifications read. Returns how many changed."""
    changed = notification_list_visible(user=user).filter(read_at__isnull=True).update(read_at=timezone.now())
    unread_count_forget([user.pk])
    return changed


def notifications_prune(*, now: datetime.datetime | None = None) -> int:
    """Delete every notification older than KEEP_DAYS days (the periodic task). Returns how many."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=KEEP_DAYS)
    old = Notification.objects.filter(created_at__lt=cutoff)
    unread_owners = set(old.filter(read_at__isnull=True).values_list("user_id", flat=True))
    deleted, _by_model = old.delete()
    unread_count_forget(unread_owners)
    return deleted
