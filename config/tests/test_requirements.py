"""The two lock files: a production install (requirements/base.txt) gets none of the
development tools, and development runs the versions production runs."""

import re
from pathlib import Path

REQUIREMENTS = Path(__file__).resolve().parent.parent.parent / "requirements"
DEVELOPMENT_ONLY = {
    "pytest",
    "pytest-django",
    "pytest-xdist",
    "playwright",
    "ruff",
    "aiosmtpd",
    "factory-boy",
    "mypy",
    "django-stubs",
    "time-machine",
}


def pins(name: str) -> dict[str, str]:
    lines = (REQUIREMENTS / name).read_text().splitlines()
    found = (re.match(r"^([A-Za-z0-9_.\-]+)==(\S+)", line) for line in lines)
    return {m.group(1).lower(): m.group(2) for m in found if m}


def test_a_production_install_gets_no_development_tools():
    base = pins("base.txt")
    assert "django" in base and "gunicorn" in base
    assert DEVELOPMENT_ONLY & set(base) == set()


def test_development_installs_the_tools_at_the_runtime_versions():
    base, dev = pins("base.txt"), pins("dev.txt")
    assert set(dev) >= DEVELOPMENT_ONLY
    assert {name: dev.get(name) for name in base} == base


def test_django_ninja_is_gone_until_something_uses_it():
    assert "django-ninja" not in pins("dev.txt")
