"""Writes to observations: atomic, permission-checked, audited, e-mail after the commit."""

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from mentora.accounts.models import User
from mentora.applications.models import Application, Attendee
from mentora.audit.services import audit_record
from mentora.core.exceptions import InvalidInput
from mentora.core.numbers import grouped
from mentora.customers.access import Actor
from mentora.customers.models import Membership
from mentora.customers.permissions import require
from mentora.notifications.kinds import Kind as NotificationKind
from mentora.notifications.services import notify
from mentora.schedule.models import Event

from .access import access_application_for_observations
from .models import Observation
from .permissions import can_write_observation
from .selectors import observation_attendee_choices, observation_event_choices

MAX_OBSERVATION_LENGTH = 10_000


def validate_observation_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise InvalidInput(_("Write the observation before saving it."))
    if len(body) > MAX_OBSERVATION_LENGTH:
        raise InvalidInput(
            _("An observation can be at most %(max)s characters long (this one has %(count)s).")
            % {"max": grouped(MAX_OBSERVATION_LENGTH), "count": grouped(len(body))}
        )
    return body


def observation_create(
    *,
    actor: Actor,
    application: Application,
    body: str,
    attendee: Attendee | None = None,
    event: Event | None = None,
    ip: str | None = None,
) -> Observation:
    """Write an observation on `application`, optionally about one of its attendees or events.

    Who may call: a mentor currently assigned to the application. Someone who cannot see the
    application gets NotFound; someone who sees it but does not mentor it (a customer admin,
    provider staff, another mentor of the customer) gets PermissionDenied. An attendee or event
    that does not belong to the application, or an empty or too long body, raises InvalidInput.
    Locks nothing: a new row races with nothing. Audits "observation.create" and e-mails the
    customer's admins and the application's other mentors who want e-mail about observations."""
    application = access_application_for_observations(actor=actor, application_id=application.pk)
    require(
        can_write_observation(actor, application), _("Only the application's mentors write observations.")
    )
    body = validate_observation_body(body)
    if (
        attendee is not None
        and not observation_attendee_choices(application=application).filter(pk=attendee.pk).exists()
    ):
        raise InvalidInput(_("Choose one of this application's attendees."))
    if (
        event is not None
        and not observation_event_choices(application=application).filter(pk=event.pk).exists()
    ):
        raise InvalidInput(_("Choose one of this application's events."))
    with transaction.atomic():
        observation = Observation.objects.create(
            application=application, author=actor.user, body=body, attendee=attendee, event=event
        )
        audit_record(
            actor=actor.user,
            action="observation.create",
            customer=application.customer,
            target=observation,
            after={
                "application": application.number,
                "attendee": attendee.pk if attendee else None,
                "event": event.pk if event else None,
                "body": body,
            },
            ip=ip,
        )
        names = {"author": actor.user.get_full_name(), "number": application.number}
        notify(
            recipients=_observation_readers_to_notify(application, exclude=actor.user),
            kind=NotificationKind.OBSERVATION,
            actor=actor.user,
            url=reverse("observation_list", args=[application.pk]),
            text=lambda: _("%(author)s wrote an observation on %(number)s") % names,
            email="observation-created",
            context={"observation": observation, "application": application},
        )
    return observation


def _observation_readers_to_notify(application: Application, *, exclude: User) -> list[User]:
    """The customer's ACTIVE admins and the application's other ACTIVE mentors, each once."""
    admins = Membership.objects.active().customer_admins().filter(customer=application.customer_id)
    mentors = Membership.objects.active().mentors().filter(assignments__application=application)
    people: dict[int, User] = {}
    for membership in list(admins.select_related("user")) + list(mentors.select_related("user")):
        if membership.user_id != exclude.pk and membership.user.is_active:
            people.setdefault(membership.user_id, membership.user)
    return list(people.values())
