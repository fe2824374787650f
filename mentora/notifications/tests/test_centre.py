"""The in-app centre: the bell, the list, opening and marking read."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from mentora.notifications.counts import unread_count_forget
from mentora.notifications.kinds import EmailChoice, Kind
from mentora.notifications.models import Notification
from mentora.notifications.services import notify, withdraw

pytestmark = pytest.mark.django_db


def make(user, *, kind=Kind.ASSIGNED, text="Something happened", url="/mentor/", **fields):  # type: ignore[no-untyped-def]
    fields.setdefault("email", EmailChoice.IMMEDIATE)
    unread_count_forget([user.pk])
    return Notification.objects.create(user=user, kind=kind, text=text, url=url, **fields)


def test_the_bell_is_on_every_signed_in_page_with_the_unread_count(client, cast):
    make(cast.north_mentor)
    make(cast.north_mentor)
    make(cast.north_mentor, read_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC))
    make(cast.north_mentor, in_app=False, email=EmailChoice.DAILY)  # waits for a digest only
    make(cast.north_admin)
    client.force_login(cast.north_mentor)
    for path in ("/", reverse("profile"), reverse("notification_preferences")):
        html = client.get(path).content.decode()
        assert 'id="notification-bell"' in html, path
        assert "Notifications, 2 unread" in html
        assert 'id="notification-bell-status" class="visually-hidden" aria-live="polite"' in html
        assert 'hx-trigger="every 60s, notifications-changed from:body"' in html


def test_no_bell_for_the_anonymous_visitor(client):
    html = client.get(reverse("account_login")).content.decode()
    assert "notification-bell" not in html


def test_the_bell_endpoint_announces_only_a_change(client, cast):
    make(cast.north_mentor)
    client.force_login(cast.north_mentor)
    same = client.get(reverse("notification_bell"), {"shown": "1"}).content.decode()
    assert "Notifications, 1 unread" in same and "hx-swap-oob" not in same
    make(cast.north_mentor)
    changed = client.get(reverse("notification_bell"), {"shown": "1"}).content.decode()
    assert 'hx-get="/notifications/bell/?shown=2"' in changed
    assert 'id="notification-bell-status" hx-swap-oob="innerHTML">Notifications, 2 unread' in changed
    for shown in ("", "x", "-1", "9" * 50):
        assert client.get(reverse("notification_bell"), {"shown": shown}).status_code == 200


def test_the_bell_tells_htmx_to_stop_once_signed_out(client):
    assert client.get(reverse("notification_bell"), HTTP_HX_REQUEST="true").status_code == 286


def test_the_count_is_kept_in_the_cache_and_forgotten_on_every_change(
    client, cast, django_assert_num_queries, django_capture_on_commit_callbacks
):
    for _ in range(30):
        make(cast.north_mentor)
    client.force_login(cast.north_mentor)
    assert "Notifications, 30 unread" in client.get("/").content.decode()
    with django_assert_num_queries(3):  # session, user, memberships (navigation): no count
        client.get(reverse("notification_bell"))

    def bell() -> str:
        return client.get(reverse("notification_bell")).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[cast.north_mentor], kind=Kind.ASSIGNED, actor=None, url="/", text="x", key="k")
    assert "Notifications, 31 unread" in bell()
    withdraw(key="k")
    assert "Notifications, 30 unread" in bell()
    client.post(reverse("notification_mark_read", args=[Notification.objects.first().pk]))  # type: ignore[union-attr]
    assert "Notifications, 29 unread" in bell()
    client.post(reverse("notification_mark_all_read"))
    assert "Notifications, 0 unread" in bell()


def test_the_list_shows_ones_own_newest_first(client, cast):
    with time_machine.travel(datetime.datetime(2026, 11, 1, 9, tzinfo=datetime.UTC)):
        make(cast.north_mentor, text="Older one")
    with time_machine.travel(datetime.datetime(2026, 11, 2, 9, tzinfo=datetime.UTC)):
        make(cast.north_mentor, text="Newer one")
    make(cast.north_admin, text="Someone else's")
    make(cast.north_mentor, text="Digest only", in_app=False, email=EmailChoice.WEEKLY)
    client.force_login(cast.north_mentor)
    html = client.get(reverse("notification_list")).content.decode()
    assert html.index("Newer one") < html.index("Older one")
    assert "Someone else's" not in html and "Digest only" not in html
    assert "Unread" in html and "Mark all as read" in html


def test_the_list_filters_by_kind_and_unread(client, cast):
    make(cast.north_mentor, kind=Kind.OBSERVATION, text="An observation")
    make(
        cast.north_mentor,
        kind=Kind.ASSIGNED,
        text="An assignment",
        read_at=datetime.datetime.now(datetime.UTC),
    )
    client.force_login(cast.north_mentor)
    html = client.get(reverse("notification_list"), {"kind": "OBSERVATION"}).content.decode()
    assert "An observation" in html and "An assignment" not in html
    html = client.get(reverse("notification_list"), {"unread": "on"}).content.decode()
    assert "An observation" in html and "An assignment" not in html
    html = client.get(reverse("notification_list"), {"kind": "ASSIGNED", "unread": "on"}).content.decode()
    assert "No notifications match these filters." in html


@pytest.mark.parametrize(
    "query", [{"kind": "NOT_A_KIND"}, {"kind": "x" * 5000}, {"page": "abc"}, {"page": "99999999999999999999"}]
)
def test_odd_filters_and_pages_never_fail(client, cast, query):
    make(cast.north_mentor, text="Still listed")
    client.force_login(cast.north_mentor)
    response = client.get(reverse("notification_list"), query)
    assert response.status_code == 200
    assert "Still listed" in response.content.decode()


def test_the_list_is_paginated_in_a_bounded_number_of_queries(client, cast, django_assert_max_num_queries):
    for number in range(30):
        make(cast.north_mentor, text=f"Item {number:02d}")
    client.force_login(cast.north_mentor)
    with django_assert_max_num_queries(8):
        first = client.get(reverse("notification_list")).content.decode()
    assert "Item 29" in first and "Item 04" not in first and "Page 1 of 2" in first
    second = client.get(reverse("notification_list"), {"page": "2"}).content.decode()
    assert "Item 04" in second and "Item 29" not in second


def test_opening_marks_read_and_goes_to_the_target(client, cast):
    notification = make(cast.north_mentor, url="/followups/3/#comment-7")
    client.force_login(cast.north_mentor)
    response = client.get(reverse("notification_open", args=[notification.pk]))
    assert response.status_code == 302 and response["Location"] == "/followups/3/#comment-7"
    notification.refresh_from_db()
    assert notification.read_at is not None


@pytest.mark.parametrize(
    "url", ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)"]
)
def test_opening_never_leaves_the_site(client, cast, url):
    notification = make(cast.north_mentor, url=url)
    client.force_login(cast.north_mentor)
    response = client.get(reverse("notification_open", args=[notification.pk]))
    assert response["Location"] == reverse("notification_list")


def test_another_persons_notification_answers_404(client, cast):
    theirs = make(cast.north_admin)
    client.force_login(cast.north_mentor)
    assert client.get(reverse("notification_open", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("notification_mark_read", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("notification_open", args=[999999])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_a_digest_only_row_cannot_be_opened(client, cast):
    hidden = make(cast.north_mentor, in_app=False, email=EmailChoice.DAILY)
    client.force_login(cast.north_mentor)
    assert client.get(reverse("notification_open", args=[hidden.pk])).status_code == 404


def test_mark_one_read_with_htmx_and_without(client, cast):
    first, second = make(cast.north_mentor, text="First"), make(cast.north_mentor, text="Second")
    client.force_login(cast.north_mentor)
    response = client.post(reverse("notification_mark_read", args=[first.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and response["HX-Trigger"] == "notifications-changed"
    html = response.content.decode()
    assert (
        f'id="notification-{first.pk}"' in html and "Mark as read" not in html and "data-focus-here" in html
    )
    response = client.post(
        reverse("notification_mark_read", args=[second.pk]), {"next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("notification_list")
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_mark_all_read_touches_only_ones_own(client, cast):
    make(cast.north_mentor)
    make(cast.north_mentor)
    theirs = make(cast.north_admin)
    client.force_login(cast.north_mentor)
    response = client.post(reverse("notification_mark_all_read"), follow=True)
    assert "2 notifications marked as read." in response.content.decode()
    assert not Notification.objects.filter(user=cast.north_mentor, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_marking_read_needs_a_csrf_token(client, cast):
    notification = make(cast.north_mentor)
    client.force_login(cast.north_mentor)
    client.handler.enforce_csrf_checks = True
    assert client.post(reverse("notification_mark_read", args=[notification.pk])).status_code == 403
    assert client.post(reverse("notification_mark_all_read")).status_code == 403
    notification.refresh_from_db()
    assert notification.read_at is None


def test_the_list_is_in_the_persons_language(client, cast):
    cast.north_mentor.language = "sv"
    cast.north_mentor.save()
    make(cast.north_mentor)
    client.force_login(cast.north_mentor)
    html = client.get(reverse("notification_list")).content.decode()
    assert "Markera alla som lästa" in html and "Aviseringar, 1 oläst" in html
