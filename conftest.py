import pytest

from mentora.testing.browser import browser_context, chromium, page  # noqa: F401
from mentora.testing.cast import Cast, make_cast


@pytest.fixture
def cast(db: None) -> Cast:
    return make_cast()


@pytest.fixture(autouse=True)
def _clear_cache() -> None:
    """Rate limits live in the cache; every test starts with none used."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _reset_language():  # type: ignore[no-untyped-def]
    """A request activates its language in the thread; the next test starts in the default one."""
    from django.utils import translation

    yield
    translation.deactivate()
