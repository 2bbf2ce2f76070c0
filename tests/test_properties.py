"""Property-based: arbitrary text never breaks parsing or extraction, and spans stay honest."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core import Bulletin, parse_text

# Text shaped like bulletins (Spanish words, capitals, punctuation, newlines, bullets, Markdown)
# mixed with arbitrary Unicode, control characters and markup.
_WORDS = st.sampled_from(
    [
        "IMSS",
        "Instituto Mexicano del Seguro Social",
        "el",
        "Director General",
        "Gobernador",
        "de",
        "la",
        "Zoé Robledo",
        "Hospital General de Zona",
        "No.",
        "1",
        "número",
        "Oaxaca",
        "Estado de México",
        "Unidades de Medicina Familiar 1, 38 y 65",
        "jueves",
        "30",
        "mayo",
        "2024",
        "31 de febrero de 2024",
        "BOLETÍN DE PRENSA",
        "No. 12/2024",
        "\n",
        "\n\n",
        ",",
        ".",
        "•",
        "\uf0b7",
        "**",
        "#",
        "-",
        "[bold red]x[/]",
        "\x1b[31m",
        "\u202e",
        "\r",
        "\x00",
        "IMSS-\nPROSPERA",
        "González Anaya",
        "dijo",
        "Secretaría de Salud",
        "Reforma",
        "Juárez",
    ]
)
bulletinish = st.lists(st.one_of(_WORDS, st.text(max_size=12)), max_size=80).map(" ".join)


def check(b: Bulletin) -> None:
    Bulletin.model_validate(b.model_dump())
    for entity in b.entities:
        assert entity.name
        for m in entity.mentions:
            assert 0 <= m.start < m.end <= len(b.text)
            assert b.text[m.start : m.end] == m.text
    for part in [*b.highlights, *b.paragraphs]:
        assert part in b.text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_arbitrary_unicode_never_raises(text: str) -> None:
    check(parse_text(text))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bulletinish)
def test_bulletin_shaped_text_never_raises_and_spans_slice(text: str) -> None:
    check(parse_text(text))


@settings(max_examples=150, deadline=None)
@given(bulletinish)
def test_extractor_alone_spans_slice(text: str) -> None:
    from core.entities import extract_mentions

    for m in extract_mentions(text):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
