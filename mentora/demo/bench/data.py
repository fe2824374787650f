"""The bench data, built with bulk_create so that 10× takes seconds, not minutes.

Fixed at every size (the people measured):
- the measured mentor (mentor@example.com, Northwind) mentors 25 on-request applications and 5
  approved course applications, on top of the demo's few;
- the heavy mentor (heavy.mentor@bench.example, Northwind) mentors 300 on-request applications;
- the measured customer admin's customer, Lakeside (lake.admin@example.com): 100 on-request
  applications and 10 course applications on the measured mentor's course instances.

Grown with the size (everyone else): on-request applications of Northwind mentored by other
people, of a third customer (Bench Others AB), course instances, and course applications of
Northwind and the third customer on every instance (so the measured mentor's sessions fill up
with other people's learners). Northwind's own customer admin (north.admin@example.com) therefore
sees ten times more at 10×: their pages are the scale check (queries and size), not a growth one.

Every on-request application has 4 attendees, 6 past weekly events with a session and a record
per attendee, and 2 upcoming events; every course instance has 6 past and 2 upcoming events.
Times are spread over the days of the week and the hours of the day.
"""

import datetime
import itertools
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from mentora.accounts.models import User
from mentora.applications.models import (
    Application,
    ApplicationAttendee,
    ApplicationStatus,
    Attendee,
    Kind,
    MentorAssignment,
)
from mentora.attendance.models import AttendanceRecord, AttendanceStatus, Session
from mentora.catalog.models import Course, CourseInstance, Service, ServiceType
from mentora.customers.models import Customer, Membership, Role, Status
from mentora.demo.seed import DEMO_PASSWORD
from mentora.followups.models import Comment, FollowUp
from mentora.observations.models import Observation
from mentora.schedule.models import Event

MENTOR_EMAIL = "mentor@example.com"
HEAVY_MENTOR_EMAIL = "heavy.mentor@bench.example"
EXPORT_MENTOR_EMAIL = "export.mentor@bench.example"
ADMIN_EMAIL = "lake.admin@example.com"
SCALE_ADMIN_EMAIL = "north.admin@example.com"
OTHERS_NUMBER = "C-1900"
OTHERS_MENTORS = 3
LAKE_APPLICATIONS = 100
LAKE_COURSE_APPLICATIONS = 10
MENTOR_ON_REQUEST = 25
MENTOR_COURSES = 5
HEAVY_APPLICATIONS = 300
ATTENDEES_PER_APPLICATION = 4
PAST_WEEKS = 6
UPCOMING = 2
STATUS_CYCLE = [
    AttendanceStatus.PRESENT,
    AttendanceStatus.PRESENT,
    AttendanceStatus.LATE,
    AttendanceStatus.PRESENT,
    AttendanceStatus.ABSENT,
    AttendanceStatus.PRESENT,
    AttendanceStatus.EXCUSED,
    AttendanceStatus.PRESENT,
]


@dataclass(frozen=True)
class Size:
    """Everyone else's data at 1×; the fixed people above do not depend on it."""

    north_applications: int = 270
    other_applications: int = 100
    course_instances: int = 10
    course_applications: int = 40

    def times(self, factor: int) -> "Size":
        return Size(*(value * factor for value in vars(self).values()))


FULL = Size()
# bench-check: a tenth of the data, the same shape.
SMALL = Size(north_applications=27, other_applications=10, course_instances=2, course_applications=8)


class Builder:
    """Adds rows in bulk; numbers and codes continue from what is already there."""

    def __init__(self) -> None:
        self.north = Customer.objects.get(customer_number="C-1001")
        self.lake = Customer.objects.get(customer_number="C-1002")
        self.professional = User.objects.get(email="pro@example.com")
        self.admin = User.objects.get(email="admin@example.com")
        self.service, _ = Service.objects.get_or_create(
            name="Benchmark service", defaults={"type": ServiceType.ON_REQUEST, "tracks_attendance": True}
        )
        scheduled, _ = Service.objects.get_or_create(
            name="Benchmark courses", defaults={"type": ServiceType.SCHEDULED, "tracks_attendance": True}
        )
        self.course, _ = Course.objects.get_or_create(
            code="BENCH", defaults={"service": scheduled, "title": "Benchmark course"}
        )
        self.serial = itertools.count(Application.objects.filter(number__startswith="B-").count())
        self.now = timezone.now().replace(minute=0, second=0, microsecond=0)
        self.others = self.others_customer()
        self.mentors_of = {
            customer.pk: list(
                Membership.objects.filter(customer=customer, role=Role.MENTOR, status=Status.ACTIVE)
                .exclude(user__email__in=[MENTOR_EMAIL, HEAVY_MENTOR_EMAIL, EXPORT_MENTOR_EMAIL])
                .order_by("pk")
            )
            for customer in (self.north, self.lake, self.others)
        }

    def others_customer(self) -> Customer:
        """The third customer, whose data only grows; with a few mentors of its own."""
        others, created = Customer.objects.get_or_create(
            customer_number=OTHERS_NUMBER, defaults={"name": "Bench Others AB", "default_language": "sv"}
        )
        if created:
            for k in range(OTHERS_MENTORS):
                self.user_mentor(f"others.mentor{k}@bench.example", "Otto", f"Other{k}", customer=others)
        return others

    def user_mentor(
        self, email: str, first: str, last: str, *, customer: Customer | None = None
    ) -> Membership:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User(email=email, first_name=first, last_name=last, language="en")
            user.set_password(DEMO_PASSWORD)
            user.save()
        membership, _ = Membership.objects.get_or_create(
            user=user, customer=customer or self.north, role=Role.MENTOR, defaults={"added_by": self.admin}
        )
        return membership

    def slot(self, n: int) -> tuple[datetime.datetime, datetime.datetime]:
        """The n-th activity's most recent past start and its next start (spread over days and hours)."""
        hour = self.now.replace(hour=7 + n % 9)
        return hour - datetime.timedelta(days=1 + n % 6), hour + datetime.timedelta(days=1 + (n // 6) % 6)

    def events(
        self, n: int, *, past_count: int = PAST_WEEKS, spacing: int = 7, **owner: object
    ) -> tuple[list[Event], list[Event]]:
        """`past_count` past events `spacing` days apart and UPCOMING weekly ones to come."""
        past_start, next_start = self.slot(n)
        length = datetime.timedelta(minutes=60 + 30 * (n % 3))
        common = {"language": "sv", "professional": self.professional, "location": "Room 1", **owner}
        starts = [past_start - datetime.timedelta(days=spacing * k) for k in range(past_count)]
        coming = [next_start + datetime.timedelta(weeks=k) for k in range(UPCOMING)]
        past = [Event(title=f"Bench session {n}", starts_at=s, ends_at=s + length, **common) for s in starts]
        upcoming = [
            Event(title=f"Bench session {n}", starts_at=s, ends_at=s + length, **common) for s in coming
        ]
        return past, upcoming

    @transaction.atomic
    def on_request(
        self,
        customer: Customer,
        mentors: list[Membership],
        count: int,
        *,
        sessions: int = PAST_WEEKS,
        spacing: int = 7,
        attendees: int = ATTENDEES_PER_APPLICATION,
    ) -> list[Application]:
        """`count` ACCEPTED on-request applications of `customer`; application i is mentored by
        mentors[i % len(mentors)]."""
        serials = [next(self.serial) for _ in range(count)]
        applications = Application.objects.bulk_create(
            Application(
                kind=Kind.ON_REQUEST,
                number=f"B-{n:09d}",
                customer=customer,
                service=self.service,
                title=f"Bench application {n}",
                status=ApplicationStatus.ACCEPTED,
                professional=self.professional,
            )
            for n in serials
        )
        if mentors:
            MentorAssignment.objects.bulk_create(
                MentorAssignment(application=application, membership=mentors[i % len(mentors)])
                for i, application in enumerate(applications)
            )
        people = Attendee.objects.bulk_create(
            Attendee(customer=customer, first_name=f"Learner{n}", last_name=f"Bench{k}")
            for n in serials
            for k in range(attendees)
        )
        ApplicationAttendee.objects.bulk_create(
            ApplicationAttendee(application=application, attendee=people[i * attendees + k])
            for i, application in enumerate(applications)
            for k in range(attendees)
        )
        past_events: list[Event] = []
        upcoming: list[Event] = []
        learners: list[list[Attendee]] = []
        for i, (n, application) in enumerate(zip(serials, applications, strict=True)):
            past, coming = self.events(n, past_count=sessions, spacing=spacing, application=application)
            past_events += past
            upcoming += coming
            learners += [people[i * attendees : (i + 1) * attendees]] * len(past)
        self.sessions_with_records(past_events, learners)
        Event.objects.bulk_create(upcoming, batch_size=2000)
        return applications

    def sessions_with_records(self, events: list[Event], attendees_per_event: list[list[Attendee]]) -> None:
        Event.objects.bulk_create(events, batch_size=2000)
        sessions = Session.objects.bulk_create((Session(event=event) for event in events), batch_size=2000)
        AttendanceRecord.objects.bulk_create(
            (
                AttendanceRecord(
                    session=session,
                    attendee=attendee,
                    status=STATUS_CYCLE[(session.pk + attendee.pk) % len(STATUS_CYCLE)],
                    minutes=60,
                    recorded_by=self.professional,
                    recorded_at=session.event.ends_at,
                )
                for session, attendees in zip(sessions, attendees_per_event, strict=True)
                for attendee in attendees
            ),
            batch_size=5000,
        )

    @transaction.atomic
    def courses(
        self,
        instance_count: int,
        applications: list[tuple[Customer, Membership | None]],
        *,
        instances: list[CourseInstance] | None = None,
    ) -> list[CourseInstance]:
        """`instance_count` new course instances with their events, then one APPROVED course
        application with 2 attendees per entry of `applications`, spread over `instances` (default:
        the new ones), and a record per attendee in each past session."""
        today = self.now.date()
        first = CourseInstance.objects.filter(course=self.course).count()
        new = CourseInstance.objects.bulk_create(
            CourseInstance(
                course=self.course,
                code=f"BENCH-{first + i:06d}",
                starts_on=today - datetime.timedelta(weeks=PAST_WEEKS),
                ends_on=today + datetime.timedelta(weeks=UPCOMING),
                language="sv",
                professional=self.professional,
                capacity=1000,
            )
            for i in range(instance_count)
        )
        for i, instance in enumerate(new):
            past, upcoming = self.events(first + i + 3, course_instance=instance)
            Event.objects.bulk_create(past + upcoming)
            Session.objects.bulk_create(Session(event=event) for event in past)
        targets = instances if instances is not None else new
        if not applications or not targets:
            return new
        serials = [next(self.serial) for _ in applications]
        created = Application.objects.bulk_create(
            Application(
                kind=Kind.COURSE,
                number=f"B-{n:09d}",
                customer=customer,
                course_instance=targets[i % len(targets)],
                status=ApplicationStatus.APPROVED,
            )
            for i, (n, (customer, _)) in enumerate(zip(serials, applications, strict=True))
        )
        MentorAssignment.objects.bulk_create(
            MentorAssignment(application=application, membership=membership)
            for application, (_, membership) in zip(created, applications, strict=True)
            if membership is not None
        )
        people = Attendee.objects.bulk_create(
            Attendee(customer=customer, first_name=f"Course{n}", last_name=f"Bench{k}")
            for n, (customer, _) in zip(serials, applications, strict=True)
            for k in range(2)
        )
        ApplicationAttendee.objects.bulk_create(
            ApplicationAttendee(application=application, attendee=people[i * 2 + k])
            for i, application in enumerate(created)
            for k in range(2)
        )
        sessions_of = {}
        for session in Session.objects.filter(event__course_instance__in=targets).select_related("event"):
            sessions_of.setdefault(session.event.course_instance_id, []).append(session)
        AttendanceRecord.objects.bulk_create(
            (
                AttendanceRecord(
                    session=session,
                    attendee=people[i * 2 + k],
                    status=STATUS_CYCLE[(session.pk + i + k) % len(STATUS_CYCLE)],
                    minutes=60,
                    recorded_by=self.professional,
                    recorded_at=session.event.ends_at,
                )
                for i, application in enumerate(created)
                for session in sessions_of.get(application.course_instance_id, [])
                for k in range(2)
            ),
            batch_size=5000,
        )
        return new

    @transaction.atomic
    def conversations(self, applications: list[Application], mentor: Membership | None) -> None:
        """A follow-up with three comments on every fifth application (the mentor selected), and
        an observation on every second."""
        followups = FollowUp.objects.bulk_create(
            FollowUp(
                application=application,
                topic=f"Follow-up on {application.number}",
                created_by=self.professional,
                last_comment_at=self.now,
            )
            for application in applications[::5]
        )
        if mentor is not None:
            FollowUp.mentors.through.objects.bulk_create(
                FollowUp.mentors.through(followup=followup, membership=mentor) for followup in followups
            )
        Comment.objects.bulk_create(
            Comment(followup=followup, author=self.professional, body=f"Comment {k} on the progress so far.")
            for followup in followups
            for k in range(3)
        )
        if mentor is not None:
            Observation.objects.bulk_create(
                Observation(
                    application=application, author=mentor.user, body="Doing well; keep an eye on attendance."
                )
                for application in applications[::2]
            )


def build_fixed() -> None:
    """The measured mentor's and the heavy mentor's data (once)."""
    builder = Builder()
    if Application.objects.filter(title="Bench application 0").exists():
        return
    mentor = Membership.objects.get(user__email=MENTOR_EMAIL, customer=builder.north, role=Role.MENTOR)
    heavy = builder.user_mentor(HEAVY_MENTOR_EMAIL, "Hedda", "Heavy")
    mine = builder.on_request(builder.north, [mentor], MENTOR_ON_REQUEST)
    builder.courses(MENTOR_COURSES, [(builder.north, mentor)] * MENTOR_COURSES)
    builder.conversations(mine, mentor)
    heavy_applications = builder.on_request(builder.north, [heavy], HEAVY_APPLICATIONS)
    builder.conversations(heavy_applications, heavy)
    lake_mentors = builder.mentors_of[builder.lake.pk]
    lake = builder.on_request(builder.lake, lake_mentors, LAKE_APPLICATIONS)
    builder.conversations(lake, lake_mentors[0] if lake_mentors else None)
    mentor_instances = list(
        CourseInstance.objects.filter(applications__mentor_assignments__membership=mentor).distinct()
    )
    builder.courses(0, [(builder.lake, None)] * LAKE_COURSE_APPLICATIONS, instances=mentor_instances)


def build_others(size: Size) -> None:
    """Everyone else's data, `size` more of it."""
    builder = Builder()
    north_mentors = builder.mentors_of[builder.north.pk]
    other_mentors = builder.mentors_of[builder.others.pk]
    north = builder.on_request(builder.north, north_mentors, size.north_applications)
    builder.conversations(north, north_mentors[0] if north_mentors else None)
    others = builder.on_request(builder.others, other_mentors, size.other_applications)
    builder.conversations(others, other_mentors[0])
    # Other people's course applications: on new instances, and on the measured mentor's ones.
    instances = builder.courses(size.course_instances, [])
    mentor_instances = list(
        CourseInstance.objects.filter(
            applications__mentor_assignments__membership__user__email=MENTOR_EMAIL
        ).distinct()
    )
    customers = itertools.cycle(
        [(builder.north, north_mentors[0] if north_mentors else None), (builder.others, other_mentors[0])]
    )
    builder.courses(
        0, [next(customers) for _ in range(size.course_applications)], instances=instances + mentor_instances
    )


def build_export(records: int) -> Membership:
    """A mentor whose export holds about `records` records: 10 learners × 50 sessions an
    application."""
    builder = Builder()
    mentor = builder.user_mentor(EXPORT_MENTOR_EMAIL, "Eske", "Export")
    per_application = 10 * 50
    wanted = max(1, records // per_application)
    have = Application.objects.filter(mentor_assignments__membership=mentor).count()
    for start in range(have, wanted, 200):
        builder.on_request(
            builder.north, [mentor], min(200, wanted - start), sessions=50, spacing=1, attendees=10
        )
    return mentor


def describe() -> str:
    counts = {
        "applications": Application.objects.count(),
        "attendees": Attendee.objects.count(),
        "events": Event.objects.count(),
        "sessions": Session.objects.count(),
        "records": AttendanceRecord.objects.count(),
    }
    return ", ".join(f"{value:,} {name}" for name, value in counts.items())
