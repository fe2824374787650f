"""A list's page without counting the list when it fits on its first page."""

from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet


def page_of(items: QuerySet[Any] | list[Any], per_page: int, number: str | None) -> Page:
    """`Paginator(items, per_page).get_page(number)`, the same page (its rows, count and page
    numbers), but the first page (asked for with no number, or 1) reads its rows first: when
    they are fewer than a page, they are the whole list and no COUNT query is needed."""
    if number not in (None, "", "1"):
        return Paginator(items, per_page).get_page(number)
    rows = list(items[:per_page])
    if len(rows) < per_page:
        return Paginator(rows, per_page).get_page(1)
    return Page(rows, 1, Paginator(items, per_page))  # the first page is always there
