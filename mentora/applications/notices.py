"""What applications tell people when one is decided: an on-request application accepted,
rejected or stopped, a course application approved or rejected. Told are the application's
mentors (those who see it: `access.application_mentor_users`), linked to their workspace's page
of it, and its customer's admins, linked to the application's page; the person who decided is
not (notify skips the actor)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from mentora.accounts.models import User
from mentora.customers.access import customer_admin_users
from mentora.notifications.kinds import Kind as NotificationKind
from mentora.notifications.services import notify

from .access import application_mentor_users
from .models import Application, ApplicationStatus, Kind

S = ApplicationStatus
DECISIONS: dict[str, tuple[str, ...]] = {
    Kind.ON_REQUEST: (S.ACCEPTED, S.REJECTED, S.STOPPED),
    Kind.COURSE: (S.APPROVED, S.REJECTED),
}


def _text(application: Application, *, by: str, customer: str) -> str:
    values = {
        "by": by,
        "number": application.number,
        "title": application.display_title,
        "customer": customer,
    }
    if application.kind == Kind.COURSE:
        if application.status == S.APPROVED:
            return _("%(by)s approved the course application %(number)s %(title)s (%(customer)s).") % values
        return _("%(by)s rejected the course application %(number)s %(title)s (%(customer)s).") % values
    if application.status == S.ACCEPTED:
        return _("%(by)s accepted the application %(number)s %(title)s (%(customer)s).") % values
    if application.status == S.REJECTED:
        return _("%(by)s rejected the application %(number)s %(title)s (%(customer)s).") % values
    return _("%(by)s stopped the application %(number)s %(title)s (%(customer)s).") % values


def application_decision_notify(*, actor_user: User, application: Application) -> None:
    """Tell the people above when `application` has just moved to a decision (any other status
    tells nobody). The caller, the status service, holds the application's lock."""
    if application.status not in DECISIONS[application.kind]:
        return
    kind = (
        NotificationKind.COURSE_APPLICATION_DECIDED
        if application.kind == Kind.COURSE
        else NotificationKind.APPLICATION_DECIDED
    )
    by = actor_user.get_full_name()
    customer = application.customer.name

    def text() -> str:
        return _text(application, by=by, customer=customer)

    email = "course-application-decided" if application.kind == Kind.COURSE else "application-decided"
    context = {"application": application}
    admins = list(customer_admin_users(customer_ids=[application.customer_id]))
    # Someone who is both admin and mentor of the customer hears it once, as its admin.
    mentors = application_mentor_users(application_ids=[application.pk]).exclude(
        pk__in=[a.pk for a in admins]
    )
    notify(
        recipients=mentors,
        kind=kind,
        actor=actor_user,
        url=reverse("mentor_application_detail", args=[application.pk]),
        text=text,
        email=email,
        context=context,
    )
    notify(
        recipients=admins,
        kind=kind,
        actor=actor_user,
        url=reverse("application_detail", args=[application.pk]),
        text=text,
        email=email,
        context=context,
    )
