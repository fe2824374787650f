"""Reads of follow-up threads for pages, each already scoped to the actor through
`mentora.followups.access`. Lists cost a fixed number of queries whatever their length: unread
counts and the last comment are computed in the query, participants come in one prefetch each."""

import datetime
from dataclasses import dataclass

from django.db.models import (
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Concat
from django.utils.formats import localize
from django.utils.translation import ngettext

from mentora.accounts.models import User
from mentora.applications.models import Application, Attendee
from mentora.customers.access import Actor
from mentora.customers.models import Customer, Membership, Role, Status

from .access import followup_list_visible
from .models import Comment, FollowUp, FollowUpSeen

SEARCH_MIN_LENGTH = 2
SEARCH_GROUP_LIMIT = 20
# Never seen: every comment by others is unread.
_NEVER = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


# --- Who takes part -------------------------------------------------------------------------------


def followup_linkable_attendees(*, application: Application) -> QuerySet[Attendee]:
    """The attendees of `application`: the only ones a thread on it can be about."""
    return Attendee.objects.filter(participations__application=application).order_by(
        "last_name", "first_name", "pk"
    )


def followup_assignable_mentors(*, application: Application) -> QuerySet[Membership]:
    """The ACTIVE mentor memberships currently assigned to `application`."""
    return (
        Membership.objects.active()
        .mentors()
        .filter(assignments__application=application)
        .select_related("user", "customer")
        .order_by("user__last_name", "user__first_name", "pk")
    )


def followup_participant_users(*, followup: FollowUp) -> list[User]:
    """The people who take part in a thread now (for e-mail): its creator while staff, the
    customer's ACTIVE admins when included, and the selected mentors who still mentor the
    application. Each person once."""
    people: dict[int, User] = {}
    creator = followup.created_by
    if creator is not None and creator.is_active and creator.is_provider_staff:
        people[creator.pk] = creator
    if followup.include_customer_admins:
        admins = (
            Membership.objects.active().customer_admins().filter(customer=followup.application.customer_id)
        )
        for membership in admins.select_related("user"):
            people.setdefault(membership.user_id, membership.user)
    mentors = followup_assignable_mentors(application=followup.application).filter(followups=followup)
    for membership in mentors:
        people.setdefault(membership.user_id, membership.user)
    return [user for user in people.values() if user.is_active]


# --- Lists ---------------------------------------------------------------------------------------


def unread_label(count: int) -> str:
    """ "3 unread": a thread's badge on its card and on the dashboard (the templates' message)."""
    return ngettext("%(counter)s unread", "%(counter)s unread", count) % {"counter": localize(count)}


def with_unread_count(followups: QuerySet[FollowUp], *, user: User) -> QuerySet[FollowUp]:
    """Annotate `unread_count`: the comments by others after the user last read the thread."""
    seen = FollowUpSeen.objects.filter(followup=OuterRef("pk"), user=user).values("seen_at")[:1]
    unread = (
        Comment.objects.filter(followup=OuterRef("pk"), created_at__gt=OuterRef("user_seen_at"))
        .exclude(author=user)
        .order_by()
        .values(n=Func("pk", function="COUNT"))  # one thread's comments: no GROUP BY needed
    )
    # When the user last read the thread is only a step to the count, not a column of its own.
    return followups.alias(user_seen_at=Coalesce(Subquery(seen), Value(_NEVER))).annotate(
        unread_count=Coalesce(Subquery(unread, output_field=IntegerField()), 0)
    )


def with_unread(followups: QuerySet[FollowUp], *, user: User) -> QuerySet[FollowUp]:
    """Annotate `unread_count` (see `with_unread_count`) and `last_comment_id`, both as
    subqueries of the one list query: what a card shows."""
    return with_unread_count(followups, user=user).annotate(last_comment_id=_last_comment_id())


def _last_comment_id() -> Subquery:
    return Subquery(
        Comment.objects.filter(followup=OuterRef("pk")).order_by("-created_at", "-pk").values("pk")[:1]
    )


# Newest activity first.
_BY_ACTIVITY = (Coalesce("last_comment_at", "created_at").desc(), "-pk")


def _for_cards(followups: QuerySet[FollowUp]) -> QuerySet[FollowUp]:
    return (
        followups.select_related(
            "application__customer", "application__service", "application__course_instance__course"
        )
        .only(*_CARD_FIELDS)
        .order_by(*_BY_ACTIVITY)
    )


# What a card shows: its thread's topic and whether the customer's admins take part, and of
# its application its customer's name, its number and `display_title` (not every column of the
# five tables; the times the list is ordered by stay in the query).
_CARD_FIELDS = (
    "application_id",
    "topic",
    "include_customer_admins",
    "application__number",
    "application__kind",
    "application__title",
    "application__customer__name",
    "application__service__name",
    "application__course_instance__course__code",
    "application__course_instance__course__title",
)


# A person in a card is their name (`User.get_full_name`).
_NAME_FIELDS = ("first_name", "last_name", "email", "erased_at")


def followups_decorate(followups: list[FollowUp]) -> list[FollowUp]:
    """Load what a card shows beyond the list query: the mentors taking part
    (`participating_mentors`), the linked attendees (`linked_attendees`) and the last comment
    with its author. Three queries for the whole list."""
    if not followups:
        return followups
    # The selections are read as rows of their own tables, not prefetched through each thread's
    # related managers (a manager and a queryset per thread and relation: 11k Python calls for
    # twenty cards).
    ids = [f.pk for f in followups]
    participating: dict[int, list[Membership]] = {pk: [] for pk in ids}
    # Selected mentors take part while their membership is ACTIVE and they still mentor the
    # application (one assignment per application and membership: no row twice); the others
    # stay selected (they come back if reassigned) but are not shown.
    for selection in (
        FollowUp.mentors.through.objects.filter(
            followup_id__in=ids,
            membership__status=Status.ACTIVE,
            membership__assignments__application_id=F("followup__application_id"),
        )
        .select_related("membership__user")
        .only("followup_id", "membership__status", *(f"membership__user__{f}" for f in _NAME_FIELDS))
        .order_by("membership__user__last_name", "membership__user__first_name", "membership_id")
    ):
        participating[selection.followup_id].append(selection.membership)
    linked: dict[int, list[Attendee]] = {pk: [] for pk in ids}
    for link in (
        FollowUp.attendees.through.objects.filter(followup_id__in=ids)
        .select_related("attendee")
        .only("followup_id", "attendee__first_name", "attendee__last_name")
        .order_by("attendee__last_name", "attendee__first_name", "attendee_id")
    ):
        linked[link.followup_id].append(link.attendee)
    for followup in followups:
        followup.participating_mentors = participating[followup.pk]  # type: ignore[attr-defined]  # for the card's template
        followup.linked_attendees = linked[followup.pk]  # type: ignore[attr-defined]  # for the card's template
    return followups_with_last_comment(followups)


def followups_with_last_comment(followups: list[FollowUp]) -> list[FollowUp]:
    """Load each thread's last comment with its author (one query), what a one-line summary
    shows; `followups_decorate` loads the rest of a card."""
    last_ids = [getattr(f, "last_comment_id", None) for f in followups]
    last_comments = (
        Comment.objects.select_related("author")
        .only("body", "created_at", *(f"author__{f}" for f in _NAME_FIELDS))
        .order_by()  # a mapping by id: the comments' own order is not needed
        .in_bulk([pk for pk in last_ids if pk])
    )
    for followup in followups:
        followup.last_comment = last_comments.get(getattr(followup, "last_comment_id", None))  # type: ignore[attr-defined]  # for the card's template
    return followups


@dataclass(frozen=True)
class FollowUpFilters:
    customer_id: int | None = None
    application_id: int | None = None
    unread_only: bool = False


def followup_list(*, actor: Actor, filters: FollowUpFilters | None = None) -> QuerySet[FollowUp]:
    """The threads the actor may read, newest activity first, annotated for the actor's user
    (see `with_unread`). Decorate the page you show with `followups_decorate`."""
    filters = filters or FollowUpFilters()
    followups = followup_list_visible(actor=actor)
    if filters.customer_id:
        followups = followups.filter(application__customer_id=filters.customer_id)
    if filters.application_id:
        followups = followups.filter(application_id=filters.application_id)
    followups = with_unread(_for_cards(followups), user=actor.user)
    if filters.unread_only:
        followups = followups.filter(unread_count__gt=0)  # type: ignore[misc]  # annotated by with_unread
    return followups


def followup_filter_choices(*, actor: Actor) -> tuple[list[Customer], list[Application]]:
    """The customers and applications that have threads the actor may read (two queries; the
    threads are looked up once, the customers follow from the applications found)."""
    applications = list(
        Application.objects.filter(pk__in=followup_list_visible(actor=actor).values("application"))
        .select_related("service", "course_instance__course")
        .only(*_CHOICE_FIELDS)
        .order_by("number")
    )
    customers = list(
        Customer.objects.filter(pk__in={a.customer_id for a in applications}).only("name").order_by("name")
    )
    return customers, applications


# What an application's choice shows: its number and `display_title`.
_CHOICE_FIELDS = (
    "number",
    "customer",
    "kind",
    "title",
    "service__name",
    "course_instance__course__code",
    "course_instance__course__title",
)


@dataclass
class SearchGroup:
    key: str
    count: int
    followups: list[FollowUp]


def _search_conditions(q: str) -> list[tuple[str, Q]]:
    members = Membership.objects.annotate(
        full_name=Concat("user__first_name", Value(" "), "user__last_name")
    ).filter(Q(full_name__icontains=q) | Q(user__email__icontains=q))
    # Mentors who take part: selected, ACTIVE, and still assigned to the thread's application.
    taking_part = members.active().filter(
        role=Role.MENTOR, assignments__application=OuterRef(OuterRef("application"))
    )
    mentor_match = Exists(
        FollowUp.mentors.through.objects.filter(followup=OuterRef("pk"), membership__in=taking_part)
    )
    admin_match = Exists(
        members.active().customer_admins().filter(customer=OuterRef("application__customer"))
    )
    attendees = Attendee.objects.annotate(search_name=Concat("first_name", Value(" "), "last_name")).filter(
        Q(search_name__icontains=q) | Q(email__icontains=q)
    )
    return [
        ("topic", Q(topic__icontains=q) | Q(application__number__icontains=q)),
        ("participants", Q(mentor_match) | Q(admin_match, include_customer_admins=True)),
        (
            "attendees",
            Q(
                Exists(
                    FollowUp.attendees.through.objects.filter(followup=OuterRef("pk"), attendee__in=attendees)
                )
            ),
        ),
        ("comments", Q(Exists(Comment.objects.filter(followup=OuterRef("pk"), body__icontains=q)))),
    ]


def followup_search(
    *, actor: Actor, q: str, filters: FollowUpFilters | None = None, limit: int = SEARCH_GROUP_LIMIT
) -> list[SearchGroup]:
    """Threads matching `q` (at least SEARCH_MIN_LENGTH characters; shorter gives no groups), in
    four groups: by topic or application ID, by participants (selected mentors, and the customer's
    admins when included), by linked attendees, by comments. A thread can be in several groups.
    Each group has its full count and its first `limit` threads; a fixed number of queries."""
    q = (q or "").strip()
    if len(q) < SEARCH_MIN_LENGTH:
        return []
    base = followup_list(actor=actor, filters=filters)
    groups = []
    for key, condition in _search_conditions(q):
        matches = base.filter(condition)
        count = matches.count()
        groups.append(SearchGroup(key=key, count=count, followups=list(matches[:limit]) if count else []))
    followups_decorate([f for group in groups for f in group.followups])
    return groups


def followups_with_unread_for_user(*, actor: Actor, limit: int = 5) -> list[FollowUp]:
    """The actor's readable threads that have comments they have not read, newest activity
    first, with their application and its customer: what a dashboard line shows (one query).
    Each has `unread_count`; nothing else of a card is read."""
    counted = with_unread_count(followup_list_visible(actor=actor), user=actor.user)
    threads = counted.filter(unread_count__gt=0)  # type: ignore[misc]  # annotated by with_unread_count
    # Only what a line shows: the threads read whole with their application and customer cost
    # more than the rest of the query.
    lines = threads.select_related("application__customer").only(
        "topic", "application__number", "application__customer__name"
    )
    return list(lines.order_by(*_BY_ACTIVITY)[:limit])


def followup_list_for_application(
    *, actor: Actor, application: Application, limit: int = 20
) -> list[FollowUp]:
    """The threads on `application` that the actor may read, newest activity first, each with its
    unread count and last comment: what the application page's one-line summaries show, and no
    more (not a card's application, customer and counts)."""
    followups = followup_list_visible(actor=actor).filter(application_id=application.pk)
    summaries = with_unread_count(
        followups.only("pk", "topic", "created_at", "last_comment_at"), user=actor.user
    )
    return followups_with_last_comment(
        list(summaries.annotate(last_comment_id=_last_comment_id()).order_by(*_BY_ACTIVITY)[:limit])
    )


def followup_count_for_application(*, actor: Actor, application: Application) -> int:
    return followup_list_visible(actor=actor).filter(application=application).count()


# --- One thread ----------------------------------------------------------------------------------


def followup_detail(*, actor: Actor, followup: FollowUp) -> FollowUp:
    """Participants and linked attendees of a thread the caller loaded through access_followup."""
    # What with_unread annotates on a list, for the one thread shown.
    followup.unread_count = 0  # type: ignore[attr-defined]  # as with_unread annotates
    followup.last_comment_id = None  # type: ignore[attr-defined]  # as with_unread annotates
    followups_decorate([followup])
    return followup


def comment_list_for_followup(*, followup: FollowUp) -> QuerySet[Comment]:
    """A thread's comments, pinned ones first, then oldest first."""
    return followup.comments.select_related("author").order_by(F("pinned").desc(), "created_at", "pk")


def followup_seen_at(*, user: User, followup: FollowUp) -> datetime.datetime | None:
    """When `user` last read `followup`, or None if never."""
    return FollowUpSeen.objects.filter(followup=followup, user=user).values_list("seen_at", flat=True).first()
