"""Reads about a person's own account: which terms they still have to accept or be told about."""

import datetime
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, QuerySet

from mentora.core.cache import fail_open

from .models import ConsentRecord, TermsVersion, User

CURRENT_TERMS_CACHE_KEY = "accounts:current-terms"
CURRENT_TERMS_CACHE_SECONDS = 60


@dataclass(frozen=True)
class CurrentTerms:
    current_id: int | None = None
    current_published_at: datetime.datetime | None = None
    major_id: int | None = None
    major_published_at: datetime.datetime | None = None


def current_terms() -> CurrentTerms:
    """The current version and the current major version. Asked whenever a session's standing
    must be worked out, so it is cached for a minute; publishing a version clears the cache. The
    cache is only a saving: unreachable, the versions are read from the database."""
    cached = fail_open("current terms", None, cache.get, CURRENT_TERMS_CACHE_KEY)
    if cached is not None:
        return CurrentTerms(*cached)
    current: tuple[int, datetime.datetime] | None = None
    major: tuple[int, datetime.datetime] | None = None
    versions = TermsVersion.objects.published().order_by("-published_at", "-pk")
    for pk, published_at, is_major in versions.values_list("pk", "published_at", "is_major").iterator():
        current = current or (pk, published_at)
        if is_major:
            major = (pk, published_at)
            break
    terms = CurrentTerms(*(current or (None, None)), *(major or (None, None)))
    fail_open(
        "current terms",
        None,
        cache.set,
        CURRENT_TERMS_CACHE_KEY,
        (terms.current_id, terms.current_published_at, terms.major_id, terms.major_published_at),
        CURRENT_TERMS_CACHE_SECONDS,
    )
    return terms


def current_terms_forget() -> None:
    """After a publish. With the cache unreachable there is nothing to forget; should the cache
    come back holding the old versions, they are at most CURRENT_TERMS_CACHE_SECONDS old."""
    fail_open("current terms", None, cache.delete, CURRENT_TERMS_CACHE_KEY)


@dataclass(frozen=True)
class TermsStanding:
    """Where a person stands with the current terms: `must_accept` is the major version they
    have not accepted (nothing else is reachable until they do); `announce` a newer minor version
    they have not seen, which they are told about but need not accept."""

    must_accept: int | None
    announce: int | None


def terms_standing(*, user: User, terms: CurrentTerms) -> TermsStanding:
    """Accepting a version also covers every earlier one: someone who accepted a minor version
    published after the current major version has read its text. One query."""
    if terms.current_id is None:
        return TermsStanding(None, None)
    latest = (
        ConsentRecord.objects.filter(user=user)
        .order_by("-terms_version__published_at")
        .values_list("terms_version__published_at", flat=True)
        .first()
    )
    if terms.major_id is not None and (latest is None or latest < terms.major_published_at):  # type: ignore[operator]
        return TermsStanding(terms.major_id, None)
    if latest is None or latest < terms.current_published_at:  # type: ignore[operator]
        return TermsStanding(None, terms.current_id)
    return TermsStanding(None, None)


def users_without_current_major_consent() -> QuerySet[User]:
    """Active people who have not yet accepted the current major version (nor a later one), for
    system administrators; by name."""
    major = TermsVersion.objects.current_major()
    users = User.objects.filter(is_active=True).order_by("last_name", "first_name", "email")
    if major is None:
        return users.none()
    accepted = ConsentRecord.objects.filter(terms_version__published_at__gte=major.published_at)
    return users.exclude(pk__in=accepted.values("user_id"))


def terms_version_list() -> QuerySet[TermsVersion]:
    """Every version, newest first, with how many people accepted each."""
    return TermsVersion.objects.annotate(acceptances=Count("consents")).order_by("-published_at", "-pk")


def current_major_terms() -> TermsVersion | None:
    return TermsVersion.objects.current_major()
