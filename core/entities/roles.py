"""Roles as offices: one key for every wording of one office, with the bulletin's state.

A bulletin writes one office many ways: "titular del Seguro Social", "director general del
Instituto Mexicano del Seguro Social (IMSS)", "Director General del IMSS". `office(role, home)`
reads a role as written and returns an `Office`: a `key` equal for all of them ("director
general imss": gender, case, accents, articles and acronym glosses dropped, institutions by
their canonical name) and a readable `name` ("Director General del IMSS").

Offices renamed over the years share a key: "delegado del IMSS en Oaxaca", "titular del
Órgano de Operación Administrativa Desconcentrada en Oaxaca", "titular de la Oficina de
Representación en Oaxaca" (`_KEY_SYNONYMS`); so do "Presidenta de México" and "Presidente de
la República", "secretaria de Gobernación" and "titular de la Segob".

Contextual roles take the bulletin's own state (`home`, a state key as
`core.entities.places.context_state` gives it): "Gobernador de la entidad", "gobernador del
estado", "la mandataria estatal", "el mandatario", a bare "Gobernador" in a bulletin about
Oaxaca are all "Gobernador de Oaxaca"; so is "Secretario de Salud estatal" -> "Secretario de
Salud de Oaxaca", "titular del IMSS en la entidad" -> "... en Oaxaca". "director general del
Instituto" takes the bulletin's institution (`body`). A role that names its state keeps it
("Gobernador del estado de Chihuahua" -> "Gobernador de Chihuahua", "el mandatario
mexiquense" -> "Gobernador del Estado de México"). The written role is never replaced:
callers keep it beside the office.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from core.entities.gazetteer import gazetteer, state_of_gentilic
from core.entities.institutions import (
    INSTITUTIONS,
    InstitutionHit,
    find_institutions,
    qualified_name,
    resolve_state_bodies,
    state_key,
)
from core.entities.officials import ROLE_HEADS
from core.entities.text import fold, squash
from core.textfold import words

#: Heads that name a state's governor, whatever the complement says of which state.
_GOVERNOR_HEADS = frozenset({"gobernador", "mandatario"})
#: Heads that stand for the head of the body their complement names ("titular del IMSS").
_HEAD_OF = "titular"
#: What the head of a body is called, by the opening of the body's canonical name; bodies
#: not listed are run by a director general (IMSS, ISSSTE, Birmex, IMSS-Bienestar, ...).
_HEAD_TITLES: tuple[tuple[str, str], ...] = (
    ("secretaria", "secretario"),
    ("gobierno", "gobernador"),
    ("comision", "comisionado"),
    ("fiscalia", "fiscal"),
    ("universidad", "rector"),
)
_ARTICLES = frozenset({"el", "la", "los", "las", "de", "del", "al", "y", "e", "en"})
_IN_A_STATE = re.compile(r"\ben\s+[A-ZÁÉÍÓÚÑ]")
_LEADING_ARTICLE = re.compile(r"^(?i:el|la|los|las)\s+")
#: "de la entidad", "del estado", "de esta entidad", "estatal": the bulletin's own state.
_THIS_STATE = re.compile(
    r"\s+(?:(?P<in>en\s+(?:la|esta)\s+entidad|en\s+(?:el|este)\s+estado)"
    r"|del\s+estado|de\s+(?:la|esta)\s+entidad|de\s+este\s+estado|estatal)\s*$",
    re.IGNORECASE,
)
#: "del Instituto", "de la institución": the institution the bulletin is about.
_THIS_BODY = re.compile(r"^(?:del|de\s+la)\s+(?:[Ii]nstituto|institución)(?=\s|$)")
#: Offices renamed over the years, and wordings of one office: their keys are one.
_KEY_SYNONYMS: tuple[tuple[re.Pattern[str], str], ...] = (
    # the IMSS's delegation became the OOAD (2020), then the Oficina de Representación
    (
        re.compile(
            r"^(?:titular|delegado|director) (?:organo operacion administrativa desconcentrada"
            r"(?: ooad)?|oficina representacion|delegacion)(?: imss)?(?= |$)"
        ),
        "delegado imss",
    ),
    (
        re.compile(
            r"^(?:presidente|titular|jefe) (?:republica|mexico|estados unidos mexicanos"
            r"|(?:poder )?ejecutivo federal)$"
        ),
        "presidente republica",
    ),
    (re.compile(r" federal$"), ""),  # "secretario de Salud federal": the one Secretaría
    (re.compile(r"^director nacional "), "director general "),
    # "titular del Programa IMSS-PROSPERA" heads IMSS-PROSPERA
    (re.compile(r"programa (?=imss (?:bienestar|prospera|oportunidades)\b)"), ""),
)
#: "titular del Poder Ejecutivo estatal": the governor.
_EXECUTIVE = re.compile(r"^\s*(?i:del\s+(?:poder\s+)?ejecutivo)\b")
_CONSTITUTIONAL = re.compile(r"^\s*(?i:constitucional)\b")
_TRAILING_WORD = re.compile(r"\s+([a-záéíóúñ]{4,})$")
#: "(IMSS)" right after the body it glosses.
_GLOSS = re.compile(r"\s*\([^()]{1,20}\)")


@dataclass(frozen=True, slots=True)
class Office:
    """A role normalized: `key` to compare, `name` to show and search."""

    key: str
    name: str


@lru_cache(maxsize=1)
def _heads() -> tuple[re.Pattern[str], dict[str, str]]:
    """The role-word pattern and each head's masculine form (the key is gender-free)."""
    alternation = "|".join(
        re.escape(h).replace(r"\ ", r"\s+") for h in sorted(ROLE_HEADS, key=len, reverse=True)
    )
    known = {fold(word) for head in ROLE_HEADS for word in head.split()}
    masculine: dict[str, str] = {}
    for word in known:
        if word.endswith("esa") and word[:-2] in known:  # alcaldesa
            masculine[word] = word[:-2]
        elif word.endswith("a"):
            for ending in ("o", "e", ""):
                if word[:-1] + ending in known and word[:-1] + ending != word:
                    masculine[word] = word[:-1] + ending
                    break
    return re.compile(rf"(?i:{alternation})(?!\w)"), masculine


def _key_words(head: str, complement: str) -> list[str]:
    """Gender-free head, then the complement's words without articles; "secretario de la
    Secretaría de Salud" says "Secretaría" twice."""
    _, masculine = _heads()
    head_words = [masculine.get(w, w) for w in words(head) if w not in _ARTICLES]
    rest = [w for w in words(complement) if w not in _ARTICLES]
    if rest and head_words and head_words[-1] in ("secretario", "subsecretario"):
        rest = [w for w in rest if w != "secretaria"]
    return head_words + rest


def _title(head: str) -> str:
    return " ".join(w if w in _ARTICLES else w[:1].upper() + w[1:] for w in head.split())


def _state_words(state: str) -> list[str]:
    return [w for w in words(qualified_name("", state)) if w not in _ARTICLES]


def _named_state(complement: str) -> str | None:
    """The state a complement names: "de Oaxaca", "del estado de Chihuahua", "mexiquense"."""
    text = _CONSTITUTIONAL.sub("", complement).strip()
    match = re.match(
        r"(?i:del\s+estado\s+(?:libre\s+y\s+soberano\s+)?de\s+|de\s+(?:la\s+)?)("
        + gazetteer().state_pattern
        + r")\b",
        text,
    )
    if match is not None:
        return state_key(match.group(1))
    if re.fullmatch(r"(?i:del\s+estado\s+de\s+m[ée]xico)", text):
        return "15"
    gentilic = re.fullmatch(r"[a-záéíóúñ]{4,}", text)
    return state_of_gentilic(text) if gentilic else None


def _governor(head: str, complement: str, home: str | None) -> Office | None:
    """'Gobernador de la entidad' and its kin, as the governor of one state."""
    rest = _EXECUTIVE.sub("", _CONSTITUTIONAL.sub("", complement)).strip()
    state = _named_state(rest)
    if state is None and (not rest or _THIS_STATE.fullmatch(" " + rest)):
        state = home
    if state is None:
        return None
    title = "Gobernadora" if fold(head).endswith("a") else "Gobernador"
    return Office(" ".join(["gobernador", *_state_words(state)]), qualified_name(title, state))


@lru_cache(maxsize=1024)
def _institutions_in(complement: str) -> tuple[InstitutionHit, ...]:
    """A role's institutions, read once: a bulletin asks for each role's office with its
    state and without it (`core.entities.extract_entities`)."""
    return tuple(find_institutions(complement))


def _complement(complement: str, home: str | None, body: str | None) -> tuple[str, str | None]:
    """Institutions by canonical name, glosses dropped, the bulletin's state and institution
    for "estatal", "en la entidad", "del Instituto"; and the first institution's name."""
    hits = resolve_state_bodies(list(_institutions_in(complement)), home)
    out, last, first = [], 0, None
    for hit in hits:
        if hit.name is None or hit.start < last:  # the acronym inside its own gloss
            continue
        first = first or hit.name
        out.append(complement[last : hit.start] + hit.name)
        last = hit.end
        gloss = _GLOSS.match(complement, last)
        if gloss is not None:
            last = gloss.end()
    text = squash("".join(out) + complement[last:])
    if first is None and body is not None and _THIS_BODY.match(text):
        text, first = _THIS_BODY.sub(f"{_of(body)} {body}", text, count=1), body
    gentilic = _TRAILING_WORD.search(text)
    state = state_of_gentilic(gentilic.group(1)) if gentilic else None
    if gentilic is not None and state is not None:  # "secretaria de Salud mexiquense"
        return text[: gentilic.start()] + qualified_name("", state), first
    if home is not None:
        text = _THIS_STATE.sub(lambda m: _in_state(m, home), " " + text).strip()
    return text, first


def _of(body: str) -> str:
    """ "de la Secretaría de Salud", "del IMSS"."""
    first = body.split()[0]
    feminine = len(body.split()) > 1 and fold(first).endswith(("a", "ion"))
    return "de la" if feminine else "del"


def _in_state(match: re.Match[str], home: str) -> str:
    """'en la entidad' -> 'en Oaxaca'; 'del estado', 'estatal' -> 'de Oaxaca'."""
    place = qualified_name("", home).strip()
    if match.group("in"):
        return " en " + place.split(" ", 1)[1]
    return " " + place


def _head_of(body: str) -> str:
    """What the head of a body is called: "titular de la Segob" is its secretario."""
    folded = fold(body)
    if folded in _secretariats():
        return "secretario"
    for opening, title in _HEAD_TITLES:
        if folded.startswith(opening):
            return title
    return "director general"


@lru_cache(maxsize=1)
def _secretariats() -> frozenset[str]:
    """Table institutions whose long form is a Secretaría ("SFP", "Segob", "STPS"...)."""
    return frozenset(
        fold(canonical)
        for canonical, patterns in INSTITUTIONS
        if any(fold(p).startswith("(?i:secretar") for p in patterns)
    )


def _secretariat(complement: str, home: str | None) -> str | None:
    """ "secretario de Gobernación" heads the Secretaría de Gobernación: "de Segob" and what
    follows, normalized."""
    if not re.match(r"\s*(?i:de|del)\b", complement):
        return None
    written = "Secretaría " + complement.strip()
    hits = resolve_state_bodies(find_institutions(written), home)
    if not hits or hits[0].start != 0 or hits[0].name is None:
        return None
    return f"de {hits[0].name} {_complement(written[hits[0].end :], home, None)[0]}"


def _synonym(key: str) -> str:
    for pattern, replacement in _KEY_SYNONYMS:
        key = pattern.sub(replacement, key)
    return key


@lru_cache(maxsize=16384)
def office(role: str, home: str | None = None, body: str | None = None) -> Office:
    """The office a written role names, with the bulletin's state (`home`, a state key) and
    institution (`body`, canonical name) where the role implies them."""
    text = _LEADING_ARTICLE.sub("", squash(role))
    pattern, masculine = _heads()
    match = pattern.match(text)
    if match is None:
        return Office(_synonym(" ".join(_key_words("", text))), text)
    head, complement = match.group(), text[match.end() :]
    folded_head = fold(head)
    if masculine.get(folded_head, folded_head) in _GOVERNOR_HEADS or (
        folded_head == _HEAD_OF and _EXECUTIVE.match(complement)
    ):
        governor = _governor(head, complement, home)
        if governor is not None:
            return governor
    normalized, owner = _complement(complement, home, body)
    key_head, key_rest = head, normalized
    # "titular del IMSS", and a bare "director del IMSS": the head of the body
    heads_it = folded_head == _HEAD_OF or (
        masculine.get(folded_head, folded_head) == "director"
        and owner is not None
        and _head_of(owner) == "director general"
        and re.fullmatch(rf"(?:del|de la|de) {re.escape(owner)}(?: en .+)?", normalized)
    )
    if heads_it and owner is not None:
        key_head = _head_of(owner)
        if key_head == "gobernador":  # "titular del Gobierno de Oaxaca"
            return Office(
                " ".join(["gobernador", *words(owner)[1:]]),
                f"Gobernador {owner.removeprefix('Gobierno ')}",
            )
        if key_head == "director general" and owner == "IMSS" and _IN_A_STATE.search(normalized):
            key_head = "delegado"  # "titular del IMSS en Coahuila"
    if masculine.get(folded_head, folded_head) == "secretario":
        key_rest = _secretariat(complement, home) or key_rest
    name = squash(f"{_title(head)} {normalized}")
    return Office(_synonym(" ".join(_key_words(key_head, key_rest))), name)


@lru_cache(maxsize=1)
def _head_words() -> frozenset[str]:
    _, masculine = _heads()
    return frozenset(masculine.get(w, w) for head in ROLE_HEADS for w in words(head))


@lru_cache(maxsize=4096)
def is_bare(key: str) -> bool:
    """A key with no complement: a title alone ("presidente", "director general")."""
    return bool(key) and all(word in _head_words() for word in key.split())
