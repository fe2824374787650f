"""Reads for the application pages, already scoped to the actor. Lists load in a fixed number of
queries whatever the number of rows; the detail page in a fixed number whatever the number of
attendees, mentors and events."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from mentora.accounts.models import User
from mentora.catalog.models import Course, CourseInstance
from mentora.core.exceptions import NotFound
from mentora.customers.access import Actor
from mentora.customers.models import Customer, Membership, Role, Status
from mentora.customers.permissions import require

from . import permissions
from .access import application_list_visible
from .models import Application, ApplicationAttendee, ApplicationStatus, Attendee, Kind, MentorAssignment


def _mentor_prefetch() -> Prefetch:
    """The mentors' names (`get_full_name`) of each listed application."""
    user = "membership__user__"
    return Prefetch(
        "mentor_assignments",
        queryset=MentorAssignment.objects.select_related("membership__user")
        .only("application", *(user + name for name in ("first_name", "last_name", "email", "erased_at")))
        .order_by(f"{user}first_name", f"{user}last_name", "pk"),
    )


# What the lists show of each application and of its customer, service and course.
LIST_COLUMNS = (
    "number",
    "kind",
    "title",
    "status",
    "created_at",
    "customer__name",
    "service__name",
    "course_instance__code",
    "course_instance__course__code",
    "course_instance__course__title",
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
    participating_counts = (
        ApplicationAttendee.objects.filter(application=OuterRef("pk"), participating=True)
        .order_by()
        .values("application")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        rows.select_related("customer", "service", "course_instance__course")
        .only(*LIST_COLUMNS)
        # Counted per shown row (a scalar subquery on the participation's application index),
        # not by grouping every row of the list before it is paged.
        .annotate(attendee_count=Coalesce(Subquery(participating_counts), 0))
        .prefetch_related(_mentor_prefetch())
        .order_by("-created_at", "-pk")
    )


@dataclass
class ApplicationDetail:
    """The application page's own part, the same read for staff, customer admins and mentors;
    what differs by role is `assignable` (only for those who may assign mentors). The schedule
    and the attendance come from `mentora.schedule.selectors.application_event_list` and
    `mentora.attendance.selectors.attendance_summary`, which every page uses alike."""

    application: Application
    participants: list[ApplicationAttendee]
    assignments: list[MentorAssignment]
    assignable: list[Membership]
    seats_taken: int | None

    @property
    def active_assignments(self) -> list[MentorAssignment]:
        """The mentors who follow the application now: a deactivated mentor no longer does."""
        return [a for a in self.assignments if a.membership.status == Status.ACTIVE]

    @property
    def professional(self) -> User | None:
        """The professional responsible: the course instance's for a course application."""
        application = self.application
        if application.kind == Kind.COURSE and application.course_instance is not None:
            return application.course_instance.professional
        return application.professional


def application_detail(*, actor: Actor, application: Application) -> ApplicationDetail:
    """What every application page shows of the application itself (see ApplicationDetail). The
    application comes from `access_application` or `access_application_for_mentor`; the mentors
    that can be assigned are listed only for those who may assign them. A fixed number of
    queries."""
    participants = list(
        ApplicationAttendee.objects.filter(application=application)
        .select_related("attendee")
        .order_by("attendee__last_name", "attendee__first_name", "pk")
    )
    assignments = list(
        MentorAssignment.objects.filter(application=application)
        .select_related("membership__user")
        # A mentor is shown by name and e-mail, with their membership's status.
        .only(
            "application_id",
            "membership__status",
            "membership__user__first_name",
            "membership__user__last_name",
            "membership__user__email",
            "membership__user__erased_at",
        )
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
    return ApplicationDetail(
        application=application,
        participants=participants,
        assignments=assignments,
        assignable=assignable,
        seats_taken=course_instance_seats_taken(application.course_instance)
        if application.course_instance is not None
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
