"""Numbers people read carry the language's thousands separator: "10,000" / "10 000"."""

import pytest
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.utils import translation

from mentora.completion.services import completion_set
from mentora.core.exceptions import InvalidInput
from mentora.customers.access import actor_for
from mentora.invitations.forms import InvitationBulkForm

NBSP = "\xa0"
THOUSANDS = {"en": "10,000", "sv": f"10{NBSP}000"}


@pytest.mark.parametrize("language", ["en", "sv"])
def test_the_pagination_groups_its_counts(language: str) -> None:
    page = Paginator(range(10_000), 20).get_page(2)
    with translation.override(language):
        html = render_to_string("_partials/pagination.html", {"page": page})
    assert f"21–40 {'of' if language == 'en' else 'av'} {THOUSANDS[language]}" in html
    assert "10000" not in html
    assert "500" in html  # pages: 10,000 / 20


@pytest.mark.parametrize(("language", "pasted"), [("en", "1,500"), ("sv", f"1{NBSP}500")])
def test_pasting_too_many_addresses_says_how_many_with_the_separator(language: str, pasted: str) -> None:
    addresses = "\n".join(f"person{number}@example.com" for number in range(1_500))
    with translation.override(language):
        form = InvitationBulkForm({"addresses": addresses, "lifetime_days": "14"})
        assert not form.is_valid()
        assert pasted in str(form.errors["addresses"])


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "limit"), [("en", "1,000"), ("sv", f"1{NBSP}000")])
def test_the_completion_comment_limit_reads_with_the_separator(cast, language: str, limit: str) -> None:  # type: ignore[no-untyped-def]
    with translation.override(language), pytest.raises(InvalidInput) as refused:
        completion_set(
            actor=actor_for(cast.professional), participations=[], status="COMPLETED", comment="x" * 1_001
        )
    assert limit in str(refused.value)


@pytest.mark.parametrize("language", ["en", "sv"])
def test_the_mentor_search_says_how_many_with_the_separator(language: str) -> None:
    page = Paginator(range(10_000), 20).get_page(1)
    page.object_list = []  # the count is what is read here, not the rows
    with translation.override(language):
        html = render_to_string("customers/_partials/mentor_results.html", {"page": page, "fragment": True})
    assert f"{THOUSANDS[language]} {'mentors found' if language == 'en' else 'mentorer hittades'}." in html
