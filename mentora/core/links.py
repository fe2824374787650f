"""Links to one page per row: `link = id_link("learner_detail")`, then `link(attendee.pk)` for
each row. One reverse() for the whole list instead of one a row (each reverse() is some 200
Python calls: a list of twenty rows linking to two pages paid more for its links than for its
queries). For URL patterns whose one argument is an integer id."""

from collections.abc import Callable

from django.urls import reverse

# An id no row has, so that it is found once in the address, wherever the id sits in it.
_MARK = 987654321987654321


def id_link(name: str) -> Callable[[int], str]:
    """The address of the page `name` for any id, as reverse(name, args=[id]) gives it."""
    before, found, after = reverse(name, args=[_MARK]).partition(str(_MARK))
    if not found:  # the id is not in the address as written
        raise ValueError(f"{name}: the id does not appear in {before}")
    return lambda pk: f"{before}{pk}{after}"
