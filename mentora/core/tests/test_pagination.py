import pytest
from django.core.paginator import Paginator

from mentora.accounts.models import User
from mentora.core.pagination import page_of


@pytest.mark.parametrize("size", [0, 1, 19, 20, 21, 45])
@pytest.mark.parametrize("number", [None, "", "1", "2", "3", "last", "x", "99", "-1"])
def test_the_same_page_as_django_paginator(size, number):
    items = list(range(size))
    expected = Paginator(items, 20).get_page(number)
    page = page_of(items, 20, number)
    assert list(page.object_list) == list(expected.object_list)
    assert page.number == expected.number
    assert page.paginator.count == expected.paginator.count
    assert page.paginator.num_pages == expected.paginator.num_pages
    assert (page.has_next(), page.has_previous()) == (expected.has_next(), expected.has_previous())
    assert (page.start_index(), page.end_index()) == (expected.start_index(), expected.end_index())


@pytest.mark.django_db
def test_a_first_page_shorter_than_a_page_is_not_counted(django_assert_num_queries):
    with django_assert_num_queries(1):
        page = page_of(User.objects.order_by("pk"), 20, None)
        assert page.paginator.count == len(page.object_list)
