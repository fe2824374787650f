"""Where to send a person back to: the one helper for every `next` (and `back`) parameter.

Only a path on this site is followed. Anything else falls back to the page's default: another
host or scheme (an open redirect), a bare word such as `next=foo` (Django's `redirect()` would
try to reverse it as a view name and answer 500 after the write already happened, so the
person's retry makes a duplicate), `//host` and `/\\host` (browsers read both as another host),
and anything with a control character (a header value cannot hold a line break).
"""

import unicodedata

from django.http import HttpRequest, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme

MAX_LENGTH = 2000


def same_site_path(request: HttpRequest, url: str) -> str:
    """`url` when it is a path on this site, else ""."""
    if not url or len(url) > MAX_LENGTH or not url.startswith("/") or url.startswith(("//", "/\\")):
        return ""
    if any(unicodedata.category(character) in ("Cc", "Cf", "Zl", "Zp") for character in url):
        return ""
    if not url_has_allowed_host_and_scheme(url, {request.get_host()}, require_https=request.is_secure()):
        return ""
    return url


def next_url(request: HttpRequest, *, default: str, parameter: str = "next") -> str:
    """The same-site path the request names in `parameter` (the form's, else the query's), or
    `default` (a URL the caller built with `reverse`)."""
    candidate = request.POST.get(parameter) or request.GET.get(parameter) or ""
    return same_site_path(request, candidate) or default


def redirect_next(request: HttpRequest, *, default: str) -> HttpResponseRedirect:
    """A redirect to `next_url(request, default=default)`."""
    return HttpResponseRedirect(next_url(request, default=default))
