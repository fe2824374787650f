import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mentora.customers.access import actor_for
from mentora.followups.selectors import (
    FollowUpFilters,
    comment_list_for_followup,
    followup_list,
    followup_search,
    followups_decorate,
    followups_with_unread_for_user,
)
from mentora.followups.services import followup_mark_seen
from mentora.testing.factories_activities import (
    ApplicationAttendeeFactory,
    ApplicationFactory,
    CourseApplicationFactory,
    MentorAssignmentFactory,
)
from mentora.testing.factories_followups import CommentFactory, FollowUpFactory

pytestmark = pytest.mark.django_db


def by_topic(followups):  # type: ignore[no-untyped-def]
    return {f.topic: f for f in followups}


def test_unread_counts_comments_by_others_after_seen(world):
    mentor = world.cast.north_mentor
    CommentFactory(followup=world.selected, author=world.cast.professional)
    CommentFactory(followup=world.selected, author=world.cast.north_admin)
    own = CommentFactory(followup=world.selected, author=mentor)  # own: never unread
    listed = by_topic(followup_list(actor=actor_for(mentor)))
    assert listed["Attendance in week 3"].unread_count == 2
    assert listed["Attendance in week 3"].last_comment_id == own.pk

    followup_mark_seen(user=mentor, followup=world.selected)
    assert by_topic(followup_list(actor=actor_for(mentor)))["Attendance in week 3"].unread_count == 0

    later = CommentFactory(followup=world.selected, author=world.cast.professional)
    later.created_at += datetime.timedelta(seconds=5)
    later.save()
    assert by_topic(followup_list(actor=actor_for(mentor)))["Attendance in week 3"].unread_count == 1
    # Another reader's seen does not change this mentor's count.
    followup_mark_seen(user=world.cast.north_admin, followup=world.selected)
    assert by_topic(followup_list(actor=actor_for(mentor)))["Attendance in week 3"].unread_count == 1


def test_filters_and_unread_only(world):
    admin = actor_for(world.cast.system_admin)
    CommentFactory(followup=world.south_thread, author=world.cast.south_admin)
    north = followup_list(actor=admin, filters=FollowUpFilters(customer_id=world.cast.north.pk))
    assert {f.topic for f in north} == {"Attendance in week 3", "Budget question", "Other application"}
    by_app = followup_list(actor=admin, filters=FollowUpFilters(application_id=world.north_other_app.pk))
    assert [f.topic for f in by_app] == ["Other application"]
    unread = followup_list(actor=admin, filters=FollowUpFilters(unread_only=True))
    assert [f.topic for f in unread] == ["South planning"]
    assert [f.topic for f in followups_with_unread_for_user(actor=admin)] == ["South planning"]


def test_unread_selector_for_dashboard_respects_visibility(world):
    CommentFactory(followup=world.not_selected, author=world.cast.professional)
    CommentFactory(followup=world.selected, author=world.cast.professional)
    followups = followups_with_unread_for_user(actor=actor_for(world.cast.north_mentor))
    assert [(f.topic, f.unread_count) for f in followups] == [("Attendance in week 3", 1)]
    assert followups[0].application.customer == world.cast.north


def test_pinned_comments_first_then_oldest_first(world):
    first = CommentFactory(followup=world.selected, author=world.cast.north_mentor)
    second = CommentFactory(followup=world.selected, author=world.cast.north_mentor)
    pinned = CommentFactory(followup=world.selected, author=world.cast.professional, pinned=True)
    assert list(comment_list_for_followup(followup=world.selected)) == [pinned, first, second]


def test_search_groups_results(world):
    admin = actor_for(world.cast.system_admin)
    CommentFactory(
        followup=world.south_thread, author=world.cast.south_admin, body="Maria said week 3 went well"
    )

    def groups(q: str) -> dict[str, set[str]]:
        return {g.key: {f.topic for f in g.followups} for g in followup_search(actor=admin, q=q)}

    assert groups("week 3") == {
        "topic": {"Attendance in week 3"},
        "participants": set(),
        "attendees": set(),
        "comments": {"South planning"},
    }
    # "Maria Mentor" is selected on two threads but takes part only where she mentors the
    # application; a comment mentions Maria too.
    found = groups("maria")
    assert found["participants"] == {"Attendance in week 3"}
    assert found["comments"] == {"South planning"}
    assert groups("alva lear")["attendees"] == {"Attendance in week 3"}
    assert groups(world.north_other_app.number)["topic"] == {"Other application"}
    # Customer admins count as participants only where they are included.
    assert groups("nina")["participants"] == {"Attendance in week 3", "Other application"}


def test_search_respects_visibility_and_counts(world):
    mentor = actor_for(world.cast.north_mentor)
    result = followup_search(actor=mentor, q="budget")
    assert all(group.count == 0 for group in result)
    result = {g.key: g for g in followup_search(actor=mentor, q="week")}
    assert result["topic"].count == 1


@pytest.mark.parametrize("q", ["", " ", "a", " b "])
def test_search_needs_two_characters(world, q):
    assert followup_search(actor=actor_for(world.cast.system_admin), q=q) == []


def _make_threads(world, count: int) -> None:  # type: ignore[no-untyped-def]
    for index in range(count):
        participation = ApplicationAttendeeFactory(application=world.north_app)
        followup = FollowUpFactory(
            application=world.north_app,
            topic=f"Thread {index}",
            created_by=world.cast.professional,
            mentors=[world.north_mentor_membership, world.both_north_membership],
            attendees=[participation.attendee],
        )
        CommentFactory(followup=followup, author=world.cast.professional, body=f"Comment {index}")
        CommentFactory(followup=followup, author=world.cast.north_admin, body=f"Reply {index}")


def _list_queries(actor) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as queries:
        followups = followups_decorate(list(followup_list(actor=actor)[:20]))
        for followup in followups:
            # Everything a card shows.
            _ = (
                followup.application.customer.name,
                followup.application.display_title,
                followup.unread_count,
            )
            _ = [m.user.get_full_name() for m in followup.participating_mentors]
            _ = [a.full_name for a in followup.linked_attendees]
            _ = followup.last_comment.author.get_full_name() if followup.last_comment else ""
    return len(queries)


@pytest.mark.parametrize("user_name", ["north_mentor", "system_admin", "north_admin"])
def test_list_query_count_does_not_grow(world, user_name):
    user = getattr(world.cast, user_name)
    _make_threads(world, 3)
    few = _list_queries(actor_for(user))
    _make_threads(world, 27)
    many = _list_queries(actor_for(user))
    assert few == many
    # Six for the cards, plus one for a mentor: their assignments, read once per request.
    assert many <= 7


def test_search_query_count_does_not_grow(world):
    _make_threads(world, 3)
    actor = actor_for(world.cast.system_admin)
    actor.memberships  # noqa: B018 - load the actor's memberships before counting
    with CaptureQueriesContext(connection) as few:
        followup_search(actor=actor, q="thread")
    _make_threads(world, 27)
    with CaptureQueriesContext(connection) as many:
        followup_search(actor=actor, q="thread")
    assert len(few) == len(many)


def test_assigned_mentor_on_other_customer_thread_not_listed(world):
    # both_mentor mentors south_app; a south thread without them selected stays hidden.
    FollowUpFactory(application=world.south_app, topic="South private", mentors=[])
    MentorAssignmentFactory(
        application=world.south_app,
        membership=world.cast.membership(world.cast.south_mentor, world.cast.south),
    )
    topics = {f.topic for f in followup_list(actor=actor_for(world.cast.both_mentor))}
    assert topics == {"Budget question", "South planning"}


def test_a_card_names_the_selected_mentors_who_still_mentor_the_application(world):
    admin = actor_for(world.cast.system_admin)
    cards = by_topic(followups_decorate(list(followup_list(actor=admin))))
    # The INACTIVE membership stays selected but does not take part.
    assert cards["Attendance in week 3"].participating_mentors == [world.north_mentor_membership]
    assert cards["Attendance in week 3"].linked_attendees == [world.north_attendee]
    # Selected, but not a mentor of this application: not shown until assigned.
    assert cards["Other application"].participating_mentors == []
    MentorAssignmentFactory(application=world.north_other_app, membership=world.north_mentor_membership)
    cards = by_topic(followups_decorate(list(followup_list(actor=admin))))
    assert cards["Other application"].participating_mentors == [world.north_mentor_membership]


def test_a_card_reads_its_application_s_title_and_customer_in_the_list_query(world):
    # The list reads only what a card shows of the application (`_CARD_FIELDS`): its number,
    # title, customer, service or course, with no further query per card.
    course_app = CourseApplicationFactory(customer=world.cast.north, title="")
    FollowUpFactory(application=course_app, topic="Course thread", created_by=world.cast.professional)
    FollowUpFactory(
        application=ApplicationFactory(customer=world.cast.north, title=""),
        topic="Service thread",
        created_by=world.cast.professional,
    )
    followups = by_topic(followup_list(actor=actor_for(world.cast.system_admin)))
    with CaptureQueriesContext(connection) as queries:
        shown = {
            topic: (f.application.number, f.application.display_title, f.application.customer.name)
            for topic, f in followups.items()
        }
    assert len(queries) == 0
    course = course_app.course_instance.course
    assert shown["Course thread"] == (
        course_app.number,
        f"{course.code} {course.title}",
        world.cast.north.name,
    )
    assert shown["Service thread"][1] and shown["Attendance in week 3"][1] == "Welding basics"
