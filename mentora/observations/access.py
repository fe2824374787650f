"""Who may read observations (DESIGN.md §2, §3); who may write them is `permissions`.

- read: whoever may see the application — its mentors (current assignment), the customer's
  admins, system administrators, and professionals on the applications they see;
- write: only a mentor currently assigned to the application (ACTIVE membership, ACTIVE customer).

Seeing the application is decided by `mentora.applications.access`; not seeing it answers 404,
seeing it without being its mentor answers 403 for writes."""

from django.db.models import Exists, OuterRef, QuerySet

from mentora.applications.access import access_application, application_list_visible
from mentora.applications.models import Application, MentorAssignment
from mentora.customers.access import Actor
from mentora.customers.models import Membership, Role, Status

from .models import Observation


def observation_list_visible(*, actor: Actor) -> QuerySet[Observation]:
    """Every observation the actor may read: those on the applications they see."""
    return Observation.objects.filter(application__in=application_list_visible(actor=actor))


def observation_list_on(*, application: Application) -> QuerySet[Observation]:
    """Every observation on `application`, an application the caller loaded through an access
    function for the actor (`access_application_for_observations`, or the application page's
    own): whoever sees an application reads all its observations, so they are not checked a
    second time (that check was a subquery of the actor's applications in the list's count and
    again in its page)."""
    return Observation.objects.filter(application=application)


def access_application_for_observations(*, actor: Actor, application_id: int | str) -> Application:
    """An application whose observations the actor may read; NotFound otherwise."""
    return access_application(actor=actor, application_id=application_id)


def mentor_membership_of(actor: Actor, application: Application) -> Membership | None:
    """The actor's ACTIVE mentor membership assigned to `application`, or None (one query)."""
    membership_ids = [
        m.pk for m in actor.memberships_as(Role.MENTOR) if m.customer_id == application.customer_id
    ]
    if not membership_ids:
        return None
    assigned = MentorAssignment.objects.filter(
        application=application, membership_id__in=membership_ids
    ).values_list("membership_id", flat=True)
    found = set(assigned)
    return next((m for m in actor.memberships_as(Role.MENTOR) if m.pk in found), None)


def application_mentor_exists(application_ref: str = "application") -> Exists:
    """Whether the author is still a mentor of the observation's application (for labels): an
    assignment of the application to an ACTIVE mentor membership of the author's, of an ACTIVE
    customer (`Membership.objects.active().mentors()`), checked on the joined rows rather than
    against a list of every active mentor membership."""
    return Exists(
        MentorAssignment.objects.filter(
            application=OuterRef(application_ref),
            membership__user=OuterRef("author"),
            membership__role=Role.MENTOR,
            membership__status=Status.ACTIVE,
            membership__customer__status=Status.ACTIVE,
        )
    )
