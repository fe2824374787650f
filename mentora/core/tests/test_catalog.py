"""The Swedish catalog compiles with Babel (what `make messages` and a deploy run), complete."""

from pathlib import Path

from babel.messages.pofile import read_po
from django.conf import settings

CATALOG = Path(settings.BASE_DIR) / "locale" / "sv" / "LC_MESSAGES" / "django.po"


def test_the_swedish_catalog_compiles_with_babel_without_errors_fuzzy_or_untranslated_entries():
    with CATALOG.open("rb") as po:
        catalog = read_po(po)
    messages = [message for message in catalog if message.id]

    assert len(messages) > 1000
    assert [(message.lineno, errors) for message, errors in catalog.check()] == []
    assert [message.id for message in messages if message.fuzzy] == []
    untranslated = [
        message.id
        for message in messages
        if not (all(message.string) if isinstance(message.string, tuple) else message.string)
    ]
    assert untranslated == []
