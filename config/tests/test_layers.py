"""The dependency direction between our apps, checked on the source (STYLE.md): an app imports
only from the apps below it, and never at function level to dodge a cycle. A new app must be
given its place in LAYERS, or this test fails.

Lowest first; the apps of one tuple stand side by side and do not import one another. The audit
trail sits right above core because every app writes audit events (accounts included); it
imports none of them. Outgoing e-mail (`mail`) sits above the audit trail, so it may write audit
events, and below accounts, which sends e-mail (mail knows a user only as AUTH_USER_MODEL's base
class). `testing` (the test cast and factories) and `demo` (which builds on them for the
benchmark) stand on top of everything.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
PACKAGE = ROOT / "mentora"

LAYERS: list[tuple[str, ...]] = [
    ("core",),
    ("audit",),
    ("mail",),
    ("accounts",),
    ("customers",),
    ("notifications",),
    ("catalog",),
    ("applications",),
    ("invitations",),
    ("completion",),
    ("schedule",),
    ("attendance",),
    ("followups", "observations"),
    ("mentoring",),
    ("digests", "learners", "privacy"),
    ("testing",),
    ("demo",),
]
RANK = {app: rank for rank, apps in enumerate(LAYERS) for app in apps}

# Function-level imports of our own modules that are allowed, each with its reason.
FUNCTION_LEVEL_ALLOWED = {
    # A task module and the services it runs import each other: the services enqueue the tasks.
    "mentora/invitations/services.py": "the services enqueue the reminder task",
    # Django's documented place for what needs the app registry (signals, metrics collectors).
    "mentora/core/apps.py": "ready() imports modules that need the app registry",
    "mentora/mail/apps.py": "ready() imports modules that need the app registry",
    "mentora/invitations/tasks.py": "the tasks run the services",
    # Signal receivers are connected once the app registry is ready (Django's AppConfig.ready);
    # the receiver modules import models, which cannot load before then.
    "mentora/accounts/apps.py": "connects the account's signal receivers in ready()",
    "mentora/privacy/apps.py": "connects allauth's signals to the audit trail in ready()",
    "mentora/invitations/apps.py": "connects the receiver of customers.signals.mentor_added_directly in ready()",
    "mentora/notifications/apps.py": "connects the receivers of customers.signals (membership notices) and user_logged_in in ready()",
    # Test factories (factory_boy is a development dependency) load only when the bench runs.
    "mentora/demo/management/commands/bench.py": "development-only dependencies",
}


def _source_files() -> list[Path]:
    return [
        path
        for path in sorted(PACKAGE.rglob("*.py"))
        if "tests" not in path.relative_to(PACKAGE).parts and "migrations" not in path.parts
    ]


def _app_of(path: Path) -> str:
    return path.relative_to(PACKAGE).parts[0]


def _imported_modules(node: ast.AST, path: Path) -> list[str]:
    """The dotted names of our modules an import statement brings in."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names if alias.name.startswith("mentora.")]
    if isinstance(node, ast.ImportFrom):
        if node.level:  # relative: resolve against the file's package
            package = list(path.relative_to(ROOT).with_suffix("").parts[:-1])
            base = package[: len(package) - node.level + 1]
            return [".".join([*base, node.module] if node.module else base)]
        if node.module and node.module.startswith("mentora."):
            return [node.module]
    return []


def _imports(path: Path, source: str | None = None) -> list[tuple[int, str, bool]]:
    """(line, module, at function level) for every import of our modules in `path` (or in
    `source`, read as if it were that file)."""
    tree = ast.parse(path.read_text() if source is None else source, filename=str(path))
    found = []

    def walk(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            nested = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
            for module in _imported_modules(child, path):
                found.append((child.lineno, module, in_function))
            walk(child, nested)

    walk(tree, False)
    return found


def test_every_app_has_a_place_in_the_layers():
    apps = {path.name for path in PACKAGE.iterdir() if (path / "__init__.py").exists()}
    assert apps - set(RANK) == set()


def test_no_app_imports_one_above_it_or_beside_it():
    wrong = []
    for path in _source_files():
        app = _app_of(path)
        for line, module, _ in _imports(path):
            target = module.split(".")[1]
            if target != app and target in RANK and RANK[target] >= RANK[app]:
                wrong.append(f"{path.relative_to(ROOT)}:{line} {app} imports {module}")
    assert wrong == []


def test_no_function_level_imports_of_our_modules():
    wrong = []
    for path in _source_files():
        relative = str(path.relative_to(ROOT))
        if relative in FUNCTION_LEVEL_ALLOWED or _app_of(path) == "testing":
            continue
        wrong += [f"{relative}:{line} {module}" for line, module, nested in _imports(path) if nested]
    assert wrong == []


@pytest.mark.parametrize(
    ("path", "source", "expected"),
    [
        (
            "schedule/probe.py",
            "from mentora.mentoring.selectors import x\n",
            [(1, "mentora.mentoring.selectors", False)],
        ),
        (
            "schedule/probe.py",
            "def f():\n    from .models import Event\n",
            [(2, "mentora.schedule.models", True)],
        ),
        ("schedule/calendar/probe.py", "from ..access import a\n", [(1, "mentora.schedule.access", False)]),
        (
            "schedule/probe.py",
            "import mentora.attendance.models\n",
            [(1, "mentora.attendance.models", False)],
        ),
    ],
)
def test_the_checker_sees_absolute_relative_and_nested_imports(path, source, expected):
    assert _imports(PACKAGE / path, source) == expected
