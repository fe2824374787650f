"""Demo follow-ups on the demo applications.

Idempotent: threads are found again by (application, topic), comments by (thread, author, text).
Writes go straight to the models, like the other demo steps: no e-mail, no audit trail for
made-up history. Needs the applications step to have run;
without demo applications it creates nothing."""

import datetime

from django.db import transaction
from django.utils import timezone

from mentora.accounts.models import User
from mentora.applications.models import Application, ApplicationStatus
from mentora.customers.models import Customer, Membership

from .models import Comment, FollowUp, FollowUpSeen
from .selectors import followup_assignable_mentors, followup_linkable_attendees

DEMO_MENTORS = ("mentor@example.com", "both@example.com")
HOUR = datetime.timedelta(hours=1)


def _user(email: str) -> User | None:
    return User.objects.filter(email=email).first()


def _applications(customer: Customer) -> list[Application]:
    """The customer's submitted applications, the ones with demo mentors first."""
    applications = list(
        Application.objects.filter(customer=customer)
        .exclude(status=ApplicationStatus.DRAFT)
        .select_related("customer")
        .order_by("number")
    )
    mentored = set(
        Application.objects.filter(
            customer=customer, mentor_assignments__membership__user__email__in=DEMO_MENTORS
        ).values_list("pk", flat=True)
    )
    return sorted(applications, key=lambda application: application.pk not in mentored)


def _thread(
    application: Application,
    topic: str,
    *,
    created_by: User | None,
    admins: bool,
    mentors: list[Membership],
    attendee_count: int,
) -> FollowUp:
    followup, created = FollowUp.objects.get_or_create(
        application=application,
        topic=topic,
        defaults={"created_by": created_by, "include_customer_admins": admins},
    )
    if created:
        followup.mentors.set(mentors)
        followup.attendees.set(list(followup_linkable_attendees(application=application)[:attendee_count]))
    return followup


def _comment(
    followup: FollowUp, author: User | None, body: str, *, ago: datetime.timedelta, pinned: bool = False
) -> None:
    if author is None:
        return
    comment, created = Comment.objects.get_or_create(
        followup=followup, author=author, body=body, defaults={"pinned": pinned}
    )
    if created:
        # auto_now_add wrote "now"; the demo wants a history.
        Comment.objects.filter(pk=comment.pk).update(created_at=timezone.now() - ago)
    newest = followup.comments.order_by("-created_at").values_list("created_at", flat=True).first()
    FollowUp.objects.filter(pk=followup.pk).update(last_comment_at=newest)


def _seen(followup: FollowUp, user: User | None, *, ago: datetime.timedelta) -> None:
    if user is not None:
        FollowUpSeen.objects.get_or_create(
            followup=followup, user=user, defaults={"seen_at": timezone.now() - ago}
        )


@transaction.atomic
def seed_followups() -> None:
    staff = _user("admin@example.com")
    professional = _user("pro@example.com") or staff
    mentor = _user("mentor@example.com")
    both = _user("both@example.com")
    for customer in Customer.objects.filter(customer_number__in=["C-1001", "C-1002"]).order_by(
        "customer_number"
    ):
        applications = _applications(customer)
        if not applications:
            continue
        admin = (
            Membership.objects.active()
            .customer_admins()
            .filter(customer=customer)
            .select_related("user")
            .first()
        )
        admin_user = admin.user if admin else None
        first = applications[0]
        assigned = list(followup_assignable_mentors(application=first))
        demo_assigned = [m for m in assigned if m.user.email in DEMO_MENTORS]

        progress = _thread(
            first,
            "Attendance in the first weeks",
            created_by=professional,
            admins=True,
            mentors=demo_assigned or assigned[:1],
            attendee_count=2,
        )
        _comment(
            progress,
            professional,
            "Summary so far: attendance is good overall; two learners missed the second session. "
            "Please talk to them before next week.",
            ago=72 * HOUR,
            pinned=True,
        )
        _comment(
            progress, admin_user, "Thanks. We will follow up with both of them this week.", ago=48 * HOUR
        )
        _comment(
            progress,
            mentor if customer.customer_number == "C-1001" else both,
            "I spoke to one of them: a scheduling clash with work, now solved.",
            ago=30 * HOUR,
        )
        _comment(progress, professional, "Good to hear. Both were present today.", ago=2 * HOUR)
        # The demo mentors have read up to yesterday: the newest comment shows as unread.
        for user in (mentor, both):
            _seen(progress, user, ago=24 * HOUR)

        planning = _thread(
            first, "Planning the next module", created_by=staff, admins=True, mentors=[], attendee_count=0
        )
        _comment(planning, staff, "Which weeks suit you for the next module?", ago=20 * HOUR)
        _comment(planning, admin_user, "Weeks 10 and 11 would work best for us.", ago=5 * HOUR)

        if len(applications) > 1:
            second = applications[1]
            second_mentors = [
                m
                for m in followup_assignable_mentors(application=second)
                if m.user.email != "mentor@example.com"
            ]
            certificate = _thread(
                second,
                "Certificate requirements",
                created_by=professional,
                admins=False,
                mentors=second_mentors[:1],
                attendee_count=1,
            )
            _comment(
                certificate,
                professional,
                "The certificate needs 80 % attendance and the final task.",
                ago=10 * HOUR,
            )
