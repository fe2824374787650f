"""Writes to customers and memberships. Every function is atomic, checks permissions through
`permissions`, and writes an audit event."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from mentora.accounts.models import User, normalize_email
from mentora.audit.services import audit_record
from mentora.core.exceptions import Conflict, InvalidInput, NotFound

from . import permissions, signals
from .access import Actor
from .models import Customer, Membership, Role, Status
from .selectors import mentor_assignment_count


def membership_snapshot(membership: Membership) -> dict[str, object]:
    return {
        "user": membership.user.email,
        "role": membership.role,
        "status": membership.status,
        "can_submit_applications": membership.can_submit_applications,
    }


def mentor_membership_create(
    *,
    actor_user: User | None,
    customer: Customer,
    user: User,
    audit_action: str,
    ip: str | None = None,
) -> Membership:
    """Make `user` an ACTIVE mentor of `customer`. The caller has already decided that
    `actor_user` may do this (direct add checks `can_manage_mentors`; accepting an invitation is
    the invitee's own act). Raises Conflict when the user already is a mentor of the customer,
    ACTIVE or INACTIVE: reactivating is an edit, not an add.

    Safe against two simultaneous calls: the unique (user, customer, role) constraint lets only
    one insert through, and the loser gets Conflict."""
    try:
        with transaction.atomic():
            membership = Membership.objects.create(
                user=user, customer=customer, role=Role.MENTOR, status=Status.ACTIVE, added_by=actor_user
            )
    except IntegrityError:
        raise Conflict(_already_mentor_message()) from None
    audit_record(
        actor=actor_user,
        action=audit_action,
        customer=customer,
        target=membership,
        after=membership_snapshot(membership),
        ip=ip,
    )
    return membership


def _already_mentor_message() -> str:
    from django.utils.translation import gettext

    return gettext("This person is already a mentor of this organization.")


# --- Mentor management: direct add, edit, remove ------------------------------------------------


class NoAccountForEmail(InvalidInput):
    """Direct add needs an existing account; the page offers to invite the address instead."""

    def __init__(self, email: str) -> None:
        super().__init__(_("There is no account with the e-mail address %(email)s.") % {"email": email})
        self.email = email


def mentor_add_direct(*, actor: Actor, customer: Customer, email: str, ip: str | None = None) -> Membership:
    """Make the existing user with `email` an ACTIVE mentor of `customer`, without an invitation.

    Who may call: a customer admin of `customer` or a system administrator (`can_manage_mentors`);
    anyone else gets PermissionDenied. Locks nothing itself: the unique (user, customer, role)
    constraint decides between two simultaneous adds (see `mentor_membership_create`).
    Raises NoAccountForEmail when no account has that address, InvalidInput when the account is
    deactivated, and Conflict when the person already is a mentor of the customer (ACTIVE or
    INACTIVE: reactivating is an edit). Audits "membership.add_direct". Through
    `signals.mentor_added_directly`, in the same transaction, their pending invitations to the
    customer are closed and they are notified (in-app and by e-mail after the commit, in their
    own language)."""
    permissions.require(permissions.can_manage_mentors(actor, customer))
    email = normalize_email(email)
    user = User.objects.filter(email=email).first()
    if user is None:
        raise NoAccountForEmail(email)
    if not user.is_active:
        raise InvalidInput(
            _("The account %(email)s is deactivated and cannot become a mentor.") % {"email": email}
        )
    existing = Membership.objects.filter(user=user, customer=customer, role=Role.MENTOR).first()
    if existing is not None and existing.status == Status.INACTIVE:
        raise Conflict(
            _(
                "%(name)s is already a mentor of this organization, but inactive. Edit the mentor to activate them."
            )
            % {"name": user.get_full_name()}
        )
    with transaction.atomic():
        membership = mentor_membership_create(
            actor_user=actor.user, customer=customer, user=user, audit_action="membership.add_direct", ip=ip
        )
        signals.mentor_added_directly.send(Membership, membership=membership, actor_user=actor.user, ip=ip)
    return membership


def membership_update(
    *,
    actor: Actor,
    membership: Membership,
    status: str,
    can_submit_applications: bool,
    ip: str | None = None,
) -> Membership:
    """Change a mentor membership's status (ACTIVE/INACTIVE) and its "allowed to submit
    applications" flag. The person's name and e-mail are theirs and do not change here.

    Who may call: `can_manage_mentors` for the membership's customer, else PermissionDenied.
    Locks the membership row (select_for_update) so that two admins editing at once each see the
    other's result as their "before". Raises NotFound when the membership was removed meanwhile,
    InvalidInput for a status that does not exist or a membership that is not a mentor's.
    Writes one audit event per change: "membership.status_change" and
    "membership.submit_flag_change", each with before and after; nothing when nothing changed.
    A status change is told to the person (`signals.membership_status_changed`)."""
    permissions.require(permissions.can_manage_mentors(actor, membership.customer))
    if status not in Status.values:
        raise InvalidInput(_("Choose a valid status."))
    with transaction.atomic():
        locked = _lock_mentor_membership(membership)
        return _membership_change(
            actor=actor, locked=locked, status=status, can_submit_applications=can_submit_applications, ip=ip
        )


def _membership_change(
    *, actor: Actor, locked: Membership, status: str, can_submit_applications: bool, ip: str | None
) -> Membership:
    """Apply and audit a status and submit-flag change to a locked membership."""
    changes: list[tuple[str, str, Any, Any]] = []
    if locked.status != status:
        changes.append(("membership.status_change", "status", locked.status, status))
    if locked.can_submit_applications != can_submit_applications:
        changes.append(
            (
                "membership.submit_flag_change",
                "can_submit_applications",
                locked.can_submit_applications,
                can_submit_applications,
            )
        )
    if not changes:
        return locked
    for _action, field, _before, after in changes:
        setattr(locked, field, after)
    try:
        locked.full_clean()
    except ValidationError as error:
        raise InvalidInput(" ".join(error.messages)) from None
    locked.save(update_fields=[field for _action, field, _b, _a in changes])
    for action, field, before, after in changes:
        audit_record(
            actor=actor.user,
            action=action,
            customer=locked.customer,
            target=locked,
            before={"user": locked.user.email, field: before},
            after={"user": locked.user.email, field: after},
            ip=ip,
        )
        if field == "status" and locked.role == Role.MENTOR:
            signals.membership_status_changed.send(
                Membership, membership=locked, before=before, after=after, actor_user=actor.user, ip=ip
            )
    return locked


def membership_remove(*, actor: Actor, membership: Membership, ip: str | None = None) -> int:
    """Remove a mentor membership: the person stops being a mentor of the customer and every
    assignment of that membership ends (the database cascades). The user account stays, and so
    does what they wrote (observations and comments hang off the user, not the membership).

    Who may call: `can_manage_mentors` for the membership's customer, else PermissionDenied.
    Locks the membership row. Raises NotFound when it was removed meanwhile, InvalidInput when it
    is not a mentor membership. Audits "membership.remove" with the state before, including the
    number of assignments that ended, and returns that number. The person is told
    (`signals.mentor_removed`)."""
    permissions.require(permissions.can_manage_mentors(actor, membership.customer))
    with transaction.atomic():
        return _membership_delete(actor=actor, locked=_lock_mentor_membership(membership), ip=ip)


def _membership_delete(*, actor: Actor, locked: Membership, ip: str | None) -> int:
    ended_assignments = mentor_assignment_count(membership=locked)
    audit_record(
        actor=actor.user,
        action="membership.remove",
        customer=locked.customer,
        target=locked,
        before={**membership_snapshot(locked), "assignments": ended_assignments},
        after={"assignments_ended": ended_assignments},
        ip=ip,
    )
    if locked.role == Role.MENTOR:
        signals.mentor_removed.send(Membership, membership=locked, actor_user=actor.user, ip=ip)
    locked.delete()
    return ended_assignments


def _lock_membership(membership: Membership) -> Membership:
    try:
        return (
            Membership.objects.select_for_update()
            .select_related("user", "customer")
            .get(pk=membership.pk, customer_id=membership.customer_id)
        )
    except Membership.DoesNotExist:
        raise NotFound() from None


def _lock_mentor_membership(membership: Membership) -> Membership:
    locked = _lock_membership(membership)
    if locked.role != Role.MENTOR:
        raise InvalidInput(_("Only mentor memberships are managed here."))
    return locked


# --- Customers (system administrators) ----------------------------------------------------------

CUSTOMER_FIELDS = (
    "name",
    "organization_number",
    "customer_number",
    "default_language",
    "time_zone",
    "status",
)


def customer_snapshot(customer: Customer) -> dict[str, object]:
    return {name: getattr(customer, name) for name in CUSTOMER_FIELDS}


def customer_create(
    *,
    actor: Actor,
    name: str,
    customer_number: str,
    organization_number: str = "",
    default_language: str | None = None,
    time_zone: str | None = None,
    status: str = Status.ACTIVE,
    ip: str | None = None,
) -> Customer:
    """Create a customer organization.

    Who may call: system administrators (`can_manage_customers`), else PermissionDenied.
    Locks nothing: the unique customer number is the database's to guard, and a clash (also two
    simultaneous creates) raises Conflict. Invalid values raise InvalidInput. Audits "customer.create"."""
    permissions.require(permissions.can_manage_customers(actor))
    customer = Customer(
        name=name.strip(),
        customer_number=customer_number.strip(),
        organization_number=organization_number.strip(),
        status=status,
    )
    if default_language:
        customer.default_language = default_language
    if time_zone:
        customer.time_zone = time_zone
    _validate_customer(customer)
    try:
        with transaction.atomic():
            customer.save()
            audit_record(
                actor=actor.user,
                action="customer.create",
                customer=customer,
                target=customer,
                after=customer_snapshot(customer),
                ip=ip,
            )
    except IntegrityError:
        raise Conflict(_customer_number_taken_message()) from None
    return customer


def customer_update(
    *, actor: Actor, customer: Customer, data: dict[str, Any], ip: str | None = None
) -> Customer:
    """Change a customer's details and status (ACTIVE/INACTIVE; an INACTIVE customer's members
    see nothing of it). Only CUSTOMER_FIELDS in `data` are used.

    Who may call: system administrators, else PermissionDenied. Locks the customer row.
    Raises Conflict for a customer number another customer has, InvalidInput for invalid values.
    Audits "customer.update" with the changed fields before and after, and additionally
    "customer.status_change" when the status changed; nothing when nothing changed."""
    permissions.require(permissions.can_manage_customers(actor))
    try:
        with transaction.atomic():
            locked = Customer.objects.select_for_update().get(pk=customer.pk)
            before = customer_snapshot(locked)
            for name in CUSTOMER_FIELDS:
                if name in data:
                    value = data[name]
                    setattr(locked, name, value.strip() if isinstance(value, str) else value)
            _validate_customer(locked)
            after = customer_snapshot(locked)
            changed = [name for name in CUSTOMER_FIELDS if before[name] != after[name]]
            if not changed:
                return locked
            locked.save(update_fields=changed)
            audit_record(
                actor=actor.user,
                action="customer.update",
                customer=locked,
                target=locked,
                before={name: before[name] for name in changed},
                after={name: after[name] for name in changed},
                ip=ip,
            )
            if "status" in changed:
                audit_record(
                    actor=actor.user,
                    action="customer.status_change",
                    customer=locked,
                    target=locked,
                    before={"status": before["status"]},
                    after={"status": after["status"]},
                    ip=ip,
                )
    except Customer.DoesNotExist:
        raise NotFound() from None
    except IntegrityError:
        raise Conflict(_customer_number_taken_message()) from None
    return locked


def _validate_customer(customer: Customer) -> None:
    try:
        # Uniqueness is checked by the database (and reported as Conflict), race-free.
        customer.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        raise InvalidInput(" ".join(error.messages)) from None
    if customer.status not in Status.values:
        raise InvalidInput(_("Choose a valid status."))


def _customer_number_taken_message() -> str:
    return _("Another customer already has this customer number.")


# --- Memberships of every role, in the back office (system administrators) ---------------------
# The back office is where customer admins are made. Mentors made there are made as by a direct
# add: their pending invitations to the customer close.


def membership_staff_create(
    *,
    actor: Actor,
    customer: Customer,
    user: User,
    role: str,
    status: str = Status.ACTIVE,
    can_submit_applications: bool = False,
    ip: str | None = None,
) -> Membership:
    """Give `user` a membership of `customer` with any role.

    Who may call: system administrators (`can_manage_customers`), else PermissionDenied.
    Locks nothing: the unique (user, customer, role) constraint lets one of two simultaneous
    creates through, and the other gets Conflict. Raises InvalidInput for an invalid role, status
    or flag (only mentors may be allowed to submit applications). Audits "membership.create"."""
    permissions.require(permissions.can_manage_customers(actor))
    membership = Membership(
        user=user,
        customer=customer,
        role=role,
        status=status,
        can_submit_applications=can_submit_applications,
        added_by=actor.user,
    )
    try:
        membership.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        raise InvalidInput(" ".join(error.messages)) from None
    if role == Role.CUSTOMER_ADMIN and can_submit_applications:
        raise InvalidInput(_("Only mentors can be allowed to submit applications."))
    try:
        with transaction.atomic():
            membership.save()
            audit_record(
                actor=actor.user,
                action="membership.create",
                customer=customer,
                target=membership,
                after=membership_snapshot(membership),
                ip=ip,
            )
            if role == Role.MENTOR:
                signals.mentor_added_directly.send(
                    Membership, membership=membership, actor_user=actor.user, ip=ip
                )
    except IntegrityError:
        raise Conflict(_("This person already has this role in this organization.")) from None
    return membership


def membership_staff_update(
    *, actor: Actor, membership: Membership, status: str, can_submit_applications: bool, ip: str | None = None
) -> Membership:
    """Change a membership's status and submit flag, whatever its role. The user, customer and
    role do not change (that is a removal and a new membership).

    Who may call: system administrators, else PermissionDenied. Locks the membership row.
    Raises NotFound when it was removed meanwhile, InvalidInput for invalid values. Audits as
    `membership_update` does, one event per change."""
    permissions.require(permissions.can_manage_customers(actor))
    if status not in Status.values:
        raise InvalidInput(_("Choose a valid status."))
    with transaction.atomic():
        return _membership_change(
            actor=actor,
            locked=_lock_membership(membership),
            status=status,
            can_submit_applications=can_submit_applications,
            ip=ip,
        )


def membership_staff_remove(*, actor: Actor, membership: Membership, ip: str | None = None) -> int:
    """Remove a membership of any role; a mentor's assignments end with it.

    Who may call: system administrators, else PermissionDenied. Locks the membership row.
    Raises NotFound when it was removed meanwhile. Audits "membership.remove"; returns the number
    of assignments that ended."""
    permissions.require(permissions.can_manage_customers(actor))
    with transaction.atomic():
        return _membership_delete(actor=actor, locked=_lock_membership(membership), ip=ip)
