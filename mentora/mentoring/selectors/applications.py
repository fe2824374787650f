"""Reads for the mentor's workspace: the dashboard and the applications pages. Attendance reads
live in `attendance`, calendar reads in `mentora.schedule.calendar.selectors`.

Every read starts from the domains' ``access`` modules (DESIGN.md §3, indexed in
`mentora.mentoring.visibility`). Each function runs a fixed
number of queries whatever the number of rows.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from mentora.applications.access import (
    access_application_for_mentor,
    application_list_for_mentor,
    mentor_scope,
)
from mentora.applications.models import (
    STATUSES_BY_KIND,
    Application,
    ApplicationStatus,
    Kind,
)
from mentora.applications.selectors import LIST_COLUMNS, ApplicationDetail, application_detail
from mentora.attendance.arithmetic import AttendanceCounts, attendance_counts_sum
from mentora.attendance.selectors import ParticipantAttendance, attendance_summary
from mentora.catalog.models import Course, Service
from mentora.core.dates import format_date, time_range
from mentora.core.links import id_link
from mentora.customers.access import Actor
from mentora.customers.models import Customer, Role
from mentora.schedule.access import application_schedule_visible, mentors_event
from mentora.schedule.calendar.selectors import (
    UpcomingEvent,
    calendar_event_customer_names,
    upcoming_event_rows,
)
from mentora.schedule.models import Event, EventStatus
from mentora.schedule.selectors import application_events

from .attendance import (
    MenteeAttention,
    mentees_needing_attention,
)

# Applications list -------------------------------------------------------------------------

# Sort keys shown in the URL (?sort=number, ?sort=-created) and the columns they order by.
APPLICATION_SORTS: dict[str, tuple[str, ...]] = {
    "number": ("number",),
    "customer": ("customer__name", "number"),
    "offering": ("service__name", "course_instance__course__title", "course_instance__code", "number"),
    "title": ("title", "number"),
    "language": ("language", "number"),
    "status": ("status", "number"),
    "created": ("created_at", "pk"),
}
APPLICATION_DEFAULT_SORT = "-created"


@dataclass(frozen=True)
class Sort:
    key: str
    descending: bool

    @property
    def param(self) -> str:
        return f"-{self.key}" if self.descending else self.key

    def order_by(self, sorts: dict[str, tuple[str, ...]]) -> list[str]:
        return [f"-{name}" if self.descending else name for name in sorts[self.key]]


def parse_sort(value: str | None, *, allowed: dict[str, tuple[str, ...]], default: str) -> Sort:
    """The sort asked for in the URL, or the default when it is missing or unknown."""
    value = value or default
    key = value.removeprefix("-")
    if key not in allowed:
        value, key = default, default.removeprefix("-")
    return Sort(key=key, descending=value.startswith("-"))


@dataclass(frozen=True)
class ApplicationFilter:
    kind: str
    search: str = ""  # ID, title, service, course or instance, contains
    number: str = ""  # ID, exact or its numeric tail
    customer_id: int | None = None
    offering_id: int | None = None  # a service (on-request) or a course (course applications)
    language: str = ""
    status: str = ""

    @property
    def is_active(self) -> bool:
        return bool(
            self.search or self.number or self.customer_id or self.offering_id or self.language or self.status
        )


# What the staff lists show, and the language, which the mentor's list shows too.
_LIST_COLUMNS = (*LIST_COLUMNS, "language")


def application_list_for_mentor_page(
    *, actor: Actor, filters: ApplicationFilter, sort: Sort
) -> QuerySet[Application]:
    """The actor's mentored applications of one kind, filtered and sorted, with what the list
    shows loaded (one query per page, plus the count)."""
    applications = (
        application_list_for_mentor(actor=actor)
        .filter(kind=filters.kind)
        .select_related("customer", "service", "course_instance__course")
        # The columns shown (and what the rows' links and labels need), not the related rows whole.
        .only(*_LIST_COLUMNS)
    )
    if filters.search:
        term = filters.search
        applications = applications.filter(
            Q(number__icontains=term)
            | Q(title__icontains=term)
            | Q(service__name__icontains=term)
            | Q(course_instance__code__icontains=term)
            | Q(course_instance__course__title__icontains=term)
            | Q(course_instance__course__code__icontains=term)
        )
    if filters.number:
        applications = applications.filter(
            Q(number__iexact=filters.number) | Q(number__iendswith=filters.number)
        )
    if filters.customer_id:
        applications = applications.filter(customer_id=filters.customer_id)
    if filters.offering_id:
        if filters.kind == Kind.COURSE:
            applications = applications.filter(course_instance__course_id=filters.offering_id)
        else:
            applications = applications.filter(service_id=filters.offering_id)
    if filters.language:
        applications = applications.filter(language=filters.language)
    if filters.status:
        applications = applications.filter(status=filters.status)
    return applications.order_by(*sort.order_by(APPLICATION_SORTS), "-pk")


@dataclass
class ApplicationFilterOptions:
    customers: list[Customer]
    offerings: list[tuple[int, str]]
    languages: list[tuple[str, str]]
    statuses: list[tuple[str, str]]

    @property
    def several_customers(self) -> bool:
        return len(self.customers) > 1


def application_filter_options_for_mentor(*, actor: Actor, kind: str) -> ApplicationFilterOptions:
    """Filter values: the actor's mentor customers, and the services or courses of the
    applications they mentor (one query)."""
    mentored = application_list_for_mentor(actor=actor).filter(kind=kind)
    if kind == Kind.COURSE:
        courses = Course.objects.filter(instances__applications__in=mentored).distinct().order_by("code")
        offerings = [(c.pk, str(c)) for c in courses]
    else:
        services = Service.objects.filter(applications__in=mentored).distinct().order_by("name")
        offerings = [(s.pk, s.name) for s in services]
    statuses = [(value, str(ApplicationStatus(value).label)) for value in STATUSES_BY_KIND[kind]]
    return ApplicationFilterOptions(
        customers=actor.customers_as(Role.MENTOR),
        offerings=offerings,
        languages=[(code, str(name)) for code, name in settings.LANGUAGES],
        statuses=statuses,
    )


# Application detail ------------------------------------------------------------------------


@dataclass
class MentorApplicationPage:
    """The mentor's read-only application page: the application page's shared read, and its
    schedule and attendance once the mentor may see them."""

    detail: ApplicationDetail
    schedule_visible: bool
    participants: list[ParticipantAttendance]  # counts only once the schedule is visible
    events: list[Event] = field(default_factory=list)
    total: AttendanceCounts | None = None

    @property
    def application(self) -> Application:
        return self.detail.application


def application_page_for_mentor(*, actor: Actor, application_id: int | str) -> MentorApplicationPage:
    """Everything the mentor's application page shows. NotFound unless the actor mentors the
    application. The schedule and the attendance (of this application's attendees, on this
    application's events) are left out until a course application is APPROVED."""
    application = access_application_for_mentor(actor=actor, application_id=application_id)
    detail = application_detail(actor=actor, application=application)
    if not application_schedule_visible(actor=actor, application=application):
        participants = [ParticipantAttendance(p, AttendanceCounts()) for p in detail.participants]
        return MentorApplicationPage(detail=detail, schedule_visible=False, participants=participants)
    participants = attendance_summary(application=application, participants=detail.participants)
    return MentorApplicationPage(
        detail=detail,
        schedule_visible=True,
        participants=participants,
        events=application_events(application=application),
        total=attendance_counts_sum(row.counts for row in participants),
    )


# Dashboard ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class DashboardEvent:
    """An event as the dashboard lists it, its text written once here (the template's tags,
    filters and translations per row cost more than reading the events)."""

    pk: int
    title: str
    url: str
    when: str  # its times, after its day in the coming weeks
    canceled: bool
    online_url: str
    details: str  # its customers, its language and the actor's roles in it when worth naming


@dataclass
class MentorDashboard:
    today: list[DashboardEvent]
    upcoming: list[DashboardEvent]
    attention: list[MenteeAttention]
    application_count: int


TODAY_LIMIT = 50
UPCOMING_DAYS = 14
UPCOMING_LIMIT = 10


def dashboard_for_mentor(
    *, actor: Actor, now: datetime.datetime, today_start: datetime.datetime
) -> MentorDashboard:
    """The mentor's home: today's events, the next two weeks' (ten at most), mentees whose
    attendance needs attention (see `mentees_needing_attention`) and how many applications they
    mentor. A fixed number of queries."""
    today_end = today_start + datetime.timedelta(days=1)
    upcoming_end = today_start + datetime.timedelta(days=UPCOMING_DAYS + 1)
    # Today's and the coming ones in one query, in order: all of today's are among the rows read
    # unless the day holds more than it shows, and then the coming ones are asked for apart.
    rows = upcoming_event_rows(
        actor=actor, start=today_start, end=upcoming_end, limit=TODAY_LIMIT + UPCOMING_LIMIT
    )
    today = [event for event in rows if event.starts_at < today_end]
    upcoming = [event for event in rows if event.starts_at >= today_end][:UPCOMING_LIMIT]
    if len(today) > TODAY_LIMIT:
        today = today[:TODAY_LIMIT]
        upcoming = upcoming_event_rows(actor=actor, start=today_end, end=upcoming_end, limit=UPCOMING_LIMIT)
    names = calendar_event_customer_names(actor=actor, events=today + upcoming)
    admin_of = {c.name for c in actor.customers_as(Role.CUSTOMER_ADMIN)}
    languages = {code: str(name) for code, name in settings.LANGUAGES}
    event_link = id_link("calendar_event")

    def row(event: UpcomingEvent, *, with_day: bool) -> DashboardEvent:
        mentored = mentors_event(
            actor=actor, application_id=event.application_id, course_instance_id=event.course_instance_id
        )
        customers = names.get(event.pk, [])
        roles = []
        if mentored:
            roles.append(_("Mentor"))
        if admin_of.intersection(customers):
            roles.append(_("Customer admin"))
        if actor.user.pk in (event.professional_id, event.substitute_id):
            roles.append(_("Professional"))
        # On a mentor's dashboard "Mentor" goes without saying: the role is named when it is more.
        named = roles if len(roles) > 1 or not mentored else []
        details = [", ".join(customers)] if customers else []
        details.append(languages.get(event.language, event.language))
        if named:
            details.append(gettext("You: %(role)s") % {"role": ", ".join(str(r) for r in named)})
        when = time_range(event.starts_at, event.ends_at)
        return DashboardEvent(
            pk=event.pk,
            title=event.title,
            url=event_link(event.pk),
            when=f"{format_date(event.starts_at, 'day')} {when}" if with_day else when,
            canceled=event.status == EventStatus.CANCELED,
            online_url=event.online_url,
            details=" · ".join(details),
        )

    return MentorDashboard(
        today=[row(e, with_day=False) for e in today],
        upcoming=[row(e, with_day=True) for e in upcoming],
        attention=mentees_needing_attention(actor=actor, now=now),
        application_count=len(mentor_scope(actor).application_ids),
    )
