"""What a mentor can see (DESIGN.md §3). Every mentor-side read, page or API, starts here.

- applications: assigned to one of the actor's ACTIVE mentor memberships of an ACTIVE customer
  (the Actor already holds only those);
- schedule and attendance: of those applications, on-request ones always, course applications
  once APPROVED;
- events: of those on-request applications, and of the course instances of those APPROVED
  course applications (canceled events included, shown as canceled);
- attendance records: the mentor's mentees on those events only, never other learners of the
  same session;
- follow-ups: threads on mentored applications where one of the actor's memberships is selected.

Anything outside these answers 404 (NotFound), exactly like something that does not exist.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet

from mentora.applications.models import Application, ApplicationAttendee, ApplicationStatus, Attendee, Kind
from mentora.attendance.models import AttendanceRecord
from mentora.core.exceptions import NotFound
from mentora.customers.access import Actor
from mentora.customers.models import Role
from mentora.followups.models import FollowUp
from mentora.schedule.models import Event


def mentor_membership_ids(actor: Actor) -> list[int]:
    return [m.pk for m in actor.memberships_as(Role.MENTOR)]


def application_list_for_mentor(*, actor: Actor) -> QuerySet[Application]:
    """Applications assigned to the actor as a mentor, in any status."""
    return Application.objects.filter(
        Exists(
            Application.mentor_assignments.rel.related_model.objects.filter(
                application=OuterRef("pk"), membership_id__in=mentor_membership_ids(actor)
            )
        )
    )


def application_list_with_schedule_for_mentor(*, actor: Actor) -> QuerySet[Application]:
    """Mentored applications whose schedule and attendance the mentor may see."""
    return application_list_for_mentor(actor=actor).filter(
        Q(kind=Kind.ON_REQUEST) | Q(kind=Kind.COURSE, status=ApplicationStatus.APPROVED)
    )


def access_application_for_mentor(*, actor: Actor, application_id: int | str) -> Application:
    try:
        return application_list_for_mentor(actor=actor).select_related("customer").get(pk=int(application_id))
    except (Application.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def event_list_for_mentor(*, actor: Actor) -> QuerySet[Event]:
    scheduled = application_list_with_schedule_for_mentor(actor=actor)
    return Event.objects.filter(
        Q(application__in=scheduled.filter(kind=Kind.ON_REQUEST))
        | Q(course_instance__in=scheduled.filter(kind=Kind.COURSE).values("course_instance"))
    )


def access_event_for_mentor(*, actor: Actor, event_id: int | str) -> Event:
    try:
        return event_list_for_mentor(actor=actor).get(pk=int(event_id))
    except (Event.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def _mentee_participations(actor: Actor) -> QuerySet[ApplicationAttendee]:
    return ApplicationAttendee.objects.filter(
        application__in=application_list_with_schedule_for_mentor(actor=actor)
    )


def mentee_list_for_mentor(*, actor: Actor) -> QuerySet[Attendee]:
    """The attendees of the applications whose attendance the mentor may see."""
    return Attendee.objects.filter(Exists(_mentee_participations(actor).filter(attendee=OuterRef("pk"))))


def attendance_record_list_for_mentor(*, actor: Actor) -> QuerySet[AttendanceRecord]:
    """Records of the actor's mentees, on events of the very application (or course instance)
    through which they are the actor's mentees."""
    participations = _mentee_participations(actor).filter(attendee=OuterRef("attendee"))
    return AttendanceRecord.objects.filter(
        Exists(participations.filter(application=OuterRef("session__event__application")))
        | Exists(
            participations.filter(
                application__kind=Kind.COURSE,
                application__course_instance=OuterRef("session__event__course_instance"),
            )
        )
    )


def followup_list_for_mentor(*, actor: Actor) -> QuerySet[FollowUp]:
    membership_ids = mentor_membership_ids(actor)
    return FollowUp.objects.filter(
        Exists(
            FollowUp.mentors.through.objects.filter(followup=OuterRef("pk"), membership_id__in=membership_ids)
        ),
        application__in=application_list_for_mentor(actor=actor),
    )


def access_followup_for_mentor(*, actor: Actor, followup_id: int | str) -> FollowUp:
    try:
        return followup_list_for_mentor(actor=actor).get(pk=int(followup_id))
    except (FollowUp.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None
