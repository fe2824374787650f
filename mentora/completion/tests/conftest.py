import pytest

from mentora.testing.cast import Cast
from mentora.testing.world import World, make_world


@pytest.fixture
def scene(cast: Cast) -> World:
    """The mentor world, with the professional on the course instance `instance`."""
    world = make_world(cast)
    world.instance.professional = cast.professional
    world.instance.save(update_fields=["professional"])
    return world
