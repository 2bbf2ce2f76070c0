"""The extractor's shortcuts must agree with the slow definitions they stand in for.

`_cannot_reach` skips the role-tail regex only where it surely fails, `word_leads` equals
"every letter run, its first four letters folded", and the place cue read backwards equals its
forward pattern; if one drifts, entities change silently.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from core.entities.officials import _ROLE_TO_NAME, _cannot_reach
from core.entities.person_names import _PLACE_CUE_REVERSED
from core.entities.text import fold, word_leads

_PIECES = st.sampled_from(
    [
        " ",
        "  ",
        "\n",
        " \n ",
        ",",
        ", ",
        ".",
        ";",
        ":",
        '"',
        "“",
        "”",
        "(",
        ")",
        "(IMSS)",
        "(SFP; federal)",
        " del IMSS",
        " de la Secretaría de Salud",
        " general",
        " y el ",
        " quien ",
        " de",
        " doctor ",
        "Dr.",
        " c.p. ",
        "lic.",
        "en Oaxaca",
        "Á",
    ]
)
_GAPS = st.one_of(st.lists(_PIECES, max_size=12).map("".join), st.text(max_size=40))


@settings(max_examples=600, deadline=None)
@given(_GAPS)
def test_role_tail_precheck_only_skips_gaps_the_pattern_rejects(gap: str) -> None:
    text = "director" + gap + "Juan Pérez"
    if _cannot_reach(gap):
        assert _ROLE_TO_NAME.fullmatch(text, len("director"), len("director") + len(gap)) is None


def test_role_tail_precheck_keeps_real_role_gaps() -> None:
    for gap in [" general del IMSS, ", " del estado de Chihuahua, doctor ", " ", " (SFP), "]:
        assert not _cannot_reach(gap)
        assert _ROLE_TO_NAME.fullmatch(gap + "X", 0, len(gap)) is not None


_WORD = re.compile(r"[^\W\d_]+")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_word_leads_are_folded_openings_of_letter_runs(text: str) -> None:
    expected = tuple((m.start(), fold(m.group()[:4])) for m in _WORD.finditer(text))
    assert word_leads(text) == expected


def test_word_leads_on_bulletin_text() -> None:
    text = "El Director General del IMSS, Zoé Robledo, visitó el HGZ No. 1-A en Ecatepec."
    leads = dict(word_leads(text))
    assert leads[text.index("Zoé")] == "zoe"
    assert leads[text.index("Director")] == "dire"
    assert leads[text.index("A en")] == "a"


_CUE_WINDOWS = st.lists(
    st.sampled_from(
        [
            *(" ", "  ", "\n", "\t", "de", "del", "la", "los", "calle", "Av.", "ed", "é"),
            *(" de ", " del ", " de la ", " de los ", "calle de los ", "la de "),
        ]
    ),
    max_size=10,
).map("".join)


@settings(max_examples=1000, deadline=None)
@given(_CUE_WINDOWS)
def test_place_cue_read_backwards_equals_the_forward_pattern(window: str) -> None:
    forward = re.search(r"(\S+)\s+(?:(?:de|del|de la|de los)\s+)?$", window)
    backward = _PLACE_CUE_REVERSED.match(window[::-1])
    assert (forward and forward.group(1)) == (backward and backward.group(1)[::-1])
