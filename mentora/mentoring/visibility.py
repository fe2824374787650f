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

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet

from mentora.applications.models import (
    Application,
    ApplicationAttendee,
    ApplicationStatus,
    Attendee,
    Kind,
    MentorAssignment,
)
from mentora.attendance.models import AttendanceRecord
from mentora.core.exceptions import NotFound
from mentora.customers.access import Actor
from mentora.customers.models import Role
from mentora.followups.models import FollowUp
from mentora.schedule.models import Event


def mentor_membership_ids(actor: Actor) -> list[int]:
    return [m.pk for m in actor.memberships_as(Role.MENTOR)]


@dataclass(frozen=True)
class MentorScope:
    """What the actor mentors, read once from their own assignments (an index on the
    assignment's membership): every query below starts from these ids, so its cost follows the
    mentor's own applications, never the size of the events, sessions or records tables."""

    application_ids: tuple[int, ...]  # assigned, any status
    on_request_ids: tuple[int, ...]  # on-request: schedule and attendance visible
    course_ids: tuple[int, ...]  # APPROVED course applications: schedule and attendance visible
    course_instance_ids: tuple[int, ...]  # the instances of those

    @property
    def scheduled_ids(self) -> tuple[int, ...]:
        return self.on_request_ids + self.course_ids


def mentor_scope(actor: Actor) -> MentorScope:
    """The actor's MentorScope, one query, kept on the actor for the rest of the request
    (like its memberships)."""
    cached = actor.__dict__.get("_mentor_scope")
    if cached is not None:
        return cached
    rows = (
        MentorAssignment.objects.filter(membership_id__in=mentor_membership_ids(actor))
        .order_by("application_id")
        .values_list(
            "application_id", "application__kind", "application__status", "application__course_instance_id"
        )
        .distinct()
    )
    application_ids, on_request, courses, instances = [], [], [], set()
    for application_id, kind, status, instance_id in rows:
        application_ids.append(application_id)
        if kind == Kind.ON_REQUEST:
            on_request.append(application_id)
        elif status == ApplicationStatus.APPROVED:
            courses.append(application_id)
            instances.add(instance_id)
    scope = MentorScope(tuple(application_ids), tuple(on_request), tuple(courses), tuple(sorted(instances)))
    actor.__dict__["_mentor_scope"] = scope
    return scope


def application_list_for_mentor(*, actor: Actor) -> QuerySet[Application]:
    """Applications assigned to the actor as a mentor, in any status."""
    return Application.objects.filter(pk__in=mentor_scope(actor).application_ids)


def application_list_with_schedule_for_mentor(*, actor: Actor) -> QuerySet[Application]:
    """Mentored applications whose schedule and attendance the mentor may see."""
    return Application.objects.filter(pk__in=mentor_scope(actor).scheduled_ids)


def access_application_for_mentor(*, actor: Actor, application_id: int | str) -> Application:
    try:
        return application_list_for_mentor(actor=actor).select_related("customer").get(pk=int(application_id))
    except (Application.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def event_filter_for_mentor(*, actor: Actor, through: str = "") -> Q:
    """The mentor's events as a filter on Event (or, with `through="event__"`, on what has an
    event): two index scans (an event's application, an event's course instance), OR-ed, that
    can be OR-ed with other roles' filters."""
    scope = mentor_scope(actor)
    return Q(**{f"{through}application_id__in": scope.on_request_ids}) | Q(
        **{f"{through}course_instance_id__in": scope.course_instance_ids}
    )


def event_list_for_mentor(*, actor: Actor) -> QuerySet[Event]:
    return Event.objects.filter(event_filter_for_mentor(actor=actor))


def access_event_for_mentor(*, actor: Actor, event_id: int | str) -> Event:
    try:
        return event_list_for_mentor(actor=actor).get(pk=int(event_id))
    except (Event.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def mentee_ids_for_mentor(actor: Actor) -> tuple[int, ...]:
    """The attendees of the applications whose attendance the mentor may see (one query on the
    participations of those applications, kept on the actor for the request)."""
    cached = actor.__dict__.get("_mentee_ids")
    if cached is None:
        participations = ApplicationAttendee.objects.filter(
            application_id__in=mentor_scope(actor).scheduled_ids
        )
        cached = tuple(sorted(set(participations.values_list("attendee_id", flat=True))))
        actor.__dict__["_mentee_ids"] = cached
    return cached


def mentee_list_for_mentor(*, actor: Actor) -> QuerySet[Attendee]:
    """The attendees of the applications whose attendance the mentor may see."""
    return Attendee.objects.filter(pk__in=mentee_ids_for_mentor(actor))


def attendance_record_list_for_mentor(*, actor: Actor) -> QuerySet[AttendanceRecord]:
    """Records of the actor's mentees, on events of the very application (or course instance)
    through which they are the actor's mentees. The database walks from the mentees' own
    records (the index on the record's attendee), keeps those on the mentor's events, and checks
    each remaining one against its participation (the participation's unique index)."""
    scope = mentor_scope(actor)
    participation = ApplicationAttendee.objects.filter(
        Q(application_id=OuterRef("session__event__application_id"))
        | Q(
            application__kind=Kind.COURSE,
            application__course_instance_id=OuterRef("session__event__course_instance_id"),
        ),
        attendee_id=OuterRef("attendee_id"),
        application_id__in=scope.scheduled_ids,
    )
    return AttendanceRecord.objects.filter(
        event_filter_for_mentor(actor=actor, through="session__event__"),
        Exists(participation),
        attendee_id__in=mentee_ids_for_mentor(actor),
    )


def followup_list_for_mentor(*, actor: Actor) -> QuerySet[FollowUp]:
    selected = FollowUp.mentors.through.objects.filter(membership_id__in=mentor_membership_ids(actor))
    return FollowUp.objects.filter(
        pk__in=selected.values("followup_id"), application_id__in=mentor_scope(actor).application_ids
    )


def access_followup_for_mentor(*, actor: Actor, followup_id: int | str) -> FollowUp:
    try:
        return followup_list_for_mentor(actor=actor).get(pk=int(followup_id))
    except (FollowUp.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None
