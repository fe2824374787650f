import datetime
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine

from mentora.testing.cast import Cast
from mentora.testing.world import World, make_world

# Tuesday 8 December 2026, 07:05 in Stockholm (UTC+1).
TUESDAY_MORNING = datetime.datetime(2026, 12, 8, 6, 5, tzinfo=datetime.UTC)
# Monday 7 December 2026, 07:05 in Stockholm.
MONDAY_MORNING = datetime.datetime(2026, 12, 7, 6, 5, tzinfo=datetime.UTC)


@pytest.fixture
def clock() -> Iterator[Any]:
    with time_machine.travel(TUESDAY_MORNING, tick=False) as traveller:
        yield traveller


@pytest.fixture
def scene(cast: Cast, clock: Any) -> World:
    """The mentor workspace's world, built on the digest's Tuesday morning."""
    return make_world(cast)
