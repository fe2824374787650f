"""Writes to applications. Each function is atomic, checks permissions (PermissionDenied), writes an
audit event, and queues its e-mails to be sent once the transaction commits.

Capacity of a course instance (a decision, see README): applying is never refused for lack of
seats (the page warns), but approving a course application that would take the instance's
participating attendees of APPROVED applications beyond its capacity is refused (Conflict).
Approvals lock the instance row, so two approvals at the same moment cannot both take the last seat.
"""

from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from mentora.accounts.models import User
from mentora.audit.services import audit_record
from mentora.catalog.models import CourseInstance, Service, ServiceType
from mentora.core.exceptions import Conflict, InvalidInput, NotFound
from mentora.customers.access import Actor
from mentora.customers.models import Customer, Membership, Role, Status
from mentora.customers.permissions import require
from mentora.notifications.kinds import Kind as NotificationKind
from mentora.notifications.services import notify

from . import permissions
from .models import (
    NUMBER_PREFIX,
    Application,
    ApplicationAttendee,
    ApplicationNumber,
    ApplicationStatus,
    Attendee,
    Kind,
    MentorAssignment,
)
from .notices import application_decision_notify
from .selectors import course_instance_seats_taken


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


def _lock(application: Application) -> Application:
    """The application's row, locked for the rest of the transaction, with what pages need."""
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("customer", "service", "course_instance__course")
        .get(pk=application.pk)
    )


def _assign_creator(*, actor: Actor, application: Application, ip: str | None) -> None:
    """A mentor who creates an application follows it: without the assignment they could not see
    what they just created."""
    if actor.is_customer_admin_of(application.customer_id) or actor.is_system_admin:
        return
    membership = actor.membership(customer_id=application.customer_id, role=Role.MENTOR)
    if membership is not None:
        mentor_assignment_create(actor_user=actor.user, application=application, membership=membership, ip=ip)


@transaction.atomic
def application_create(
    *,
    actor: Actor,
    customer: Customer,
    service: Service,
    title: str,
    description: str = "",
    language: str = "sv",
    ip: str | None = None,
) -> Application:
    """Create an on-request application as a DRAFT. Callers: the customer's admins, its mentors
    allowed to submit applications, system administrators (PermissionDenied otherwise). Raises
    InvalidInput when the service is not an active on-request service. Takes the next number
    (locks the year's counter row)."""
    require(permissions.can_create_application(actor, customer))
    if service.type != ServiceType.ON_REQUEST or not service.is_active:
        raise InvalidInput(_("Choose an active on-request service."))
    application = Application.objects.create(
        kind=Kind.ON_REQUEST,
        number=application_number_next(kind=Kind.ON_REQUEST),
        customer=customer,
        service=service,
        title=title.strip(),
        description=description,
        language=language,
        status=ApplicationStatus.DRAFT,
        created_by=actor.user,
        status_changed_at=timezone.now(),
    )
    audit_record(
        actor=actor.user,
        action="application.create",
        customer=customer,
        target=application,
        after={"number": application.number, "kind": application.kind, "status": application.status},
        ip=ip,
    )
    _assign_creator(actor=actor, application=application, ip=ip)
    return application


@transaction.atomic
def course_application_create(
    *,
    actor: Actor,
    customer: Customer,
    course_instance: CourseInstance,
    description: str = "",
    ip: str | None = None,
) -> Application:
    """Apply to a course instance: the application is submitted at once (PENDING). Callers as for
    `application_create`. Raises InvalidInput when the instance, its course or the course's service
    is inactive, or the instance has ended. Never refused for capacity (see the module docstring)."""
    require(permissions.can_create_application(actor, customer))
    instance = CourseInstance.objects.select_related("course__service").get(pk=course_instance.pk)
    if not instance.is_active or not instance.course.is_active or not instance.course.service.is_active:
        raise InvalidInput(_("This course instance takes no applications."))
    if instance.ends_on < timezone.localdate():
        raise InvalidInput(_("This course instance has already ended."))
    now = timezone.now()
    application = Application.objects.create(
        kind=Kind.COURSE,
        number=application_number_next(kind=Kind.COURSE),
        customer=customer,
        course_instance=instance,
        description=description,
        language=instance.language,
        professional=instance.professional,
        status=ApplicationStatus.PENDING,
        created_by=actor.user,
        submitted_by=actor.user,
        submitted_at=now,
        status_changed_at=now,
    )
    audit_record(
        actor=actor.user,
        action="application.create",
        customer=customer,
        target=application,
        after={"number": application.number, "kind": application.kind, "status": application.status},
        ip=ip,
    )
    _assign_creator(actor=actor, application=application, ip=ip)
    return application


EDITABLE_FIELDS = ("service", "title", "description", "language")


@transaction.atomic
def application_update(
    *, actor: Actor, application: Application, data: dict[str, Any], ip: str | None = None
) -> Application:
    """Change a DRAFT on-request application's service, title, description and language (locks
    the row). The customer's side only (PermissionDenied); Conflict once it is submitted;
    InvalidInput for a service that is not an active on-request service."""
    locked = _lock(application)
    require(permissions.can_act_for_customer(actor, locked))
    if locked.status != ApplicationStatus.DRAFT:
        raise Conflict(_("Only a draft can be changed; this application has been submitted."))
    service = data.get("service") or locked.service
    assert service is not None  # an on-request application always has one (a constraint)
    if service.pk != locked.service_id and (service.type != ServiceType.ON_REQUEST or not service.is_active):
        raise InvalidInput(_("Choose an active on-request service."))
    before = {name: str(getattr(locked, name)) for name in EDITABLE_FIELDS}
    for name in EDITABLE_FIELDS:
        if name in data:
            setattr(locked, name, data[name].strip() if name == "title" else data[name])
    locked.save()
    after = {name: str(getattr(locked, name)) for name in EDITABLE_FIELDS}
    if after != before:
        audit_record(
            actor=actor.user,
            action="application.update",
            customer=locked.customer,
            target=locked,
            before=before,
            after=after,
            ip=ip,
        )
    return locked


@transaction.atomic
def application_status_change(
    *, actor: Actor, application: Application, to_status: str, ip: str | None = None
) -> Application:
    """Move an application to `to_status` (locks its row; an approval also locks the instance).

    - submit (DRAFT → NEW): the customer's side; needs at least one participating attendee
      (InvalidInput); sets submitted_by and submitted_at;
    - cancel (PENDING → CANCELED, course applications): the customer's side;
    - every other move: system administrators.

    PermissionDenied when the actor's role may not make the move; Conflict when the move is not
    legal from the current status, or an approval would go beyond the instance's capacity.
    Writes an audit event with the status before and after. A decision (accepted, rejected,
    stopped; approved, rejected) is told to the application's mentors and customer admins
    (`notices.application_decision_notify`)."""
    locked = _lock(application)
    require(
        permissions.can_change_status(actor, locked, to_status),
        _("You cannot make this change to the application."),
    )
    if to_status not in locked.allowed_transitions():
        raise Conflict(
            _("A %(kind)s that is %(status)s cannot become %(to)s.")
            % {
                "kind": locked.get_kind_display().lower(),
                "status": locked.get_status_display().lower(),
                "to": ApplicationStatus(to_status).label.lower(),
            }
        )
    participating = locked.participants.filter(participating=True).count()
    if to_status == ApplicationStatus.NEW and not participating:
        raise InvalidInput(_("Add at least one attendee who takes part before submitting."))
    if to_status == ApplicationStatus.APPROVED and locked.course_instance_id is not None:
        instance = CourseInstance.objects.select_for_update().get(pk=locked.course_instance_id)
        taken = course_instance_seats_taken(instance)
        if taken + participating > instance.capacity:
            raise Conflict(
                _(
                    "Approving would go beyond the capacity of %(instance)s: %(free)s of %(capacity)s "
                    "seats are free and this application has %(count)s attendees taking part."
                )
                % {
                    "instance": instance.code,
                    "free": max(instance.capacity - taken, 0),
                    "capacity": instance.capacity,
                    "count": participating,
                }
            )
    before = {"status": locked.status}
    now = timezone.now()
    locked.status = to_status
    locked.status_changed_at = now
    if to_status == ApplicationStatus.NEW:
        locked.submitted_by = actor.user
        locked.submitted_at = now
    locked.save()
    audit_record(
        actor=actor.user,
        action="application.status",
        customer=locked.customer,
        target=locked,
        before=before,
        after={"status": locked.status},
        ip=ip,
    )
    application_decision_notify(actor_user=actor.user, application=locked)
    return locked


def application_submit(*, actor: Actor, application: Application, ip: str | None = None) -> Application:
    """Submit a draft (DRAFT → NEW); see `application_status_change`."""
    return application_status_change(
        actor=actor, application=application, to_status=ApplicationStatus.NEW, ip=ip
    )


@transaction.atomic
def application_professional_set(
    *, actor: Actor, application: Application, professional: User | None, ip: str | None = None
) -> Application:
    """Set (or clear) the professional responsible for an application. System administrators only;
    InvalidInput when the person is not a professional."""
    locked = _lock(application)
    require(permissions.can_process_application(actor, locked))
    if professional is not None and not (professional.is_professional and professional.is_active):
        raise InvalidInput(_("Choose a person who is a professional."))
    before = {"professional": locked.professional.email if locked.professional else None}
    locked.professional = professional
    locked.save(update_fields=["professional", "updated_at"])
    audit_record(
        actor=actor.user,
        action="application.professional",
        customer=locked.customer,
        target=locked,
        before=before,
        after={"professional": professional.email if professional else None},
        ip=ip,
    )
    return locked


# Attendees ---------------------------------------------------------------------------------------


@transaction.atomic
def application_attendee_add(
    *,
    actor: Actor,
    application: Application,
    attendee: Attendee | None = None,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    participating: bool = True,
    ip: str | None = None,
) -> ApplicationAttendee:
    """Add an attendee to a DRAFT or PENDING application (locks the application row): either an
    existing attendee of the customer, or a person by name and optional e-mail. A person whose
    e-mail matches an attendee of the same customer is that attendee (reused, not duplicated).
    The customer's side only (PermissionDenied). Conflict when the application no longer takes
    attendee changes or the person is already on it; InvalidInput for a foreign attendee or a
    missing name."""
    locked = _lock(application)
    require(permissions.can_act_for_customer(actor, locked))
    if locked.status not in permissions.ATTENDEES_EDITABLE:
        raise Conflict(
            _("Attendees can only be added or removed while the application is a draft or pending.")
        )
    email = email.strip().lower()
    if attendee is not None:
        if attendee.customer_id != locked.customer_id:
            raise InvalidInput(_("This attendee belongs to another organization."))
    else:
        first_name, last_name = first_name.strip(), last_name.strip()
        if not first_name or not last_name:
            raise InvalidInput(_("Enter the attendee's first and last name."))
        attendee = (
            Attendee.objects.filter(customer_id=locked.customer_id, email__iexact=email)
            .order_by("pk")
            .first()
            if email
            else None
        )
        if attendee is None:
            attendee = Attendee.objects.create(
                customer_id=locked.customer_id, first_name=first_name, last_name=last_name, email=email
            )
    try:
        with transaction.atomic():
            participation = ApplicationAttendee.objects.create(
                application=locked, attendee=attendee, participating=participating
            )
    except IntegrityError:
        raise Conflict(
            _("%(name)s is already an attendee of this application.") % {"name": attendee.full_name}
        ) from None
    audit_record(
        actor=actor.user,
        action="application.attendee_add",
        customer=locked.customer,
        target=locked,
        after={"attendee": attendee.pk, "name": attendee.full_name, "participating": participating},
        ip=ip,
    )
    return participation


def _participation(application: Application, participation_id: int) -> ApplicationAttendee:
    try:
        return ApplicationAttendee.objects.select_related("attendee").get(
            pk=participation_id, application=application
        )
    except ApplicationAttendee.DoesNotExist:
        raise NotFound() from None


@transaction.atomic
def application_attendee_remove(
    *, actor: Actor, application: Application, participation_id: int, ip: str | None = None
) -> None:
    """Remove an attendee from a DRAFT or PENDING application (the attendee stays with the
    customer). The customer's side only; NotFound when the attendee is not on the application;
    Conflict once the application no longer takes attendee changes."""
    locked = _lock(application)
    require(permissions.can_act_for_customer(actor, locked))
    participation = _participation(locked, participation_id)
    if locked.status not in permissions.ATTENDEES_EDITABLE:
        raise Conflict(
            _("Attendees can only be added or removed while the application is a draft or pending.")
        )
    audit_record(
        actor=actor.user,
        action="application.attendee_remove",
        customer=locked.customer,
        target=locked,
        before={"attendee": participation.attendee_id, "name": participation.attendee.full_name},
        ip=ip,
    )
    participation.delete()


@transaction.atomic
def application_attendee_set_participating(
    *,
    actor: Actor,
    application: Application,
    participation_id: int,
    participating: bool,
    ip: str | None = None,
) -> ApplicationAttendee:
    """Mark an attendee as taking part or not, until the application is closed (REJECTED,
    STOPPED, CANCELED: Conflict). On an APPROVED course application a new participant needs a
    free seat (Conflict otherwise; locks the course instance). The customer's side only;
    NotFound when not on the application."""
    locked = _lock(application)
    require(permissions.can_act_for_customer(actor, locked))
    participation = _participation(locked, participation_id)
    if locked.status in permissions.CLOSED:
        raise Conflict(_("The attendees of a closed application cannot change."))
    if (
        participating
        and not participation.participating
        and locked.status == ApplicationStatus.APPROVED
        and locked.course_instance_id is not None
    ):
        # An approved application holds its seats: one more taking part needs a free seat, checked
        # under the instance's lock exactly as an approval is.
        instance = CourseInstance.objects.select_for_update().get(pk=locked.course_instance_id)
        if course_instance_seats_taken(instance) >= instance.capacity:
            raise Conflict(
                _("%(instance)s is full: no seat is free for another attendee taking part.")
                % {"instance": instance.code}
            )
    if participation.participating != participating:
        before = {"attendee": participation.attendee_id, "participating": participation.participating}
        participation.participating = participating
        participation.save(update_fields=["participating"])
        audit_record(
            actor=actor.user,
            action="application.attendee_participation",
            customer=locked.customer,
            target=locked,
            before=before,
            after={"attendee": participation.attendee_id, "participating": participating},
            ip=ip,
        )
    return participation


# Mentors -----------------------------------------------------------------------------------------


def _notify_mentor(
    *, kind: NotificationKind, membership: Membership, application: Application, by: User | None
) -> None:
    """Tell the mentor they were assigned to (or unassigned from) `application`, in the app and,
    as they chose, by e-mail (after commit)."""
    mentor = membership.user
    names = {"number": application.number, "customer": application.customer.name}

    def text() -> str:
        if kind == NotificationKind.ASSIGNED:
            return _("You now mentor %(number)s (%(customer)s).") % names
        return _("You no longer mentor %(number)s (%(customer)s).") % names

    # Once unassigned, the application is out of sight: the link goes to the mentor's list.
    url = (
        reverse("mentor_application_detail", args=[application.pk])
        if kind == NotificationKind.ASSIGNED
        else reverse("mentor_applications")
    )
    notify(
        recipients=[mentor],
        kind=kind,
        actor=by,
        url=url,
        text=text,
        email="mentor-assigned" if kind == NotificationKind.ASSIGNED else "mentor-unassigned",
        context={"user": mentor, "application": application, "customer": application.customer, "by": by},
    )


def mentor_assignment_create(
    *,
    actor_user: User | None,
    application: Application,
    membership: Membership,
    ip: str | None = None,
    notify: bool = False,
) -> MentorAssignment:
    """Assign a mentor membership to an application. The caller has checked that the actor may
    assign mentors for the application's customer (the invitation flow calls this at acceptance;
    pages call `application_mentor_assign`). Raises InvalidInput when the membership is not an
    ACTIVE mentor membership of the application's (ACTIVE) customer, Conflict when it already is
    assigned. With `notify`, e-mails the mentor after commit (if they want assignment e-mail)."""
    with transaction.atomic():
        membership = Membership.objects.select_related("user", "customer").get(pk=membership.pk)
        if (
            membership.role != Role.MENTOR
            or membership.status != Status.ACTIVE
            or membership.customer_id != application.customer_id
            or not membership.user.is_active
        ):
            raise InvalidInput(_("Only active mentors of the application's organization can be assigned."))
        try:
            with transaction.atomic():
                assignment = MentorAssignment.objects.create(
                    application=application, membership=membership, assigned_by=actor_user
                )
        except IntegrityError:
            raise Conflict(_("This mentor is already assigned to the application.")) from None
        audit_record(
            actor=actor_user,
            action="application.mentor_assign",
            customer=application.customer,
            target=application,
            after={"mentor": membership.user.email, "application": application.number},
            ip=ip,
        )
        if notify and actor_user != membership.user:
            _notify_mentor(
                kind=NotificationKind.ASSIGNED, membership=membership, application=application, by=actor_user
            )
    return assignment


def mentor_assignment_delete(
    *,
    actor_user: User | None,
    application: Application,
    membership: Membership,
    ip: str | None = None,
    notify: bool = False,
) -> None:
    """Unassign a mentor membership from an application (any status of the membership). The caller
    has checked that the actor may assign mentors for the application's customer. Raises Conflict
    when the mentor is not assigned. With `notify`, e-mails the mentor after commit."""
    with transaction.atomic():
        deleted, _rows = MentorAssignment.objects.filter(
            application=application, membership=membership
        ).delete()
        if not deleted:
            raise Conflict(_("This mentor is not assigned to the application."))
        audit_record(
            actor=actor_user,
            action="application.mentor_unassign",
            customer=application.customer,
            target=application,
            before={"mentor": membership.user.email, "application": application.number},
            ip=ip,
        )
        if notify and actor_user != membership.user:
            _notify_mentor(
                kind=NotificationKind.UNASSIGNED,
                membership=membership,
                application=application,
                by=actor_user,
            )


def application_mentor_assign(
    *, actor: Actor, application: Application, membership: Membership, ip: str | None = None
) -> MentorAssignment:
    """A customer admin of the application's customer (or a system administrator) assigns one of
    the customer's ACTIVE mentors; PermissionDenied for anyone else. E-mails the mentor."""
    require(permissions.can_assign_mentors(actor, application.customer))
    return mentor_assignment_create(
        actor_user=actor.user, application=application, membership=membership, ip=ip, notify=True
    )


def application_mentor_unassign(
    *, actor: Actor, application: Application, membership: Membership, ip: str | None = None
) -> None:
    """A customer admin of the application's customer (or a system administrator) unassigns a
    mentor; PermissionDenied for anyone else. E-mails the mentor."""
    require(permissions.can_assign_mentors(actor, application.customer))
    mentor_assignment_delete(
        actor_user=actor.user, application=application, membership=membership, ip=ip, notify=True
    )
