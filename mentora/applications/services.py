"""Writes to applications. Each function is atomic, checks permissions, and writes an audit event."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from mentora.accounts.models import User
from mentora.audit.services import audit_record
from mentora.core.exceptions import Conflict, InvalidInput
from mentora.customers.models import Membership, Role, Status

from .models import NUMBER_PREFIX, Application, ApplicationNumber, MentorAssignment


def application_number_next(*, kind: str) -> str:
    """The next human-readable ID for `kind` this year (A-2026-000123). Locks the year's counter
    row, so call it inside the transaction that creates the application."""
    prefix = NUMBER_PREFIX[kind]
    year = timezone.now().year
    ApplicationNumber.objects.get_or_create(prefix=prefix, year=year)
    counter = ApplicationNumber.objects.select_for_update().get(prefix=prefix, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{prefix}-{year}-{counter.last:06d}"


def mentor_assignment_create(
    *,
    actor_user: User | None,
    application: Application,
    membership: Membership,
    ip: str | None = None,
) -> MentorAssignment:
    """Assign a mentor membership to an application. The caller has checked that the actor may
    assign mentors for the application's customer. Raises InvalidInput when the membership is
    not an ACTIVE mentor membership of the application's customer, Conflict when it already is
    assigned."""
    from django.utils.translation import gettext

    if (
        membership.role != Role.MENTOR
        or membership.status != Status.ACTIVE
        or membership.customer_id != application.customer_id
    ):
        raise InvalidInput(gettext("Only active mentors of the application's organization can be assigned."))
    try:
        with transaction.atomic():
            assignment = MentorAssignment.objects.create(
                application=application, membership=membership, assigned_by=actor_user
            )
    except IntegrityError:
        raise Conflict(gettext("This mentor is already assigned to the application.")) from None
    audit_record(
        actor=actor_user,
        action="application.mentor_assign",
        customer=application.customer,
        target=application,
        after={"mentor": membership.user.email, "application": application.number},
        ip=ip,
    )
    return assignment
