"""The URL-authorization test: every URL pattern of ours has an entry in the route registry
(mentora.testing.routes), and every entry's answers hold for every person of the cast: the pages
they open, and the 403 of the wrong role, the 404 of the other customer and what the anonymous
visitor gets, for GET and, before any form validation, for POST."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from mentora.testing.routes import LOGIN, ROLES, ROUTES, ROUTES_BY_NAME, Route, build_scene


def _our_patterns(patterns: list, prefix: str = "") -> list[tuple[str | None, str]]:  # type: ignore[type-arg]
    found = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            found += _our_patterns(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern) and (pattern.callback.__module__ or "").startswith("mentora."):
            found.append((pattern.name, prefix + str(pattern.pattern)))
    return found


def test_every_url_pattern_of_ours_has_an_entry():
    patterns = _our_patterns(get_resolver().url_patterns)
    assert [route for name, route in patterns if name is None] == []  # every pattern is named
    names = {name for name, _ in patterns}
    assert names - set(ROUTES_BY_NAME) == set(), "add these to mentora/testing/routes.py"
    assert set(ROUTES_BY_NAME) - names == set(), "these entries name no URL pattern"
    assert len(ROUTES_BY_NAME) == len(ROUTES)
    # The walk reaches every app's patterns, the nested ones included.
    assert {"home", "calendar_feed", "observation_create", "mentor_attendance_export"} <= names


@pytest.mark.parametrize("route", ROUTES, ids=lambda route: route.name)
def test_every_entry_says_what_every_person_gets(route: Route):
    for matrix in (route.get, route.post):
        assert matrix is None or set(matrix) == set(ROLES)
    assert route.get is not None or route.post is not None


@pytest.mark.parametrize("route", ROUTES, ids=lambda route: route.name)
def test_authorization(route: Route, cast, client):
    scene = build_scene(cast)
    url = route.url(scene)
    wrong = []
    for role in ROLES:
        client.logout()
        user = scene.user(role)
        if user is not None:
            client.force_login(user)
        status = client.get(url).status_code
        if route.get is None:
            expected = {405, LOGIN} if user is None else {405}
            if status not in expected:
                wrong.append(f"GET {role}: {status}, expected 405")
        elif status != route.get[role]:
            wrong.append(f"GET {role}: {status}, expected {route.get[role]}")
        # POST with no data, for those refused: the refusal comes before any form validation.
        # (Those allowed are not sent: their answer depends on the data, and it changes things.)
        if route.post is not None and route.post[role] != 200:
            status = client.post(url).status_code
            if status != route.post[role]:
                wrong.append(f"POST {role}: {status}, expected {route.post[role]}")
    assert wrong == [], f"{route.name} ({url})"
