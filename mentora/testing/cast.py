"""The named people every test can use (STYLE.md): two customers, staff, admins and mentors of
each, a person who mentors for both, and an outsider.

    def test_something(cast, client):
        client.force_login(cast.north_mentor)
"""

from dataclasses import dataclass

from mentora.accounts.models import User
from mentora.customers.models import Customer, Membership, Role, Status

from .factories import CustomerFactory, MembershipFactory, UserFactory


@dataclass
class Cast:
    north: Customer
    south: Customer
    system_admin: User
    professional: User
    north_admin: User
    south_admin: User
    north_mentor: User  # ACTIVE mentor of north (the one later issues assign)
    north_mentor_unassigned: User  # ACTIVE mentor of north with no assignments
    north_mentor_inactive: User  # INACTIVE mentor membership in north
    south_mentor: User
    both_mentor: User  # ACTIVE mentor of north and of south
    outsider: User  # signed-in user with no role anywhere

    def membership(self, user: User, customer: Customer, role: Role = Role.MENTOR) -> Membership:
        return Membership.objects.get(user=user, customer=customer, role=role)


def make_cast() -> Cast:
    north = CustomerFactory(name="North Org", customer_number="N-0001")
    south = CustomerFactory(name="South Org", customer_number="S-0001")

    def person(email: str, first: str, last: str, **flags: bool) -> User:
        return UserFactory(email=email, first_name=first, last_name=last, **flags)

    def member(user: User, customer: Customer, role: Role, status: Status = Status.ACTIVE) -> User:
        MembershipFactory(user=user, customer=customer, role=role, status=status)
        return user

    cast = Cast(
        north=north,
        south=south,
        system_admin=person("sysadmin@example.com", "Sigrid", "Sysadmin", is_system_admin=True),
        professional=person("professional@example.com", "Pelle", "Pro", is_professional=True),
        north_admin=member(person("north.admin@example.com", "Nina", "North"), north, Role.CUSTOMER_ADMIN),
        south_admin=member(person("south.admin@example.com", "Sven", "South"), south, Role.CUSTOMER_ADMIN),
        north_mentor=member(person("north.mentor@example.com", "Maria", "Mentor"), north, Role.MENTOR),
        north_mentor_unassigned=member(
            person("north.spare@example.com", "Ulla", "Unassigned"), north, Role.MENTOR
        ),
        north_mentor_inactive=member(
            person("north.inactive@example.com", "Ingo", "Inactive"), north, Role.MENTOR, Status.INACTIVE
        ),
        south_mentor=member(person("south.mentor@example.com", "Sara", "Southmentor"), south, Role.MENTOR),
        both_mentor=member(
            member(person("both.mentor@example.com", "Bea", "Both"), north, Role.MENTOR), south, Role.MENTOR
        ),
        outsider=person("outsider@example.com", "Otto", "Outsider"),
    )
    return cast
