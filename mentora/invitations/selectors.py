"""Reads for the invitation pages, already scoped by the caller's access check."""

from django.db.models import QuerySet

from mentora.accounts.models import User
from mentora.applications.models import Application, ApplicationStatus
from mentora.core.forms import parse_id
from mentora.customers.access import Actor
from mentora.customers.models import Customer, Membership, Role

from .models import EXPIRED, Invitation, InvitationQuerySet, InvitationStatus

# The list's status filter; the empty value shows everything except canceled invitations.
STATUS_FILTERS = (InvitationStatus.PENDING, EXPIRED, InvitationStatus.ACCEPTED, InvitationStatus.CANCELED)
ENDED_APPLICATION_STATUSES = (
    ApplicationStatus.REJECTED,
    ApplicationStatus.STOPPED,
    ApplicationStatus.CANCELED,
)


def _filtered(queryset: InvitationQuerySet, status: str) -> QuerySet[Invitation]:
    """One status, or every invitation (a canceled one stays in the list, marked canceled)."""
    if status in STATUS_FILTERS:
        return queryset.with_display_status(status)
    return queryset


def invitation_list_for_customer(*, customer: Customer, status: str = "") -> QuerySet[Invitation]:
    """A customer's invitations, newest first. The caller has checked access to `customer`."""
    queryset = (
        Invitation.objects.filter(customer=customer)
        .select_related("invited_by", "accepted_by", "last_message")
        .defer("last_message__body")
    )
    return _filtered(queryset, status).order_by("-sent_at", "-pk")


def invitation_list_all(*, actor: Actor, customer_id: str = "", status: str = "") -> QuerySet[Invitation]:
    """Every customer's invitations, for a system administrator (the caller checks that)."""
    queryset = Invitation.objects.select_related(
        "customer", "invited_by", "accepted_by", "last_message"
    ).defer("last_message__body")
    if (customer := parse_id(customer_id)) is not None:
        queryset = queryset.filter(customer_id=customer)
    return _filtered(queryset, status).order_by("-sent_at", "-pk")


def applications_assignable(*, customer: Customer) -> QuerySet[Application]:
    """The customer's applications a new mentor can be assigned to (not rejected, stopped or canceled)."""
    return (
        Application.objects.filter(customer=customer)
        .exclude(status__in=ENDED_APPLICATION_STATUSES)
        .select_related("service", "course_instance__course")
        .order_by("-created_at", "-pk")
    )


def customer_admins_to_ask(*, invitation: Invitation) -> list[User]:
    """Whom an invitee should ask for a new invitation: the customer's active admins, else the inviter."""
    admins = [
        membership.user
        for membership in Membership.objects.active()
        .customer_admins()
        .filter(customer=invitation.customer, user__is_active=True)
        .select_related("user")
        .order_by("user__last_name", "user__first_name")
    ]
    if not admins and invitation.invited_by is not None:
        admins = [invitation.invited_by]
    return admins


def user_with_email(email: str) -> User | None:
    return User.objects.filter(email=email).first()


def is_mentor_of(*, user: User, customer: Customer) -> bool:
    return Membership.objects.filter(user=user, customer=customer, role=Role.MENTOR).exists()
