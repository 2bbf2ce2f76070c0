"""The Spanish catalog covers every message the code marks, and each translation keeps the
message's placeholders, so no user ever sees English in Spanish or a broken format."""

from __future__ import annotations

import re
from string import Formatter

import pytest
from babel.messages.pofile import read_po

from core.i18n import DOMAIN, LOCALE_DIR
from scripts.update_catalog import extract

PO_PATH = LOCALE_DIR / "es" / "LC_MESSAGES" / f"{DOMAIN}.po"


@pytest.fixture(scope="module")
def catalog():
    with PO_PATH.open("rb") as po:
        return read_po(po, locale="es", domain=DOMAIN)


def _ids(message_id: str | tuple[str, ...]) -> tuple[str, ...]:
    return message_id if isinstance(message_id, tuple) else (message_id,)


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(text) if name is not None}


def test_every_marked_message_is_translated(catalog) -> None:
    untranslated = []
    for message in extract():
        if not message.id:
            continue
        entry = catalog.get(message.id, context=message.context)
        strings = _ids(entry.string) if entry is not None else ()
        if entry is None or entry.fuzzy or not all(strings):
            untranslated.append(_ids(message.id)[0])
    assert not untranslated, "run `python -m scripts.update_catalog` and translate: " + "; ".join(
        untranslated
    )


def test_no_stale_or_fuzzy_entries(catalog) -> None:
    marked = {message.id for message in extract() if message.id}
    stale = [m.id for m in catalog if m.id and m.id not in marked]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert not stale, f"entries no code uses (run scripts.update_catalog): {stale}"
    assert not fuzzy, f"fuzzy entries to review: {fuzzy}"


def test_translations_keep_placeholders_and_markup_free(catalog) -> None:
    for message in catalog:
        if not message.id:
            continue
        source = _ids(message.id)
        wanted = set().union(*(_fields(s) for s in source))
        for translated in _ids(message.string):
            assert _fields(translated) == wanted, (source, translated)
            # %-style placeholders too (argparse's messages use them).
            assert sorted(re.findall(r"%\(\w+\)s|%[sd]", translated)) == sorted(
                re.findall(r"%\(\w+\)s|%[sd]", source[0])
            ), (source, translated)
