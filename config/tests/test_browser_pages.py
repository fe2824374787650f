"""Every page of every role, in a real browser, on a 320 px wide screen, in English and Swedish:
the document is no wider than the screen (WCAG 1.4.10 Reflow) and axe-core finds no violation
of WCAG 2.2 A and AA or of its best practices.

The pages come from the route registry (mentora.testing.routes): every route whose GET gives a
role a page (200) is loaded as that role, so a new route is checked as soon as it is registered.
The only routes left out answer a file, not a page (NOT_PAGES), or a part of a page that htmx
swaps in (FRAGMENTS, read inside the pages); tests below hold them to that.
One browser context per role and language; a role signs in by its session cookie. Every page's
width is measured; axe runs on each role's first page (the header is the role's) and on every page
whose main content differs from those already checked in that language (the same terms page for
ten roles is checked once): of 556 pages, axe runs on about 340.

The crawl takes minutes, so CI runs it in one of its two suite passes: it is skipped when
SKIP_BROWSER_CRAWL=1 (the PostgreSQL pass; templates and stylesheets do not depend on the
database). Without Chromium it is skipped like every browser test, unless REQUIRE_BROWSER=1."""

import os
import time
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.test import Client
from playwright.sync_api import Page

from mentora.accounts.models import User
from mentora.testing.routes import ROLES, ROUTES, ROUTES_BY_NAME, build_scene

WIDTH = 320
LANGUAGES = ("en", "sv")
LOCALES = {"en": "en-GB", "sv": "sv-SE"}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
# Routes whose answer is a file to download or a machine's, not a page a person reads.
NOT_PAGES = {
    "healthz": "the load balancer's plain-text answer",
    "calendar_feed": "an iCalendar file for calendar programs",
    "learner_export": "an XLSX download",
    "mentor_attendance_export": "a CSV (or XLSX) download",
}
# Routes whose answer is a part of a page that htmx swaps in; the crawl reads them inside the pages.
FRAGMENTS = {
    "notification_bell": "the bell that htmx polls, in the header of every page",
}

crawl = pytest.mark.skipif(
    os.environ.get("SKIP_BROWSER_CRAWL") == "1", reason="SKIP_BROWSER_CRAWL=1 (CI crawls in its SQLite pass)"
)


def pages_of(role: str) -> list[str]:
    """The names of the routes whose GET gives `role` a page."""
    left_out = NOT_PAGES.keys() | FRAGMENTS.keys()
    return [route.name for route in ROUTES if route.name not in left_out and role in route.roles_that_open()]


def test_every_role_has_pages_to_crawl():
    assert set(NOT_PAGES) <= set(ROUTES_BY_NAME), "NOT_PAGES names a route that does not exist"
    assert all(pages_of(role) for role in ROLES)
    assert {"calendar", "mentor_attendance_attendees", "mentors_list", "followup_detail"} <= {
        name for role in ROLES for name in pages_of(role)
    }


def test_the_routes_left_out_answer_files_not_pages(cast, client):
    scene = build_scene(cast)
    for name in NOT_PAGES:
        route = ROUTES_BY_NAME[name]
        role = route.roles_that_open()[0]
        user = scene.user(role)
        client.logout()
        if user is not None:
            client.force_login(user)
        response = client.get(route.url(scene))
        assert response.status_code == 200, name
        assert not response["Content-Type"].startswith("text/html"), name


def test_the_fragments_left_out_are_parts_of_pages(cast, client):
    scene = build_scene(cast)
    for name in FRAGMENTS:
        route = ROUTES_BY_NAME[name]
        client.force_login(scene.user("north_mentor"))
        response = client.get(route.url(scene))
        assert response.status_code == 200, name
        assert b"<html" not in response.content and b"<body" not in response.content, name


def _measure(page: Page) -> dict[str, Any]:
    return page.evaluate(
        """() => {
          const doc = document.documentElement;
          const wide = [];
          if (doc.scrollWidth > window.innerWidth) {
            for (const element of document.body.querySelectorAll("*")) {
              const box = element.getBoundingClientRect();
              if (box.right > window.innerWidth + 0.5 && box.width > 0) {
                const name = element.tagName.toLowerCase() + (element.id ? "#" + element.id : "")
                  + (element.className && typeof element.className === "string"
                     ? "." + element.className.trim().split(/\\s+/).join(".") : "");
                wide.push(name + " " + Math.round(box.right));
                if (wide.length >= 5) break;
              }
            }
          }
          const shown = (element) => element !== null && element.getClientRects().length > 0;
          const nav = document.querySelector(".main-nav");
          return {scrollWidth: doc.scrollWidth, innerWidth: window.innerWidth, lang: doc.lang, wide: wide,
                  navReachable: nav === null || shown(nav) || shown(document.querySelector(".nav-toggle"))};
        }"""
    )


# The page's main content with the per-session CSRF tokens left out.
MAIN_CONTENT = """() => (document.querySelector("main") || document.body).outerHTML
  .replace(/name="csrfmiddlewaretoken" value="[^"]*"/g, "")"""


def _describe(violation: dict) -> str:
    targets = [", ".join(node["target"]) for node in violation["nodes"][:3]]
    return f"axe {violation['id']} ({violation['impact']}): {violation['help']} at {'; '.join(targets)}"


@crawl
@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_every_page_reflows_at_320px_and_has_no_axe_violations(chromium, live_server, cast):
    scene = build_scene(cast)
    axe = Axe()
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    problems: list[str] = []
    loaded = 0
    started = time.monotonic()
    checking = 0.0
    checked: set[tuple[str, str]] = set()
    audited = 0
    for language in LANGUAGES:
        User.objects.update(language=language)
        for role in ROLES:
            context = chromium.new_context(
                base_url=live_server.url, locale=LOCALES[language], viewport={"width": WIDTH, "height": 640}
            )
            context.set_default_timeout(15_000)
            # axe-core is in every page from the start: sending it once per context, not per page.
            context.add_init_script(script=axe.axe_script)
            user = scene.user(role)
            if user is not None:
                client = Client()
                client.force_login(user)
                cookie = client.cookies[settings.SESSION_COOKIE_NAME]
                context.add_cookies(
                    [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
                )
            page = context.new_page()
            first = True
            for name in pages_of(role):
                url = ROUTES_BY_NAME[name].url(scene)
                where = f"{role} {language} {url}"
                response = page.goto(url)
                loaded += 1
                if response is None or response.status != 200:
                    problems.append(f"{where}: status {response and response.status}")
                    continue
                measured = _measure(page)
                if measured["lang"] != language:
                    problems.append(f"{where}: the page is in {measured['lang']!r}")
                if measured["scrollWidth"] > measured["innerWidth"]:
                    problems.append(
                        f"{where}: {measured['scrollWidth']} px wide at {measured['innerWidth']} px; "
                        f"past the edge: {', '.join(measured['wide'])}"
                    )
                if not measured["navReachable"]:
                    problems.append(f"{where}: neither the navigation nor the menu button is shown")
                # The same content seen by another role in this language has been checked: its
                # header was checked on this role's first page (always checked), its main here.
                content = page.evaluate(MAIN_CONTENT)
                if first or (language, content) not in checked:
                    checked.add((language, content))
                    audited += 1
                    before = time.monotonic()
                    results = page.evaluate("(options) => axe.run(document, options)", options)
                    checking += time.monotonic() - before
                    problems += [f"{where}: {_describe(violation)}" for violation in results["violations"]]
                first = False
            context.close()
    elapsed = time.monotonic() - started
    print(
        f"\ncrawled {loaded} pages in {elapsed:.0f} s; axe ran on {audited} (the others repeat one) in {checking:.0f} s"
    )
    assert loaded == len(LANGUAGES) * sum(len(pages_of(role)) for role in ROLES)
    assert problems == [], "\n".join(problems)
