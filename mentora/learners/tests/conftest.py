import pytest

from mentora.testing.cast import Cast
from mentora.testing.world import World, make_world


@pytest.fixture
def scene(cast: Cast) -> World:
    return make_world(cast)
