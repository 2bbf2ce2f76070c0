"""The shape of a Mexican personal name, judged with the name lexicons, and its context.

Bulletins name many people with no role in their clause: lists of governors ("- Marina del
Pilar Ávila Olmeda, Baja California"), councils ("Por el sector obrero: José Luis Carazo
Preciado, Rodolfo González Guzmán y ..."), people beside a known one. A capitalized run is such
a person when it has the shape of a name: one to three given names, then one to three surnames
(particles de, del, de la, de los, y in between), with lexicon support:

- standalone: a known given name first, at least one known surname, three words or more
  ("Luisa María Alcalde Luján");
- with context: a known given name and a known surname ("Selene Cruz"), or three words or more
  ending in two known surnames ("Marath Bolaños López"), when the run is a list item, follows a
  word that introduces people ("asistieron", "consejeros", "acompañado de"), or is coordinated
  with a person already found.

What looks like a name is not a person when it names a place ("Vicente Guerrero", "Benito
Juárez": a municipality), a street, a building or a program (a cue word before it: "calle",
"Escuela", "Programa"), or a building's honorific name (right after an opening quote).
"""

from __future__ import annotations

import re
from enum import Enum

from core.entities.gazetteer import gazetteer
from core.entities.lexicon import folded_set, given_names, ranks, surnames
from core.entities.text import fold

_MAX_GIVEN = 3
_MAX_SURNAMES = 3
_CONTEXT_WINDOW = 400  # characters back to look for a word that introduces people


class Support(Enum):
    NONE = 0
    WITH_CONTEXT = 1
    STANDALONE = 2


def shape_support(words: list[str]) -> Support:
    """How much the lexicons back `words` (a run's name words, particles left out) as a name."""
    folded = [fold(w) for w in words if not w.endswith(".")]  # initials ("J.") carry nothing
    if not 2 <= len(folded) <= _MAX_GIVEN + _MAX_SURNAMES:
        return Support.NONE
    given, family = given_names(), surnames()
    lead = 0
    while lead < min(_MAX_GIVEN, len(folded) - 1) and folded[lead] in given:
        lead += 1
    rest = folded[max(lead, 1) :]  # an unknown first word may be a rare given name ("Layda")
    if len(rest) > _MAX_SURNAMES or (len(folded) == 2 and _rather_given(rest[0])):
        return Support.NONE  # "Miguel Ángel": two given names, no surname
    known = sum(w in family for w in rest)
    if lead and known:
        return Support.STANDALONE if len(folded) >= 3 else Support.WITH_CONTEXT
    if len(folded) >= 3 and folded[-1] in family and folded[-2] in family:
        return Support.WITH_CONTEXT
    return Support.NONE


def _rather_given(word: str) -> bool:
    """True for "Ángel" (more often a given name), False for "Cruz" (more often a surname)."""
    given = ranks("names_mx_given").get(word)
    return given is not None and given < ranks("names_mx_surnames").get(word, given + 1)


_LIST_MARK = re.compile(r"(?:^|\n)[^\S\n]*(?:[-–—•*·▪]|\d{1,2}[.)])?[^\S\n]*$")
_SENTENCE_END = re.compile(r"[.!?]\s|\n\s*\n")


def is_list_item(text: str, start: int) -> bool:
    """The run opens a line, with or without a bullet or a number ("- Samuel García ...")."""
    return bool(_LIST_MARK.search(text, max(0, start - 12), start))


def introduced(text: str, start: int) -> bool:
    """A word that introduces people precedes the run in its sentence ("asistieron", "los
    consejeros", "Por el sector obrero:", "acompañada de")."""
    lo = max(0, start - _CONTEXT_WINDOW)
    window = text[lo:start]
    ends = list(_SENTENCE_END.finditer(window))
    if ends:
        window = window[ends[-1].end() :]
    cues = folded_set("officials_people_cues")
    return any(w in cues for w in fold(window).replace(":", " ").replace(",", " ").split())


#: A word, then maybe "de", "del", "de la" or "de los", then spaces: the pattern
#: "(\S+)\s+(?:(?:de|del|de la|de los)\s+)?$", read backwards on the reversed text, so it is
#: anchored where the name starts instead of searched for from every character before it.
_PLACE_CUE_REVERSED = re.compile(r"\s+(?:(?:ed|led|al ed|sol ed)\s+)?(\S+)")
_QUOTED_BEFORE = re.compile(
    r"[“\"«‘'](?:(?:Dr|Dra|Gral|Lic|Ing|Profr?|Mtro|Mtra)\.|Doctor|Doctora|General)?\s*$"
)
#: What may follow a name on a byline: "(La Jornada)", "/ CAMBIO 22".
_BYLINE = re.compile(r"[^\S\n]*(?:\([^()\n]{1,40}\)|[/|][^\n]{0,40})?[^\S\n]*(?:\n|$)")


def is_quoted_name(text: str, start: int, end: int) -> bool:
    """A building's honorific name in quotes: Hospital de Especialidades "Dr. Bernardo
    Sepúlveda", also when a line break splits the quote; a person is not named in quotes."""
    if _QUOTED_BEFORE.search(text, max(0, start - 12), start):
        return True
    after = text[end : end + 1]
    if after not in ("”", '"', "»", "’"):
        return False
    before = text[max(0, start - 60) : start]
    return "“" in before and "”" not in before[before.rindex("“") :]


def _alone_on_its_line(text: str, start: int, end: int) -> bool:
    """A name that fills its line (bullet aside) and has no such line beside it: a list of
    names has neighbours that open with a given name ("- Juan Pérez López" over "- Ana Ruiz
    Soto"), a byline has none."""
    line_start = text.rfind("\n", 0, start) + 1
    mark = text[line_start:start]
    if not _LIST_MARK.fullmatch("\n" + mark) or not _BYLINE.match(text, end):
        return False
    lines = [ln for ln in text[max(0, line_start - 300) : line_start].splitlines() if ln.strip()]
    after = text[end : end + 300].splitlines()[1:]
    neighbours = lines[-1:] + [ln for ln in after if ln.strip()][:1]
    given = given_names()
    return not any(
        ln.startswith(mark) and len(ln) < 80 and fold((ln[len(mark) :].split() or [""])[0]) in given
        for ln in neighbours
    )


#: An enumeration of capitalized names opened by "en": places ("en A, B y C").
_PLACE_LIST = re.compile(
    r"\ben\s+(?:(?:[A-ZÁÉÍÓÚÑ][\w-]*|de|del|la|las|los|el)\s+)*[A-ZÁÉÍÓÚÑ][\w-]*"
    r"(?:\s*,\s*(?:(?:[A-ZÁÉÍÓÚÑ][\w-]*|de|del|la|las|los|el)\s+)*[A-ZÁÉÍÓÚÑ][\w-]*)*"
    r"(?:\s*,\s*|\s+y\s+|\s*,\s*y\s+)$"
)


#: A name given to something: "llevará el nombre de X", "cambió su nombre por el de X".
_NAMED_AFTER = re.compile(r"(?:\bnombre\s+(?:de|del)|\bpor\s+el\s+de)\s+$")


def names_something_else(text: str, start: int, end: int) -> bool:
    """A place, a street, a building or a program, not a person; or a byline."""
    if fold(text[start:end]) in gazetteer().entries:
        return True  # "Vicente Guerrero", "Benito Juárez", "Emiliano Zapata": municipalities
    if is_quoted_name(text, start, end):
        return True
    if _alone_on_its_line(text, start, end):
        return True  # a byline or a signature, not a mention
    if fold(text[start:end].split(None, 1)[0].rstrip(".")) in _not_people_cues():
        return True  # "Avenida Adolfo López Mateos"
    if _PLACE_LIST.search(text, max(0, start - 120), start):
        return True  # "ubicadas en Jaltenango de la Paz, Nichnamtic y Adolfo López Mateos"
    if _NAMED_AFTER.search(text, max(0, start - 30), start):
        return True  # "cambiar el nombre del hospital por el de Carmen Serdán Alatriste"
    return after_place_cue(text, start)


def after_place_cue(text: str, start: int) -> bool:
    """A word that makes what follows a place, a street or a building ("la alcaldía Miguel
    Hidalgo", "calle de ...", "Escuela Primaria ...") comes right before `start`."""
    cue = _PLACE_CUE_REVERSED.match(text[max(0, start - 40) : start][::-1])
    return cue is not None and fold(cue.group(1)[::-1].rstrip(".")) in _not_people_cues()


def _not_people_cues() -> frozenset[str]:
    return folded_set("officials_not_people_cues")
