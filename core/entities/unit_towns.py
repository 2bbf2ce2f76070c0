"""Where a medical unit is: the town a bulletin names right after it, and that town's state.

"HGZ No. 33 de Monterrey", "la UMF No. 7 en Monclova", "el HGR No. 2, ubicado en Ciudad
Juárez, Chihuahua": numbered units repeat across states, so the town that follows one tells
which it is. The town is looked up in the gazetteer; a town several states share is settled
by the state named after it, then by the bulletin's own state, then by a far larger namesake.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from core.entities.gazetteer import gazetteer
from core.entities.text import CAP_WORD, SP_ONCE, SP_ONCE_OPT, fold

#: "del IMSS" between a unit and its honorific or town.
OWNER = (
    rf"del{SP_ONCE}(?:IMSS|Seguro{SP_ONCE}Social"
    rf"|Instituto{SP_ONCE}Mexicano{SP_ONCE}del{SP_ONCE}Seguro{SP_ONCE}Social)"
)
_S = SP_ONCE
#: "de Monterrey", "en Ciudad Juárez, Chihuahua", "ubicada en la ciudad de Tepic".
_LOCATIVE = re.compile(
    rf",?{_S}(?:{OWNER}{_S},?{SP_ONCE_OPT})?"
    rf"(?:(?:ubicad[oa]s?|localizad[oa]s?){_S})?"
    rf"(?:(?:en|de){_S}(?:(?:la{_S}ciudad|el{_S}municipio|la{_S}alcald[ií]a){_S}de{_S})?"
    rf"|del{_S}municipio{_S}de{_S})"
    rf"(?P<city>{CAP_WORD}"
    rf"(?:{_S}(?:(?:de|del|de{_S}la|de{_S}los|la|las|los){_S})?(?!No\b|N[úu]m){CAP_WORD}){{0,4}})"
)
_DOMINANT = 5  # population ratio that lets a town's big namesake decide its state


@lru_cache(maxsize=4096)
def _state_of_town(town: str, named_state: str | None, home: str | None) -> str | None:
    """The state of the longest gazetteer name that opens `town`: the named state when the
    town has a municipality there; the bulletin's own state (`home`, a state key) when it
    has one of that name ("la No. 45 de Hidalgo" in a Nuevo León bulletin); the state it
    names; the only one; or a far more populous namesake's."""
    gaz = gazetteer()
    tokens = town.split()
    for n in range(min(len(tokens), gaz.max_words), 0, -1):
        entry = gaz.entries.get(fold(" ".join(tokens[:n])))
        if entry is None or tokens[n - 1] in ("de", "del", "la", "las", "los"):
            continue
        places = entry.places
        if named_state is not None:
            here = [p for p in places if gaz.state_names[p.state] == named_state]
            return named_state if here else None
        if home is not None and any(p.state == home and not p.is_state for p in places):
            return gaz.state_names[home]
        if places[0].is_state:
            return gaz.state_names[places[0].state]
        states = {p.state for p in places}
        if len(states) == 1 or places[0].population >= _DOMINANT * places[1].population:
            return gaz.state_names[places[0].state]
        return None
    return None


@cache
def _named_state() -> re.Pattern[str]:
    return re.compile(rf"{SP_ONCE_OPT},{SP_ONCE_OPT}(?P<state>{gazetteer().state_pattern})\b")


def locate(text: str, pos: int, home: str | None) -> tuple[str | None, int]:
    """The state of the town named at `pos` ("de Monterrey", "en Tepic, Nayarit"), and where
    that locative ends (`pos` when there is none)."""
    match = _LOCATIVE.match(text, pos)
    if match is None:
        return None, pos
    end = match.end()
    named = _named_state().match(text, end)
    state_name = None
    if named is not None:
        state_name = _canonical_state(named["state"])
        end = named.end()
    return _state_of_town(match["city"], state_name, home), end


@lru_cache(maxsize=256)
def _canonical_state(surface: str) -> str | None:
    entry = gazetteer().entries.get(fold(surface))
    if entry is None or not entry.places[0].is_state:
        return None
    return gazetteer().state_names[entry.places[0].state]
