"""Demo catalog and applications (a `seed_demo` step, run after the people exist and before the
schedule). Idempotent: services, courses and instances are found by name or code, attendees by
customer and e-mail, applications by customer and title (on-request) or course instance (course).

The picture: both demo customers have applications of both kinds in every status, about forty
attendees, and the demo mentors (mentor@, both@, lake.mentor@example.com) each mentor several
applications, among them APPROVED course applications and a PENDING one. pro@example.com is the
professional of the applications and instances, so the schedule step can give them events."""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from mentora.accounts.models import User
from mentora.catalog.models import Course, CourseInstance, Service, ServiceType
from mentora.customers.models import Customer, Membership, Role

from .models import Application, ApplicationAttendee, ApplicationStatus, Attendee, Kind, MentorAssignment
from .services import application_number_next

S = ApplicationStatus

SERVICES = [
    # name, type, tracks attendance, description
    (
        "Workplace coaching",
        ServiceType.ON_REQUEST,
        True,
        "Coaching for teams and their leaders, at the workplace.",
    ),
    ("Study support", ServiceType.ON_REQUEST, True, "Individual and group support for adult learners."),
    (
        "Language tutoring",
        ServiceType.ON_REQUEST,
        False,
        "Tutoring in Swedish for the workplace, on request.",
    ),
    ("Swedish for professionals", ServiceType.SCHEDULED, True, "Scheduled courses in Swedish at work."),
    ("Digital skills", ServiceType.SCHEDULED, True, "Scheduled courses in everyday digital tools."),
]
COURSES = [
    # code, title, service
    ("SVA-B1", "Swedish at work, B1", "Swedish for professionals"),
    ("SVA-B2", "Swedish at work, B2", "Swedish for professionals"),
    ("DIG-101", "Digital basics", "Digital skills"),
    ("DIG-201", "Spreadsheets at work", "Digital skills"),
]
INSTANCES = [
    # code, course, start (weeks from today), length in weeks, language, capacity
    ("SVA-B1-2026A", "SVA-B1", -8, 16, "sv", 16),
    ("SVA-B2-2026A", "SVA-B2", 2, 10, "sv", 14),
    ("DIG-101-2026A", "DIG-101", -6, 12, "en", 12),
    ("DIG-201-2026A", "DIG-201", -4, 10, "en", 10),
]
NORTH_PEOPLE = [
    ("Anna", "Andersson"), ("Erik", "Berg"), ("Fatima", "Hassan"), ("Johan", "Lind"), ("Sara", "Nilsson"),
    ("Omar", "Ali"), ("Elin", "Holm"), ("Karin", "Sjöberg"), ("Mehmet", "Yilmaz"), ("Lars", "Ek"),
    ("Amina", "Warsame"), ("Nils", "Strand"), ("Eva", "Lundgren"), ("Ahmad", "Rahimi"), ("Linnea", "Falk"),
    ("Peter", "Dahl"), ("Maria", "Svensson"), ("Hanna", "Björk"), ("Yusuf", "Osman"), ("Ida", "Wallin"),
    ("Oskar", "Nyström"), ("Leila", "Karimi"),
]  # fmt: skip
LAKE_PEOPLE = [
    ("Tom", "Baker"), ("Priya", "Shah"), ("Jonas", "Ek"), ("Mia", "Lund"), ("David", "Novak"),
    ("Aisha", "Khan"), ("Olle", "Persson"), ("Sofia", "Rossi"), ("Ben", "Carter"), ("Nina", "Kowalski"),
    ("Ali", "Haddad"), ("Emma", "Berglund"), ("Lucas", "Moreau"), ("Greta", "Sund"), ("Samir", "Nasser"),
    ("Julia", "Engström"), ("Viktor", "Holmberg"), ("Rosa", "García"),
]  # fmt: skip


@dataclass
class DemoApplication:
    customer: str
    status: str
    service: str = ""  # on-request
    title: str = ""
    instance: str = ""  # course application
    description: str = ""
    attendees: list[int] = field(default_factory=list)  # indexes into the customer's people
    not_participating: list[int] = field(default_factory=list)
    mentors: list[str] = field(default_factory=list)


APPLICATIONS = [
    DemoApplication(
        "C-1001", S.ACCEPTED, service="Workplace coaching", title="Coaching for new team leaders",
        description="Six new team leaders in home care, coached together over the spring.",
        attendees=[0, 1, 2, 3], mentors=["mentor@example.com", "both@example.com"],
    ),
    DemoApplication(
        "C-1001", S.PROCESSING, service="Study support", title="Study support for care assistants",
        description="Support for assistants studying towards the care certificate.",
        attendees=[4, 5, 6], mentors=["mentor@example.com"],
    ),
    DemoApplication(
        "C-1001", S.DRAFT, service="Language tutoring", title="Tutoring for kitchen staff",
        description="Draft: we are still collecting names.", attendees=[7, 8],
    ),
    DemoApplication(
        "C-1001", S.NEW, service="Workplace coaching", title="Onboarding coaching, autumn",
        attendees=[9, 10, 11], mentors=["both@example.com"],
    ),
    DemoApplication(
        "C-1001", S.STOPPED, service="Study support", title="Evening study group",
        description="Stopped after the group moved to another provider.", attendees=[12, 13],
    ),
    DemoApplication(
        "C-1001", S.APPROVED, instance="SVA-B1-2026A", attendees=[14, 15, 16, 17, 18],
        not_participating=[18], mentors=["mentor@example.com", "both@example.com"],
    ),
    DemoApplication(
        "C-1001", S.APPROVED, instance="DIG-101-2026A", attendees=[0, 19, 20, 21], mentors=["mentor@example.com"]
    ),
    DemoApplication(
        "C-1001", S.PENDING, instance="SVA-B2-2026A", description="Three who finished B1 last term.",
        attendees=[1, 5, 9], mentors=["mentor@example.com", "both@example.com"],
    ),
    DemoApplication("C-1001", S.REJECTED, instance="DIG-201-2026A", attendees=[3, 6]),
    DemoApplication(
        "C-1002", S.ACCEPTED, service="Workplace coaching", title="Coaching for shift leads",
        attendees=[0, 1, 2, 3], mentors=["lake.mentor@example.com", "both@example.com"],
    ),
    DemoApplication(
        "C-1002", S.APPROVED, instance="SVA-B1-2026A", attendees=[4, 5, 6, 7],
        mentors=["lake.mentor@example.com", "both@example.com"],
    ),
    DemoApplication(
        "C-1002", S.APPROVED, instance="DIG-201-2026A", attendees=[8, 9, 10], mentors=["lake.mentor@example.com"]
    ),
    DemoApplication(
        "C-1002", S.PENDING, instance="DIG-101-2026A", attendees=[11, 12, 13],
        mentors=["lake.mentor@example.com", "both@example.com"],
    ),
    DemoApplication(
        "C-1002", S.REJECTED, service="Language tutoring", title="Weekend tutoring", attendees=[14, 15]
    ),
    DemoApplication("C-1002", S.CANCELED, instance="SVA-B2-2026A", attendees=[16, 17]),
]  # fmt: skip

SUBMITTED = {S.NEW, S.PROCESSING, S.ACCEPTED, S.REJECTED, S.STOPPED, S.PENDING, S.APPROVED, S.CANCELED}


def _email(first: str, last: str, domain: str) -> str:
    ascii_name = f"{first}.{last}".lower().translate(str.maketrans("åäöéí", "aaoei"))
    return f"{ascii_name}@{domain}"


@transaction.atomic
def seed_applications() -> None:
    professional = User.objects.filter(email="pro@example.com").first()
    system_admin = User.objects.filter(email="admin@example.com").first()
    customers = {
        c.customer_number: c for c in Customer.objects.filter(customer_number__in=["C-1001", "C-1002"])
    }
    if len(customers) < 2:
        return  # seed_people has not run

    services = {}
    for name, type_, tracks, description in SERVICES:
        services[name], _ = Service.objects.get_or_create(
            name=name, defaults={"type": type_, "tracks_attendance": tracks, "description": description}
        )
    courses = {}
    for code, title, service in COURSES:
        courses[code], _ = Course.objects.get_or_create(
            code=code, defaults={"title": title, "service": services[service]}
        )
    today = timezone.localdate()
    instances = {}
    for code, course, start_weeks, weeks, language, capacity in INSTANCES:
        starts_on = today + datetime.timedelta(weeks=start_weeks)
        instances[code], _ = CourseInstance.objects.get_or_create(
            code=code,
            defaults={
                "course": courses[course],
                "starts_on": starts_on,
                "ends_on": starts_on + datetime.timedelta(weeks=weeks),
                "language": language,
                "capacity": capacity,
                "professional": professional,
            },
        )

    people = {
        "C-1001": _attendees(customers["C-1001"], NORTH_PEOPLE, "northwind.example"),
        "C-1002": _attendees(customers["C-1002"], LAKE_PEOPLE, "lakeside.example"),
    }
    for demo in APPLICATIONS:
        customer = customers[demo.customer]
        admin = (
            Membership.objects.filter(customer=customer, role=Role.CUSTOMER_ADMIN)
            .select_related("user")
            .order_by("pk")
            .first()
        )
        creator = admin.user if admin else system_admin
        application = _application(demo, customer, services, instances, professional, creator)
        for index in demo.attendees:
            ApplicationAttendee.objects.get_or_create(
                application=application,
                attendee=people[demo.customer][index],
                defaults={"participating": index not in demo.not_participating},
            )
        for email in demo.mentors:
            membership = Membership.objects.filter(
                customer=customer, role=Role.MENTOR, user__email=email
            ).first()
            if membership is not None:
                MentorAssignment.objects.get_or_create(
                    application=application, membership=membership, defaults={"assigned_by": creator}
                )


def _attendees(customer: Customer, names: list[tuple[str, str]], domain: str) -> list[Attendee]:
    attendees = []
    for index, (first, last) in enumerate(names):
        # Every third learner has no e-mail address: a login of their own is optional.
        email = "" if index % 3 == 2 else _email(first, last, domain)
        lookup = {"email": email} if email else {"first_name": first, "last_name": last, "email": ""}
        attendee, _ = Attendee.objects.get_or_create(
            customer=customer, **lookup, defaults={"first_name": first, "last_name": last}
        )
        attendees.append(attendee)
    return attendees


def _application(
    demo: DemoApplication,
    customer: Customer,
    services: dict[str, Service],
    instances: dict[str, CourseInstance],
    professional: User | None,
    creator: User | None,
) -> Application:
    if demo.instance:
        existing = Application.objects.filter(
            customer=customer, course_instance=instances[demo.instance]
        ).first()
    else:
        existing = Application.objects.filter(customer=customer, title=demo.title).first()
    if existing is not None:
        return existing
    # Spread over the past weeks, in list order, so that dates read like real history.
    now = timezone.now() - datetime.timedelta(days=3 * (len(APPLICATIONS) - APPLICATIONS.index(demo)))
    submitted = demo.status in SUBMITTED
    kind = Kind.COURSE if demo.instance else Kind.ON_REQUEST
    application = Application.objects.create(
        kind=kind,
        number=application_number_next(kind=kind),
        customer=customer,
        service=services[demo.service] if demo.service else None,
        course_instance=instances[demo.instance] if demo.instance else None,
        title=demo.title,
        description=demo.description,
        language=instances[demo.instance].language if demo.instance else customer.default_language,
        professional=professional,
        status=demo.status,
        created_by=creator,
        submitted_by=creator if submitted else None,
        submitted_at=now + datetime.timedelta(days=1) if submitted else None,
        status_changed_at=now + datetime.timedelta(days=2 if submitted else 0),
    )
    # created_at is set on insert; the demo backdates it to sit before the submission.
    Application.objects.filter(pk=application.pk).update(created_at=now)
    application.created_at = now
    return application
