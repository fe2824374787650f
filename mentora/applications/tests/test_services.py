"""Application services against the database: every lifecycle transition (legal and illegal),
who may make it, attendees, capacity, numbers, audit."""

import pytest
from django.utils import timezone

from mentora.applications import services
from mentora.applications.models import (
    TRANSITIONS,
    Application,
    ApplicationAttendee,
    ApplicationStatus,
    Attendee,
    Kind,
    MentorAssignment,
)
from mentora.applications.selectors import course_instance_seats_taken
from mentora.audit.models import AuditEvent
from mentora.catalog.access import course_instances_open_for_applications
from mentora.core.exceptions import Conflict, InvalidInput, NotFound, PermissionDenied
from mentora.customers.access import Actor
from mentora.customers.models import Membership
from mentora.testing.factories_activities import (
    ApplicationAttendeeFactory,
    ApplicationFactory,
    AttendeeFactory,
    CourseApplicationFactory,
    CourseInstanceFactory,
    ServiceFactory,
)

S = ApplicationStatus
ON_REQUEST_STATUSES = [S.DRAFT, S.NEW, S.PROCESSING, S.ACCEPTED, S.REJECTED, S.STOPPED]
COURSE_STATUSES = [S.PENDING, S.APPROVED, S.REJECTED, S.CANCELED]


def actor(user) -> Actor:  # type: ignore[no-untyped-def]
    return Actor(user=user)


def allow_submitting(cast, user) -> Membership:  # type: ignore[no-untyped-def]
    membership = cast.membership(user, cast.north)
    membership.can_submit_applications = True
    membership.save()
    return membership


# Creating ----------------------------------------------------------------------------------------


def test_customer_admin_creates_a_draft_with_a_number_and_audit(cast):
    service = ServiceFactory()
    application = services.application_create(
        actor=actor(cast.north_admin), customer=cast.north, service=service, title=" Coaching ", ip="10.0.0.1"
    )
    year = timezone.now().year
    assert application.status == S.DRAFT
    assert application.kind == Kind.ON_REQUEST
    assert application.number == f"A-{year}-000001"
    assert application.title == "Coaching"
    assert application.created_by == cast.north_admin
    assert application.submitted_at is None
    second = services.application_create(
        actor=actor(cast.north_admin), customer=cast.north, service=service, title="Second"
    )
    assert second.number == f"A-{year}-000002"
    event = AuditEvent.objects.get(action="application.create", target_id=str(application.pk))
    assert event.customer == cast.north
    assert event.ip == "10.0.0.1"


def test_course_application_is_pending_at_once_with_its_own_number_series(cast):
    instance = CourseInstanceFactory(language="en")
    application = services.course_application_create(
        actor=actor(cast.north_admin), customer=cast.north, course_instance=instance
    )
    assert application.status == S.PENDING
    assert application.number == f"C-{timezone.now().year}-000001"
    assert application.submitted_by == cast.north_admin
    assert application.submitted_at is not None
    assert application.language == "en"


@pytest.mark.parametrize(
    "service_kwargs", [{"type": "SCHEDULED"}, {"is_active": False}], ids=["scheduled", "inactive"]
)
def test_on_request_application_needs_an_active_on_request_service(cast, service_kwargs):
    service = ServiceFactory(**service_kwargs)
    with pytest.raises(InvalidInput):
        services.application_create(
            actor=actor(cast.north_admin), customer=cast.north, service=service, title="X"
        )
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    "instance_kwargs",
    [
        {"is_active": False},
        {"course__is_active": False},
        {"course__service__is_active": False},
        {
            "starts_on": timezone.localdate().replace(year=2020),
            "ends_on": timezone.localdate().replace(year=2020),
        },
    ],
    ids=["inactive-instance", "inactive-course", "inactive-service", "ended"],
)
def test_course_application_needs_an_open_instance(cast, instance_kwargs):
    instance = CourseInstanceFactory(**instance_kwargs)
    assert instance not in course_instances_open_for_applications()
    with pytest.raises(InvalidInput):
        services.course_application_create(
            actor=actor(cast.north_admin), customer=cast.north, course_instance=instance
        )


def test_mentor_without_the_submit_flag_cannot_create(cast):
    with pytest.raises(PermissionDenied):
        services.application_create(
            actor=actor(cast.north_mentor), customer=cast.north, service=ServiceFactory(), title="X"
        )


def test_customer_admin_of_another_customer_cannot_create(cast):
    with pytest.raises(PermissionDenied):
        services.application_create(
            actor=actor(cast.south_admin), customer=cast.north, service=ServiceFactory(), title="X"
        )


def test_submitting_mentor_creates_and_is_assigned_to_follow_it(cast):
    membership = allow_submitting(cast, cast.north_mentor)
    application = services.application_create(
        actor=actor(cast.north_mentor), customer=cast.north, service=ServiceFactory(), title="X"
    )
    assert MentorAssignment.objects.filter(application=application, membership=membership).exists()


def test_inactive_mentor_membership_with_the_flag_cannot_create(cast):
    allow_submitting(cast, cast.north_mentor_inactive)
    with pytest.raises(PermissionDenied):
        services.application_create(
            actor=actor(cast.north_mentor_inactive), customer=cast.north, service=ServiceFactory(), title="X"
        )


# Editing -----------------------------------------------------------------------------------------


def test_draft_can_be_edited_and_the_change_is_audited(cast):
    application = ApplicationFactory(customer=cast.north, status=S.DRAFT, title="Old")
    services.application_update(
        actor=actor(cast.north_admin), application=application, data={"title": "New", "description": "Long"}
    )
    application.refresh_from_db()
    assert (application.title, application.description) == ("New", "Long")
    event = AuditEvent.objects.get(action="application.update")
    assert event.before["title"] == "Old"
    assert event.after["title"] == "New"


def test_submitted_application_cannot_be_edited(cast):
    application = ApplicationFactory(customer=cast.north, status=S.NEW)
    with pytest.raises(Conflict):
        services.application_update(
            actor=actor(cast.north_admin), application=application, data={"title": "X"}
        )


def test_mentor_cannot_edit(cast):
    application = ApplicationFactory(customer=cast.north, status=S.DRAFT)
    with pytest.raises(PermissionDenied):
        services.application_update(
            actor=actor(cast.north_mentor), application=application, data={"title": "X"}
        )


def test_submitting_mentor_cannot_change_a_draft_they_did_not_create(cast):
    """The flag lets a mentor work on their own applications, not on every application of the
    customer they happen to be assigned to."""
    allow_submitting(cast, cast.north_mentor)
    application = ApplicationFactory(customer=cast.north, status=S.DRAFT, created_by=cast.north_admin)
    participation = ApplicationAttendeeFactory(application=application)
    mentor = actor(cast.north_mentor)
    with pytest.raises(PermissionDenied):
        services.application_update(actor=mentor, application=application, data={"title": "X"})
    with pytest.raises(PermissionDenied):
        services.application_attendee_add(
            actor=mentor, application=application, first_name="A", last_name="B"
        )
    with pytest.raises(PermissionDenied):
        services.application_attendee_remove(
            actor=mentor, application=application, participation_id=participation.pk
        )
    with pytest.raises(PermissionDenied):
        services.application_attendee_set_participating(
            actor=mentor, application=application, participation_id=participation.pk, participating=False
        )
    with pytest.raises(PermissionDenied):
        services.application_submit(actor=mentor, application=application)
    application.refresh_from_db()
    assert application.status == S.DRAFT
    assert application.participants.count() == 1


def test_submitting_mentor_edits_and_submits_their_own_draft(cast):
    allow_submitting(cast, cast.north_mentor)
    mentor = actor(cast.north_mentor)
    application = services.application_create(
        actor=mentor, customer=cast.north, service=ServiceFactory(), title="Mine"
    )
    services.application_update(actor=mentor, application=application, data={"title": "Still mine"})
    services.application_attendee_add(actor=mentor, application=application, first_name="A", last_name="B")
    submitted = services.application_submit(actor=mentor, application=application)
    assert (submitted.title, submitted.status) == ("Still mine", S.NEW)


# Lifecycle ---------------------------------------------------------------------------------------


def _transition_cases() -> list[tuple[str, str, str, bool]]:
    cases = []
    for kind, statuses in ((Kind.ON_REQUEST, ON_REQUEST_STATUSES), (Kind.COURSE, COURSE_STATUSES)):
        for current in statuses:
            for target in statuses:
                if target != current:
                    cases.append((kind, current, target, target in TRANSITIONS[kind].get(current, ())))
    return cases


def _who_moves(cast, target: str):  # type: ignore[no-untyped-def]
    """The customer submits and cancels; the provider makes every other move."""
    return cast.north_admin if target in (S.NEW, S.CANCELED) else cast.system_admin


@pytest.mark.parametrize(("kind", "current", "target", "legal"), _transition_cases())
def test_every_transition_legal_or_refused(cast, kind, current, target, legal):
    factory = ApplicationFactory if kind == Kind.ON_REQUEST else CourseApplicationFactory
    application = factory(customer=cast.north, status=current)
    ApplicationAttendeeFactory(application=application)
    mover = _who_moves(cast, target)
    if legal:
        changed = services.application_status_change(
            actor=actor(mover), application=application, to_status=target, ip="10.0.0.2"
        )
        assert changed.status == target
        assert changed.status_changed_at is not None
        event = AuditEvent.objects.get(action="application.status", target_id=str(application.pk))
        assert event.before == {"status": current}
        assert event.after == {"status": target}
        assert event.actor == mover
    else:
        with pytest.raises((Conflict, PermissionDenied)):
            services.application_status_change(actor=actor(mover), application=application, to_status=target)
        application.refresh_from_db()
        assert application.status == current
        assert not AuditEvent.objects.filter(action="application.status").exists()


def test_illegal_move_by_the_right_role_is_a_conflict_with_a_clear_message(cast):
    application = ApplicationFactory(customer=cast.north, status=S.ACCEPTED)
    with pytest.raises(Conflict) as error:
        services.application_status_change(
            actor=actor(cast.system_admin), application=application, to_status=S.NEW
        )
    assert "accepted" in error.value.message
    assert "new" in error.value.message


def test_submit_sets_submitted_by_and_at(cast):
    application = ApplicationFactory(customer=cast.north, status=S.DRAFT)
    ApplicationAttendeeFactory(application=application)
    services.application_submit(actor=actor(cast.north_admin), application=application)
    application.refresh_from_db()
    assert application.status == S.NEW
    assert application.submitted_by == cast.north_admin
    assert application.submitted_at is not None


def test_submit_needs_an_attendee_taking_part(cast):
    application = ApplicationFactory(customer=cast.north, status=S.DRAFT)
    ApplicationAttendeeFactory(application=application, participating=False)
    with pytest.raises(InvalidInput):
        services.application_submit(actor=actor(cast.north_admin), application=application)
    application.refresh_from_db()
    assert application.status == S.DRAFT


@pytest.mark.parametrize("target", [S.PROCESSING, S.REJECTED])
def test_customer_admin_cannot_process(cast, target):
    application = ApplicationFactory(customer=cast.north, status=S.NEW)
    with pytest.raises(PermissionDenied):
        services.application_status_change(
            actor=actor(cast.north_admin), application=application, to_status=target
        )


@pytest.mark.parametrize("target", [S.APPROVED, S.REJECTED])
def test_customer_admin_cannot_decide_a_course_application(cast, target):
    application = CourseApplicationFactory(customer=cast.north)
    with pytest.raises(PermissionDenied):
        services.application_status_change(
            actor=actor(cast.north_admin), application=application, to_status=target
        )


def test_mentor_cannot_change_status(cast):
    application = CourseApplicationFactory(customer=cast.north)
    with pytest.raises(PermissionDenied):
        services.application_status_change(
            actor=actor(cast.north_mentor), application=application, to_status=S.CANCELED
        )


def test_submitting_mentor_can_cancel_their_own_pending_course_application(cast):
    allow_submitting(cast, cast.north_mentor)
    application = CourseApplicationFactory(customer=cast.north, created_by=cast.north_mentor)
    services.application_status_change(
        actor=actor(cast.north_mentor), application=application, to_status=S.CANCELED
    )
    application.refresh_from_db()
    assert application.status == S.CANCELED


def test_submitting_mentor_cannot_cancel_someone_elses_course_application(cast):
    allow_submitting(cast, cast.north_mentor)
    application = CourseApplicationFactory(customer=cast.north, created_by=cast.north_admin)
    with pytest.raises(PermissionDenied):
        services.application_status_change(
            actor=actor(cast.north_mentor), application=application, to_status=S.CANCELED
        )
    application.refresh_from_db()
    assert application.status == S.PENDING


def test_system_admin_rejects_rather_than_cancels(cast):
    application = CourseApplicationFactory(customer=cast.north)
    with pytest.raises(PermissionDenied):
        services.application_status_change(
            actor=actor(cast.system_admin), application=application, to_status=S.CANCELED
        )


def test_on_request_application_cannot_be_canceled(cast):
    application = ApplicationFactory(customer=cast.north, status=S.NEW)
    with pytest.raises(PermissionDenied):
        services.application_status_change(
            actor=actor(cast.north_admin), application=application, to_status=S.CANCELED
        )


# Capacity ----------------------------------------------------------------------------------------


def test_approval_beyond_capacity_is_refused(cast):
    instance = CourseInstanceFactory(capacity=3)
    approved = CourseApplicationFactory(customer=cast.south, course_instance=instance, status=S.APPROVED)
    ApplicationAttendeeFactory.create_batch(2, application=approved)
    ApplicationAttendeeFactory(application=approved, participating=False)  # not a seat
    pending = CourseApplicationFactory(customer=cast.north, course_instance=instance)
    ApplicationAttendeeFactory.create_batch(2, application=pending)
    with pytest.raises(Conflict) as error:
        services.application_status_change(
            actor=actor(cast.system_admin), application=pending, to_status=S.APPROVED
        )
    assert "1 of 3" in error.value.message
    pending.participants.first().delete()
    services.application_status_change(
        actor=actor(cast.system_admin), application=pending, to_status=S.APPROVED
    )
    assert course_instance_seats_taken(instance) == 3


def test_applying_beyond_capacity_is_allowed(cast):
    instance = CourseInstanceFactory(capacity=1)
    ApplicationAttendeeFactory.create_batch(
        2,
        application=CourseApplicationFactory(
            customer=cast.south, course_instance=instance, status=S.APPROVED
        ),
    )
    application = services.course_application_create(
        actor=actor(cast.north_admin), customer=cast.north, course_instance=instance
    )
    assert application.status == S.PENDING


# Professional ------------------------------------------------------------------------------------


def test_system_admin_sets_the_professional(cast):
    application = ApplicationFactory(customer=cast.north)
    services.application_professional_set(
        actor=actor(cast.system_admin), application=application, professional=cast.professional
    )
    application.refresh_from_db()
    assert application.professional == cast.professional
    assert AuditEvent.objects.filter(action="application.professional").exists()


def test_professional_must_be_a_professional(cast):
    application = ApplicationFactory(customer=cast.north)
    with pytest.raises(InvalidInput):
        services.application_professional_set(
            actor=actor(cast.system_admin), application=application, professional=cast.north_admin
        )


def test_customer_admin_cannot_set_the_professional(cast):
    application = ApplicationFactory(customer=cast.north)
    with pytest.raises(PermissionDenied):
        services.application_professional_set(
            actor=actor(cast.north_admin), application=application, professional=cast.professional
        )


# Attendees ---------------------------------------------------------------------------------------


def test_attendee_added_by_name_belongs_to_the_customer(cast):
    application = ApplicationFactory(customer=cast.north, status=S.DRAFT)
    participation = services.application_attendee_add(
        actor=actor(cast.north_admin), application=application, first_name=" Ada ", last_name="Lovelace"
    )
    assert participation.attendee.customer == cast.north
    assert participation.attendee.full_name == "Ada Lovelace"
    assert participation.participating
    assert AuditEvent.objects.filter(action="application.attendee_add").exists()


def test_attendee_with_a_known_email_is_reused(cast):
    existing = AttendeeFactory(customer=cast.north, email="ada@example.com")
    AttendeeFactory(customer=cast.south, email="ada@example.com")
    application = CourseApplicationFactory(customer=cast.north)
    participation = services.application_attendee_add(
        actor=actor(cast.north_admin),
        application=application,
        first_name="Ada",
        last_name="L",
        email="ADA@example.com",
    )
    assert participation.attendee == existing
    assert Attendee.objects.filter(customer=cast.north).count() == 1


def test_existing_attendee_is_reused_and_twice_is_a_conflict(cast):
    attendee = AttendeeFactory(customer=cast.north)
    application = ApplicationFactory(customer=cast.north, status=S.DRAFT)
    services.application_attendee_add(
        actor=actor(cast.north_admin), application=application, attendee=attendee
    )
    with pytest.raises(Conflict):
        services.application_attendee_add(
            actor=actor(cast.north_admin), application=application, attendee=attendee
        )


def test_attendee_of_another_customer_is_refused(cast):
    application = ApplicationFactory(customer=cast.north, status=S.DRAFT)
    with pytest.raises(InvalidInput):
        services.application_attendee_add(
            actor=actor(cast.north_admin),
            application=application,
            attendee=AttendeeFactory(customer=cast.south),
        )


def test_attendee_needs_a_name(cast):
    application = ApplicationFactory(customer=cast.north, status=S.DRAFT)
    with pytest.raises(InvalidInput):
        services.application_attendee_add(
            actor=actor(cast.north_admin), application=application, first_name=" ", last_name="X"
        )


@pytest.mark.parametrize("status", [S.NEW, S.PROCESSING, S.ACCEPTED])
def test_attendees_are_fixed_once_submitted(cast, status):
    application = ApplicationFactory(customer=cast.north, status=status)
    participation = ApplicationAttendeeFactory(application=application)
    with pytest.raises(Conflict):
        services.application_attendee_add(
            actor=actor(cast.north_admin), application=application, first_name="A", last_name="B"
        )
    with pytest.raises(Conflict):
        services.application_attendee_remove(
            actor=actor(cast.north_admin), application=application, participation_id=participation.pk
        )


def test_attendee_removed_while_pending_stays_with_the_customer(cast):
    application = CourseApplicationFactory(customer=cast.north)
    participation = ApplicationAttendeeFactory(application=application)
    services.application_attendee_remove(
        actor=actor(cast.north_admin), application=application, participation_id=participation.pk
    )
    assert not ApplicationAttendee.objects.exists()
    assert Attendee.objects.filter(pk=participation.attendee_id).exists()
    assert AuditEvent.objects.filter(action="application.attendee_remove").exists()


def test_removing_an_attendee_of_another_application_is_not_found(cast):
    application = CourseApplicationFactory(customer=cast.north)
    other = ApplicationAttendeeFactory(application=CourseApplicationFactory(customer=cast.north))
    with pytest.raises(NotFound):
        services.application_attendee_remove(
            actor=actor(cast.north_admin), application=application, participation_id=other.pk
        )


def test_participation_can_change_until_closed(cast):
    application = ApplicationFactory(customer=cast.north, status=S.ACCEPTED)
    participation = ApplicationAttendeeFactory(application=application)
    services.application_attendee_set_participating(
        actor=actor(cast.north_admin),
        application=application,
        participation_id=participation.pk,
        participating=False,
    )
    participation.refresh_from_db()
    assert not participation.participating
    application.status = S.STOPPED
    application.save()
    with pytest.raises(Conflict):
        services.application_attendee_set_participating(
            actor=actor(cast.north_admin),
            application=application,
            participation_id=participation.pk,
            participating=True,
        )


def test_taking_part_after_approval_needs_a_free_seat(cast):
    instance = CourseInstanceFactory(capacity=2)
    full = CourseApplicationFactory(customer=cast.south, course_instance=instance, status=S.APPROVED)
    ApplicationAttendeeFactory(application=full)
    application = CourseApplicationFactory(customer=cast.north, course_instance=instance, status=S.APPROVED)
    ApplicationAttendeeFactory(application=application)
    waiting = ApplicationAttendeeFactory(application=application, participating=False)
    assert course_instance_seats_taken(instance) == 2

    with pytest.raises(Conflict):
        services.application_attendee_set_participating(
            actor=actor(cast.north_admin),
            application=application,
            participation_id=waiting.pk,
            participating=True,
        )
    waiting.refresh_from_db()
    assert not waiting.participating

    instance.capacity = 3
    instance.save()
    services.application_attendee_set_participating(
        actor=actor(cast.north_admin),
        application=application,
        participation_id=waiting.pk,
        participating=True,
    )
    assert course_instance_seats_taken(instance) == 3


def test_mentor_cannot_change_attendees(cast):
    application = ApplicationFactory(customer=cast.north, status=S.DRAFT)
    with pytest.raises(PermissionDenied):
        services.application_attendee_add(
            actor=actor(cast.north_mentor), application=application, first_name="A", last_name="B"
        )


def test_an_on_request_application_cannot_take_a_course_status(cast):
    application = ApplicationFactory(customer=cast.north, status=S.PROCESSING)
    with pytest.raises(Conflict):
        services.application_status_change(
            actor=actor(cast.system_admin), application=application, to_status=S.APPROVED
        )
