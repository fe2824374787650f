"""EVENT_CHANGED: an event canceled, moved or given a substitute is told to the mentors and
customer admins whose calendar shows it, in their language and time zone; not to the person
who changed it, nor to anyone who cannot see the event."""

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentora.accounts.models import User
from mentora.customers.access import actor_for
from mentora.customers.models import Role
from mentora.notifications.kinds import Kind
from mentora.notifications.models import Notification
from mentora.schedule.access import access_calendar_event, event_calendar_users
from mentora.schedule.services import EventDetails, Scope, event_cancel, event_update
from mentora.testing.factories import MembershipFactory, UserFactory
from mentora.testing.factories_activities import MentorAssignmentFactory
from mentora.testing.factories_schedule import EventFactory

pytestmark = pytest.mark.django_db


def told(kind: str = Kind.EVENT_CHANGED) -> dict[str, Notification]:
    return {n.user.email: n for n in Notification.objects.filter(kind=kind).select_related("user")}


def details_of(event, **changes) -> EventDetails:  # type: ignore[no-untyped-def]
    values = {
        "title": event.title,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "language": event.language,
        "professional": event.professional,
        "substitute": event.substitute,
        "location": event.location,
        "online_url": event.online_url,
    }
    return EventDetails(**(values | changes))


def test_cancel_tells_the_applications_mentor_and_admins_not_the_actor_nor_others(
    cast, activities, django_capture_on_commit_callbacks
):
    event = EventFactory(application=activities.north_app, professional=cast.professional)
    with django_capture_on_commit_callbacks(execute=True):
        event_cancel(actor=actor_for(cast.professional), event=event, reason="Teacher ill")
    notices = told()
    assert set(notices) == {cast.north_mentor.email, cast.north_admin.email}
    notice = notices[cast.north_mentor.email]
    assert notice.url == reverse("calendar_event", args=[event.pk])
    assert "canceled" in notice.text and "Teacher ill" in notice.text and event.title in notice.text
    assert activities.north_app.number in notice.text
    assert sorted(m.to[0] for m in mail.outbox) == sorted(notices)
    assert all(m.subject == f"Canceled: {event.title}" for m in mail.outbox)


def test_everyone_told_can_open_the_event_in_their_calendar(cast, activities):
    # The same question asked from the other side: whoever is told can open the link.
    for event in (
        EventFactory(application=activities.north_app),
        EventFactory(course_instance=activities.course_instance),
    ):
        for user in event_calendar_users(event=event):
            access_calendar_event(actor=actor_for(user), event_id=event.pk)


def test_the_actor_is_not_told_even_when_they_see_the_event(cast, activities):
    MembershipFactory(user=cast.system_admin, customer=cast.north, role=Role.CUSTOMER_ADMIN)
    event = EventFactory(application=activities.north_app)
    event_cancel(actor=actor_for(cast.system_admin), event=event, reason="Closed")
    assert set(told()) == {cast.north_mentor.email, cast.north_admin.email}


def test_the_professional_hears_of_a_change_someone_else_made_to_their_event(cast, activities, client):
    event = EventFactory(application=activities.north_app, professional=cast.professional)
    event_cancel(actor=actor_for(cast.system_admin), event=event, reason="Room closed")
    notices = told()
    notice = notices[cast.professional.email]
    assert notice.url == reverse("event_detail", args=[event.pk])
    assert "Room closed" in notice.text
    for email, notice in notices.items():
        client.force_login(User.objects.get(email=email))
        assert client.get(notice.url).status_code == 200, email


def test_a_course_event_is_told_to_those_with_an_approved_application_only(cast, activities):
    MentorAssignmentFactory(
        application=activities.north_course_app, membership=cast.membership(cast.both_mentor, cast.north)
    )
    # South's application is PENDING: its mentor and admin do not see the instance's events.
    MentorAssignmentFactory(
        application=activities.south_course_app, membership=cast.membership(cast.south_mentor, cast.south)
    )
    event = EventFactory(course_instance=activities.course_instance, professional=cast.professional)
    later = event.starts_at + datetime.timedelta(days=1)
    event_update(
        actor=actor_for(cast.professional),
        event=event,
        details=details_of(event, starts_at=later, ends_at=later + datetime.timedelta(hours=1)),
    )
    assert set(told()) == {cast.both_mentor.email, cast.north_admin.email}


def test_an_inactive_mentor_membership_is_not_told(cast, activities):
    MentorAssignmentFactory(
        application=activities.north_app, membership=cast.membership(cast.north_mentor_inactive, cast.north)
    )
    event = EventFactory(application=activities.north_app)
    event_cancel(actor=actor_for(cast.system_admin), event=event, reason="Closed")
    assert cast.north_mentor_inactive.email not in told()
    assert cast.north_mentor_unassigned.email not in told()
    assert cast.south_admin.email not in told()


def test_a_move_is_told_in_the_recipients_language_and_time_zone(
    cast, activities, django_capture_on_commit_callbacks
):
    cast.north_mentor.language = "sv"
    cast.north_mentor.time_zone = "America/New_York"
    cast.north_mentor.save()
    start = datetime.datetime(2027, 3, 2, 14, 0, tzinfo=datetime.UTC)
    event = EventFactory(
        application=activities.north_app, starts_at=start, ends_at=start + datetime.timedelta(hours=1)
    )
    new_start = start + datetime.timedelta(days=1, hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        event_update(
            actor=actor_for(cast.system_admin),
            event=event,
            details=details_of(event, starts_at=new_start, ends_at=new_start + datetime.timedelta(hours=1)),
        )
    swedish = told()[cast.north_mentor.email].text
    assert "flyttade" in swedish
    # 14:00 and 15:00 UTC are 09:00 and 10:00 in New York (EST).
    assert "09:00" in swedish and "10:00" in swedish
    english = told()[cast.north_admin.email].text
    assert "moved" in english
    [message] = [m for m in mail.outbox if m.to == [cast.north_mentor.email]]
    assert message.subject == f"Flyttad: {event.title}"
    assert swedish in message.body
    # The zone is named the way every page and e-mail names it.
    assert "Tiderna anges i din tidszon, America/New York." in message.body
    [to_admin] = [m for m in mail.outbox if m.to == [cast.north_admin.email]]
    assert "Times are in your time zone, Europe/Stockholm." in to_admin.body


def test_a_substitute_is_told_and_other_edits_tell_nobody(cast, activities, other_professional):
    event = EventFactory(application=activities.north_app, professional=cast.professional)
    actor = actor_for(cast.system_admin)
    event_update(actor=actor, event=event, details=details_of(event, title="New title", location="Room 9"))
    assert told() == {}
    event.refresh_from_db()
    event_update(actor=actor, event=event, details=details_of(event, substitute=other_professional))
    notices = told()
    assert "Olle Other substitutes on" in notices[cast.north_mentor.email].text
    # Those who deliver it hear it too, linked to the schedule's page of the event.
    assert set(notices) == {
        cast.north_mentor.email,
        cast.north_admin.email,
        cast.professional.email,
        other_professional.email,
    }
    assert notices[other_professional.email].url == reverse("event_detail", args=[event.pk])
    event.refresh_from_db()
    event_update(actor=actor, event=event, details=details_of(event, substitute=None))
    assert Notification.objects.filter(kind=Kind.EVENT_CHANGED).count() == 4  # once each


def test_the_rest_of_a_series_is_one_notice(cast, activities):
    from mentora.schedule.services import event_create

    start = datetime.datetime(2027, 2, 1, 9, 0, tzinfo=datetime.UTC)
    events = event_create(
        actor=actor_for(cast.professional),
        application=activities.north_app,
        details=EventDetails(
            title="Weekly", starts_at=start, ends_at=start + datetime.timedelta(hours=1), language="sv"
        ),
        repeat_until=datetime.date(2027, 2, 22),
        tz=datetime.UTC,
    )
    event_cancel(actor=actor_for(cast.professional), event=events[1], reason="Holiday", scope=Scope.REST)
    notice = told()[cast.north_mentor.email]
    assert Notification.objects.filter(kind=Kind.EVENT_CHANGED, user=cast.north_mentor).count() == 1
    assert "2 later events of the series are canceled too." in notice.text
    assert notice.url == reverse("calendar_event", args=[events[1].pk])


def test_recipients_are_read_in_a_fixed_number_of_queries(cast, activities):
    event = EventFactory(application=activities.north_app)
    for _n in range(5):
        membership = MembershipFactory(user=UserFactory(), customer=cast.north, role=Role.MENTOR)
        MentorAssignmentFactory(application=activities.north_app, membership=membership)
    with CaptureQueriesContext(connection) as queries:
        people = list(event_calendar_users(event=event))
    assert len(people) == 7
    assert len(queries) == 2


def test_each_more_recipient_costs_only_their_own_e_mail_row(cast, activities):
    def cancel_queries() -> int:
        event = EventFactory(application=activities.north_app)
        with CaptureQueriesContext(connection) as queries:
            event_cancel(actor=actor_for(cast.system_admin), event=event, reason="Closed")
        return len(queries)

    few = cancel_queries()  # the mentor and the admin
    for _n in range(4):
        membership = MembershipFactory(user=UserFactory(), customer=cast.north, role=Role.MENTOR)
        MentorAssignmentFactory(application=activities.north_app, membership=membership)
    many = cancel_queries()
    assert Notification.objects.filter(kind=Kind.EVENT_CHANGED).count() == 2 + 6
    # Settings, recipients and notifications are read and written in bulk; what grows is one
    # queued e-mail (its message row) per person.
    assert many - few == 4
