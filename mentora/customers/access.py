"""The one place that turns a signed-in user into what they may see.

Every view and API endpoint gets an `Actor` (``request.actor``) and loads tenant objects only
through the `access_*` functions here and in the other apps' ``access`` modules. Those functions
filter by what the actor may see and raise `NotFound` for "missing" and "not yours" alike; whether
a visible thing may be *changed* is a question for ``permissions``, answered with `PermissionDenied`.

Only ACTIVE memberships of ACTIVE customers grant anything.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, cast

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.template import Context

from mentora.accounts.models import User
from mentora.core.exceptions import NotFound, PermissionDenied

from .models import Customer, Membership, Role


@dataclass
class Actor:
    user: User
    _memberships: list[Membership] | None = field(default=None, repr=False)

    @cached_property
    def memberships(self) -> list[Membership]:
        """The user's ACTIVE memberships of ACTIVE customers, with their customers (one query)."""
        if self._memberships is not None:
            return self._memberships
        if not self.user.is_authenticated or not self.user.is_active:
            return []
        return list(
            Membership.objects.active()
            .filter(user=self.user)
            .select_related("customer")
            .order_by("customer__name", "role")
        )

    @property
    def is_authenticated(self) -> bool:
        return bool(self.user.is_authenticated and self.user.is_active)

    @property
    def is_system_admin(self) -> bool:
        return self.is_authenticated and self.user.is_system_admin

    @property
    def is_professional(self) -> bool:
        return self.is_authenticated and self.user.is_professional

    @property
    def is_provider_staff(self) -> bool:
        return self.is_system_admin or self.is_professional

    def memberships_as(self, role: Role) -> list[Membership]:
        return [m for m in self.memberships if m.role == role]

    def membership(self, *, customer_id: int, role: Role) -> Membership | None:
        for membership in self.memberships:
            if membership.customer_id == customer_id and membership.role == role:
                return membership
        return None

    def customers_as(self, role: Role) -> list[Customer]:
        return [m.customer for m in self.memberships_as(role)]

    @property
    def customers(self) -> list[Customer]:
        """Every customer the actor belongs to (any role), each once."""
        seen: dict[int, Customer] = {}
        for membership in self.memberships:
            seen.setdefault(membership.customer_id, membership.customer)
        return list(seen.values())

    def is_customer_admin_of(self, customer_id: int) -> bool:
        return self.membership(customer_id=customer_id, role=Role.CUSTOMER_ADMIN) is not None

    def is_mentor_of(self, customer_id: int) -> bool:
        return self.membership(customer_id=customer_id, role=Role.MENTOR) is not None

    @property
    def is_customer_admin(self) -> bool:
        return bool(self.memberships_as(Role.CUSTOMER_ADMIN))

    @property
    def is_mentor(self) -> bool:
        return bool(self.memberships_as(Role.MENTOR))


def actor_for(user: User | AnonymousUser) -> Actor:
    # An anonymous visitor's Actor says is_authenticated False before anything reads the account.
    return Actor(user=cast(User, user))


def actor_in(context: Context | Mapping[str, Any]) -> Actor | None:
    """The actor a template is rendered for (template tags): the context's `actor`, else its
    request's; None when there is neither."""
    actor = context.get("actor")
    if actor is None and context.get("request") is not None:
        actor = getattr(context["request"], "actor", None)
    return actor


def customer_list_visible(*, actor: Actor) -> QuerySet[Customer]:
    """Customers the actor may see: all of them for a system administrator, otherwise those of
    the actor's ACTIVE memberships."""
    if actor.is_system_admin:
        return Customer.objects.all()
    return Customer.objects.filter(pk__in=[c.pk for c in actor.customers])


def access_customer(*, actor: Actor, customer_id: int | str) -> Customer:
    """A customer the actor may see, or NotFound (missing and foreign look the same)."""
    try:
        pk = int(customer_id)
        if actor.is_system_admin:
            return Customer.objects.get(pk=pk)
    except (Customer.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None
    # Anyone else sees the customers of their memberships (customer_list_visible), which came
    # with the memberships: no second read.
    for customer in actor.customers:
        if customer.pk == pk:
            return customer
    raise NotFound()


def customer_admin_users(*, customer_ids: list[int]) -> QuerySet[User]:
    """The people who administer any of these customers now (an ACTIVE customer-admin membership
    of an ACTIVE customer, an active account): they see everything of the customer. Each person
    once; for notifications, which tell only people who may see what they are about."""
    memberships = Membership.objects.active().customer_admins().filter(customer_id__in=customer_ids)
    return User.objects.filter(is_active=True, pk__in=memberships.values("user_id"))


def access_customer_as_admin(*, actor: Actor, customer_id: int | str) -> Customer:
    """A customer the actor administers (customer admin of it, or system administrator).
    A mentor of the customer gets PermissionDenied (they can see it); anyone else NotFound."""
    customer = access_customer(actor=actor, customer_id=customer_id)
    if not (actor.is_system_admin or actor.is_customer_admin_of(customer.pk)):
        raise PermissionDenied()
    return customer
