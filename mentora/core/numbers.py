"""Numbers as the active language writes them."""

from django.utils import formats


def grouped(number: int) -> str:
    """A count with the language's thousands separator: "10,000" in English, "10 000" in Swedish."""
    return formats.number_format(number, force_grouping=True)
