import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from mentora.accounts.models import User
from mentora.customers.access import actor_for
from mentora.customers.models import Membership, Role, Status
from mentora.invitations.models import Invitation, InvitationStatus
from mentora.invitations.services import invitation_accept, invitation_cancel, invitation_resend
from mentora.notifications.kinds import EmailChoice
from mentora.notifications.kinds import Kind as NotificationKind
from mentora.notifications.selectors import settings_for
from mentora.testing.factories import TEST_PASSWORD, UserFactory
from mentora.testing.factories_activities import ApplicationFactory

pytestmark = pytest.mark.django_db

GOOD_PASSWORD = "a-long-and-unusual-passphrase-42"


def accept_url(token: str) -> str:
    return reverse("invitation_accept", args=[token])


# --- managing: who may see what -------------------------------------------------------------


@pytest.mark.parametrize("name", ["invitation_list", "invitation_create", "invitation_bulk"])
def test_customer_pages_403_for_a_mentor_and_404_for_another_customer(client, cast, name):
    url = reverse(name, args=[cast.north.pk])
    client.force_login(cast.north_mentor)
    assert client.get(url).status_code == 403
    client.force_login(cast.south_admin)
    assert client.get(url).status_code == 404
    client.force_login(cast.outsider)
    assert client.get(url).status_code == 404
    client.force_login(cast.north_admin)
    assert client.get(url).status_code == 200
    client.force_login(cast.system_admin)
    assert client.get(url).status_code == 200


def test_customer_pages_send_anonymous_visitors_to_sign_in(client, cast):
    response = client.get(reverse("invitation_list", args=[cast.north.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_invitation_list_shows_every_status_with_the_filters_words(client, cast, invite):
    with time_machine.travel(timezone.now() - timedelta(days=3)):
        invite("old@example.com", lifetime_days=1)
    invite("pending@example.com")
    accepted = invite("accepted@example.com").invitation
    invitation_accept(invitation=accepted, user=UserFactory(email="accepted@example.com"))
    canceled = invite("canceled@example.com").invitation
    invitation_cancel(actor=actor_for(cast.north_admin), invitation=canceled)
    invite("south.person@example.com", by=cast.south_admin, customer=cast.south)

    client.force_login(cast.north_admin)
    response = client.get(reverse("invitation_list", args=[cast.north.pk]))
    html = response.content.decode()
    for email in ("old@example.com", "pending@example.com", "accepted@example.com", "canceled@example.com"):
        assert email in html
    assert "south.person@example.com" not in html
    # The badge and the filter use the same word for each status.
    for status, word in (
        ("PENDING", "Pending"),
        ("EXPIRED", "Expired"),
        ("ACCEPTED", "Accepted"),
        ("CANCELED", "Canceled"),
    ):
        assert f">{word}</span>" in html
        assert f'<option value="{status}">{word}</option>' in html
    # An expired invitation can be sent again, not canceled; a pending one both.
    expired = Invitation.objects.get(email="old@example.com")
    pending = Invitation.objects.get(email="pending@example.com")
    assert reverse("invitation_resend", args=[expired.pk]) in html
    assert reverse("invitation_cancel", args=[expired.pk]) not in html
    assert reverse("invitation_cancel", args=[pending.pk]) in html
    assert '<th scope="col">Sent by</th>' in html
    assert "Nina North" in html
    assert html.count(reverse("invitation_resend", args=[accepted.pk])) == 0

    response = client.get(reverse("invitation_list", args=[cast.north.pk]), {"status": "CANCELED"})
    assert "canceled@example.com" in response.content.decode()
    assert "pending@example.com" not in response.content.decode()


def test_invitation_list_all_is_for_system_admins_with_a_customer_column(client, cast, invite):
    invite("north.person@example.com")
    invite("south.person@example.com", by=cast.south_admin, customer=cast.south)
    url = reverse("invitation_list_all")
    client.force_login(cast.north_admin)
    assert client.get(url).status_code == 403
    client.force_login(cast.system_admin)
    html = client.get(url).content.decode()
    assert '<th scope="col">Customer</th>' in html
    assert "north.person@example.com" in html and "south.person@example.com" in html
    html = client.get(url, {"customer": cast.south.pk}).content.decode()
    assert "south.person@example.com" in html and "north.person@example.com" not in html


def test_invitation_list_query_count_does_not_grow_with_rows(
    client, cast, invite, django_assert_max_num_queries
):
    for number in range(15):
        invite(f"person{number}@example.com")
    client.force_login(cast.north_admin)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("invitation_list", args=[cast.north.pk]))
    assert response.content.decode().count('<th scope="row">person') == 15


# --- managing: invite -----------------------------------------------------------------------


def test_invite_form_prefills_email_from_the_query(client, cast):
    client.force_login(cast.north_admin)
    response = client.get(reverse("invitation_create", args=[cast.north.pk]), {"email": "pre@example.com"})
    assert 'value="pre@example.com"' in response.content.decode()
    assert 'name="applications"' not in response.content.decode()  # north has no applications yet


def test_invite_form_offers_the_customers_applications_only(client, cast):
    mine = ApplicationFactory(customer=cast.north, number="A-2026-000101")
    ApplicationFactory(customer=cast.south, number="A-2026-000102")
    client.force_login(cast.north_admin)
    html = client.get(reverse("invitation_create", args=[cast.north.pk])).content.decode()
    assert "A-2026-000101" in html and "A-2026-000102" not in html
    response = client.post(
        reverse("invitation_create", args=[cast.north.pk]),
        {"email": "new@example.com", "lifetime_days": "14", "applications": [mine.pk]},
    )
    assert response.status_code == 302
    assert list(Invitation.objects.get().applications.all()) == [mine]


def test_invite_post_sends_and_redirects(client, cast, mailoutbox, django_capture_on_commit_callbacks):
    client.force_login(cast.north_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("invitation_create", args=[cast.north.pk]),
            {"email": " New@Example.com", "first_name": "Nils", "message": "Hej", "lifetime_days": "7"},
        )
    assert response.status_code == 302
    assert response["Location"] == reverse("invitation_list", args=[cast.north.pk])
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.first_name, invitation.lifetime_days) == (
        "new@example.com",
        "Nils",
        7,
    )
    assert len(mailoutbox) == 1


def test_invite_pending_address_offers_resend_and_current_mentor_is_named(client, cast, invite):
    pending = invite("pending@example.com").invitation
    client.force_login(cast.north_admin)
    url = reverse("invitation_create", args=[cast.north.pk])
    html = client.post(url, {"email": "pending@example.com", "lifetime_days": "14"}).content.decode()
    assert "already has an invitation" in html
    assert reverse("invitation_resend", args=[pending.pk]) in html
    html = client.post(url, {"email": cast.north_mentor.email, "lifetime_days": "14"}).content.decode()
    assert "is already a mentor of North Org" in html
    assert Invitation.objects.count() == 1


def test_a_long_message_survives_a_validation_error(client, cast):
    message = "Välkommen! " * 150
    client.force_login(cast.north_admin)
    response = client.post(
        reverse("invitation_create", args=[cast.north.pk]),
        {"email": "not an address", "message": message, "lifetime_days": "14"},
    )
    html = response.content.decode()
    assert 'role="alert"' in html
    assert 'aria-invalid="true"' in html
    assert message.strip() in html
    assert not Invitation.objects.exists()


def test_a_message_the_browser_let_through_is_not_refused_for_its_line_breaks(client, cast):
    # A browser counts a line break once against maxlength="2000" but sends it as CRLF.
    typed = "\n".join(["Hej och välkommen!" + "x" * 81] * 20)
    assert len(typed) == 1999
    client.force_login(cast.north_admin)
    for name in ("invitation_create", "invitation_bulk"):
        response = client.post(
            reverse(name, args=[cast.north.pk]),
            {
                "email": f"{name}@example.com",
                "addresses": f"{name}@example.com",
                "message": typed.replace("\n", "\r\n"),
                "lifetime_days": "14",
            },
        )
        assert response.status_code in (200, 302)
        assert Invitation.objects.get(email=f"{name}@example.com").message == typed


def test_bulk_invite_shows_one_line_per_address(client, cast, invite):
    invite("pending@example.com")
    client.force_login(cast.north_admin)
    response = client.post(
        reverse("invitation_bulk", args=[cast.north.pk]),
        {
            "addresses": f"fresh@example.com\npending@example.com\n{cast.north_mentor.email}\nbroken@",
            "lifetime_days": "14",
        },
    )
    html = response.content.decode()
    assert "Invited." in html
    assert "Had a pending invitation: sent again." in html
    assert "Already a mentor." in html
    assert "Not a valid e-mail address." in html


def test_bulk_invite_refuses_over_100(client, cast):
    client.force_login(cast.north_admin)
    addresses = "\n".join(f"p{n}@example.com" for n in range(101))
    response = client.post(
        reverse("invitation_bulk", args=[cast.north.pk]), {"addresses": addresses, "lifetime_days": "14"}
    )
    assert "at most 100" in response.content.decode()
    assert not Invitation.objects.exists()


# --- managing: resend and cancel ------------------------------------------------------------


@pytest.mark.parametrize("name", ["invitation_resend", "invitation_cancel"])
def test_resend_and_cancel_403_for_a_mentor_404_for_another_customer(client, cast, invite, name):
    invitation = invite().invitation
    url = reverse(name, args=[invitation.pk])
    client.force_login(cast.north_mentor)
    assert client.post(url).status_code == 403
    client.force_login(cast.south_admin)
    assert client.post(url).status_code == 404
    assert client.post(reverse(name, args=[999999])).status_code == 404
    client.force_login(cast.north_admin)
    assert client.get(url).status_code == 405
    assert Invitation.objects.get().status == InvitationStatus.PENDING


def test_resend_and_cancel_by_the_admin(client, cast, invite):
    sent = invite()
    client.force_login(cast.north_admin)
    list_url = reverse("invitation_list", args=[cast.north.pk])
    response = client.post(reverse("invitation_resend", args=[sent.invitation.pk]), {"next": list_url})
    assert response["Location"] == list_url
    assert client.get(accept_url(sent.token)).status_code == 409  # the old link is dead: "a newer invitation"
    response = client.post(
        reverse("invitation_cancel", args=[sent.invitation.pk]), {"next": "https://evil.example/"}
    )
    assert response["Location"] == list_url
    assert Invitation.objects.get().status == InvitationStatus.CANCELED


def test_system_admin_cancels_any_customers_invitation(client, cast, invite):
    invitation = invite(by=cast.south_admin, customer=cast.south).invitation
    client.force_login(cast.system_admin)
    client.post(reverse("invitation_cancel", args=[invitation.pk]))
    assert Invitation.objects.get().status == InvitationStatus.CANCELED


# --- accepting: every situation -------------------------------------------------------------


def test_get_shows_the_invitation_and_never_uses_it_up(client, cast, invite):
    sent = invite(message="Welcome aboard")
    for _ in range(3):
        response = client.get(accept_url(sent.token))
        assert response.status_code == 200
    html = response.content.decode()
    for text in ("North Org", "Nina North", "Mentor", "Welcome aboard", "Expires"):
        assert text in html
    assert Invitation.objects.get().status == InvitationStatus.PENDING
    assert response["Cache-Control"].startswith("max-age=0")


def test_no_account_shows_the_register_form_with_the_email_read_only(client, invite):
    sent = invite(first_name="Nils")
    html = client.get(accept_url(sent.token)).content.decode()
    assert "Create your account" in html
    assert 'value="new.person@example.com"' in html and "disabled" in html
    assert 'value="Nils"' in html
    assert reverse("terms") in html


def test_register_page_has_no_sign_in_link_in_its_header_and_the_password_rules_under_the_field(
    client, invite
):
    """The acceptance page is the way in: no "Sign in" in the header that would lead away from the
    invitation while registering. The password rules sit under the field, tied to it."""
    html = client.get(accept_url(invite().token)).content.decode()
    header = html[html.index("<header") : html.index("</header>")]
    assert reverse("account_login") not in header and "Sign in" not in header
    assert "Svenska" in header  # the rest of the header stays
    field = re.search(r'<input type="password" name="password1"[^>]*>', html)
    assert field and 'aria-describedby="id_password1_helptext"' in field.group()
    rules = html[field.end() :]
    assert rules.lstrip().startswith('<div class="helptext" id="id_password1_helptext">')
    assert "at least 10 characters" in rules[: rules.index("</div>")]
    # Other pages keep the link in the header.
    home = client.get(reverse("account_login")).content.decode()
    assert "Sign in" in home[home.index("<header") : home.index("</header>")]


def test_sign_in_situation_has_no_second_sign_in_link_in_the_header(client, invite):
    sent = invite()
    UserFactory(email="new.person@example.com")
    html = client.get(accept_url(sent.token)).content.decode()
    assert "Sign in to accept" in html
    assert reverse("account_login") not in html[html.index("<header") : html.index("</header>")]


def test_register_with_errors_keeps_the_input_and_uses_nothing_up(client, invite):
    sent = invite()
    response = client.post(
        reverse("invitation_register", args=[sent.token]),
        {
            "first_name": "N",
            "last_name": "Newman",
            "password1": "short",
            "password2": "short",
            "language": "en",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html and 'value="Newman"' in html
    assert "at least 2 characters" in html
    assert "This field is required" in html  # terms not accepted
    assert not User.objects.filter(email="new.person@example.com").exists()
    assert Invitation.objects.get().status == InvitationStatus.PENDING


def test_register_refuses_a_control_character_in_a_name(client, invite):
    sent = invite()
    response = client.post(
        reverse("invitation_register", args=[sent.token]),
        {
            "first_name": "Nils\x1b[2J",
            "last_name": "New\x0bman",
            "password1": GOOD_PASSWORD,
            "password2": GOOD_PASSWORD,
            "language": "en",
            "accept_terms": "on",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "control characters (U+001B)" in html and "control characters (U+000B)" in html
    assert not User.objects.filter(email="new.person@example.com").exists()
    assert Invitation.objects.get().status == InvitationStatus.PENDING


def test_register_signs_in_and_leads_through_setup_to_home(client, cast, invite):
    sent = invite()
    response = client.post(
        reverse("invitation_register", args=[sent.token]),
        {
            "email": "someone.else@example.com",  # ignored: the e-mail is the invitation's
            "first_name": "Nils",
            "last_name": "Newman",
            "password1": GOOD_PASSWORD,
            "password2": GOOD_PASSWORD,
            "language": "en",
            "accept_terms": "on",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("invitation_setup")
    user = User.objects.get(email="new.person@example.com")
    assert not User.objects.filter(email="someone.else@example.com").exists()
    assert Membership.objects.get(user=user).customer == cast.north
    assert int(client.session["_auth_user_id"]) == user.pk

    setup = client.get(reverse("invitation_setup"))
    assert "Set up your account" in setup.content.decode()
    response = client.post(
        reverse("invitation_setup"),
        {
            "profile-first_name": "Nils",
            "profile-last_name": "Newman",
            "profile-phone": "+46 70 123 45 67",
            "profile-language": "en",
            "profile-time_zone": "Europe/Stockholm",
            **{f"notify-{kind}-email": EmailChoice.IMMEDIATE for kind in NotificationKind},
            **{
                f"notify-{kind}-in_app": "on"
                for kind in NotificationKind
                if kind != NotificationKind.OBSERVATION
            },
            "notify-FOLLOWUP_COMMENT-email": EmailChoice.OFF,
        },
    )
    assert response["Location"] == reverse("home")
    user.refresh_from_db()
    assert user.phone == "+46 70 123 45 67"
    choices = settings_for(user)
    assert choices[NotificationKind.FOLLOWUP_COMMENT] == (EmailChoice.OFF, True)
    assert choices[NotificationKind.OBSERVATION] == (EmailChoice.IMMEDIATE, False)
    assert choices[NotificationKind.ATTENDANCE_ALERT] == (EmailChoice.IMMEDIATE, True)
    assert "North Org" in client.get(reverse("home")).content.decode()


def test_existing_account_signs_in_with_email_prefilled_and_comes_back(client, cast, invite):
    person = UserFactory(email="new.person@example.com", first_name="Nils", last_name="Newman")
    sent = invite()
    html = client.get(accept_url(sent.token)).content.decode()
    assert "Sign in to accept" in html
    assert 'name="login" id="id_login" value="new.person@example.com"' in html
    assert f'name="next" value="{accept_url(sent.token)}"' in html
    response = client.post(
        reverse("account_login"),
        {"login": "new.person@example.com", "password": TEST_PASSWORD, "next": accept_url(sent.token)},
    )
    assert response.status_code == 302
    assert response["Location"] == accept_url(sent.token)
    html = client.get(accept_url(sent.token)).content.decode()
    assert "Accept invitation" in html
    assert Invitation.objects.get().status == InvitationStatus.PENDING
    response = client.post(accept_url(sent.token))
    assert response["Location"] == reverse("invitation_setup")
    assert Membership.objects.get(user=person, role=Role.MENTOR).status == Status.ACTIVE
    # Opening the link again says it was accepted by you.
    assert "You have accepted this invitation" in client.get(accept_url(sent.token)).content.decode()


def test_signed_in_with_another_email_sees_mismatch_and_can_switch(client, cast, invite):
    sent = invite()
    client.force_login(cast.outsider)
    html = client.get(accept_url(sent.token)).content.decode()
    assert "You are signed in with another e-mail address" in html
    assert "outsider@example.com" in html and "new.person@example.com" in html
    # Accepting anyway does nothing.
    client.post(accept_url(sent.token))
    assert Invitation.objects.get().status == InvitationStatus.PENDING
    response = client.post(reverse("invitation_switch_account", args=[sent.token]))
    assert response["Location"] == accept_url(sent.token)
    assert "_auth_user_id" not in client.session
    assert "Create your account" in client.get(accept_url(sent.token)).content.decode()


def test_opening_the_link_as_someone_already_a_mentor_closes_it_as_accepted_with_no_button(
    client, cast, invite, django_capture_on_commit_callbacks
):
    sent = invite("late@example.com")
    person = UserFactory(email="late@example.com")
    Membership.objects.create(user=person, customer=cast.north, role=Role.MENTOR)
    mail.outbox.clear()
    client.force_login(person)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(accept_url(sent.token))

    html = response.content.decode()
    assert response.status_code == 200
    assert "You are already a mentor" in html
    assert "the invitation is now closed" in html
    assert "<form" not in html.split("<main", 1)[1].split("</main>", 1)[0]
    invitation = Invitation.objects.get()
    assert (invitation.status, invitation.accepted_by) == (InvitationStatus.ACCEPTED, person)
    assert Membership.objects.filter(user=person).count() == 1
    assert mail.outbox == []  # no "accepted your invitation" to the inviter


def test_opening_the_link_signed_out_as_an_existing_mentor_closes_nothing(client, cast, invite):
    sent = invite("late@example.com")
    person = UserFactory(email="late@example.com")
    Membership.objects.create(user=person, customer=cast.north, role=Role.MENTOR)

    client.get(accept_url(sent.token))  # a mail scanner, or the person before signing in

    assert Invitation.objects.get().status == InvitationStatus.PENDING


def test_expired_canceled_and_used_links_say_which_and_whom_to_ask(client, cast, invite):
    expired = invite("expired@example.com", lifetime_days=1)
    canceled = invite("canceled@example.com")
    invitation_cancel(actor=actor_for(cast.north_admin), invitation=canceled.invitation)
    used = invite("used@example.com")
    invitation_accept(invitation=used.invitation, user=UserFactory(email="used@example.com"))
    with time_machine.travel(timezone.now() + timedelta(days=2)):
        cases = [
            (expired.token, "This invitation has expired"),
            (canceled.token, "This invitation has been canceled"),
            (used.token, "This invitation has already been used"),
        ]
        for token, heading in cases:
            html = client.get(accept_url(token)).content.decode()
            assert heading in html
            assert "Nina North" in html  # the customer admin to ask
            assert "Create your account" not in html and "Accept invitation" not in html


def test_unknown_and_tampered_tokens_answer_like_a_missing_page(client, invite):
    sent = invite()
    missing = client.get("/no-such-page/")
    tampered = client.get(accept_url(sent.token[:-1] + ("A" if sent.token[-1] != "A" else "B")))
    unknown = client.get(accept_url("x" * 43))
    assert missing.status_code == tampered.status_code == unknown.status_code == 404
    # The same page, apart from the per-response CSRF token and the language switch's return path.
    pages = {
        re.sub(
            r'"X-CSRFToken": "[^"]*"|name="next" value="[^"]*"|name="csrfmiddlewaretoken" value="[^"]*"',
            "",
            r.content.decode(),
        )
        for r in (missing, tampered, unknown)
    }
    assert len(pages) == 1
    assert client.post(reverse("invitation_register", args=["x" * 43])).status_code == 404


@override_settings(INVITATION_TOKEN_MISSES_PER_IP=3)
def test_guessing_links_is_limited_per_client_address_but_a_valid_link_always_works(client, invite):
    """An office behind one address (and its mail scanner opening every link) can use up the
    limit on unknown links; its real invitees are never refused."""
    sent = invite()
    start = timezone.now().replace(minute=0, second=1)  # the start of a 15-minute window
    with time_machine.travel(start, tick=False):
        for n in range(3):
            assert client.get(accept_url(f"guess{n}" * 6)).status_code == 404
        # Further unknown links from that address are refused until the window passes ...
        refused = client.get(accept_url("guess9" * 6))
        assert refused.status_code == 429
        assert refused["Retry-After"] == str(15 * 60 - 1)  # the rest of the window
        assert "Too many invitation links" in refused.content.decode()
        assert client.get(accept_url("guess9" * 6), REMOTE_ADDR="198.51.100.77").status_code == 404
        # ... but a real link from the same address still opens, and can be used.
        assert client.get(accept_url(sent.token)).status_code == 200
        assert client.post(reverse("invitation_register", args=[sent.token])).status_code == 400
    with time_machine.travel(start + timedelta(minutes=16), tick=False):
        assert client.get(accept_url("guess9" * 6)).status_code == 404


def test_registration_language_defaults_to_the_language_of_the_page(client, invite, cast):
    cast.north.default_language = "en"
    cast.north.save()
    sent = invite("brand.new@example.com")
    response = client.get(accept_url(sent.token), HTTP_ACCEPT_LANGUAGE="sv-SE,sv;q=0.9")
    assert response.context["form"]["language"].value() == "sv"
    response = client.get(accept_url(sent.token), HTTP_ACCEPT_LANGUAGE="en")
    assert response.context["form"]["language"].value() == "en"


# --- dead links -----------------------------------------------------------------------------


def test_a_link_a_resend_replaced_says_a_newer_invitation_was_sent_and_when(client, cast, invite):
    first = invite("replaced@example.com")
    with time_machine.travel("2026-12-03 09:30:00Z", tick=False):
        newest = invitation_resend(actor=actor_for(cast.north_admin), invitation=first.invitation)

    old = client.get(accept_url(first.token), HTTP_ACCEPT_LANGUAGE="en")

    assert old.status_code == 409
    html = old.content.decode()
    assert "A newer invitation was sent to you on 3 December 2026" in html
    assert "use the newest e-mail" in html
    assert client.get(accept_url(newest.token)).status_code == 200


def test_unknown_and_tampered_links_look_exactly_like_a_page_that_does_not_exist(client, cast, invite):
    sent = invite()
    tampered = sent.token[:-1] + ("A" if sent.token[-1] != "A" else "B")
    nothing = client.get("/no/such/page/")

    for token in (tampered, "x" * 43, "nonsense"):
        response = client.get(accept_url(token))
        assert response.status_code == 404
        assert _main(response) == _main(nothing)


@override_settings(DEBUG=True)
def test_in_development_dead_invitation_reset_and_feed_links_show_the_products_404_page(client, cast):
    for url in (
        accept_url("x" * 43),
        "/accounts/password/reset/key/zzz/",
        reverse("calendar_feed", args=["x" * 43]),
        "/no/such/page/",
    ):
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 404, url
        assert "Page not found" in html, url
        assert "URLconf" not in html, url


def _main(response) -> str:
    return response.content.decode().split("<main", 1)[1].split("</main>", 1)[0]
