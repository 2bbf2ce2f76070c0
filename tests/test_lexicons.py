"""The word lists under core/data: no entry twice, no given name where it would block a person."""

from __future__ import annotations

from collections import Counter
from importlib import resources

import pytest

from core.entities import officials
from core.entities.lexicon import folded_set, given_names, surnames, word_list
from core.entities.text import fold

DATA = resources.files("core") / "data"
LISTS = sorted(p.name.removesuffix(".txt") for p in DATA.iterdir() if p.name.endswith(".txt"))
#: Lists of words that stop or end a name: a given name in one of them is a bug.
STOP_LISTS = ("officials_non_name", "officials_leading", "officials_honorifics")


@pytest.mark.parametrize("name", LISTS)
def test_no_list_repeats_an_entry(name: str) -> None:
    counts = Counter(fold(w) for w in word_list(name))
    assert [w for w, n in counts.items() if n > 1] == []


@pytest.mark.parametrize("name", STOP_LISTS)
def test_no_given_name_sits_in_a_stop_list(name: str) -> None:
    assert sorted(folded_set(name) & given_names()) == []


def test_no_given_name_is_a_role_word() -> None:
    role_words = {fold(w) for head in officials.ROLE_HEADS for w in head.split()}
    assert sorted(role_words & given_names()) == []


@pytest.mark.parametrize(
    "word",
    ["Marina", "Rosario", "Pilar", "Luz", "Guadalupe", "Dolores", "Mercedes", "Victoria",
     "Esperanza", "Soledad", "Amparo", "Socorro", "Concepción", "Trinidad", "Cruz", "Rosa",
     "Flor", "León", "Reyes", "Santos", "Ángeles", "Julio", "Zoé"],
)  # fmt: skip
def test_word_like_given_names_are_given_names_and_stop_nothing(word: str) -> None:
    key = fold(word)
    assert key in given_names()
    assert key not in officials.NON_NAME and key not in officials._STRIP


def test_the_lexicons_are_sane() -> None:
    given, family = given_names(), surnames()
    assert 2000 < len(given) < 6000 and 2000 < len(family) < 6000
    assert {"jose", "maria", "zoe", "luisa", "samuel"} <= given
    assert {"hernandez", "robledo", "aburto", "sepulveda", "olmeda", "lujan"} <= family
    not_names = {"de", "del", "la", "los", "y", "hospital", "salud", "instituto", "lic", "dr"}
    assert not_names & (given | family) == set()
    assert {"garcia", "guerrero", "juarez"} & given == set()  # surnames, not first names
    excluded = folded_set("names_excluded")
    assert excluded & (given | family) == set()
