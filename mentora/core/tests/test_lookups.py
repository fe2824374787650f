"""IdIn matches what `__in` matches: the rows with those ids, through a relation too, none for no
ids (also inside an OR)."""

import pytest
from django.db.models import Q

from mentora.attendance.models import Session
from mentora.core.lookups import IdIn
from mentora.schedule.models import Event
from mentora.testing.factories_schedule import EventFactory, SessionFactory

pytestmark = pytest.mark.django_db


def test_id_in_is_the_in_lookup():
    events = [EventFactory() for _ in range(3)]
    first, second, third = (event.application_id for event in events)
    for ids in ([first], [first, third], [], [first, second, third, 10**9]):
        in_lookup = set(Event.objects.filter(application_id__in=ids))
        assert set(Event.objects.filter(IdIn("application_id", ids))) == in_lookup
        assert set(Event.objects.filter(Q(IdIn("application_id", ids)) | Q(pk=events[1].pk))) == in_lookup | {
            events[1]
        }
    assert set(Event.objects.filter(IdIn("application_id", [second]))) == {events[1]}


def test_id_in_through_a_relation():
    sessions = [SessionFactory() for _ in range(2)]
    wanted = sessions[1].event.application_id
    assert list(Session.objects.filter(IdIn("event__application_id", [wanted]))) == [sessions[1]]
    assert not Session.objects.filter(IdIn("event__application_id", [])).exists()
