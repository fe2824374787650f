import datetime

import pytest
import time_machine
from django.http import QueryDict
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from mentora.followups.forms import FollowUpFilterForm
from mentora.followups.models import Comment, FollowUp, FollowUpSeen
from mentora.followups.services import MAX_COMMENT_LENGTH
from mentora.testing.factories_followups import CommentFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
START = datetime.datetime(2026, 11, 2, 9, 0, tzinfo=datetime.UTC)


def detail_url(followup) -> str:  # type: ignore[no-untyped-def]
    return reverse("followup_detail", args=[followup.pk])


def comment_url(followup) -> str:  # type: ignore[no-untyped-def]
    return reverse("followup_comment_create", args=[followup.pk])


# --- The list -------------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["", "unread=on", "unread=false", "unread=", "q=x"])
def test_the_unread_checkbox_is_the_widgets_markup(client, world, query):
    client.force_login(world.cast.north_mentor)
    html = client.get(reverse("followup_list") + "?" + query).content.decode()
    form = FollowUpFilterForm(QueryDict(query) or None, customers=[], applications=[])
    assert str(form["unread"]) in html


def test_list_shows_the_mentors_threads_with_unread_and_last_comment(client, world):
    CommentFactory(followup=world.selected, author=world.cast.professional, body="Please check the register")
    client.force_login(world.cast.north_mentor)
    response = client.get(reverse("followup_list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Attendance in week 3" in html
    assert "1 unread" in html
    assert "Please check the register" in html
    assert world.north_app.number in html
    assert "Budget question" not in html
    assert "Other application" not in html


@pytest.mark.parametrize("language", ["en", "sv"])
def test_a_card_writes_what_the_template_s_tags_and_filters_wrote(client, world, language):
    # The card's badge, excerpt and times are written in the view (CardText); they read as the
    # template's blocktranslate, truncatechars, date:'c' and list_datetime wrote them.
    body = "Tom & Jerry <b>were</b> late; " * 10
    CommentFactory(followup=world.selected, author=world.cast.professional, body="First")
    last = CommentFactory(followup=world.selected, author=world.cast.north_admin, body=body)
    world.cast.north_mentor.language = language
    world.cast.north_mentor.save()
    client.force_login(world.cast.north_mentor)
    html = client.get(reverse("followup_list")).content.decode()
    with translation.override(language):
        old = Template(
            "{% load i18n dates %}"
            '<span class="badge badge--info">{% blocktranslate count counter=unread %}{{ counter }} unread'
            "{% plural %}{{ counter }} unread{% endblocktranslate %}</span>"
            "|<q>{{ comment.body|truncatechars:140 }}</q>"
            "|<time datetime=\"{{ comment.created_at|date:'c' }}\">{{ comment.created_at|list_datetime }}</time>"
        ).render(Context({"unread": 2, "comment": last}))
    for part in old.split("|"):
        assert part in html
    assert ("2 olästa" if language == "sv" else "2 unread") in old
    # The participants' labels are translated once by the list, and by the thread's page.
    staff = "<li>Leverantörens personal</li>" if language == "sv" else "<li>Provider staff</li>"
    assert staff in html
    assert staff in client.get(detail_url(world.selected)).content.decode()


def test_list_shows_customer_when_user_spans_customers(client, world):
    client.force_login(world.cast.both_mentor)
    html = client.get(reverse("followup_list")).content.decode()
    assert "North Org" in html and "South Org" in html
    client.force_login(world.cast.north_mentor)
    html = client.get(reverse("followup_list")).content.decode()
    assert 'id="id_customer"' not in html


def test_list_filters_and_htmx_fragment(client, world):
    client.force_login(world.cast.system_admin)
    response = client.get(reverse("followup_list"), {"customer": world.cast.south.pk}, **HTMX)
    html = response.content.decode()
    assert "<html" not in html
    assert "South planning" in html and "Budget question" not in html
    assert "1 follow-up" in html


def test_search_shorter_than_two_characters_says_so(client, world):
    client.force_login(world.cast.system_admin)
    html = client.get(reverse("followup_list"), {"q": "w"}).content.decode()
    assert "Type at least 2 characters to search." in html


def test_search_shows_headed_groups_with_counts(client, world):
    CommentFactory(followup=world.south_thread, author=world.cast.south_admin, body="week 3 recap")
    client.force_login(world.cast.system_admin)
    html = client.get(reverse("followup_list"), {"q": "week 3"}).content.decode()
    for heading in ("By topic or application ID", "By participants", "By attendees", "By comments"):
        assert heading in html
    assert html.count("1 follow-up<") == 2
    assert "0 follow-ups" in html


def test_list_for_outsider_is_empty(client, world):
    client.force_login(world.cast.outsider)
    html = client.get(reverse("followup_list")).content.decode()
    assert "There are no follow-ups for you yet." in html


# --- The thread -----------------------------------------------------------------------------------


def test_thread_page_shows_everything_and_marks_seen(client, world):
    CommentFactory(followup=world.selected, author=world.cast.professional, body="Plain comment")
    CommentFactory(
        followup=world.selected, author=world.cast.professional, body="Pinned comment", pinned=True
    )
    client.force_login(world.cast.north_mentor)
    response = client.get(detail_url(world.selected))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Pinned comment") < html.index("Plain comment")
    assert "Alva Learner" in html
    assert "Maria Mentor" in html
    assert "Customer admins of North Org" in html
    assert "Ingo Inactive" not in html  # selected, but INACTIVE: not taking part
    assert "Pin</button>" not in html  # mentors do not pin
    assert FollowUpSeen.objects.filter(user=world.cast.north_mentor, followup=world.selected).exists()


@pytest.mark.parametrize(
    ("user_name", "thread"),
    [
        ("north_mentor", "not_selected"),
        ("north_mentor", "other_app_thread"),
        ("north_mentor_inactive", "selected"),
        ("north_admin", "not_selected"),
        ("south_admin", "selected"),
        ("outsider", "selected"),
    ],
)
def test_thread_answers_404_when_not_visible(client, world, user_name, thread):
    client.force_login(getattr(world.cast, user_name))
    followup = getattr(world, thread)
    assert client.get(detail_url(followup)).status_code == 404
    assert client.post(comment_url(followup), {"body": "Hi"}).status_code == 404
    assert not Comment.objects.exists()


def test_anonymous_is_sent_to_sign_in(client, world):
    response = client.get(detail_url(world.selected))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


# --- Comments -------------------------------------------------------------------------------------


def test_add_comment_with_htmx_returns_fresh_form_and_new_comment(client, world):
    client.force_login(world.cast.north_mentor)
    response = client.post(comment_url(world.selected), {"body": "Thanks, noted."}, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    comment = Comment.objects.get()
    assert comment.body == "Thanks, noted."
    assert 'hx-swap-oob="beforeend:#comment-list"' in html
    assert f'id="comment-{comment.pk}"' in html
    assert "Your comment was added." in html
    # The form comes back empty.
    assert "></textarea>" in html


def test_add_comment_with_plain_post_redirects_to_it(client, world):
    client.force_login(world.cast.north_admin)
    response = client.post(comment_url(world.selected), {"body": "From the admin"})
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"{detail_url(world.selected)}#comment-{comment.pk}")


@pytest.mark.parametrize("headers", [HTMX, {}])
def test_too_long_comment_keeps_the_text_and_ties_the_error(client, world, headers):
    client.force_login(world.cast.north_mentor)
    text = "word " * (MAX_COMMENT_LENGTH // 5) + "overflow"
    response = client.post(comment_url(world.selected), {"body": text}, **headers)
    assert response.status_code == 200
    html = response.content.decode()
    assert not Comment.objects.exists()
    assert "overflow</textarea>" in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_body_helptext id_body_error"' in html
    assert 'id="id_body_error" role="alert"' in html


def test_empty_comment_is_refused_with_a_message(client, world):
    client.force_login(world.cast.north_mentor)
    html = client.post(comment_url(world.selected), {"body": "   "}, **HTMX).content.decode()
    assert "Write a comment before sending it." in html
    assert not Comment.objects.exists()


def test_edit_and_delete_controls_only_within_the_window(client, world):
    client.force_login(world.cast.north_mentor)
    with time_machine.travel(START, tick=False):
        client.post(comment_url(world.selected), {"body": "Original"})
        comment = Comment.objects.get()
        edit_url = reverse("followup_comment_edit", args=[comment.pk])
    with time_machine.travel(START + datetime.timedelta(minutes=10, seconds=30), tick=False):
        page = client.get(detail_url(world.selected)).content.decode()
        assert edit_url in page
        # Your own comment says so, and how long it can still be changed.
        # Your own comment is marked in words ("You"), not by colour alone, and says until when
        # (on the reader's clock) and how long it can still be changed.
        assert "comment comment--own" in page and '<span class="comment__you">You</span>' in page
        assert "Editable until 10:15, 5 more minutes" in page  # 09:15 UTC, in Stockholm
        response = client.post(edit_url, {f"edit-{comment.pk}-body": "Changed"}, **HTMX)
        assert response.status_code == 200
        assert "edited" in response.content.decode()
    comment.refresh_from_db()
    assert comment.body == "Changed"
    with time_machine.travel(START + datetime.timedelta(minutes=16), tick=False):
        assert edit_url not in client.get(detail_url(world.selected)).content.decode()
        assert client.get(edit_url).status_code == 403
        assert client.post(edit_url, {f"edit-{comment.pk}-body": "Late"}).status_code == 403
        delete_url = reverse("followup_comment_delete", args=[comment.pk])
        assert client.post(delete_url).status_code == 403
    comment.refresh_from_db()
    assert comment.body == "Changed"


def test_delete_own_comment_within_window(client, world):
    client.force_login(world.cast.north_mentor)
    client.post(comment_url(world.selected), {"body": "Oops"})
    comment = Comment.objects.get()
    response = client.post(reverse("followup_comment_delete", args=[comment.pk]), **HTMX)
    assert response.status_code == 200
    assert "Your comment was deleted." in response.content.decode()
    assert not Comment.objects.exists()


def test_editing_someone_elses_comment_is_403_and_foreign_is_404(client, world):
    comment = CommentFactory(followup=world.selected, author=world.cast.professional)
    client.force_login(world.cast.north_mentor)
    assert client.get(reverse("followup_comment_edit", args=[comment.pk])).status_code == 403
    client.force_login(world.cast.south_admin)
    assert client.get(reverse("followup_comment_edit", args=[comment.pk])).status_code == 404


def test_pin_is_for_staff(client, world):
    comment = CommentFactory(followup=world.selected, author=world.cast.north_mentor)
    pin_url = reverse("followup_comment_pin", args=[comment.pk])
    client.force_login(world.cast.north_mentor)
    assert client.post(pin_url, {"pinned": "1"}).status_code == 403
    client.force_login(world.cast.north_admin)
    assert client.post(pin_url, {"pinned": "1"}).status_code == 403
    client.force_login(world.cast.south_admin)
    assert client.post(pin_url, {"pinned": "1"}).status_code == 404
    comment.refresh_from_db()
    assert not comment.pinned
    client.force_login(world.cast.professional)
    assert client.post(pin_url, {"pinned": "1"}).status_code == 302
    comment.refresh_from_db()
    assert comment.pinned


# --- Creating a thread ----------------------------------------------------------------------------


def test_professional_creates_a_followup_through_the_form(client, world):
    client.force_login(world.cast.professional)
    url = reverse("followup_create", args=[world.north_app.pk])
    page = client.get(url).content.decode()
    assert "Maria Mentor" in page and "Alva Learner" in page
    assert "Ingo" not in page  # the INACTIVE mentor is not offered
    response = client.post(
        url,
        {
            "topic": "Next steps",
            "attendees": [world.north_attendee.pk],
            "include_customer_admins": "no",
            "include_mentors": "yes",
            "mentors": [world.north_mentor_membership.pk],
        },
    )
    followup = FollowUp.objects.get(topic="Next steps")
    assert response.status_code == 302
    assert response["Location"] == detail_url(followup)
    assert not followup.include_customer_admins
    assert list(followup.mentors.all()) == [world.north_mentor_membership]


def test_mentor_choice_must_match_the_yes_or_no(client, world):
    client.force_login(world.cast.system_admin)
    url = reverse("followup_create", args=[world.north_app.pk])
    response = client.post(url, {"topic": "X", "include_customer_admins": "yes", "include_mentors": "yes"})
    assert response.status_code == 200
    assert "Choose at least one mentor" in response.content.decode()
    response = client.post(
        url,
        {
            "topic": "X",
            "include_customer_admins": "yes",
            "include_mentors": "no",
            "mentors": [world.north_mentor_membership.pk],
        },
    )
    assert "You chose mentors but answered No" in response.content.decode()
    assert not FollowUp.objects.filter(topic="X").exists()


def test_create_is_403_for_mentor_and_admin_and_404_for_others(client, world):
    url = reverse("followup_create", args=[world.north_app.pk])
    for user, status in (
        (world.cast.north_mentor, 403),
        (world.cast.north_admin, 403),
        (world.cast.south_admin, 404),
        (world.cast.north_mentor_unassigned, 404),
    ):
        client.force_login(user)
        assert client.get(url).status_code == status
        assert (
            client.post(
                url, {"topic": "Nope", "include_customer_admins": "yes", "include_mentors": "no"}
            ).status_code
            == status
        )
    assert not FollowUp.objects.filter(topic="Nope").exists()


def test_navigation_offers_followups_to_participants(client, world):
    client.force_login(world.cast.north_mentor)
    assert reverse("followup_list") in client.get(reverse("home")).content.decode()
    client.force_login(world.cast.outsider)
    assert reverse("followup_list") not in client.get(reverse("home")).content.decode()


# --- Bounded queries and include points -----------------------------------------------------------


def _page_queries(client, url: str) -> int:  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _threads(world, count: int) -> None:  # type: ignore[no-untyped-def]
    from mentora.testing.factories_followups import FollowUpFactory

    for index in range(count):
        followup = FollowUpFactory(
            application=world.north_app,
            topic=f"Thread {index}",
            created_by=world.cast.professional,
            mentors=[world.north_mentor_membership],
            attendees=[world.north_attendee],
        )
        CommentFactory(followup=followup, author=world.cast.professional, body=f"Comment {index}")


@pytest.mark.parametrize("user_name", ["north_mentor", "system_admin"])
def test_list_page_queries_do_not_grow(client, world, user_name):
    client.force_login(getattr(world.cast, user_name))
    _threads(world, 3)
    few = _page_queries(client, reverse("followup_list"))
    _threads(world, 27)
    many = _page_queries(client, reverse("followup_list"))
    searched_few = _page_queries(client, reverse("followup_list") + "?q=thread")
    _threads(world, 10)
    searched_many = _page_queries(client, reverse("followup_list") + "?q=thread")
    assert many == few + 1  # the COUNT: a list shorter than its first page is not counted apart
    assert searched_few == searched_many


def _render(template_name: str, user, application=None) -> str:  # type: ignore[no-untyped-def]
    from django.template import Context, Template
    from django.test import RequestFactory

    from mentora.customers.access import actor_for

    request = RequestFactory().get("/")
    request.user = user
    request.actor = actor_for(user)
    return Template(f'{{% include "{template_name}" %}}').render(
        Context({"application": application, "request": request})
    )


def test_application_section_shows_visible_threads_and_new_link_for_staff(world):
    CommentFactory(followup=world.selected, author=world.cast.professional)
    html = _render("followups/_application_section.html", world.cast.north_mentor, world.north_app)
    assert "Attendance in week 3" in html and "1 unread" in html
    assert "Budget question" not in html
    assert reverse("followup_create", args=[world.north_app.pk]) not in html
    html = _render("followups/_application_section.html", world.cast.professional, world.north_app)
    assert "Budget question" in html
    assert reverse("followup_create", args=[world.north_app.pk]) in html


def test_professional_section_lists_their_threads_with_unread(world):
    CommentFactory(followup=world.selected, author=world.cast.north_admin)
    html = _render("followups/_professional_section.html", world.cast.professional)
    assert "Attendance in week 3" in html and "Budget question" in html
    assert "South planning" not in html
    assert "1 unread" in html
