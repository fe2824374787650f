import pytest

from mentora.attendance.permissions import can_take_attendance
from mentora.core.exceptions import NotFound
from mentora.customers.access import actor_for
from mentora.schedule.access import access_event, event_list_visible
from mentora.schedule.permissions import can_manage_schedule
from mentora.testing.factories_activities import ApplicationFactory
from mentora.testing.factories_schedule import EventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def events(cast, activities, other_professional):  # type: ignore[no-untyped-def]
    return {
        "north": EventFactory(application=activities.north_app, professional=other_professional),
        "course": EventFactory(course_instance=activities.course_instance, professional=other_professional),
        "south": EventFactory(
            application=ApplicationFactory(customer=cast.south), professional=other_professional
        ),
        "substituting": EventFactory(
            application=ApplicationFactory(customer=cast.south), substitute=cast.professional
        ),
    }


def visible(user) -> set[int]:  # type: ignore[no-untyped-def]
    return set(event_list_visible(actor=actor_for(user)).values_list("pk", flat=True))


def test_visibility_per_role(cast, events, other_professional):
    ids = {name: event.pk for name, event in events.items()}
    assert visible(cast.system_admin) == set(ids.values())
    # Responsible for north_app and the instance; substitute on one South event.
    assert visible(cast.professional) == {ids["north"], ids["course"], ids["substituting"]}
    assert visible(other_professional) == {ids["north"], ids["course"], ids["south"]}
    # North has an APPROVED course application; South's is PENDING.
    assert visible(cast.north_admin) == {ids["north"], ids["course"]}
    assert visible(cast.south_admin) == {ids["south"], ids["substituting"]}
    assert visible(cast.north_mentor) == {ids["north"]}
    assert visible(cast.north_mentor_unassigned) == set()
    assert visible(cast.outsider) == set()


def test_access_event_missing_and_foreign_are_the_same(cast, events):
    actor = actor_for(cast.north_admin)
    assert access_event(actor=actor, event_id=events["north"].pk) == events["north"]
    for event_id in (events["south"].pk, 999_999, "x"):
        with pytest.raises(NotFound):
            access_event(actor=actor, event_id=event_id)


def test_permissions(cast, events, other_professional):
    north = events["north"]
    assert can_manage_schedule(actor_for(cast.system_admin), north)
    assert can_manage_schedule(actor_for(cast.professional), north)  # responsible
    assert can_manage_schedule(actor_for(other_professional), north)  # delivers
    assert not can_manage_schedule(actor_for(other_professional), events["substituting"])
    for who in (cast.north_admin, cast.north_mentor, cast.outsider):
        assert not can_manage_schedule(actor_for(who))
        assert not can_manage_schedule(actor_for(who), north)
        assert not can_take_attendance(actor_for(who), north)
    assert can_take_attendance(actor_for(other_professional), north)
    assert not can_take_attendance(actor_for(cast.professional), north)  # responsible, not delivering
    assert can_take_attendance(actor_for(cast.professional), events["substituting"])
    assert can_take_attendance(actor_for(cast.system_admin), north)
