"""The property-based input test: every URL pattern of the route registry
(mentora.testing.routes), as every person of the cast, with hostile values in every query
parameter and form field the view reads. No answer is a server error, and no HTML page echoes
the hostile markup unescaped.

Which parameters a view reads is found, not listed: one request per role the route serves, with
a probe parameter, records every key the view looks up in request.GET and request.POST (a form
bound to the data reads each of its fields), so a new field is fuzzed without anyone adding it
here. Each route then gets, as a role it serves, every value that has answered 500 before
(ALWAYS_TRIED) in each field on its own, the markup in every field at once and its path ids
beyond 64 bits; then drawn examples: any role, hostile values in a few fields, or one hostile
value in all of them, and ids in the path out of range.

Deterministic: the "ci" profile (conftest.py) derandomizes hypothesis, and each example runs in
a savepoint that is rolled back, so examples do not depend on each other. Nothing is skipped:
the download links of the registry are unknown tokens (404); the exports (a streamed CSV, an
XLSX file) are read to the end, and only HTML bodies are searched for the markup.
"""

import string
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import transaction
from django.http import QueryDict
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from mentora.core.forms import MAX_ID
from mentora.testing.cast import Cast
from mentora.testing.routes import ROLES, ROUTES, Route, Scene, build_scene

MARKUP = '<script>alert("h14")</script>'
ATTRIBUTE = '"><img src=x onerror=alert(14)>'
PROBE = "_probe"
# Parameters the test client or Django itself reads, not the view.
NOT_THE_VIEWS = {PROBE, "csrfmiddlewaretoken"}

HOSTILE_TEXT = (
    "",
    " ",
    "0",
    "-1",
    "1.5",
    "1e400",
    "NaN",
    str(2**63),
    str(-(2**63) - 1),
    str(2**64 + 1),
    "9" * 40,
    "0001-01-01",
    "9999-12-31",
    "1-1-1",
    "2026-02-30",
    "-2026-01-01",
    "0000-00-00",
    "99999-01-01",
    "9999-12-31T23:59",
    "00:00:99",
    "true",
    "null",
    "[]",
    "{}",
    "../../etc/passwd",
    "//evil.example/",
    "javascript:alert(1)",
    "' OR 1=1 --",
    "%",
    "_",
    "\\",
    "\x00",
    "\x1b[31m\x0b\x0c\x7f",
    "\u202e\u200bcafé 日本 🦄",
    "\ud7ff\ufffd",
    MARKUP,
    ATTRIBUTE,
    "a" * 100_000,
    "%_" * 5_000,
    " ".join(["word"] * 3_000),
)

# The values that have answered 500 before (issue 14): a 100 kB search, an id beyond 64 bits,
# the years 1 and 9999 in a date and in a date and time; and NUL, which PostgreSQL refuses in text.
ALWAYS_TRIED = ("a" * 100_000, str(2**64 + 1), "0001-01-01", "9999-12-31", "9999-12-31T23:59", "a\x00b")

hostile_value = st.one_of(
    st.sampled_from(HOSTILE_TEXT),
    st.sampled_from(HOSTILE_TEXT),
    st.integers(min_value=-(2**80), max_value=2**80).map(str),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30),
    st.text(alphabet=string.printable, min_size=200, max_size=400),
    st.builds(
        lambda year, rest: f"{year:04d}{rest}",
        st.integers(0, 99999),
        st.sampled_from(["-01-01", "-12-31", ""]),
    ),
)
# One value per parameter most of the time, several for the multi-selects.
hostile_values = st.lists(hostile_value, min_size=1, max_size=3)


@contextmanager
def _recording_reads(keys: set[str]) -> Iterator[None]:
    """Record every key looked up in any QueryDict (request.GET, request.POST) meanwhile."""
    originals = {name: getattr(QueryDict, name) for name in ("get", "getlist", "__getitem__", "__contains__")}

    def recorder(name: str) -> Any:
        original = originals[name]

        def read(self: QueryDict, key: Any, *args: Any, **kwargs: Any) -> Any:
            if isinstance(key, str):
                keys.add(key)
            return original(self, key, *args, **kwargs)

        return read

    with mock.patch.multiple(QueryDict, **{name: recorder(name) for name in originals}):
        yield


def _client(scene: Scene, role: str) -> Client:
    client = Client()
    user = scene.user(role)
    if user is not None:
        client.force_login(user)
    return client


def _methods(route: Route) -> list[str]:
    return (["get"] if route.get is not None else []) + (["post"] if route.post is not None else [])


def _served(route: Route) -> list[str]:
    """The roles the route serves (a page, or a POST it takes): their requests reach the forms."""
    return [role for role in ROLES if 200 in ((route.get or {}).get(role), (route.post or {}).get(role))]


def _parameters_read(route: Route, scene: Scene, url: str) -> list[str]:
    """The keys the view reads, as the roles it serves, for a GET and a POST with a probe
    parameter (so a form is bound and reads its fields). Rolled back: a probe POST may change
    things."""
    keys: set[str] = set()
    for role in _served(route) or ROLES:
        for method in _methods(route):
            with transaction.atomic(), _recording_reads(keys):
                getattr(_client(scene, role), method)(url, {PROBE: "1"})
                transaction.set_rollback(True)
    return sorted(keys - NOT_THE_VIEWS)


def _with_ids(route: Route, scene: Scene, ids: list[str], value: int) -> str:
    url = reverse(route.name, kwargs={**route.kwargs(scene), **dict.fromkeys(ids, value)})
    return f"{url}?{route.query}" if route.query else url


def _assert_no_unescaped_echo(response: Any, request: str) -> None:
    # A streamed file (the CSV export) is written while it is read: read it all, so that an
    # error on the way is an error here.
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if not response.get("Content-Type", "").startswith("text/html"):
        return
    body = content.decode()
    for markup in (MARKUP, ATTRIBUTE):
        assert markup not in body, f"{request} echoes {markup!r} unescaped"


@pytest.mark.parametrize("route", ROUTES, ids=lambda route: route.name)
def test_no_server_error_and_no_unescaped_echo_from_any_input(route: Route, cast: Cast) -> None:
    scene = build_scene(cast)
    url = route.url(scene)
    names = _parameters_read(route, scene, url)
    methods = _methods(route)
    # Those the route serves, most often: their requests reach the forms.
    served = _served(route)
    roles = st.sampled_from(served) | st.sampled_from(ROLES) if served else st.sampled_from(ROLES)
    data = (
        st.one_of(
            # A hostile value or two in a few fields, the others left out: a form that is
            # invalid for one field does not get to run the query another one feeds.
            st.dictionaries(st.sampled_from(names), hostile_values, min_size=1, max_size=3),
            # The same hostile value in every field: every text the page shows back.
            st.sampled_from(HOSTILE_TEXT).map(lambda value: {name: [value] for name in names}),
        )
        if names
        else st.just({})
    )

    # The ids in the path too: none, or each of them beyond what a row id can be.
    ids = [name for name, value in route.kwargs(scene).items() if isinstance(value, int)]
    path_id = st.sampled_from([None, 0, MAX_ID, MAX_ID + 1, 2**80]) if ids else st.just(None)

    @settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(role=roles, method=st.sampled_from(methods), data=data, path_id=path_id)
    def walk(role: str, method: str, data: dict[str, list[str]], path_id: int | None) -> None:
        cache.clear()  # rate limits: every example starts with none used
        address = url if path_id is None else _with_ids(route, scene, ids, path_id)
        with transaction.atomic():
            response = getattr(_client(scene, role), method)(address, data)
            request = f"{method.upper()} {address} as {role} with {sorted(data)}"
            # /readyz answers 503 by design until a worker and the scheduler beat (the registry says).
            answers = (route.get if method == "get" else route.post) or {}
            expected = answers.get(role)
            assert response.status_code < 500 or response.status_code == expected, request
            _assert_no_unescaped_echo(response, request)
            transaction.set_rollback(True)

    # Besides the drawn examples, always these: each known way to a server error in each field
    # on its own, as a role the route serves; the markup in every field at once; the ids in the
    # path beyond 64 bits.
    role = served[0] if served else "system_admin"
    for method in [m for m in methods if (getattr(route, m) or {}).get(role) == 200] or methods[:1]:
        for name in names:
            for value in ALWAYS_TRIED:
                walk = example(role=role, method=method, data={name: [value]}, path_id=None)(walk)
        if names:
            walk = example(role=role, method=method, data={name: [MARKUP] for name in names}, path_id=None)(
                walk
            )
        if ids:
            walk = example(role=role, method=method, data={}, path_id=MAX_ID + 1)(walk)
    walk()


def test_the_echo_check_sees_raw_markup_and_passes_escaped_markup() -> None:
    from django.http import HttpResponse
    from django.utils.html import escape

    with pytest.raises(AssertionError, match="unescaped"):
        _assert_no_unescaped_echo(HttpResponse(f"<p>{ATTRIBUTE}</p>"), "GET /")
    _assert_no_unescaped_echo(HttpResponse(f"<p>{escape(MARKUP)} {escape(ATTRIBUTE)}</p>"), "GET /")
    _assert_no_unescaped_echo(HttpResponse(MARKUP, content_type="text/csv"), "GET /export.csv")
