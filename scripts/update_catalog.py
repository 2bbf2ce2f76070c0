"""Extract every `_`/`N_`/`ngettext` message from core/ and tui/ and update the Spanish catalog.

Run after adding or changing a user-visible string, then translate the new entries in
core/locale/es/LC_MESSAGES/imss_tui.po (an untranslated or fuzzy entry fails
tests/test_i18n_catalog.py):

    .venv/bin/python -m scripts.update_catalog
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from core.i18n import DOMAIN, LOCALE_DIR

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIRS = ("core", "tui")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
HEADER = {
    "project": "imss-tui",
    "version": "0.1",
    "copyright_holder": "the imss-tui authors",
    "last_translator": "imss-tui authors",
    "language_team": "Spanish",
    "header_comment": "# Spanish messages of imss-tui (MIT licence, like the code).\n"
    "# Update with: python -m scripts.update_catalog",
}


def extract() -> Catalog:
    """A template catalog of every marked message in the source, with where it is used."""
    template = Catalog(domain=DOMAIN, **HEADER)
    for folder in SOURCE_DIRS:
        for filename, lineno, message, comments, context in extract_from_dir(
            ROOT / folder,
            method_map=[("**.py", "python")],
            keywords=KEYWORDS,
            comment_tags=("TRANSLATORS:",),
        ):
            template.add(
                message,
                locations=[(f"{folder}/{filename}", lineno)],
                auto_comments=comments,
                context=context,
            )
    return template


def update(language: str = "es") -> Path:
    """Merge the template into the language's catalog, keeping every translation made."""
    path = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    template = extract()
    if path.exists():
        with path.open("rb") as po:
            catalog = read_po(po, locale=language, domain=DOMAIN)
        template.creation_date = catalog.creation_date  # no churn when nothing changed
        catalog.update(template, update_header_comment=False)
        catalog.obsolete.clear()
    else:
        catalog = Catalog(locale=language, domain=DOMAIN, fuzzy=False, **HEADER)
        catalog.update(template)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as po:
        write_po(po, catalog, width=100, sort_output=False, omit_header=False)
    return path


if __name__ == "__main__":
    written = update(sys.argv[1] if len(sys.argv) > 1 else "es")
    print(f"updated {written.relative_to(ROOT)}")
