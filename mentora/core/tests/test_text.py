"""Names refuse control characters; every export cell loses them and stays formula-safe."""

import pytest
from django.core.exceptions import ValidationError
from django.utils.text import Truncator

from mentora.core.text import control_characters, excerpt, export_cell, refuse_control_characters


@pytest.mark.parametrize("name", ["Ada", "Åsa Öberg-Ängström", "O'Brien", "李 小龙", "Zoë  van der Berg"])
def test_a_name_of_visible_text_passes(name: str):
    refuse_control_characters(name)


@pytest.mark.parametrize(
    "name", ["Ada\x0b", "\x1b[31mAda", "Ada\nLovelace", "Ada\tL", "A\x00", "A\u2028B", "A\x7f"]
)
def test_a_name_with_a_control_character_is_refused_saying_which(name: str):
    with pytest.raises(ValidationError) as raised:
        refuse_control_characters(name)
    codes = raised.value.messages[0]
    assert all(f"U+{ord(c):04X}" in codes for c in control_characters(name))


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("Ada\x0bLovelace", "AdaLovelace"),
        ("\x1b[31mred", "[31mred"),
        ("line\r\nbreak\tand tab", "line\nbreak\tand tab"),
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@cmd", "'@cmd"),
        ("\x07=HYPERLINK(1)", "'=HYPERLINK(1)"),  # stripping first cannot uncover a formula
        ("\tindented", "'\tindented"),
        ("", ""),
        (12, 12),
        (None, None),
    ],
)
def test_export_cell(value: object, cell: object):
    assert export_cell(value) == cell


def test_no_character_below_u0100_leaves_a_control_character_or_starts_a_formula():
    for code in range(0x100):
        for text in (chr(code), chr(code) + "=x", "a" + chr(code) + "b"):
            cell = export_cell(text)
            assert isinstance(cell, str)
            assert control_characters(cell.replace("\n", "").replace("\t", "")) == []
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r", "\n"))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "short",
        "x" * 139,
        "x" * 140,
        "x" * 141,
        "e\u0301" * 100,
        "e\u0301" * 150,
        "a" * 130 + "e\u0301" * 20,
        "Å" * 200,
    ],
)
@pytest.mark.parametrize("length", [1, 10, 140])
def test_excerpt_is_truncators(text: str, length: int):
    assert excerpt(text, length) == Truncator(text).chars(length)
