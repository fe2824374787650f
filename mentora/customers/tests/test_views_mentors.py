import re

import pytest
from django.core import mail
from django.urls import reverse

from mentora.audit.models import AuditEvent
from mentora.customers.models import Membership, Role, Status
from mentora.testing.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def per_customer_urls(cast) -> dict[str, str]:  # type: ignore[no-untyped-def]
    membership = cast.membership(cast.north_mentor_unassigned, cast.north)
    return {
        "list": reverse("mentors_list", args=[cast.north.pk]),
        "add": reverse("mentor_add", args=[cast.north.pk]),
        "edit": reverse("membership_edit", args=[cast.north.pk, membership.pk]),
        "remove": reverse("membership_remove", args=[cast.north.pk, membership.pk]),
    }


# --- who gets in ------------------------------------------------------------------------------


@pytest.mark.parametrize("page", ["list", "add", "edit", "remove"])
@pytest.mark.parametrize("who", ["north_admin", "system_admin"])
def test_customer_admin_and_system_admin_open_every_page(cast, client, page, who):
    client.force_login(getattr(cast, who))
    response = client.get(per_customer_urls(cast)[page])
    assert response.status_code == 200


@pytest.mark.parametrize("page", ["list", "add", "edit", "remove"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_mentor_of_the_customer_gets_403(cast, client, page, method):
    client.force_login(cast.north_mentor)
    response = getattr(client, method)(per_customer_urls(cast)[page])
    assert response.status_code == 403
    assert Membership.objects.filter(user=cast.north_mentor_unassigned, customer=cast.north).exists()


@pytest.mark.parametrize("page", ["list", "add", "edit", "remove"])
@pytest.mark.parametrize("who", ["south_admin", "professional", "outsider", "south_mentor"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_those_who_cannot_see_the_customer_get_404(cast, client, page, who, method):
    # A professional has no role in any customer, so the customer is invisible to them (404);
    # they get 403 on the all-customers pages, which they can see exist.
    client.force_login(getattr(cast, who))
    response = getattr(client, method)(per_customer_urls(cast)[page])
    assert response.status_code == 404
    assert Membership.objects.filter(user=cast.north_mentor_unassigned, customer=cast.north).exists()


def test_anonymous_is_sent_to_sign_in(cast, client):
    response = client.get(per_customer_urls(cast)["list"])
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_a_membership_of_another_customer_through_this_customers_url_is_404(cast, client):
    client.force_login(cast.north_admin)
    south_membership = cast.membership(cast.south_mentor, cast.south)
    for name in ("membership_edit", "membership_remove"):
        assert client.get(reverse(name, args=[cast.north.pk, south_membership.pk])).status_code == 404
    # Even a system administrator must use the membership's own customer in the URL.
    client.force_login(cast.system_admin)
    assert (
        client.get(reverse("membership_edit", args=[cast.north.pk, south_membership.pk])).status_code == 404
    )


def test_an_admin_membership_is_not_editable_here(cast, client):
    client.force_login(cast.system_admin)
    admin_membership = cast.membership(cast.north_admin, cast.north, Role.CUSTOMER_ADMIN)
    assert (
        client.get(reverse("membership_edit", args=[cast.north.pk, admin_membership.pk])).status_code == 404
    )


@pytest.mark.parametrize("name", ["mentors_all", "mentor_add_any"])
@pytest.mark.parametrize("who", ["north_admin", "north_mentor", "professional", "outsider"])
def test_all_customers_pages_are_for_system_admins_only(cast, client, name, who):
    client.force_login(getattr(cast, who))
    assert client.get(reverse(name)).status_code == 403


# --- the list ---------------------------------------------------------------------------------


def test_list_shows_the_customers_mentors_only(cast, client):
    client.force_login(cast.north_admin)
    response = client.get(reverse("mentors_list", args=[cast.north.pk]))
    content = response.content.decode()
    for user in (
        cast.north_mentor,
        cast.north_mentor_unassigned,
        cast.north_mentor_inactive,
        cast.both_mentor,
    ):
        assert user.email in content
    assert cast.south_mentor.email not in content
    assert cast.north_admin.email not in content
    assert "Showing 1–4 of 4" in content
    # Status as text, not colour alone.
    assert '<span class="badge badge--muted">Inactive</span>' in content
    # By last name by default, and the header says so.
    assert re.search(
        r'<th scope="col" aria-sort="ascending">\s*<a href="\?sort=-last_name">Last name', content
    )
    assert response.context["page"].object_list[0].user == cast.both_mentor


def test_search_filters_by_first_name_last_name_and_email(cast, client):
    client.force_login(cast.north_admin)
    url = reverse("mentors_list", args=[cast.north.pk])
    for query, expected in [
        ("ulla", [cast.north_mentor_unassigned]),
        ("INACTIVE", [cast.north_mentor_inactive]),
        ("both.mentor@", [cast.both_mentor]),
        ("maria mentor", [cast.north_mentor]),
        ("nobody-like-this", []),
    ]:
        response = client.get(url, {"q": query})
        assert [m.user for m in response.context["page"].object_list] == expected, query
    assert "No mentors match the search." in client.get(url, {"q": "zzz"}).content.decode()


def test_sort_by_each_column_and_sort_links_keep_the_search(cast, client):
    client.force_login(cast.north_admin)
    url = reverse("mentors_list", args=[cast.north.pk])
    response = client.get(url, {"sort": "first_name"})
    assert [m.user.first_name for m in response.context["page"].object_list] == [
        "Bea",
        "Ingo",
        "Maria",
        "Ulla",
    ]
    response = client.get(url, {"sort": "-last_name"})
    assert [m.user.last_name for m in response.context["page"].object_list] == [
        "Unassigned",
        "Mentor",
        "Inactive",
        "Both",
    ]
    response = client.get(url, {"sort": "status"})
    assert response.context["page"].object_list[0].status == Status.ACTIVE
    assert response.context["page"].object_list[3].status == Status.INACTIVE
    response = client.get(url, {"sort": "email"})
    assert response.context["page"].object_list[0].user == cast.both_mentor
    membership = cast.membership(cast.north_mentor, cast.north)
    membership.can_submit_applications = True
    membership.save()
    response = client.get(url, {"sort": "-can_submit"})
    assert response.context["page"].object_list[0].user == cast.north_mentor

    response = client.get(url, {"q": "mentor", "sort": "last_name"})
    content = response.content.decode()
    assert re.search(
        r'<th scope="col" aria-sort="ascending">\s*<a href="\?q=mentor&amp;sort=-last_name">', content
    )
    assert 'href="?q=mentor&amp;sort=first_name"' in content
    # An unknown sort falls back to last name.
    assert client.get(url, {"sort": "password"}).context["sort"].param == "last_name"


def test_pagination_20_per_page_keeps_search_and_sort(cast, client):
    for number in range(41):
        MembershipFactory(
            customer=cast.north,
            user=UserFactory(
                email=f"paged{number:02d}@example.com", first_name="Paged", last_name=f"P{number:02d}"
            ),
        )
    client.force_login(cast.north_admin)
    url = reverse("mentors_list", args=[cast.north.pk])
    response = client.get(url, {"q": "paged", "sort": "last_name", "page": 2})
    content = response.content.decode()
    assert "Showing 21–40 of 41" in content
    assert [m.user.last_name for m in response.context["page"].object_list][:2] == ["P20", "P21"]
    assert 'href="?q=paged&amp;sort=last_name&amp;page=3"' in content
    assert 'href="?q=paged&amp;sort=last_name&amp;page=1"' in content


def test_htmx_search_returns_the_results_fragment(cast, client):
    client.force_login(cast.north_admin)
    url = reverse("mentors_list", args=[cast.north.pk])
    response = client.get(url, {"q": "ulla"}, headers={"HX-Request": "true", "HX-Target": "mentor-results"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content
    assert cast.north_mentor_unassigned.email in content
    assert cast.north_mentor.email not in content
    # The count for screen readers, swapped into the page's live region.
    assert 'id="mentor-results-status" hx-swap-oob="innerHTML">1 mentor found.' in content
    assert "HX-Request" in response["Vary"]


def test_full_page_has_the_as_you_type_search_wired_up(cast, client):
    client.force_login(cast.north_admin)
    content = client.get(reverse("mentors_list", args=[cast.north.pk])).content.decode()
    assert 'hx-trigger="input changed delay:300ms, search"' in content
    assert 'hx-target="#mentor-results"' in content
    assert 'hx-push-url="true"' in content
    assert '<label for="id_q">Search mentors</label>' in content
    assert 'aria-live="polite"' in content
    # Works without JavaScript: a plain GET form.
    assert re.search(r'<form method="get" action=""', content)
    # History restore gets the whole page, not the fragment.
    restored = client.get(
        reverse("mentors_list", args=[cast.north.pk]),
        headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )
    assert "<html" in restored.content.decode()


def _queries_for(client, url, params=None) -> int:  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(captured.captured_queries)


def _add_mentors(customer, count, prefix):  # type: ignore[no-untyped-def]
    for number in range(count):
        MembershipFactory(customer=customer, user=UserFactory(email=f"{prefix}{number}@example.com"))


@pytest.mark.parametrize("view", ["customer", "all"])
def test_list_query_count_does_not_grow_with_rows(cast, client, django_assert_max_num_queries, view):
    client.force_login(cast.north_admin if view == "customer" else cast.system_admin)
    url = reverse("mentors_list", args=[cast.north.pk]) if view == "customer" else reverse("mentors_all")
    _add_mentors(cast.north, 1, "few")  # north: 5 mentors
    with_5 = _queries_for(client, url)
    _add_mentors(cast.north, 35, "many")  # north: 40 mentors
    _add_mentors(cast.south, 10, "south")
    with_40 = _queries_for(client, url)
    assert with_5 == with_40
    # Session, user, memberships, count, page (plus the customer choices on the all-customers page).
    with django_assert_max_num_queries(9):
        response = client.get(url, {"q": "example", "sort": "last_name", "page": 2})
    assert len(response.context["page"].object_list) == 20


# --- the all-customers list -------------------------------------------------------------------


def test_all_customers_list_has_customer_column_and_filter(cast, client):
    client.force_login(cast.system_admin)
    url = reverse("mentors_all")
    response = client.get(url)
    content = response.content.decode()
    assert '<a href="?sort=customer">Customer</a>' in content
    assert cast.south_mentor.email in content and cast.north_mentor.email in content
    assert response.context["page"].paginator.count == 6  # 4 in north, 2 in south
    response = client.get(url, {"customer": cast.south.pk})
    assert {m.user for m in response.context["page"].object_list} == {cast.south_mentor, cast.both_mentor}
    assert f'href="?customer={cast.south.pk}&amp;sort=customer"' in response.content.decode()
    response = client.get(url, {"customer": cast.south.pk, "q": "sara"})
    assert [m.user for m in response.context["page"].object_list] == [cast.south_mentor]
    # Row actions lead back to this list.
    assert "?next=/customers/mentors/%3Fcustomer%3D" in response.content.decode()


# --- direct add -------------------------------------------------------------------------------


def test_customer_admin_adds_an_existing_user(cast, client, django_capture_on_commit_callbacks):
    UserFactory(email="existing@example.com", first_name="Eva", last_name="Existing")
    client.force_login(cast.north_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("mentor_add", args=[cast.north.pk]), {"email": "Existing@Example.com"}, follow=True
        )
    assert response.redirect_chain[-1][0] == reverse("mentors_list", args=[cast.north.pk])
    assert "Eva Existing is now a mentor of North Org." in response.content.decode()
    assert Membership.objects.filter(user__email="existing@example.com", customer=cast.north).exists()
    assert AuditEvent.objects.filter(action="membership.add_direct").count() == 1
    assert mail.outbox[0].to == ["existing@example.com"]


def test_add_without_account_offers_invite_instead(cast, client):
    client.force_login(cast.north_admin)
    response = client.post(reverse("mentor_add", args=[cast.north.pk]), {"email": "new.person@example.com"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "There is no account with the e-mail address new.person@example.com." in content
    assert "No account with this address" in content
    invite_url = reverse("invitation_create", args=[cast.north.pk])
    assert f'href="{invite_url}?email=new.person%40example.com"' in content
    assert not Membership.objects.filter(user__email="new.person@example.com").exists()


def test_add_of_a_current_mentor_shows_a_clear_message(cast, client):
    client.force_login(cast.north_admin)
    response = client.post(reverse("mentor_add", args=[cast.north.pk]), {"email": cast.north_mentor.email})
    assert response.status_code == 200
    assert "This person is already a mentor of this organization." in response.content.decode()
    assert 'role="alert"' in response.content.decode()


def test_add_with_an_invalid_address_shows_the_error(cast, client):
    client.force_login(cast.north_admin)
    response = client.post(reverse("mentor_add", args=[cast.north.pk]), {"email": "not an address"})
    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    assert AuditEvent.objects.count() == 0


def test_system_admin_adds_choosing_the_customer(cast, client):
    client.force_login(cast.system_admin)
    response = client.post(
        reverse("mentor_add_any"), {"customer": cast.south.pk, "email": cast.north_mentor.email}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("mentors_all")
    assert Membership.objects.filter(user=cast.north_mentor, customer=cast.south, role=Role.MENTOR).exists()
    response = client.post(reverse("mentor_add_any"), {"email": "x@example.com"})
    assert response.context["form"].errors["customer"]


# --- edit and remove --------------------------------------------------------------------------


def test_edit_shows_the_name_read_only_and_saves(cast, client):
    client.force_login(cast.north_admin)
    membership = cast.membership(cast.north_mentor, cast.north)
    url = reverse("membership_edit", args=[cast.north.pk, membership.pk])
    content = client.get(url).content.decode()
    assert "Maria Mentor" in content
    assert 'name="first_name"' not in content and 'name="email"' not in content
    response = client.post(
        url, {"status": "INACTIVE", "can_submit_applications": "on", "first_name": "Hacked"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("mentors_list", args=[cast.north.pk])
    membership.refresh_from_db()
    cast.north_mentor.refresh_from_db()
    assert (membership.status, membership.can_submit_applications) == (Status.INACTIVE, True)
    assert cast.north_mentor.first_name == "Maria"
    assert set(AuditEvent.objects.values_list("action", flat=True)) == {
        "membership.status_change",
        "membership.submit_flag_change",
    }


def test_edit_rejects_an_invalid_status(cast, client):
    client.force_login(cast.north_admin)
    membership = cast.membership(cast.north_mentor, cast.north)
    response = client.post(
        reverse("membership_edit", args=[cast.north.pk, membership.pk]), {"status": "GONE"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["status"]
    membership.refresh_from_db()
    assert membership.status == Status.ACTIVE


def test_edit_returns_to_a_safe_next_only(cast, client):
    client.force_login(cast.system_admin)
    membership = cast.membership(cast.north_mentor, cast.north)
    url = reverse("membership_edit", args=[cast.north.pk, membership.pk])
    response = client.post(url, {"status": "ACTIVE", "next": "/customers/mentors/?q=maria"})
    assert response["Location"] == "/customers/mentors/?q=maria"
    response = client.post(url, {"status": "ACTIVE", "next": "https://evil.example/"})
    assert response["Location"] == reverse("mentors_list", args=[cast.north.pk])


def test_remove_confirms_then_removes(cast, client):
    client.force_login(cast.north_admin)
    membership = cast.membership(cast.north_mentor_unassigned, cast.north)
    url = reverse("membership_remove", args=[cast.north.pk, membership.pk])
    content = client.get(url).content.decode()
    assert "Ulla Unassigned (north.spare@example.com) will no longer be a mentor of North Org." in content
    assert Membership.objects.filter(pk=membership.pk).exists()
    response = client.post(url, follow=True)
    assert (
        "Ulla Unassigned is no longer a mentor of North Org. 0 assignments ended."
        in response.content.decode()
    )
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert AuditEvent.objects.filter(action="membership.remove").count() == 1
    assert client.post(url).status_code == 404


def test_remove_page_tells_how_many_assignments_end(cast, client):
    from mentora.applications.models import MentorAssignment
    from mentora.testing.factories_activities import ApplicationFactory, MentorAssignmentFactory

    membership = cast.membership(cast.north_mentor, cast.north)
    for _ in range(2):
        MentorAssignmentFactory(application=ApplicationFactory(customer=cast.north), membership=membership)
    client.force_login(cast.north_admin)
    url = reverse("membership_remove", args=[cast.north.pk, membership.pk])
    assert "Their 2 assignments to applications end." in client.get(url).content.decode()
    response = client.post(url, follow=True)
    assert (
        "Maria Mentor is no longer a mentor of North Org. 2 assignments ended." in response.content.decode()
    )
    assert MentorAssignment.objects.count() == 0
