"""Text that people type, on its way in (names) and on its way out (exports).

Control characters (ESC, VT, NUL, …) have no place in a name: they make an XLSX file impossible
to write (openpyxl refuses them), they pass raw into a CSV where a terminal or a spreadsheet
reads them, and they hide what a name says. Names refuse them at the form with a message that
says which; everything that goes into an export cell passes through `export_cell`, which also
keeps text a spreadsheet would run as a formula as plain text.
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

# Control characters (Cc) and the line and paragraph separators: none belongs on one line.
SINGLE_LINE_FORBIDDEN = ("Cc", "Zl", "Zp")
# In free text (notes, observations) line breaks and tabs are text; the other controls are not.
MULTILINE_ALLOWED = "\n\t"
# A cell starting with one of these is read as a formula by Excel, LibreOffice or Google Sheets
# (OWASP's list for CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def control_characters(value: str) -> list[str]:
    """The distinct characters of `value` that a single line of text may not hold, in order."""
    found: list[str] = []
    for character in value:
        if unicodedata.category(character) in SINGLE_LINE_FORBIDDEN and character not in found:
            found.append(character)
    return found


def refuse_control_characters(value: str) -> None:
    """A validator for names and titles: one line of visible text."""
    found = control_characters(value)
    if found:
        raise ValidationError(
            _("Remove the invisible control characters (%(codes)s); a name is one line of text."),
            code="control_characters",
            params={"codes": ", ".join(f"U+{ord(character):04X}" for character in found)},
        )


def strip_control_characters(value: str, *, keep: str = MULTILINE_ALLOWED) -> str:
    """`value` without control characters, except those in `keep` (line breaks and tabs)."""
    return "".join(
        character
        for character in value
        if character in keep or unicodedata.category(character) not in SINGLE_LINE_FORBIDDEN
    )


def export_cell(value: object) -> object:
    """A value as it may go into a CSV or XLSX cell: text loses its control characters (line
    breaks and tabs stay; a CR LF becomes a line break), and text a spreadsheet would run as a
    formula is kept as text with a leading apostrophe. Other values (numbers, dates) pass as they are."""
    if not isinstance(value, str):
        return value
    value = strip_control_characters(value.replace("\r\n", "\n"))
    if value.startswith(FORMULA_START):
        return "'" + value
    return value


def excerpt(text: str, length: int) -> str:
    """`Truncator(text).chars(length)`: the text cut to `length` characters with an ellipsis.
    A text no longer than that in code points is returned (NFC-normalised, as Truncator does)
    without Truncator's look at each character (combining characters only count for less)."""
    normalized = unicodedata.normalize("NFC", text)
    return normalized if len(normalized) <= length else Truncator(normalized).chars(length)
