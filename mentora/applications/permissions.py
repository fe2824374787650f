"""Who may do what with applications, as questions. Seeing an application is decided by
``access``; these answer whether a visible application may be changed (PermissionDenied, 403).
Templates ask the same questions to hide buttons; the services ask again and refuse."""

from mentora.customers.access import Actor
from mentora.customers.models import Customer, Role

from .models import Application, ApplicationStatus, Kind

# While the customer may still change the application's attendees.
ATTENDEES_EDITABLE = (ApplicationStatus.DRAFT, ApplicationStatus.PENDING)
# Once the application is closed, nothing about its attendees changes.
CLOSED = (ApplicationStatus.REJECTED, ApplicationStatus.STOPPED, ApplicationStatus.CANCELED)


def _submitting_mentor(actor: Actor, customer_id: int) -> bool:
    membership = actor.membership(customer_id=customer_id, role=Role.MENTOR)
    return membership is not None and membership.can_submit_applications


def _submitting_mentor_of_own(actor: Actor, application: Application) -> bool:
    """A mentor allowed to submit applications acts for the customer only on the applications they
    created themselves: being assigned to someone else's application gives read access, not more."""
    return application.created_by_id == actor.user.pk and _submitting_mentor(actor, application.customer_id)


def can_create_application(actor: Actor, customer: Customer) -> bool:
    """Customer admins of the customer, its mentors allowed to submit applications, and system
    administrators (on the customer's behalf)."""
    return (
        actor.is_system_admin
        or actor.is_customer_admin_of(customer.pk)
        or _submitting_mentor(actor, customer.pk)
    )


def can_act_for_customer(actor: Actor, application: Application) -> bool:
    """The customer's side of an application: its admins, system administrators, and the
    submitting mentor who created it."""
    return (
        actor.is_system_admin
        or actor.is_customer_admin_of(application.customer_id)
        or _submitting_mentor_of_own(actor, application)
    )


def can_edit_application(actor: Actor, application: Application) -> bool:
    """Change the title, description, service and language: on-request drafts only."""
    return application.status == ApplicationStatus.DRAFT and can_act_for_customer(actor, application)


def can_submit_application(actor: Actor, application: Application) -> bool:
    return application.status == ApplicationStatus.DRAFT and can_act_for_customer(actor, application)


def can_manage_attendees(actor: Actor, application: Application) -> bool:
    """Add and remove attendees: while the application is a draft or a pending course application."""
    return application.status in ATTENDEES_EDITABLE and can_act_for_customer(actor, application)


def can_set_participation(actor: Actor, application: Application) -> bool:
    """Mark an attendee as taking part or not: at any time until the application is closed."""
    return application.status not in CLOSED and can_act_for_customer(actor, application)


def can_process_application(actor: Actor, application: Application) -> bool:
    """Move a submitted application through the provider's statuses (system administrators)."""
    return actor.is_system_admin


def _is_customer_side(actor: Actor, application: Application) -> bool:
    """The customer itself (its admins, and the submitting mentor who created the application), not
    the provider acting for it."""
    return actor.is_customer_admin_of(application.customer_id) or _submitting_mentor_of_own(
        actor, application
    )


def can_cancel_application(actor: Actor, application: Application) -> bool:
    """The customer withdraws a pending course application (the provider rejects instead)."""
    return (
        application.kind == Kind.COURSE
        and application.status == ApplicationStatus.PENDING
        and _is_customer_side(actor, application)
    )


def can_change_status(actor: Actor, application: Application, to_status: str) -> bool:
    """Whether the actor's role allows this kind of move: submitting (to NEW) is the customer's
    side's (system administrators may submit for it); canceling is the customer's own; every other
    move is the provider's. Whether the move is legal from the current
    status is a separate question (models.TRANSITIONS), answered with Conflict."""
    if to_status == ApplicationStatus.NEW:
        return can_act_for_customer(actor, application)
    if to_status == ApplicationStatus.CANCELED:
        return application.kind == Kind.COURSE and _is_customer_side(actor, application)
    return can_process_application(actor, application)


def can_change_any_status(actor: Actor, application: Application) -> bool:
    """Whether the actor may make any status move on the application at all."""
    return any(can_change_status(actor, application, status) for status in ApplicationStatus.values)


def can_assign_mentors(actor: Actor, customer: Customer) -> bool:
    """Assign and unassign the customer's mentors: its customer admins and system administrators."""
    return actor.is_system_admin or actor.is_customer_admin_of(customer.pk)


def can_view_customer_applications(actor: Actor, customer: Customer) -> bool:
    """The customer's application workspace: its customer admins and system administrators."""
    return actor.is_system_admin or actor.is_customer_admin_of(customer.pk)
