"""The README's configuration table is one table (no blank line splits it) and names every
environment variable the settings read."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEADER = "| variable | default | meaning |"
INTERNAL = {"MENTORA_BENCHMARK"}  # set by the benchmark's own settings, not by an operator


def _configuration_table() -> list[str]:
    lines = (ROOT / "README.md").read_text().splitlines()
    start = lines.index(HEADER)
    rows = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        rows.append(line)
    return rows


def test_the_configuration_table_is_one_table_naming_every_variable_the_settings_read():
    rows = _configuration_table()
    after = (ROOT / "README.md").read_text().split("\n".join(rows), 1)[1].lstrip("\n").splitlines()
    read = set()
    for settings_file in (ROOT / "config" / "settings").glob("*.py"):
        read |= set(re.findall(r"env_[a-z]+\(\s*\"([A-Z0-9_]+)\"", settings_file.read_text()))
    documented = {name for row in rows for name in re.findall(r"`([A-Z0-9_]+)`", row.split("|")[1])}

    assert len(rows) > 40
    assert all(row.count("|") >= 4 for row in rows)
    assert not (after and after[0].startswith("| `")), "a blank line splits the configuration table"
    assert read - INTERNAL - documented == set()
