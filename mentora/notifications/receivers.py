"""Notifications about mentor memberships. Customers sits below this app and cannot call it, so
it says what happened with its signals (mentora.customers.signals) and these receivers tell the
person concerned, in the transaction of the change. Nobody hears of their own act (notify skips
the actor), and nothing is said about a customer that is INACTIVE (its members see nothing of it),
nor about a membership added as INACTIVE (its activation is what the person hears of).

Also: as a person signs in, their unread count is put in the cache for the bell (counts.py)."""

from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from mentora.accounts.models import User
from mentora.customers import signals as customer_signals
from mentora.customers.models import Membership, Status

from .counts import unread_count_cached
from .kinds import Kind
from .services import notify


def connect() -> None:
    customer_signals.mentor_added_directly.connect(
        mentor_added, sender=Membership, dispatch_uid="notifications.mentor_added"
    )
    customer_signals.mentor_removed.connect(
        mentor_removed, sender=Membership, dispatch_uid="notifications.mentor_removed"
    )
    customer_signals.membership_status_changed.connect(
        membership_status_changed, sender=Membership, dispatch_uid="notifications.membership_status"
    )
    user_logged_in.connect(count_on_sign_in, dispatch_uid="notifications.count_on_sign_in")


def count_on_sign_in(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    """Count the person's unread notifications as they sign in, so that the pages they open next
    find the bell's count in the cache."""
    unread_count_cached(user)


def _by(actor_user: User | None) -> str:
    return actor_user.get_full_name() if actor_user is not None else "Mentora"


def mentor_added(
    sender: type[Membership], *, membership: Membership, actor_user: User | None, **_kwargs: Any
) -> None:
    if not membership.is_active:  # added as INACTIVE: nothing to see yet (activation will tell)
        return
    customer = membership.customer
    notify(
        recipients=[membership.user],
        kind=Kind.MENTOR_ADDED,
        actor=actor_user,
        url=reverse("mentor_applications"),
        text=lambda: (
            _("%(by)s added you as a mentor of %(customer)s.")
            % {"by": _by(actor_user), "customer": customer.name}
        ),
        email="mentor-added",
        context={"customer": customer, "added_by": actor_user},
    )


def mentor_removed(
    sender: type[Membership], *, membership: Membership, actor_user: User | None, **_kwargs: Any
) -> None:
    if not membership.customer.is_active:
        return
    customer = membership.customer
    notify(
        recipients=[membership.user],
        kind=Kind.MENTOR_REMOVED,
        actor=actor_user,
        url=reverse("home"),
        text=lambda: (
            _("%(by)s removed you as a mentor of %(customer)s. You no longer see its applications.")
            % {"by": _by(actor_user), "customer": customer.name}
        ),
        email="mentor-removed",
        context={"customer": customer},
    )


def membership_status_changed(
    sender: type[Membership],
    *,
    membership: Membership,
    after: str,
    actor_user: User | None,
    **_kwargs: Any,
) -> None:
    if not membership.customer.is_active:
        return
    customer = membership.customer
    if after == Status.ACTIVE:
        kind, email, url = Kind.MEMBERSHIP_ACTIVATED, "membership-activated", reverse("mentor_applications")

        def text() -> str:
            return _(
                "%(by)s made your mentor membership of %(customer)s active. You see its applications again."
            ) % {"by": _by(actor_user), "customer": customer.name}
    else:
        kind, email, url = Kind.MEMBERSHIP_DEACTIVATED, "membership-deactivated", reverse("home")

        def text() -> str:
            return _(
                "%(by)s made your mentor membership of %(customer)s inactive. "
                "Until it is active again, you do not see its applications."
            ) % {"by": _by(actor_user), "customer": customer.name}

    notify(
        recipients=[membership.user],
        kind=kind,
        actor=actor_user,
        url=url,
        text=text,
        email=email,
        context={"customer": customer},
    )
