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

from mentora.applications.access import mentor_membership_ids
from mentora.applications.models import Application, ApplicationAttendee, ApplicationStatus, Kind
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


def attendance_record_filter_for_mentor(*, actor: Actor) -> Q:
    """The records of the actor's mentees on events of the very application (or course
    instance) through which they are the actor's mentees, as a filter on AttendanceRecord.

    Two conditions ANDed: the record's event is one of the mentor's own
    (`schedule.access.event_filter_for_mentor`: their on-request applications' or approved
    course instances' events, two index scans from the mentor's ids),
    and the record's learner takes part in that event's activity as the mentor's mentee (one
    EXISTS from the learner's own participations: the event's on-request application itself,
    or an approved course application on the event's instance that the actor mentors). One
    EXISTS, not one per kind ORed: PostgreSQL turns an EXISTS under an OR into a hash of the
    whole participations table and then walks every record; ANDed, it is a semi-join from the
    mentor's events. No list of ids inside the per-record check (SQLite would probe the index
    once per id of such a list, for every record): the course side is checked against the
    actor's few mentor memberships."""
    event = "session__event__"
    own_events = event_filter_for_mentor(actor=actor, through=event)
    as_mentee = ApplicationAttendee.objects.filter(
        Q(application_id=OuterRef(f"{event}application_id"))
        | Q(
            application__course_instance_id=OuterRef(f"{event}course_instance_id"),
            application__status=ApplicationStatus.APPROVED,
            application__mentor_assignments__membership_id__in=mentor_membership_ids(actor),
        ),
        attendee_id=OuterRef("attendee_id"),
    )
    return own_events & Q(Exists(as_mentee))


def attendance_record_list_for_mentor(*, actor: Actor) -> QuerySet[AttendanceRecord]:
    """Records of the actor's mentees, on events of the very application (or course instance)
    through which they are the actor's mentees (`attendance_record_filter_for_mentor`)."""
    return AttendanceRecord.objects.filter(attendance_record_filter_for_mentor(actor=actor))


def session_list_for_mentor(*, actor: Actor) -> QuerySet[Session]:
    """Sessions with at least one record the actor sees as a mentor: the sessions of those
    records, read once (not a check per session)."""
    records = attendance_record_list_for_mentor(actor=actor)
    return Session.objects.filter(pk__in=records.order_by().values("session_id"))


def access_session_for_mentor(
    *, actor: Actor, session_id: int | str
) -> tuple[Session, list[AttendanceRecord]]:
    """A session with at least one of the actor's mentees, with its event's activity loaded,
    and those mentees' records in it (with the attendee, by name); NotFound otherwise (missing
    alike). Only that session's records are read, and first: the mentor's filter is then
    compiled into one query, not two, and the session is read by its id alone."""
    try:
        pk = int(session_id)
        records = list(
            attendance_record_list_for_mentor(actor=actor)
            .filter(session_id=pk)
            .select_related("attendee")
            .order_by("attendee__last_name", "attendee__first_name", "pk")
        )
        if not records:
            raise NotFound()
        session = Session.objects.select_related(
            "event__application__customer",
            "event__application__service",
            "event__course_instance__course",
        ).get(pk=pk)
    except (Session.DoesNotExist, ValueError, TypeError, OverflowError):
        raise NotFound() from None
    return session, records


# The customer admin --------------------------------------------------------------------------


def attendance_record_list_for_customer_admin(*, actor: Actor) -> QuerySet[AttendanceRecord]:
    """Records of the learners of the customers the actor administers, on any event: a
    customer's admins see their learners whole (the learner's page, mentora.learners.access),
    never another customer's learner of the same session. Starts from the record's attendee."""
    admin_of = [c.pk for c in actor.customers_as(Role.CUSTOMER_ADMIN)]
    if not admin_of:
        return AttendanceRecord.objects.none()
    return AttendanceRecord.objects.filter(attendee__customer_id__in=admin_of)
