"""Demo observations: the demo mentors' notes on the first two applications they mentor, in
each demo customer with submitted applications. Idempotent: an observation is found again by
(application, author, text). Writes go straight to the model, like the other demo steps: no
e-mail, no audit trail for made-up history."""

from django.db import transaction

from mentora.applications.models import Application, ApplicationStatus
from mentora.customers.models import Customer, Membership

from .models import Observation
from .selectors import observation_attendee_choices, observation_event_choices

DEMO_MENTORS = ("mentor@example.com", "both@example.com")


@transaction.atomic
def seed_observations() -> None:
    for customer in Customer.objects.filter(customer_number__in=["C-1001", "C-1002"]).order_by(
        "customer_number"
    ):
        submitted = Application.objects.filter(customer=customer).exclude(status=ApplicationStatus.DRAFT)
        if submitted.exists():
            _seed_customer(customer)


def _seed_customer(customer: Customer) -> None:
    notes = [
        "The group works well together; questions are getting more precise.",
        "Needs more practice time between sessions; we agreed on a short weekly exercise.",
    ]
    assignments = (
        Membership.objects.active()
        .mentors()
        .filter(customer=customer, user__email__in=DEMO_MENTORS)
        .prefetch_related("assignments__application")
    )
    for membership in assignments:
        for application in [a.application for a in membership.assignments.all()][:2]:
            attendee = observation_attendee_choices(application=application).first()
            event = observation_event_choices(application=application).first()
            Observation.objects.get_or_create(
                application=application, author=membership.user, body=notes[0], defaults={"event": event}
            )
            if attendee is not None:
                Observation.objects.get_or_create(
                    application=application,
                    author=membership.user,
                    body=notes[1],
                    defaults={"attendee": attendee},
                )
