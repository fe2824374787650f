"""id_link writes what reverse() writes, for every id."""

import pytest
from django.urls import NoReverseMatch, reverse

from mentora.core.links import id_link


@pytest.mark.parametrize(
    "name", ["learner_detail", "calendar_event", "followup_detail", "mentor_application_detail"]
)
@pytest.mark.parametrize("pk", [0, 1, 10, 987, 2**63 - 1])
def test_an_id_link_is_what_reverse_gives(name: str, pk: int) -> None:
    assert id_link(name)(pk) == reverse(name, args=[pk])


def test_a_page_without_an_id_is_refused() -> None:
    with pytest.raises(NoReverseMatch):
        id_link("home")
