"""Which attendance sessions and records an actor may see, whatever their roles (a person may
hold several):

- system administrator: every session's whole sheet;
- professional: the whole sheet of the events they deliver, substitute on or are responsible
  for (`permissions.can_view_attendance`);
- customer admin: never a whole sheet (a course instance's sheet lists other customers'
  learners); on their customers' application pages, the records that belong to the application
  (`attendance_record_list_for_application`); for the digest's mentees needing attention, the
  records of their customers' learners (`attendance_record_list_for_customer_admin`);
- mentor (DESIGN.md §3): the records of their mentees on the events of the very application (or
  course instance) through which they are mentees, never another learner of the same session;
  and the sessions with at least one such record.

Pages load a session only through `access_event_attendance` (the sheet) or
`access_session_for_mentor`, which raise NotFound for "missing" and "not yours" alike and
PermissionDenied for a visible event whose sheet is not the actor's to open.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet

from mentora.applications.access import mentee_ids_for_mentor, mentor_scope
from mentora.applications.models import Application, ApplicationAttendee, Kind
from mentora.core.exceptions import NotFound
from mentora.customers.access import Actor
from mentora.customers.models import Role
from mentora.customers.permissions import require
from mentora.schedule.access import access_event, event_filter_for_mentor
from mentora.schedule.models import Event

from .models import AttendanceRecord, Session
from .permissions import can_view_attendance


def access_event_attendance(*, actor: Actor, event_id: int | str) -> Event:
    """An event whose whole attendance sheet the actor may open. NotFound when the event is not
    visible to them; PermissionDenied when it is but the sheet is not theirs (mentors and
    customer admins read attendance in their own pages)."""
    event = access_event(actor=actor, event_id=event_id)
    require(can_view_attendance(actor, event))
    return event


def attendance_record_list_for_application(*, application: Application) -> QuerySet[AttendanceRecord]:
    """Records that belong to an application the caller may see: its events' records for an
    on-request one; for a course application, the records of its attendees on its instance's
    events."""
    if application.kind == Kind.ON_REQUEST:
        return AttendanceRecord.objects.filter(session__event__application=application)
    return AttendanceRecord.objects.filter(
        session__event__course_instance_id=application.course_instance_id,
        attendee__participations__application=application,
    )


# The mentor ----------------------------------------------------------------------------------


def attendance_record_list_for_mentor(*, actor: Actor) -> QuerySet[AttendanceRecord]:
    """Records of the actor's mentees, on events of the very application (or course instance)
    through which they are the actor's mentees. The database walks from the mentees' own records
    (the index on the record's attendee), keeps those on the mentor's events, and checks each
    remaining one against its participation (the participation's unique index): never the
    whole records table."""
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


def session_list_for_mentor(*, actor: Actor) -> QuerySet[Session]:
    """Sessions with at least one record the actor sees as a mentor: the sessions of the
    mentor's own events first (indexes), then, for each of those, whether it has a mentee."""
    records = attendance_record_list_for_mentor(actor=actor)
    return Session.objects.filter(event_filter_for_mentor(actor=actor, through="event__")).filter(
        Exists(records.filter(session=OuterRef("pk")))
    )


def access_session_for_mentor(*, actor: Actor, session_id: int | str) -> Session:
    """A session with at least one of the actor's mentees, with its event's activity loaded;
    NotFound otherwise (missing alike)."""
    try:
        return (
            session_list_for_mentor(actor=actor)
            .select_related(
                "event__application__customer",
                "event__application__service",
                "event__course_instance__course",
            )
            .get(pk=int(session_id))
        )
    except (Session.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


# The customer admin --------------------------------------------------------------------------


def attendance_record_list_for_customer_admin(*, actor: Actor) -> QuerySet[AttendanceRecord]:
    """Records of the learners of the customers the actor administers, on any event: a
    customer's admins see their learners whole (the learner's page, mentora.learners.access),
    never another customer's learner of the same session. Starts from the record's attendee."""
    admin_of = [c.pk for c in actor.customers_as(Role.CUSTOMER_ADMIN)]
    if not admin_of:
        return AttendanceRecord.objects.none()
    return AttendanceRecord.objects.filter(attendee__customer_id__in=admin_of)
