"""The demo: two customers and the people of every role, so that `make run` shows the product.
Idempotent: running it again changes nothing that is already there. Later features add their own
`seed_*` step and call it from `seed_demo`."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from mentora.accounts.models import User
from mentora.core.tokens import token_new
from mentora.customers.access import actor_for
from mentora.customers.models import Customer, Membership, Role, Status
from mentora.invitations.models import Invitation, InvitationStatus
from mentora.invitations.services import invitation_create

DEMO_PASSWORD = "mentora-demo-2026"


@dataclass
class DemoLogin:
    email: str
    roles: list[str] = field(default_factory=list)
    customers: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "email": self.email,
            "password": DEMO_PASSWORD,
            "roles": self.roles,
            "customers": self.customers,
        }


CUSTOMERS = [
    # customer number, name, organization number, default language
    ("C-1001", "Northwind Municipality", "212000-1001", "sv"),
    ("C-1002", "Lakeside Works AB", "556000-1002", "en"),
]

# email, first, last, language, staff flags, [(customer number, role, status)]
PEOPLE: list[tuple[str, str, str, str, dict[str, bool], list[tuple[str, Role, Status]]]] = [
    ("admin@example.com", "Astrid", "Admin", "en", {"is_system_admin": True}, []),
    ("pro@example.com", "Per", "Professional", "sv", {"is_professional": True}, []),
    ("north.admin@example.com", "Nora", "Nordin", "sv", {}, [("C-1001", Role.CUSTOMER_ADMIN, Status.ACTIVE)]),
    ("lake.admin@example.com", "Leo", "Lake", "en", {}, [("C-1002", Role.CUSTOMER_ADMIN, Status.ACTIVE)]),
    ("mentor@example.com", "Maja", "Mentor", "en", {}, [("C-1001", Role.MENTOR, Status.ACTIVE)]),
    ("north.inactive@example.com", "Ivar", "Inaktiv", "sv", {}, [("C-1001", Role.MENTOR, Status.INACTIVE)]),
    ("lake.mentor@example.com", "Lina", "Lindqvist", "en", {}, [("C-1002", Role.MENTOR, Status.ACTIVE)]),
    ("lake.inactive@example.com", "Ian", "Idle", "en", {}, [("C-1002", Role.MENTOR, Status.INACTIVE)]),
    (
        "both@example.com",
        "Bo",
        "Bothsson",
        "sv",
        {},
        [("C-1001", Role.MENTOR, Status.ACTIVE), ("C-1002", Role.MENTOR, Status.ACTIVE)],
    ),
]


@transaction.atomic
def seed_people() -> list[DemoLogin]:
    customers = {}
    for number, name, org_number, language in CUSTOMERS:
        customers[number], _ = Customer.objects.get_or_create(
            customer_number=number,
            defaults={"name": name, "organization_number": org_number, "default_language": language},
        )
    system_admin = None
    logins = []
    for email, first, last, language, flags, memberships in PEOPLE:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User(email=email, first_name=first, last_name=last, language=language, **flags)
            user.set_password(DEMO_PASSWORD)
            user.save()
        if user.is_system_admin:
            system_admin = user
        login = DemoLogin(email=email)
        if user.is_system_admin:
            login.roles.append("SYSTEM_ADMIN")
        if user.is_professional:
            login.roles.append("PROFESSIONAL")
        for number, role, status in memberships:
            Membership.objects.get_or_create(
                user=user,
                customer=customers[number],
                role=role,
                defaults={"status": status, "added_by": system_admin},
            )
            label = role.value if status == Status.ACTIVE else f"{role.value} ({status.value})"
            if label not in login.roles:
                login.roles.append(label)
            if customers[number].name not in login.customers:
                login.customers.append(customers[number].name)
        logins.append(login)
    return logins


# More mentors for the first customer, so that the Mentors list has pages to turn, a search worth
# typing into and a mix of statuses. They are not printed as sign-ins (they share DEMO_PASSWORD).
ROSTER_CUSTOMER = "C-1001"
ROSTER_NAMES = [
    ("Agnes", "Berg"), ("Albin", "Dahl"), ("Alva", "Ek"), ("Anton", "Falk"), ("Ebba", "Grahn"),
    ("Elias", "Holm"), ("Elsa", "Isaksson"), ("Erik", "Jansson"), ("Freja", "Karlsson"), ("Hugo", "Lund"),
    ("Ida", "Mattsson"), ("Isak", "Nyberg"), ("Klara", "Olsson"), ("Liam", "Persson"), ("Linnea", "Quist"),
    ("Lucas", "Rask"), ("Maja", "Sandberg"), ("Nils", "Torstensson"), ("Olivia", "Ulfsdotter"),
    ("Oskar", "Vik"), ("Saga", "Wallin"), ("Vera", "Åberg"),
]  # fmt: skip


@transaction.atomic
def seed_mentor_roster() -> None:
    customer = Customer.objects.get(customer_number=ROSTER_CUSTOMER)
    added_by = Membership.objects.filter(customer=customer, role=Role.CUSTOMER_ADMIN).first()
    for number, (first, last) in enumerate(ROSTER_NAMES, start=1):
        email = f"mentor{number:02d}@northwind.example"
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User(email=email, first_name=first, last_name=last, language="sv" if number % 3 else "en")
            user.set_password(DEMO_PASSWORD)
            user.save()
        Membership.objects.get_or_create(
            user=user,
            customer=customer,
            role=Role.MENTOR,
            defaults={
                "status": Status.INACTIVE if number % 7 == 0 else Status.ACTIVE,
                "can_submit_applications": number % 4 == 0,
                "added_by": added_by.user if added_by else None,
            },
        )


# email, customer number, inviter email, how (PENDING, EXPIRED, ACCEPTED), personal message
DEMO_INVITATIONS: list[tuple[str, str, str, str, str]] = [
    (
        "new.mentor@example.com",
        "C-1001",
        "north.admin@example.com",
        "PENDING",
        "Välkommen som mentor hos oss! Hör av dig om du har frågor.",
    ),
    ("sent.earlier@example.com", "C-1001", "north.admin@example.com", "EXPIRED", ""),
    ("mentor@example.com", "C-1001", "north.admin@example.com", "ACCEPTED", ""),
    ("lake.newcomer@example.com", "C-1002", "lake.admin@example.com", "PENDING", "Welcome aboard!"),
    ("lake.mentor@example.com", "C-1002", "lake.admin@example.com", "ACCEPTED", ""),
]


def seed_invitations() -> None:
    """Pending, expired and accepted invitations for the demo customers. The pending ones go
    through the real service, so their e-mails (with working links) appear in the development
    outbox once the worker runs; no link or token is printed. Idempotent: an address that already
    has an invitation from that customer is left alone."""
    now = timezone.now()
    for email, number, inviter_email, how, message in DEMO_INVITATIONS:
        customer = Customer.objects.filter(customer_number=number).first()
        inviter = User.objects.filter(email=inviter_email).first()
        if (
            customer is None
            or inviter is None
            or Invitation.objects.filter(customer=customer, email=email).exists()
        ):
            continue
        if how == "PENDING":
            invitation_create(actor=actor_for(inviter), customer=customer, email=email, message=message)
            continue
        sent_at = now - timedelta(days=20)
        invitation = Invitation(
            customer=customer,
            email=email,
            role=Role.MENTOR,
            invited_by=inviter,
            message=message,
            token_hash=token_new()[1],  # the token itself is thrown away: these links are never used
            created_at=sent_at,
            sent_at=sent_at,
            lifetime_days=14,
            expires_at=sent_at + timedelta(days=14),
        )
        if how == "ACCEPTED":
            invitation.status = InvitationStatus.ACCEPTED
            invitation.accepted_by = User.objects.filter(email=email).first()
            invitation.accepted_at = sent_at + timedelta(days=1)
        invitation.save()
