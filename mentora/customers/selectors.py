"""Reads for the customer and mentor-management pages, already scoped to the actor. Every list
here loads in a fixed number of queries whatever the number of rows."""

from dataclasses import dataclass

from allauth.mfa.models import Authenticator
from django.apps import apps
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from mentora.accounts.models import User
from mentora.core.exceptions import NotFound

from . import permissions
from .access import Actor, access_customer, access_customer_as_admin
from .models import Customer, Membership, Role, Status

# Sort keys shown in the URL (?sort=last_name, ?sort=-created) and the columns they order by.
MENTOR_SORTS: dict[str, tuple[str, ...]] = {
    "first_name": ("user__first_name", "user__last_name"),
    "last_name": ("user__last_name", "user__first_name"),
    "status": ("status", "user__last_name"),
    "can_submit": ("can_submit_applications", "user__last_name"),
    "email": ("user__email",),
    "created": ("created_at",),
    "customer": ("customer__name", "user__last_name"),
}
MENTOR_DEFAULT_SORT = "last_name"


@dataclass(frozen=True)
class Sort:
    key: str
    descending: bool

    @property
    def param(self) -> str:
        return f"-{self.key}" if self.descending else self.key


def parse_sort(value: str | None, *, allowed: dict[str, tuple[str, ...]], default: str) -> Sort:
    """The sort asked for in the URL, or the default when it is missing or unknown."""
    value = value or default
    key = value.removeprefix("-")
    if key not in allowed:
        return parse_sort(default, allowed=allowed, default=default)
    return Sort(key=key, descending=value.startswith("-"))


_MENTOR_ROW_COLUMNS = (
    "status",
    "can_submit_applications",
    "created_at",
    "customer__name",
    "user__first_name",
    "user__last_name",
    "user__email",
    "user__erased_at",
)


def mentor_membership_list(
    *,
    actor: Actor,
    customer: Customer | None,
    search: str = "",
    sort: Sort | None = None,
    customer_filter: Customer | None = None,
) -> QuerySet[Membership]:
    """Mentor memberships for the Mentors area: one customer's (for whoever may manage its mentors)
    or, with `customer=None`, every customer's (system administrators only; `customer_filter`
    narrows it to one). Raises PermissionDenied for anyone else. `search` matches first name, last
    name or e-mail (each word must match one of them)."""
    if customer is None:
        permissions.require(actor.is_system_admin)
        memberships = Membership.objects.all()
        if customer_filter is not None:
            memberships = memberships.filter(customer=customer_filter)
    else:
        permissions.require(permissions.can_manage_mentors(actor, customer))
        memberships = Membership.objects.filter(customer=customer)
    memberships = (
        memberships.mentors()
        .select_related("user", "customer")
        # What a row shows (get_full_name reads erased_at), not the account whole.
        .only(*_MENTOR_ROW_COLUMNS)
        .annotate(uses_two_factor=_uses_two_factor())
    )
    for word in search.split():
        memberships = memberships.filter(
            Q(user__first_name__icontains=word)
            | Q(user__last_name__icontains=word)
            | Q(user__email__icontains=word)
        )
    sort = sort or parse_sort(None, allowed=MENTOR_SORTS, default=MENTOR_DEFAULT_SORT)
    columns = [f"-{column}" if sort.descending else column for column in MENTOR_SORTS[sort.key]]
    # pk last, so that pages never overlap when the sorted values tie.
    return memberships.order_by(*columns, "-pk" if sort.descending else "pk")


def _uses_two_factor() -> Exists:
    """Whether the member signs in with a second factor (an authenticator app or a passkey;
    recovery codes alone are not one). Looked up per listed row through allauth's user index."""
    second_factors = [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
    return Exists(Authenticator.objects.filter(user_id=OuterRef("user_id"), type__in=second_factors))


def mentor_membership_for_management(*, actor: Actor, customer_id: int, membership_id: int) -> Membership:
    """One mentor membership of a customer whose mentors the actor manages. The customer's mentor
    gets PermissionDenied; another customer's admin, and a membership that is not in this customer
    or is not a mentor's, get NotFound."""
    customer = access_customer_as_admin(actor=actor, customer_id=customer_id)
    try:
        return (
            Membership.objects.mentors()
            .select_related("user", "customer")
            .get(pk=membership_id, customer=customer)
        )
    except Membership.DoesNotExist:
        raise NotFound() from None


def mentor_assignment_count(*, membership: Membership) -> int:
    """How many assignments the membership has: the ones that end when it is removed."""
    # Assignments live in the applications app, which this app must not import at load time.
    try:
        assignment_model = apps.get_model("applications", "MentorAssignment")
    except LookupError:
        return 0
    return assignment_model.objects.filter(membership=membership).count()


# --- System administrator pages ---------------------------------------------------------------


def customer_list(*, actor: Actor, search: str = "", status: str = "") -> QuerySet[Customer]:
    """Every customer with its numbers of admins and mentors, for system administrators
    (PermissionDenied for anyone else). `search` matches name, customer number or organization number."""
    permissions.require(permissions.can_manage_customers(actor))
    customers = Customer.objects.all()
    for word in search.split():
        customers = customers.filter(
            Q(name__icontains=word)
            | Q(customer_number__icontains=word)
            | Q(organization_number__icontains=word)
        )
    if status in Status.values:
        customers = customers.filter(status=status)
    return customers.annotate(
        admin_count=Count("memberships", filter=Q(memberships__role=Role.CUSTOMER_ADMIN), distinct=True),
        mentor_count=Count("memberships", filter=Q(memberships__role=Role.MENTOR), distinct=True),
        active_mentor_count=Count(
            "memberships",
            filter=Q(memberships__role=Role.MENTOR, memberships__status=Status.ACTIVE),
            distinct=True,
        ),
    ).order_by("name", "pk")


@dataclass(frozen=True)
class CustomerSummary:
    customer: Customer
    admins: list[Membership]
    mentor_count: int
    active_mentor_count: int
    recent_mentors: list[Membership]


def customer_summary(*, actor: Actor, customer_id: int) -> CustomerSummary:
    """A customer's page for system administrators: its admins, its mentor counts and the newest
    mentors. NotFound for a customer that does not exist, PermissionDenied for non-administrators
    who can see it."""
    customer = access_customer(actor=actor, customer_id=customer_id)
    permissions.require(permissions.can_manage_customers(actor))
    memberships = Membership.objects.filter(customer=customer).select_related("user")
    counts = memberships.mentors().aggregate(
        total=Count("pk"), active=Count("pk", filter=Q(status=Status.ACTIVE))
    )
    return CustomerSummary(
        customer=customer,
        admins=list(memberships.customer_admins().order_by("user__last_name", "user__first_name", "pk")),
        mentor_count=counts["total"],
        active_mentor_count=counts["active"],
        recent_mentors=list(memberships.mentors().order_by("-created_at", "-pk")[:5]),
    )


USER_ROLE_FILTERS: dict[str, Q] = {
    "system_admin": Q(is_system_admin=True),
    "professional": Q(is_professional=True),
    "customer_admin": Q(memberships__role=Role.CUSTOMER_ADMIN),
    "mentor": Q(memberships__role=Role.MENTOR),
}


def user_list(*, actor: Actor, search: str = "", role: str = "") -> QuerySet[User]:
    """Every user with their memberships (and those memberships' customers) prefetched, for
    system administrators (PermissionDenied for anyone else). `search` matches first name, last
    name or e-mail; `role` is one of USER_ROLE_FILTERS."""
    permissions.require(actor.is_system_admin)
    users = User.objects.all()
    for word in search.split():
        users = users.filter(
            Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(email__icontains=word)
        )
    if role in USER_ROLE_FILTERS:
        # A subquery rather than a join, so that a person with two mentor memberships shows once.
        users = users.filter(pk__in=User.objects.filter(USER_ROLE_FILTERS[role]).values("pk"))
    return users.order_by("last_name", "first_name", "email", "pk").prefetch_related(
        Prefetch(
            "memberships",
            queryset=Membership.objects.select_related("customer").order_by("customer__name", "role"),
        )
    )
