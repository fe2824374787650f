"""Reads for the application pages, already scoped to the actor. Lists load in a fixed number of
queries whatever the number of rows; the detail page in a fixed number whatever the number of
attendees, mentors and events."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from mentora.catalog.models import Course, CourseInstance
from mentora.core.exceptions import NotFound
from mentora.customers.access import Actor
from mentora.customers.models import Customer, Membership, Role, Status
from mentora.customers.permissions import require

from . import permissions
from .access import application_list_visible
from .models import Application, ApplicationAttendee, ApplicationStatus, Attendee, Kind, MentorAssignment


def _mentor_prefetch() -> Prefetch:
    return Prefetch(
        "mentor_assignments",
        queryset=MentorAssignment.objects.select_related("membership__user").order_by(
            "membership__user__first_name", "membership__user__last_name", "pk"
        ),
    )


def application_list(
    *,
    actor: Actor,
    customer: Customer | None = None,
    customer_filter: Customer | None = None,
    status: str = "",
    kind: str = "",
    course: Course | None = None,
    search: str = "",
) -> QuerySet[Application]:
    """Applications of both kinds for a workspace: one customer's (its customer admins and system
    administrators), or with `customer=None` every customer's (system administrators only;
    `customer_filter` narrows it). PermissionDenied for anyone else. `search` matches the number,
    title, service, course code or title, or an attendee's name (each word must match)."""
    if customer is None:
        require(actor.is_system_admin)
        rows = application_list_visible(actor=actor)
        if customer_filter is not None:
            rows = rows.filter(customer=customer_filter)
    else:
        require(permissions.can_view_customer_applications(actor, customer))
        rows = application_list_visible(actor=actor).filter(customer=customer)
    if status:
        rows = rows.filter(status=status)
    if kind:
        rows = rows.filter(kind=kind)
    if course is not None:
        rows = rows.filter(course_instance__course=course)
    for word in search.split():
        named = Attendee.objects.filter(
            Q(first_name__icontains=word) | Q(last_name__icontains=word),
            participations__application=OuterRef("pk"),
        )
        rows = rows.filter(
            Q(number__icontains=word)
            | Q(title__icontains=word)
            | Q(service__name__icontains=word)
            | Q(course_instance__code__icontains=word)
            | Q(course_instance__course__code__icontains=word)
            | Q(course_instance__course__title__icontains=word)
            | Exists(named)
        )
    return (
        rows.select_related("customer", "service", "course_instance__course")
        .annotate(
            attendee_count=Count("participants", filter=Q(participants__participating=True), distinct=True)
        )
        .prefetch_related(_mentor_prefetch())
        .order_by("-created_at", "-pk")
    )


@dataclass
class AttendanceRow:
    participation: ApplicationAttendee
    present: int
    late: int
    excused: int
    absent: int
    not_enrolled: int
    unrecorded: int
    rate: float | None

    @property
    def rate_percent(self) -> int | None:
        return None if self.rate is None else round(self.rate * 100)


@dataclass
class ApplicationDetail:
    application: Application
    participants: list[ApplicationAttendee]
    assignments: list[MentorAssignment]
    assignable: list[Membership]
    events: list[Any]
    schedule_available: bool
    attendance: list[AttendanceRow]
    seats_taken: int | None


def application_events(application: Application) -> QuerySet:
    """The events of the application: its own (on-request) or its course instance's."""
    from mentora.schedule.models import Event

    if application.kind == Kind.COURSE:
        events = Event.objects.filter(course_instance_id=application.course_instance_id)
    else:
        events = Event.objects.filter(application=application)
    return events.select_related("professional", "substitute").order_by("starts_at", "pk")


def attendance_summary(
    application: Application, participants: list[ApplicationAttendee]
) -> list[AttendanceRow]:
    """Per attendee of the application: their attendance records on the application's events,
    counted by status in the database (one query), and their attendance rate."""
    from mentora.attendance.models import AttendanceRecord, AttendanceStatus, attendance_rate

    counts = {
        row["attendee_id"]: row
        for row in AttendanceRecord.objects.filter(
            session__event__in=application_events(application).values("pk"),
            attendee_id__in=[p.attendee_id for p in participants],
        )
        .values("attendee_id")
        .annotate(
            present=Count("pk", filter=Q(status=AttendanceStatus.PRESENT)),
            late=Count("pk", filter=Q(status=AttendanceStatus.LATE)),
            excused=Count("pk", filter=Q(status=AttendanceStatus.EXCUSED)),
            absent=Count("pk", filter=Q(status=AttendanceStatus.ABSENT)),
            not_enrolled=Count("pk", filter=Q(status=AttendanceStatus.NOT_ENROLLED)),
            unrecorded=Count("pk", filter=Q(status="")),
        )
    }
    rows = []
    for participation in participants:
        c = counts.get(participation.attendee_id, {})
        present, late, excused = c.get("present", 0), c.get("late", 0), c.get("excused", 0)
        absent, not_enrolled = c.get("absent", 0), c.get("not_enrolled", 0)
        rows.append(
            AttendanceRow(
                participation=participation,
                present=present,
                late=late,
                excused=excused,
                absent=absent,
                not_enrolled=not_enrolled,
                unrecorded=c.get("unrecorded", 0),
                rate=attendance_rate(attended=present + late, counted=present + late + absent),
            )
        )
    return rows


def application_detail(*, actor: Actor, application: Application) -> ApplicationDetail:
    """Everything the application page shows. The application comes from `access_application`;
    the mentors that can be assigned are listed only for those who may assign them."""
    participants = list(
        ApplicationAttendee.objects.filter(application=application)
        .select_related("attendee")
        .order_by("attendee__last_name", "attendee__first_name", "pk")
    )
    assignments = list(
        MentorAssignment.objects.filter(application=application)
        .select_related("membership__user")
        .order_by("membership__user__first_name", "membership__user__last_name", "pk")
    )
    assignable: list[Membership] = []
    if permissions.can_assign_mentors(actor, application.customer):
        assignable = list(
            Membership.objects.filter(customer=application.customer, role=Role.MENTOR, status=Status.ACTIVE)
            .exclude(pk__in=[a.membership_id for a in assignments])
            .select_related("user")
            .order_by("user__first_name", "user__last_name", "pk")
        )
    # Staff and the customer's admins see the schedule of every application; a mentor only once
    # it is visible to mentors (a course application once APPROVED), as on the mentor's own pages.
    schedule_available = (
        actor.is_provider_staff
        or actor.is_customer_admin_of(application.customer_id)
        or application.schedule_visible_to_mentors
    )
    events = list(application_events(application)) if schedule_available else []
    return ApplicationDetail(
        application=application,
        participants=participants,
        assignments=assignments,
        assignable=assignable,
        events=events,
        schedule_available=schedule_available,
        attendance=attendance_summary(application, participants) if events else [],
        seats_taken=course_instance_seats_taken(application.course_instance)
        if application.is_course
        else None,
    )


def attendee_list_reusable(*, application: Application) -> list[Attendee]:
    """Attendees of the application's customer who are not on the application yet."""
    return list(
        Attendee.objects.filter(customer_id=application.customer_id)
        .exclude(participations__application=application)
        .order_by("last_name", "first_name", "pk")
    )


def course_instance_seats_taken(instance: CourseInstance) -> int:
    """Participating attendees of the instance's APPROVED course applications: the seats taken."""
    return ApplicationAttendee.objects.filter(
        application__course_instance=instance,
        application__status=ApplicationStatus.APPROVED,
        participating=True,
    ).count()


def access_customer_mentor(*, actor: Actor, customer: Customer, membership_id: int | str) -> Membership:
    """A mentor membership of `customer` (any status), for whoever may assign the customer's
    mentors (PermissionDenied otherwise); NotFound when it is missing or of another customer."""
    require(permissions.can_assign_mentors(actor, customer))
    try:
        return Membership.objects.select_related("user", "customer").get(
            pk=int(membership_id), customer=customer, role=Role.MENTOR
        )
    except (Membership.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def application_list_for_mentor_assignment(
    *, actor: Actor, customer: Customer, membership: Membership, assigned: str = "", search: str = ""
) -> QuerySet[Application]:
    """The customer's applications, each marked `is_assigned` for `membership`, for the per-mentor
    assignment page (customer admins and system administrators)."""
    rows = application_list(actor=actor, customer=customer, search=search).annotate(
        is_assigned=Exists(MentorAssignment.objects.filter(application=OuterRef("pk"), membership=membership))
    )
    if assigned == "yes":
        rows = rows.filter(is_assigned=True)
    elif assigned == "no":
        rows = rows.filter(is_assigned=False)
    return rows.order_by("-is_assigned", "-created_at", "-pk")
