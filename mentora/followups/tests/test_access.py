import pytest

from mentora.core.exceptions import NotFound
from mentora.customers.access import actor_for
from mentora.customers.models import Status
from mentora.followups.access import access_comment, access_followup, followup_list_visible
from mentora.testing.factories_followups import CommentFactory

pytestmark = pytest.mark.django_db


def visible(user) -> set[str]:  # type: ignore[no-untyped-def]
    return set(followup_list_visible(actor=actor_for(user)).values_list("topic", flat=True))


def test_system_admin_sees_every_thread(world):
    assert visible(world.cast.system_admin) == {
        "Attendance in week 3",
        "Budget question",
        "Other application",
        "South planning",
    }


def test_professional_sees_threads_on_applications_they_are_responsible_for(world):
    assert visible(world.cast.professional) == {"Attendance in week 3", "Budget question"}


def test_customer_admin_sees_own_customer_threads_that_include_admins(world):
    assert visible(world.cast.north_admin) == {"Attendance in week 3", "Other application"}
    assert visible(world.cast.south_admin) == {"South planning"}


def test_mentor_sees_only_selected_threads_on_mentored_applications(world):
    # Selected on other_app_thread too, but does not mentor that application.
    assert visible(world.cast.north_mentor) == {"Attendance in week 3"}
    assert visible(world.cast.both_mentor) == {"Budget question", "South planning"}


def test_unassigned_inactive_and_outsider_see_nothing(world):
    for user in (world.cast.north_mentor_unassigned, world.cast.north_mentor_inactive, world.cast.outsider):
        assert visible(user) == set()


def test_inactive_customer_hides_its_threads(world):
    world.cast.south.status = Status.INACTIVE
    world.cast.south.save()
    assert visible(world.cast.both_mentor) == {"Budget question"}
    assert visible(world.cast.south_admin) == set()


def test_mentor_who_is_also_professional_does_not_see_unselected_threads(world):
    user = world.cast.both_mentor
    user.is_professional = True
    user.save()
    # both_mentor mentors north_app but is not selected on "Attendance in week 3"; as a professional
    # they are responsible for nothing, so that thread stays hidden.
    assert "Attendance in week 3" not in visible(user)


@pytest.mark.parametrize(
    ("user_name", "thread"),
    [
        ("north_mentor", "not_selected"),  # mentor not selected
        ("north_mentor", "other_app_thread"),  # selected, but not a mentor of the application
        ("north_mentor_inactive", "selected"),  # selected, INACTIVE membership
        ("north_admin", "not_selected"),  # customer admins not included
        ("south_admin", "selected"),  # another customer
        ("south_mentor", "south_thread"),  # same customer, not selected
        ("outsider", "selected"),
    ],
)
def test_access_followup_answers_not_found(world, user_name, thread):
    actor = actor_for(getattr(world.cast, user_name))
    with pytest.raises(NotFound):
        access_followup(actor=actor, followup_id=getattr(world, thread).pk)


def test_access_followup_not_found_for_missing_and_garbage(world):
    actor = actor_for(world.cast.system_admin)
    for followup_id in (999_999, "abc", None):
        with pytest.raises(NotFound):
            access_followup(actor=actor, followup_id=followup_id)


def test_access_comment_follows_the_thread(world):
    comment = CommentFactory(followup=world.not_selected, author=world.cast.professional)
    assert access_comment(actor=actor_for(world.cast.both_mentor), comment_id=comment.pk) == comment
    with pytest.raises(NotFound):
        access_comment(actor=actor_for(world.cast.north_mentor), comment_id=comment.pk)


def test_unassigning_the_mentor_hides_the_thread(world):
    world.north_mentor_membership.assignments.all().delete()
    with pytest.raises(NotFound):
        access_followup(actor=actor_for(world.cast.north_mentor), followup_id=world.selected.pk)
