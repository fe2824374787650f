from mentora.schedule.tests.conftest import activities, other_professional  # noqa: F401
