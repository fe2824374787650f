"""The invitation pages read as one Mentors area, in both languages: one heading over the tabs,
the same word for a status in its badge and in the filter, and a canceled invitation one click
away after cancelling."""

import re
from datetime import timedelta
from html import unescape

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from mentora.invitations.models import InvitationStatus

pytestmark = pytest.mark.django_db


def _text(html: str) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def _h1(html: str) -> str:
    match = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    assert match
    return _text(match.group(1)).strip()


@pytest.fixture
def admin(client, cast):  # type: ignore[no-untyped-def]
    def sign_in(language: str):  # type: ignore[no-untyped-def]
        cast.north_admin.language = language
        cast.north_admin.save()
        client.force_login(cast.north_admin)
        return client

    return sign_in


@pytest.mark.parametrize(
    ("language", "heading"), [("en", "Mentors of North Org"), ("sv", "Mentorer för North Org")]
)
def test_every_page_under_the_mentor_tabs_has_the_areas_heading(admin, cast, language, heading):
    client = admin(language)
    for name in (
        "mentors_list",
        "invitation_list",
        "invitation_create",
        "invitation_bulk",
        "attendance_alert_settings",
    ):
        html = client.get(reverse(name, args=[cast.north.pk])).content.decode()
        assert _h1(html) == heading, name


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", ["Pending", "Expired", "Accepted", "Canceled"]),
        ("sv", ["Väntande", "Utgången", "Accepterad", "Återkallad"]),
    ],
)
def test_a_status_reads_the_same_in_its_badge_and_in_the_filter(admin, cast, invite, language, words):
    with time_machine.travel(timezone.now() - timedelta(days=3)):
        invite("old@example.com", lifetime_days=1)
    invite("pending@example.com")
    client = admin(language)
    client.post(reverse("invitation_cancel", args=[invite("canceled@example.com").invitation.pk]))
    html = client.get(reverse("invitation_list", args=[cast.north.pk])).content.decode()
    badges = set(re.findall(r'<span class="badge[^"]*">([^<]+)</span>', html))
    options = set(re.findall(r'<option value="[A-Z]+"[^>]*>([^<]+)</option>', html))
    assert {words[0], words[1], words[3]} <= badges
    assert set(words) <= options


@pytest.mark.parametrize(
    ("language", "link"),
    [("en", "Show the canceled invitations"), ("sv", "Visa de återkallade inbjudningarna")],
)
def test_after_cancelling_a_message_links_to_the_canceled_invitation(admin, cast, invite, language, link):
    invitation = invite("gone@example.com").invitation
    client = admin(language)
    pending_only = reverse("invitation_list", args=[cast.north.pk]) + "?status=PENDING"
    response = client.post(
        reverse("invitation_cancel", args=[invitation.pk]), {"next": pending_only}, follow=True
    )
    html = response.content.decode()
    canceled_url = reverse("invitation_list", args=[cast.north.pk]) + "?status=CANCELED"
    assert f'<a href="{canceled_url}">{link}</a>' in html
    assert "gone@example.com" in _text(html)  # named in the message though the list shows pending only
    listed = client.get(canceled_url).content.decode()
    assert "gone@example.com" in listed
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.CANCELED


@pytest.mark.parametrize(
    ("language", "offered", "absent"), [("en", "Resend", "Cancel"), ("sv", "Skicka igen", "Återkalla")]
)
def test_an_expired_row_offers_resend_not_cancel(admin, cast, invite, language, offered, absent):
    with time_machine.travel(timezone.now() - timedelta(days=3)):
        expired = invite("old@example.com", lifetime_days=1).invitation
    client = admin(language)
    html = client.get(reverse("invitation_list", args=[cast.north.pk])).content.decode()
    row = re.search(r"<tr>\s*<th scope=\"row\">old@example.com.*?</tr>", html, re.S)
    assert row
    assert reverse("invitation_resend", args=[expired.pk]) in row.group(0)
    assert reverse("invitation_cancel", args=[expired.pk]) not in row.group(0)
    assert offered in _text(row.group(0))
    assert absent not in _text(row.group(0))


@pytest.mark.parametrize(
    ("language", "phrase"),
    [
        ("en", "invites you to be a mentor for North Org"),
        ("sv", "bjuder in dig att bli mentor för North Org"),
    ],
)
def test_the_invitation_names_the_role_in_lower_case_mid_sentence(cast, invite, language, phrase):
    cast.north.default_language = language
    cast.north.save()
    mail.outbox.clear()
    invite("someone@example.com")
    body = mail.outbox[-1].body
    assert phrase in body
    assert "Mentor for" not in body
    assert "Mentor för" not in body
