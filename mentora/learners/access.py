"""Who may open a learner's page (DESIGN.md §3), whatever their roles:

- provider staff (system administrators and professionals): every learner;
- customer admin: the learners (attendees) of the customers they administer;
- mentor: their mentees — attendees of the applications they mentor whose attendance they see
  (on-request applications, APPROVED course applications) — and only through those
  applications: the page shows the applications, attendance records, completion statuses,
  observations and follow-ups the mentor sees anyway, never the learner's other applications;
  a learner of the same session who is not their mentee answers 404.

Everything else answers NotFound, exactly like a learner that does not exist.
`access_learner` decides once; the page's sections read through the `Learner` it returns.
"""

from dataclasses import dataclass

from django.db.models import QuerySet

from mentora.applications.access import mentee_ids_for_mentor, mentor_scope
from mentora.applications.models import ApplicationAttendee, Attendee
from mentora.attendance.access import attendance_record_list_for_mentor
from mentora.attendance.models import AttendanceRecord
from mentora.core.exceptions import NotFound
from mentora.customers.access import Actor


@dataclass(frozen=True)
class Learner:
    """A learner as one actor may see them: `whole` for staff and the customer's admins (every
    application and record of the learner), else through the mentor's own applications."""

    attendee: Attendee
    whole: bool
    application_ids: tuple[int, ...] | None  # None with `whole`: every application

    def participations(self) -> QuerySet[ApplicationAttendee]:
        """The learner's participations the actor sees."""
        participations = ApplicationAttendee.objects.filter(attendee=self.attendee)
        if self.application_ids is not None:
            participations = participations.filter(application_id__in=self.application_ids)
        return participations


def access_learner(*, actor: Actor, attendee_id: int | str) -> Learner:
    """The learner `attendee_id` as the actor may see them; NotFound otherwise (missing alike).
    One query for staff and customer admins; the mentor's scope adds its own two (kept on the
    actor for the request)."""
    if not actor.is_authenticated:
        raise NotFound()
    try:
        attendee = Attendee.objects.select_related("customer").get(pk=int(attendee_id))
    except (Attendee.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None
    if actor.is_provider_staff or actor.is_customer_admin_of(attendee.customer_id):
        return Learner(attendee=attendee, whole=True, application_ids=None)
    if attendee.pk in mentee_ids_for_mentor(actor):
        return Learner(attendee=attendee, whole=False, application_ids=mentor_scope(actor).application_ids)
    raise NotFound()


def learner_record_list(*, actor: Actor, learner: Learner) -> QuerySet[AttendanceRecord]:
    """The learner's attendance records the actor may see: all of them for staff and the
    customer's admins; for a mentor, those on the events of the applications they mentor."""
    if learner.whole:
        return AttendanceRecord.objects.filter(attendee=learner.attendee)
    return attendance_record_list_for_mentor(actor=actor).filter(attendee=learner.attendee)
