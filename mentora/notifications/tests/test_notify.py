import datetime
import itertools

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from mentora.mail.models import Message
from mentora.notifications.kinds import DEFAULT_EMAIL, DEFAULT_IN_APP, EmailChoice, Kind
from mentora.notifications.models import Notification, NotificationSetting
from mentora.notifications.services import notifications_prune, notify, withdraw

pytestmark = pytest.mark.django_db

URL = "/mentor/applications/1/"


def _notify(cast, kind=Kind.ASSIGNED, **overrides):
    arguments = {
        "recipients": [cast.north_mentor],
        "kind": kind,
        "actor": cast.north_admin,
        "url": URL,
        "text": gettext_lazy("Observations"),
    }
    return notify(**(arguments | overrides))


@pytest.mark.parametrize(
    ("kind", "choice", "in_app"), list(itertools.product(Kind, EmailChoice, [True, False]))
)
def test_the_preference_matrix(cast, django_capture_on_commit_callbacks, kind, choice, in_app):
    NotificationSetting.objects.create(user=cast.north_mentor, kind=kind, email=choice, in_app=in_app)
    with django_capture_on_commit_callbacks(execute=True):
        _notify(cast, kind=kind)
    emailed = choice == EmailChoice.IMMEDIATE
    assert len(mail.outbox) == (1 if emailed else 0)
    stored = Notification.objects.filter(user=cast.north_mentor, kind=kind).first()
    if in_app or choice in (EmailChoice.DAILY, EmailChoice.WEEKLY):
        assert stored is not None
        assert (stored.in_app, stored.email, stored.url, stored.digested_at) == (in_app, choice, URL, None)
    else:
        assert stored is None
    if emailed:
        [sent] = mail.outbox
        assert sent.to == [cast.north_mentor.email]
        assert "/notifications/unsubscribe/" in sent.message()["List-Unsubscribe"]
        assert "http://testserver" + URL in sent.body


@pytest.mark.parametrize("kind", list(Kind))
def test_defaults_when_nothing_was_chosen(cast, django_capture_on_commit_callbacks, kind):
    with django_capture_on_commit_callbacks(execute=True):
        _notify(cast, kind=kind)
    assert len(mail.outbox) == (1 if DEFAULT_EMAIL[kind] == EmailChoice.IMMEDIATE else 0)
    notification = Notification.objects.get(user=cast.north_mentor)
    assert (notification.email, notification.in_app) == (DEFAULT_EMAIL[kind], DEFAULT_IN_APP[kind])


def test_sensible_defaults():
    assert DEFAULT_EMAIL[Kind.ATTENDANCE_ALERT] == EmailChoice.IMMEDIATE
    assert DEFAULT_EMAIL[Kind.EVENT_CHANGED] == EmailChoice.IMMEDIATE
    assert DEFAULT_EMAIL[Kind.FOLLOWUP_COMMENT] == EmailChoice.DAILY
    assert set(DEFAULT_EMAIL) == set(Kind) and all(DEFAULT_IN_APP.values())


def test_nobody_is_notified_of_their_own_action(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        created = _notify(cast, recipients=[cast.north_admin, cast.north_mentor], actor=cast.north_admin)
    assert [n.user for n in created] == [cast.north_mentor]
    assert [m.to for m in mail.outbox] == [[cast.north_mentor.email]]


def test_inactive_accounts_and_duplicates_are_skipped(cast, django_capture_on_commit_callbacks):
    cast.outsider.is_active = False
    cast.outsider.save()
    with django_capture_on_commit_callbacks(execute=True):
        created = _notify(cast, recipients=[cast.outsider, cast.north_mentor, cast.north_mentor])
    assert [n.user for n in created] == [cast.north_mentor]
    assert len(mail.outbox) == 1


def test_a_system_action_notifies_everyone_named(cast):
    assert len(_notify(cast, recipients=[cast.north_mentor, cast.north_admin], actor=None)) == 2


def test_text_and_email_are_in_the_recipients_language_and_time_zone(
    cast, django_capture_on_commit_callbacks
):
    cast.north_mentor.language = "sv"
    cast.north_mentor.time_zone = "America/New_York"
    cast.north_mentor.save()
    moment = datetime.datetime(2026, 12, 3, 12, 0, tzinfo=datetime.UTC)

    def text() -> str:
        return f"{gettext('Observations')} {timezone.localtime(moment):%H:%M}"

    with django_capture_on_commit_callbacks(execute=True):
        created = _notify(cast, recipients=[cast.north_mentor, cast.north_mentor_unassigned], text=text)
    texts = {n.user_id: n.text for n in created}
    assert texts[cast.north_mentor.pk] == "Observationer 07:00"
    assert texts[cast.north_mentor_unassigned.pk] == "Observations 13:00"  # Europe/Stockholm
    swedish = next(m for m in mail.outbox if m.to == [cast.north_mentor.email])
    assert "Observationer 07:00" in swedish.subject
    assert "Hej Maria!" in swedish.body
    assert Message.objects.get(recipient=cast.north_mentor.email).language == "sv"


def test_text_is_one_plain_line_of_at_most_500_characters(cast):
    [notification] = _notify(cast, text="a\n  b " + "x" * 600)
    assert notification.text.startswith("a b x") and len(notification.text) == 500


def test_a_key_makes_one_unread_notification_and_withdraw_removes_it(cast):
    assert len(_notify(cast, key="alert:1")) == 1
    assert _notify(cast, key="alert:1") == []  # still unread: not told twice
    _notify(cast, key="alert:2")
    assert withdraw(key="alert:1") == 1
    assert list(Notification.objects.values_list("key", flat=True)) == ["alert:2"]
    assert withdraw(key="") == 0


def test_withdraw_keeps_what_was_read(cast):
    [notification] = _notify(cast, key="alert:1")
    Notification.objects.filter(pk=notification.pk).update(read_at=timezone.now())
    assert withdraw(key="alert:1") == 0
    assert len(_notify(cast, key="alert:1")) == 1  # read: a new crossing may tell again


def test_nothing_is_sent_when_the_caller_rolls_back(cast, django_capture_on_commit_callbacks):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        _notify(cast)
        raise RuntimeError
    assert not Notification.objects.exists() and mail.outbox == []


def test_prune_deletes_what_is_older_than_90_days(cast):
    with time_machine.travel(datetime.datetime(2026, 9, 1, tzinfo=datetime.UTC)):
        _notify(cast, key="old")
    with time_machine.travel(datetime.datetime(2026, 10, 1, tzinfo=datetime.UTC)):
        _notify(cast, key="recent")
    assert notifications_prune(now=datetime.datetime(2026, 11, 30, 12, tzinfo=datetime.UTC)) == 1
    assert list(Notification.objects.values_list("key", flat=True)) == ["recent"]


def test_the_bell_count_stays_cached_until_a_change_and_pruning_an_unread_one_is_a_change(cast):
    from mentora.notifications.counts import unread_count_cached

    with time_machine.travel(datetime.datetime(2026, 9, 1, tzinfo=datetime.UTC)):
        _notify(cast, key="old")
    [recipient] = {n.user for n in Notification.objects.all()}
    assert unread_count_cached(recipient) == 1
    # Hours later the count is still the cached one: no query, so a page's queries never vary.
    with (
        time_machine.travel(datetime.datetime(2026, 9, 2, tzinfo=datetime.UTC)),
        CaptureQueriesContext(connection) as queries,
    ):
        assert unread_count_cached(recipient) == 1
    assert len(queries) == 0
    notifications_prune(now=datetime.datetime(2026, 12, 30, tzinfo=datetime.UTC))
    assert unread_count_cached(recipient) == 0


def test_pruning_is_a_periodic_task():
    from mentora.core.periodic import registered_periodic_tasks

    assert "mentora.notifications.tasks.prune_notifications" in [t.path for t in registered_periodic_tasks()]


def test_the_export_carries_the_settings_and_notifications_and_erasure_removes_them(cast):
    from mentora.notifications.personal_data import erase, export
    from mentora.notifications.services import notification_settings_update

    notification_settings_update(user=cast.north_mentor, choices={Kind.ASSIGNED: (EmailChoice.OFF, True)})
    _notify(cast, text="You now mentor A-1")
    part = export(cast.north_mentor)["notifications"]
    assert part["settings"] == [{"kind": "ASSIGNED", "email": "OFF", "in_app": True}]  # type: ignore[index]
    assert [n["text"] for n in part["received"]] == ["You now mentor A-1"]  # type: ignore[index]
    erase(cast.north_mentor, None)  # type: ignore[arg-type]
    assert not Notification.objects.exists() and not NotificationSetting.objects.exists()


@pytest.mark.parametrize(
    "url", ["https://evil.example/", "//evil.example/", "/\\evil.example", "mentor/", "/" + "a" * 600]
)
def test_a_notification_links_only_to_a_path_on_this_site(cast, url):
    with pytest.raises(ValueError):
        _notify(cast, url=url)
    assert not Notification.objects.exists()
