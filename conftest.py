import os

import pytest
from hypothesis import settings as hypothesis_settings

from mentora.testing.browser import browser_context, chromium, page  # noqa: F401
from mentora.testing.cast import Cast, make_cast

# Property-based tests are deterministic (derandomized: the same examples on every run, so CI
# never fails by chance) and bounded in examples. HYPOTHESIS_PROFILE=explore draws new random
# examples and more of them, for a hunt on one's own machine.
hypothesis_settings.register_profile(
    "ci", derandomize=True, max_examples=10, deadline=None, database=None, print_blob=True
)
hypothesis_settings.register_profile("explore", max_examples=100, deadline=None)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


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
