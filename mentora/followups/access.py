"""Who may see which follow-up threads, whatever their roles (a person may hold several):

- system administrator: every thread;
- professional: threads on the applications they may see as a professional;
- customer admin: threads on their customers' applications that include the customer admins;
- mentor (DESIGN.md §3): threads on applications they mentor where one of their mentor
  memberships was selected.

Pages load threads and comments only through `access_followup` and `access_comment`, which raise
the same NotFound for "missing" and "not yours". What a visible thread lets someone *do* is a
question for `mentora.followups.permissions`.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet

from mentora.applications.access import application_list_visible, mentor_membership_ids
from mentora.applications.models import Application, MentorAssignment
from mentora.core.exceptions import NotFound
from mentora.customers.access import Actor
from mentora.customers.models import Role

from .models import Comment, FollowUp


def application_list_for_professional(*, actor: Actor) -> QuerySet[Application]:
    """The applications the actor sees *as a professional*, leaving out what their customer
    memberships add: a professional who also mentors must not see unselected threads on the
    applications they mentor. An Actor with no memberships asks exactly that question."""
    if not actor.is_professional:
        return Application.objects.none()
    return application_list_visible(actor=Actor(user=actor.user, _memberships=[]))


def followup_list_visible(*, actor: Actor) -> QuerySet[FollowUp]:
    """Every thread the actor may read (and so comment on), as one queryset. Built once a
    request and kept on the actor, like its memberships (a page asks for it two or three times:
    its filter choices, its list, its count)."""
    visible = actor.__dict__.get("_followup_list_visible")
    if visible is None:
        visible = _followup_list_visible(actor)
        actor.__dict__["_followup_list_visible"] = visible
    return visible.all()


def _followup_list_visible(actor: Actor) -> QuerySet[FollowUp]:
    if not actor.is_authenticated:
        return FollowUp.objects.none()
    if actor.is_system_admin:
        return FollowUp.objects.all()
    visible = Q(pk__in=[])
    if actor.is_professional:
        visible |= Q(application__in=application_list_for_professional(actor=actor))
    admin_of = [customer.pk for customer in actor.customers_as(Role.CUSTOMER_ADMIN)]
    if admin_of:
        visible |= Q(application__customer_id__in=admin_of, include_customer_admins=True)
    if actor.is_mentor:
        visible |= _selected_mentor(actor)
    return FollowUp.objects.filter(visible)


def access_followup(*, actor: Actor, followup_id: int | str) -> FollowUp:
    """A thread the actor may read, with its application and customer loaded; NotFound otherwise
    (missing, foreign, not selected and INACTIVE all look the same)."""
    try:
        return (
            followup_list_visible(actor=actor)
            .select_related("application__customer", "created_by")
            .get(pk=int(followup_id))
        )
    except (FollowUp.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def access_comment(*, actor: Actor, comment_id: int | str) -> Comment:
    """A comment on a thread the actor may read; NotFound otherwise."""
    try:
        return (
            Comment.objects.filter(followup__in=followup_list_visible(actor=actor))
            .select_related("followup__application__customer", "author")
            .get(pk=int(comment_id))
        )
    except (Comment.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


# The mentor ----------------------------------------------------------------------------------


def followup_list_for_mentor(*, actor: Actor) -> QuerySet[FollowUp]:
    """Threads on applications the actor mentors where one of their mentor memberships was
    selected."""
    return FollowUp.objects.filter(_selected_mentor(actor))


def _selected_mentor(actor: Actor) -> Q:
    # A condition on the thread itself, not a subquery of threads: each nested queryset costs
    # its compilation again on every list. The applications are the mentor's own assignments
    # (their membership's index), as `application_list_visible` reads them: a list of the
    # mentor's ids instead cost Python work per id, twice per list (300 ids: 12k calls).
    membership_ids = mentor_membership_ids(actor)
    selected = FollowUp.mentors.through.objects.filter(
        followup=OuterRef("pk"), membership_id__in=membership_ids
    )
    assigned = MentorAssignment.objects.filter(membership_id__in=membership_ids).values("application_id")
    return Q(Exists(selected), application_id__in=assigned)


def access_followup_for_mentor(*, actor: Actor, followup_id: int | str) -> FollowUp:
    """A thread the actor reads as a mentor; NotFound otherwise (missing alike)."""
    try:
        return followup_list_for_mentor(actor=actor).get(pk=int(followup_id))
    except (FollowUp.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None
