from collections.abc import Callable
from urllib.parse import urlencode

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from .models import User
from .selectors import TermsStanding, current_terms, terms_standing
from .sessions import session_seen

TERMS_SESSION_KEY = "accounts:terms-standing"


class AccountGateMiddleware:
    """Two things come before anything else for a signed-in person: accepting a new major version
    of the terms, and (for system administrators, when MFA_REQUIRED_FOR_SYSTEM_ADMINS is on)
    setting up two-factor sign-in. Until then every page redirects there (an htmx request gets
    HX-Redirect); signing out, the terms and the pages that do the setting up stay reachable.

    The person's standing with the terms is kept in the session next to the ids of the current
    versions, so a request costs no query until a new version is published."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.terms_standing = TermsStanding(None, None)  # type: ignore[attr-defined]
        if request.user.is_authenticated:
            session_seen(request)
        if request.user.is_authenticated and not _always_open(request.path_info):
            standing = _terms_standing(request)
            request.terms_standing = standing  # type: ignore[attr-defined]
            if standing.must_accept is not None and not request.path_info.startswith(reverse("terms")):
                return _redirect(request, reverse("terms_accept"))
            if _must_set_up_mfa(request):
                return _redirect(request, reverse("mfa_index"))
        return self.get_response(request)


def terms_standing_refresh(request: HttpRequest, *, user: User) -> TermsStanding:
    """Work out the person's standing with the current terms and keep it in the session: at
    sign-in, after they accept a version, and when a new version has been published."""
    terms = current_terms()
    standing = terms_standing(user=user, terms=terms)
    request.session[TERMS_SESSION_KEY] = [
        terms.current_id,
        terms.major_id,
        standing.must_accept,
        standing.announce,
    ]
    return standing


def _terms_standing(request: HttpRequest) -> TermsStanding:
    terms = current_terms()
    stored = request.session.get(TERMS_SESSION_KEY)
    if stored and stored[:2] == [terms.current_id, terms.major_id]:
        return TermsStanding(*stored[2:])
    return terms_standing_refresh(request, user=request.user)  # type: ignore[arg-type]


def _must_set_up_mfa(request: HttpRequest) -> bool:
    if not (settings.MFA_REQUIRED_FOR_SYSTEM_ADMINS and request.user.is_system_admin):  # type: ignore[union-attr]
        return False
    path = request.path_info
    if path.startswith(reverse("mfa_index")) or path.startswith(reverse("account_reauthenticate")):
        return False
    return not is_mfa_enabled(request.user)


def _always_open(path: str) -> bool:
    return path.startswith(settings.STATIC_URL) or path in {
        reverse("account_logout"),
        reverse("language_switch"),
        reverse("healthz"),
    }


def _redirect(request: HttpRequest, url: str) -> HttpResponse:
    if request.method == "GET" and not request.headers.get("HX-Request"):
        url = f"{url}?{urlencode({'next': request.get_full_path()})}"
    if request.headers.get("HX-Request"):
        return HttpResponse(status=204, headers={"HX-Redirect": url})
    return HttpResponseRedirect(url)
