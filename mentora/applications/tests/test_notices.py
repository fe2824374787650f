"""APPLICATION_DECIDED and COURSE_APPLICATION_DECIDED: a decision is told to the application's
mentors (who see it) and its customer's admins, each with a link they can open, in their own
language; not to the person who decided, nor to anyone else."""

import pytest
from django.core import mail
from django.urls import reverse

from mentora.applications.access import access_application
from mentora.applications.models import ApplicationStatus
from mentora.applications.services import application_status_change
from mentora.customers.access import actor_for
from mentora.customers.models import Role
from mentora.notifications.kinds import Kind
from mentora.notifications.models import Notification
from mentora.testing.factories import MembershipFactory
from mentora.testing.factories_activities import (
    ApplicationFactory,
    CourseApplicationFactory,
    MentorAssignmentFactory,
)

pytestmark = pytest.mark.django_db


def told(kind: str) -> dict[str, Notification]:
    return {n.user.email: n for n in Notification.objects.filter(kind=kind).select_related("user")}


@pytest.fixture
def processing(cast):  # type: ignore[no-untyped-def]
    application = ApplicationFactory(
        customer=cast.north, status=ApplicationStatus.PROCESSING, title="Reading club"
    )
    for user in (cast.north_mentor, cast.north_mentor_inactive):
        MentorAssignmentFactory(application=application, membership=cast.membership(user, cast.north))
    return application


@pytest.mark.parametrize(
    ("to_status", "verb"),
    [
        (ApplicationStatus.ACCEPTED, "accepted"),
        (ApplicationStatus.REJECTED, "rejected"),
        (ApplicationStatus.STOPPED, "stopped"),
    ],
)
def test_a_decision_tells_the_mentor_and_the_admins_only(
    cast, processing, to_status, verb, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application_status_change(
            actor=actor_for(cast.system_admin), application=processing, to_status=to_status
        )
    notices = told(Kind.APPLICATION_DECIDED)
    # Not the actor, not the INACTIVE mentor who is still assigned, not the unassigned one, not South.
    assert set(notices) == {cast.north_mentor.email, cast.north_admin.email}
    mentor, admin = notices[cast.north_mentor.email], notices[cast.north_admin.email]
    assert mentor.url == reverse("mentor_application_detail", args=[processing.pk])
    assert admin.url == reverse("application_detail", args=[processing.pk])
    assert mentor.text == (
        f"Sigrid Sysadmin {verb} the application {processing.number} Reading club (North Org)."
    )
    assert sorted(m.to[0] for m in mail.outbox) == sorted(notices)
    status = ApplicationStatus(to_status).label
    assert all(m.subject == f"Application {processing.number}: {status}" for m in mail.outbox)


def test_those_told_can_open_what_they_are_told_about(cast, processing):
    application_status_change(
        actor=actor_for(cast.system_admin), application=processing, to_status=ApplicationStatus.ACCEPTED
    )
    for notice in Notification.objects.filter(kind=Kind.APPLICATION_DECIDED).select_related("user"):
        access_application(actor=actor_for(notice.user), application_id=processing.pk)


def test_moves_that_are_not_decisions_tell_nobody(cast):
    application = ApplicationFactory(customer=cast.north, status=ApplicationStatus.NEW)
    MentorAssignmentFactory(
        application=application, membership=cast.membership(cast.north_mentor, cast.north)
    )
    application_status_change(
        actor=actor_for(cast.system_admin), application=application, to_status=ApplicationStatus.PROCESSING
    )
    assert not Notification.objects.exists()


def test_the_decider_is_not_told_and_an_admin_who_mentors_is_told_once(cast, processing):
    MembershipFactory(user=cast.system_admin, customer=cast.north, role=Role.CUSTOMER_ADMIN)
    north_admin_as_mentor = MembershipFactory(user=cast.north_admin, customer=cast.north, role=Role.MENTOR)
    MentorAssignmentFactory(application=processing, membership=north_admin_as_mentor)
    application_status_change(
        actor=actor_for(cast.system_admin), application=processing, to_status=ApplicationStatus.REJECTED
    )
    assert cast.system_admin.email not in told(Kind.APPLICATION_DECIDED)
    assert Notification.objects.filter(user=cast.north_admin).count() == 1


@pytest.mark.parametrize(
    ("to_status", "verb"),
    [(ApplicationStatus.APPROVED, "approved"), (ApplicationStatus.REJECTED, "rejected")],
)
def test_a_course_application_decision(cast, to_status, verb):
    application = CourseApplicationFactory(customer=cast.north)
    MentorAssignmentFactory(application=application, membership=cast.membership(cast.both_mentor, cast.north))
    application_status_change(
        actor=actor_for(cast.system_admin), application=application, to_status=to_status
    )
    notices = told(Kind.COURSE_APPLICATION_DECIDED)
    assert set(notices) == {cast.both_mentor.email, cast.north_admin.email}
    assert f"{verb} the course application {application.number}" in notices[cast.both_mentor.email].text
    assert not told(Kind.APPLICATION_DECIDED)


def test_a_course_application_canceled_by_the_customer_tells_nobody(cast):
    application = CourseApplicationFactory(customer=cast.north)
    MentorAssignmentFactory(
        application=application, membership=cast.membership(cast.north_mentor, cast.north)
    )
    application_status_change(
        actor=actor_for(cast.north_admin), application=application, to_status=ApplicationStatus.CANCELED
    )
    assert not Notification.objects.exists()


def test_the_email_is_in_the_recipients_language(cast, processing, django_capture_on_commit_callbacks):
    cast.north_admin.language = "sv"
    cast.north_admin.save()
    with django_capture_on_commit_callbacks(execute=True):
        application_status_change(
            actor=actor_for(cast.system_admin), application=processing, to_status=ApplicationStatus.ACCEPTED
        )
    [message] = [m for m in mail.outbox if m.to == [cast.north_admin.email]]
    assert message.subject == f"Ansökan {processing.number}: Godkänd"
    assert "Sigrid Sysadmin godkände ansökan" in message.body
    assert told(Kind.APPLICATION_DECIDED)[cast.north_admin.email].text.startswith("Sigrid Sysadmin godkände")


def test_in_the_centre_each_person_follows_the_notice_to_a_page_they_can_open(cast, processing, client):
    application_status_change(
        actor=actor_for(cast.system_admin), application=processing, to_status=ApplicationStatus.ACCEPTED
    )
    for user in (cast.north_mentor, cast.north_admin):
        notice = Notification.objects.get(user=user)
        client.force_login(user)
        listing = client.get(reverse("notification_list"))
        assert f"{processing.number} Reading club" in listing.content.decode()
        opened = client.get(reverse("notification_open", args=[notice.pk]))
        assert opened.status_code == 302 and opened["Location"] == notice.url
        assert client.get(notice.url).status_code == 200
