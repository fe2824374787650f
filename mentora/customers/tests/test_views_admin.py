import pytest
from django.urls import reverse

from mentora.audit.models import AuditEvent
from mentora.customers.models import Customer, Role, Status
from mentora.testing.factories import CustomerFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def admin_urls(cast) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {
        "customers": reverse("customer_list"),
        "create": reverse("customer_create"),
        "detail": reverse("customer_detail", args=[cast.north.pk]),
        "edit": reverse("customer_edit", args=[cast.north.pk]),
        "users": reverse("user_list"),
    }


@pytest.mark.parametrize("page", ["customers", "create", "detail", "edit", "users"])
def test_system_admin_opens_every_page(cast, client, page):
    client.force_login(cast.system_admin)
    assert client.get(admin_urls(cast)[page]).status_code == 200


@pytest.mark.parametrize("page", ["customers", "create", "detail", "edit", "users"])
@pytest.mark.parametrize("who", ["north_admin", "north_mentor", "professional", "outsider"])
def test_everyone_else_is_refused(cast, client, page, who):
    client.force_login(getattr(cast, who))
    response = client.get(admin_urls(cast)[page])
    if page in ("detail", "edit") and who in ("professional", "outsider"):
        # They cannot see the customer at all: the same answer as a customer that does not exist.
        assert response.status_code == 404
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("page", ["detail", "edit"])
def test_another_customers_admin_gets_404_and_a_missing_customer_is_404(cast, client, page):
    client.force_login(cast.south_admin)
    assert client.get(admin_urls(cast)[page]).status_code == 404
    client.force_login(cast.system_admin)
    name = "customer_detail" if page == "detail" else "customer_edit"
    assert client.get(reverse(name, args=[999_999])).status_code == 404


def test_posts_are_refused_for_non_system_admins(cast, client):
    client.force_login(cast.north_admin)
    data = {
        "name": "Mine",
        "customer_number": "N-0001",
        "default_language": "en",
        "time_zone": "Europe/Stockholm",
    }
    assert client.post(admin_urls(cast)["edit"], {**data, "status": "ACTIVE"}).status_code == 403
    assert client.post(admin_urls(cast)["create"], {**data, "customer_number": "X"}).status_code == 403
    cast.north.refresh_from_db()
    assert cast.north.name == "North Org"
    assert AuditEvent.objects.count() == 0


# --- customers --------------------------------------------------------------------------------


def test_customer_list_search_status_filter_and_counts(cast, client):
    cast.south.status = Status.INACTIVE
    cast.south.save()
    client.force_login(cast.system_admin)
    url = reverse("customer_list")
    response = client.get(url)
    rows = {customer.name: customer for customer in response.context["page"].object_list}
    assert set(rows) == {"North Org", "South Org"}
    assert (rows["North Org"].admin_count, rows["North Org"].mentor_count) == (1, 4)
    assert rows["North Org"].active_mentor_count == 3
    content = response.content.decode()
    assert '<span class="badge badge--muted">Inactive</span>' in content
    assert [c.name for c in client.get(url, {"q": "s-0001"}).context["page"].object_list] == ["South Org"]
    assert [c.name for c in client.get(url, {"status": "ACTIVE"}).context["page"].object_list] == [
        "North Org"
    ]
    assert "No customers match the filter." in client.get(url, {"q": "nothing"}).content.decode()


def test_customer_list_pages_by_20_with_bounded_queries(cast, client, django_assert_max_num_queries):
    for number in range(40):
        customer = CustomerFactory(name=f"Paged {number:02d}")
        MembershipFactory(customer=customer)
    client.force_login(cast.system_admin)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("customer_list"), {"q": "paged", "page": 2})
    assert "Showing 21–40 of 40" in response.content.decode()
    assert 'href="?q=paged&amp;page=1"' in response.content.decode()


def test_create_customer(cast, client):
    client.force_login(cast.system_admin)
    response = client.post(
        reverse("customer_create"),
        {
            "name": "West Org",
            "organization_number": "",
            "customer_number": "W-0001",
            "default_language": "sv",
            "time_zone": "Europe/Stockholm",
            "status": "ACTIVE",
        },
    )
    customer = Customer.objects.get(customer_number="W-0001")
    assert response["Location"] == reverse("customer_detail", args=[customer.pk])
    assert customer.default_language == "sv"
    assert AuditEvent.objects.filter(action="customer.create", customer=customer).count() == 1


def test_create_customer_with_a_taken_number_shows_the_error(cast, client):
    client.force_login(cast.system_admin)
    response = client.post(
        reverse("customer_create"),
        {
            "name": "Copy",
            "customer_number": "N-0001",
            "default_language": "en",
            "time_zone": "Europe/Stockholm",
            "status": "ACTIVE",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["customer_number"]
    assert 'class="error-summary" role="alert"' in response.content.decode()
    assert Customer.objects.count() == 2


def test_edit_customer_and_deactivate(cast, client):
    client.force_login(cast.system_admin)
    response = client.post(
        reverse("customer_edit", args=[cast.north.pk]),
        {
            "name": "North Region",
            "organization_number": "212000-0000",
            "customer_number": "N-0001",
            "default_language": "sv",
            "time_zone": "Europe/Stockholm",
            "status": "INACTIVE",
        },
    )
    assert response["Location"] == reverse("customer_detail", args=[cast.north.pk])
    cast.north.refresh_from_db()
    assert (cast.north.name, cast.north.status, cast.north.default_language) == (
        "North Region",
        "INACTIVE",
        "sv",
    )
    assert AuditEvent.objects.filter(action="customer.status_change").count() == 1
    # The customer's admin no longer reaches it.
    client.force_login(cast.north_admin)
    assert client.get(reverse("mentors_list", args=[cast.north.pk])).status_code == 404


def test_edit_customer_with_errors_keeps_the_saved_name_in_the_heading(cast, client):
    client.force_login(cast.system_admin)
    response = client.post(
        reverse("customer_edit", args=[cast.north.pk]),
        {
            "name": "Renamed",
            "customer_number": "S-0001",
            "default_language": "en",
            "time_zone": "Europe/Stockholm",
        },
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"customer_number", "status"}
    assert "<h1>Edit North Org</h1>" in response.content.decode()
    cast.north.refresh_from_db()
    assert cast.north.name == "North Org"


def test_customer_detail_summarises_admins_and_mentors(cast, client):
    client.force_login(cast.system_admin)
    response = client.get(reverse("customer_detail", args=[cast.north.pk]))
    content = response.content.decode()
    assert "north.admin@example.com" in content
    assert "4 mentors, 3 active." in content
    assert f'href="{reverse("mentors_list", args=[cast.north.pk])}"' in content
    assert f'href="{reverse("mentor_add", args=[cast.north.pk])}"' in content


# --- users ------------------------------------------------------------------------------------


def test_user_list_shows_memberships_and_back_office_link(cast, client):
    client.force_login(cast.system_admin)
    response = client.get(reverse("user_list"))
    content = response.content.decode()
    assert response.context["page"].paginator.count == 10
    assert "both.mentor@example.com" in content
    assert f'href="{reverse("admin:accounts_user_change", args=[cast.both_mentor.pk])}"' in content
    both = next(u for u in response.context["page"].object_list if u == cast.both_mentor)
    assert [m.customer.name for m in both.memberships.all()] == ["North Org", "South Org"]


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("system_admin", {"sysadmin@example.com"}),
        ("professional", {"professional@example.com"}),
        ("customer_admin", {"north.admin@example.com", "south.admin@example.com"}),
        (
            "mentor",
            {
                "north.mentor@example.com",
                "north.spare@example.com",
                "north.inactive@example.com",
                "south.mentor@example.com",
                "both.mentor@example.com",
            },
        ),
    ],
)
def test_user_list_role_filter(cast, client, role, expected):
    client.force_login(cast.system_admin)
    response = client.get(reverse("user_list"), {"role": role})
    emails = [u.email for u in response.context["page"].object_list]
    assert set(emails) == expected
    assert len(emails) == len(expected)  # a person with two mentor memberships shows once


def test_user_list_search_and_bounded_queries(cast, client, django_assert_max_num_queries):
    for number in range(30):
        user = UserFactory(email=f"many{number:02d}@example.com", first_name="Many")
        MembershipFactory(user=user, customer=cast.north, role=Role.MENTOR)
        MembershipFactory(user=user, customer=cast.south, role=Role.MENTOR)
    client.force_login(cast.system_admin)
    url = reverse("user_list")
    assert [u.email for u in client.get(url, {"q": "otto"}).context["page"].object_list] == [
        "outsider@example.com"
    ]
    with django_assert_max_num_queries(6):
        response = client.get(url, {"q": "many", "page": 2})
    assert "Showing 21–30 of 30" in response.content.decode()
    assert 'href="?q=many&amp;page=1"' in response.content.decode()


# --- navigation -------------------------------------------------------------------------------


def nav_labels(client) -> dict[str, str]:  # type: ignore[no-untyped-def]
    response = client.get(reverse("home"))
    return {item.label: item.url for item in response.context["nav_items"]}


def test_navigation_for_system_admin(cast, client):
    client.force_login(cast.system_admin)
    labels = nav_labels(client)
    assert labels["Customers"] == reverse("customer_list")
    assert labels["Mentors"] == reverse("mentors_all")
    assert labels["Users"] == reverse("user_list")


def test_navigation_for_customer_admins(cast, client):
    client.force_login(cast.north_admin)
    labels = nav_labels(client)
    assert labels["Mentors"] == reverse("mentors_list", args=[cast.north.pk])
    assert "Customers" not in labels and "Users" not in labels
    MembershipFactory(user=cast.north_admin, customer=cast.south, role=Role.CUSTOMER_ADMIN)
    labels = nav_labels(client)
    assert labels["Mentors: North Org"] == reverse("mentors_list", args=[cast.north.pk])
    assert labels["Mentors: South Org"] == reverse("mentors_list", args=[cast.south.pk])
    assert "Mentors" not in labels


def test_navigation_for_mentors_has_no_management(cast, client):
    client.force_login(cast.north_mentor)
    labels = nav_labels(client)
    assert not {"Customers", "Users", "Mentors"} & set(labels)
