"""Places Mexico's bulletins name: the 32 states and INEGI's municipalities, as lookup tables.

Built once per process, on first use, from `core/data/inegi_municipios.csv`. Keys are folded
(case- and accent-insensitive) surface forms; each key lists what it may denote. Whether a hit
is a place at all is the extractor's business (see `places.py`): this module only knows names.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from core.entities.lexicon import given_names, surnames
from core.entities.text import fold

#: (INEGI state key, everyday name, other surface forms). The everyday name is the canonical one.
STATES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("01", "Aguascalientes", ()),
    ("02", "Baja California", ()),
    ("03", "Baja California Sur", ()),
    ("04", "Campeche", ()),
    ("05", "Coahuila", ("Coahuila de Zaragoza",)),
    ("06", "Colima", ()),
    ("07", "Chiapas", ()),
    ("08", "Chihuahua", ()),
    ("09", "Ciudad de México", ("Distrito Federal", "Ciudad de Mexico")),
    ("10", "Durango", ()),
    ("11", "Guanajuato", ()),
    ("12", "Guerrero", ()),
    ("13", "Hidalgo", ()),
    ("14", "Jalisco", ()),
    ("15", "Estado de México", ("Estado de Mexico", "Edo. de México", "Edo. de Méx.")),
    ("16", "Michoacán", ("Michoacán de Ocampo",)),
    ("17", "Morelos", ()),
    ("18", "Nayarit", ()),
    ("19", "Nuevo León", ()),
    ("20", "Oaxaca", ()),
    ("21", "Puebla", ()),
    ("22", "Querétaro", ("Querétaro de Arteaga",)),
    ("23", "Quintana Roo", ()),
    ("24", "San Luis Potosí", ()),
    ("25", "Sinaloa", ()),
    ("26", "Sonora", ()),
    ("27", "Tabasco", ()),
    ("28", "Tamaulipas", ()),
    ("29", "Tlaxcala", ()),
    ("30", "Veracruz", ("Veracruz de Ignacio de la Llave",)),
    ("31", "Yucatán", ()),
    ("32", "Zacatecas", ()),
)

#: State names that are also surnames or heroes: a place only with a cue.
AMBIGUOUS_STATES = frozenset({"12", "13", "17"})

#: Demonyms, so "Secretaría de Salud mexiquense" resolves to a state.
GENTILICS: dict[str, str] = {
    "aguascalentense": "01",
    "bajacaliforniano": "02",
    "sudcaliforniano": "03",
    "campechano": "04",
    "coahuilense": "05",
    "colimense": "06",
    "chiapaneco": "07",
    "chihuahuense": "08",
    "capitalino": "09",
    "duranguense": "10",
    "guanajuatense": "11",
    "guerrerense": "12",
    "hidalguense": "13",
    "jalisciense": "14",
    "mexiquense": "15",
    "michoacano": "16",
    "morelense": "17",
    "nayarita": "18",
    "neoleones": "19",
    "nuevoleones": "19",
    "oaxaqueno": "20",
    "poblano": "21",
    "queretano": "22",
    "quintanarroense": "23",
    "potosino": "24",
    "sinaloense": "25",
    "sonorense": "26",
    "tabasqueno": "27",
    "tamaulipeco": "28",
    "tlaxcalteca": "29",
    "veracruzano": "30",
    "yucateco": "31",
    "zacatecano": "32",
}

#: Cities known by a name INEGI does not list for their municipality.
CITY_ALIASES: dict[str, str] = {
    "Ciudad Juárez": "08037",
    "Tuxtla": "07101",
    "Neza": "15058",
    "Cabo San Lucas": "03008",
    "San José del Cabo": "03008",
    "Villahermosa": "27004",
    "Xalapa": "30087",
    "Jalapa": "30087",
    "Cuernavaca": "17007",
    "Dolores Hidalgo": "11014",
    "San José Iturbide": "11032",
    "San Nicolás": "19046",
    "Escobedo": "19021",
    "Poza Rica": "30131",
    "San Juan Chamula": "07023",
    "Tuxtepec": "20184",
    "Pinotepa Nacional": "20482",
    "Pinotepa": "20482",
    "Carrillo Puerto": "23002",
    "Díaz Ordaz": "28015",
    "San Pedro": "19019",  # San Pedro Garza García; the bulletin's state decides
    "Parral": "08032",  # Hidalgo del Parral
    "San Juan Parangaricutiro": "16058",  # Nuevo Parangaricutiro, seated in Nuevo San Juan
}

#: Given names and titles that open municipality names taken from people (Benito Juárez...).
_PERSON_OPENERS = frozenset(
    fold(w)
    for w in [
        "Benito",
        "Emiliano",
        "Lázaro",
        "Miguel",
        "Venustiano",
        "Álvaro",
        "Gustavo",
        "Francisco",
        "Vicente",
        "Melchor",
        "José",
        "Juan",
        "Luis",
        "Salvador",
        "Manuel",
        "Ignacio",
        "Mariano",
        "Pedro",
        "Carlos",
        "Felipe",
        "Guillermo",
        "Ángel",
        "Jesús",
        "Valentín",
        "Ricardo",
        "Agustín",
        "Plutarco",
        "Adolfo",
        "Antonio",
        "Rafael",
        "Alberto",
        "Otilio",
        "Aquiles",
        "Hermenegildo",
        "Nicolás",
        "Leonardo",
        "Sebastián",
        "Santiago",
        "Octaviano",
        "Mártir",
        "Andrés",
        "Cosme",
        "Damián",
        "Fernando",
        "Gabriel",
        "General",
        "Doctor",
        "Dr.",
        "Coronel",
        "Licenciado",
        "Profesor",
    ]
)

_MIN_ALIAS_POPULATION = 50_000

#: Heads too generic to stand for their municipality ("Valle de Chalco" is not "Valle"), or
#: that are words, names or surnames ("Martínez de la Torre" is no "Martínez").
_GENERIC_HEADS = frozenset(
    fold(w)
    for w in [
        "Valle",
        "Villa",
        "Boca",
        "Ciudad",
        "Puerto",
        "Mineral",
        "Real",
        "Nuevo",
        "Nueva",
        "Santa",
        "Santo",
        "Santiago",
        "Tierra",
        "Agua",
        "Cerro",
        "Paso",
        "Salto",
        "Playa",
        "Pueblo",
        "Soledad",
        "Reforma",
        "Dolores",
        "General",
        "Heroica",
        "Cuatro",
        "Tres",
        "Pinos",
        "Lagos",
        "Jardín",
        "Vista",
        "Unión",
        "Progreso",
        "Independencia",
        "Juárez",
        "Hidalgo",
        "Bahía",
        "Playas",
        "Palmar",
        "Ciénega",
        "Rincón",
        "Purísima",
        "Encarnación",
        "Martínez",
        "Nombre",
        "Honduras",
        "Benemérito",
        "Noria",
        "Jaral",
        "Cañadas",
        "Sitio",
        "Constancia",
        "Armadillo",
        "Camarón",
        "Lerdo",
        "Marqués",
        "Mártires",
        "Puente",
        "Gran",
        "Frontera",
        "Pluma",
        "Antiguo",
        "Cañada",
        "Mesones",
        "Apóstol",
        "Potosí",
    ]
)


@dataclass(frozen=True, slots=True)
class Place:
    """What a gazetteer key may denote: a state or one municipality of one state."""

    name: str  # canonical: "Chihuahua" (state) or "Ecatepec de Morelos, Estado de México"
    state: str  # INEGI state key
    is_state: bool
    population: int = 0


@dataclass(frozen=True, slots=True)
class Entry:
    """All readings of one folded key, plus whether the key alone is trustworthy."""

    places: tuple[Place, ...]
    lexical_ambiguity: bool  # a common word, surname or hero: needs a place cue
    name_like: bool = False  # a surname or given name ("León", "Allende"), not a common word

    @property
    def municipal_states(self) -> set[str]:
        return {p.state for p in self.places if not p.is_state}


@dataclass(frozen=True, slots=True)
class Gazetteer:
    entries: dict[str, Entry]
    max_words: int
    prefixes: frozenset[str]  # every leading run of words of every key: scanning stops early
    state_names: dict[str, str]  # state key -> everyday name
    state_pattern: str  # regex alternation of state surface forms (for "estado de X")
    state_abbreviations: dict[str, str]  # every short form -> state key ("Gto." -> "11")
    standalone: frozenset[str]  # the short forms that are no Spanish word ("Oax.", not "Son.")


def opens_with_given_name(name: str) -> bool:
    """'Benito Juárez', 'General Escobedo': a municipality named after a person."""
    return fold(name).split(" ", 1)[0] in _PERSON_OPENERS


def leading_state(places: Iterable[tuple[str, int]]) -> tuple[str | None, bool]:
    """The state a text is about: the one its places name most, by mentions, if it clearly
    leads (twice the next); and whether it names any state at all. `places` are canonical
    place names with their mentions ("Ánimas Trujano, Oaxaca" counts for Oaxaca)."""
    counts: Counter[str] = Counter()
    states = state_names()
    for name, mentions in places:
        state = name.rsplit(", ", 1)[-1]
        if state in states:
            counts[state] += max(1, mentions)
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] < 2 * ranked[1][1]):
        return None, bool(ranked)
    return ranked[0][0], True


@cache
def state_names() -> frozenset[str]:
    """The 32 states' everyday names ("Estado de México", "Coahuila")."""
    return frozenset(name for _, name, _ in STATES)


def state_name(key: str) -> str:
    return _state_names()[key]


@cache
def _state_names() -> dict[str, str]:
    return {key: name for key, name, _ in STATES}


def _load_context_only() -> tuple[frozenset[str], frozenset[str]]:
    """All the listed names, and those of them listed as surnames or given names."""
    path = resources.files("core") / "data" / "place_context_only.txt"
    every: set[str] = set()
    names: set[str] = set()
    section = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.lstrip().startswith("#"):
            section = line.lower()
        elif line.strip():
            every.add(fold(line))
            if "surname" in section:
                names.add(fold(line))
    return frozenset(every), frozenset(names)


def _read_abbreviations(rows: list[dict[str, str]]) -> tuple[dict[str, str], frozenset[str]]:
    """INEGI's abbreviations plus the press forms of `state_abbreviations.csv`, and which of
    them may stand alone in running text (the rest only right after "<Town>,")."""
    forms: dict[str, str] = {}
    where: dict[str, str] = {}
    for row in rows:
        forms[row["nom_abr_entidad"].strip()] = row["cve_entidad"]
    path = resources.files("core") / "data" / "state_abbreviations.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            forms[row["form"]] = row["cve_entidad"]
            where[row["form"]] = row["where"]
    table: dict[str, str] = {}
    standalone: set[str] = set()
    for form, key in forms.items():
        for variant in (form, form.upper()):
            table[variant] = key
            if where.get(form, "anywhere") == "anywhere":
                standalone.add(variant)
    return table, frozenset(standalone)


def _read_municipalities() -> list[dict[str, str]]:
    path = resources.files("core") / "data" / "inegi_municipios.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


_HERO_SUFFIX = re.compile(
    r"(\S{4,}) (?:Hidalgo|Juárez|Morelos|Allende|Zaragoza|Jiménez|Guerrero|Bravo|Madero"
    r"|Carranza|Obregón|Ocampo|Matamoros|Galeana|Aldama|Abasolo|Arteaga)"
)
#: Saints' names in town names that the given-name lexicon lacks.
_SAINTS = frozenset({"bautista", "catarina", "bartolo", "lucas", "evangelista", "marcial"})
_SAINT_OF = re.compile(r"(?:San|Santa|Santo) ((?:\S+ ){1,2}?)((\S{4,}) (?:de|del) \S+)")
_SAINT_PREFIX = re.compile(r"(?:(?:San|Santa|Santo) (?:\S+ ){1,2}|Santiago )(\S{5,})")


def _short_heads(name: str) -> list[str]:
    """What people call a municipality INEGI names at length: 'Ecatepec de Morelos' ->
    'Ecatepec'; 'Apaseo el Alto' -> 'Apaseo'; 'La Unión de Isidoro Montes de Oca' -> 'La Unión';
    'Heroica Ciudad de Juchitán de Zaragoza' -> 'Juchitán de Zaragoza' and 'Juchitán'; 'Sabinas
    Hidalgo' -> 'Sabinas'; 'Santa María Huatulco' -> 'Huatulco'; 'General Enrique Estrada' ->
    'Enrique Estrada' (a person's name: the caller marks it as needing a cue)."""
    found: list[str] = []
    if name.startswith("Heroica "):
        name = name.removeprefix("Heroica Ciudad de ").removeprefix("Heroica ")
        found.append(name)
    if name.startswith("General "):
        found.append(name.removeprefix("General "))
    match = re.fullmatch(r"(\S{4,}) (?:de|del|el|la) .+", name)  # "Atotonilco el Grande"
    if match is not None and fold(match.group(1)) not in _GENERIC_HEADS:
        found.append(match.group(1))
    # "La Unión de Isidoro Montes de Oca" -> "La Unión", "Los Reyes de Juárez" -> "Los Reyes":
    # the article makes a generic head a name (common ones need a cue: place_context_only)
    match = re.fullmatch(r"((?:La|El|Los|Las) \S{4,}) (?:de|del) .+", name)
    if match is not None:
        found.append(match.group(1))
    match = _HERO_SUFFIX.fullmatch(name)  # not "Benito Juárez": a person's whole name
    if (
        match is not None
        and not is_person_word(match.group(1))
        and fold(match.group(1)) not in _GENERIC_HEADS | _PERSON_OPENERS
    ):
        found.append(match.group(1))
    # "San Felipe Jalapa de Díaz" -> "Jalapa de Díaz" (not Xalapa), "Santa María Jalapa del
    # Marqués" -> "Jalapa del Marqués": the saint dropped before a "<town> de <name>" rest
    saint_of = _SAINT_OF.fullmatch(name)
    if (
        saint_of is not None
        and all(fold(w) in given_names() or fold(w) in _SAINTS for w in saint_of[1].split())
        and fold(saint_of[3]) not in _GENERIC_HEADS
        and not is_person_word(saint_of[3])
    ):
        found.append(saint_of[2])
    saint = _SAINT_PREFIX.fullmatch(name)
    if saint is not None:
        last, saints = saint.group(1), name.split()[1:-1]
        if (
            all(fold(w) in given_names() or fold(w) in _SAINTS for w in saints)
            and fold(last) not in _GENERIC_HEADS
            and fold(last) not in {fold(state) for _, state, _ in STATES}
            and not is_person_word(last)
        ):
            found.append(last)
    return found


def _spells_out(name: str, seat: str) -> bool:
    """A seat whose name is the municipality's, lengthened ("Parras" -> "Parras de la Fuente",
    "Nuevo Parangaricutiro" -> "Nuevo San Juan Parangaricutiro"): the same town, whatever its
    size; not a person's name ("Mariano Matamoros") nor a numbered district."""
    words, seat_words = fold(name).split(), fold(seat).split()
    if len(seat_words) <= len(words) or any(ch.isdigit() for ch in seat):
        return False
    if seat_words[0] in _PERSON_OPENERS or seat_words[0] in given_names():
        return False
    if seat_words[0] in ("ciudad", "villa", "heroica") or seat_words[-1] == "centro":
        return False
    remaining = iter(seat_words)
    return all(word in remaining for word in words)


_CITY_SEAT = re.compile(r"Ciudad ([A-ZÁÉÍÓÚÑ]\S+(?: [A-ZÁÉÍÓÚÑ]\S+)*)")


def _city_seat_forms(name: str, seat: str) -> list[str]:
    """A seat called "Ciudad <X>" is how the press names the town, whatever its size: "Ciudad
    Altamirano" (Pungarabato), "Ciudad Mante" (El Mante); and "<X>" alone is the town too
    when the municipality is named after it: "Mante" (El Mante), "Madero" (Ciudad Madero)."""
    seat_match = _CITY_SEAT.fullmatch(seat)
    if seat_match is None:
        return []
    forms = [seat]
    bare = seat_match[1]
    if fold(name) in {fold(seat), fold(f"El {bare}"), fold(f"La {bare}")} and " " not in bare:
        forms.append(bare)
    return forms


def is_person_word(word: str) -> bool:
    """A given name or surname ('García', 'Castillo'): no town by itself."""
    key = fold(word)
    return key in given_names() or key in surnames()


@cache
def gazetteer() -> Gazetteer:
    """The lookup tables, built on first use and shared by every extraction."""
    names = _state_names()
    readings: dict[str, dict[tuple[str, bool, str], Place]] = {}
    lexical: set[str] = set()
    person_named: set[str] = set()  # "Terán" of General Terán: a surname first

    def add(surface: str, place: Place) -> None:
        key = fold(surface)
        if key:
            readings.setdefault(key, {})[(place.name, place.is_state, place.state)] = place

    for key, everyday, variants in STATES:
        state_place = Place(everyday, key, True, 10**9)
        for surface in (everyday, *variants):
            add(surface, state_place)
    rows = _read_municipalities()
    by_cve: dict[str, Place] = {}
    for row in rows:
        state_key = row["cve_entidad"]
        try:
            population = int(row["poblacion_total"] or 0)
        except ValueError:
            population = 0
        place = Place(f"{row['nom_municipio']}, {names[state_key]}", state_key, False, population)
        by_cve[row["cve_completa"]] = place
        add(row["nom_municipio"], place)
        # A small town's seat may share its name with a farm or a saint; its short
        # municipality name ("Techaluta", "Mixquiahuala") is only it, unless a person's name.
        big = population >= _MIN_ALIAS_POPULATION or row["nom_municipio"].startswith("Heroica ")
        seat = row["nom_cabecera"].strip()
        aliases = [seat] if big else []
        if not big and _spells_out(row["nom_municipio"], seat):
            aliases.append(seat)  # "Nuevo San Juan Parangaricutiro", "Parras de la Fuente"
        for alias in _city_seat_forms(row["nom_municipio"], seat):
            if is_person_word(alias):
                person_named.add(fold(alias))  # "Madero": a surname first, a town with a cue
            aliases.append(alias)
        for alias in _short_heads(row["nom_municipio"]):
            if row["nom_municipio"].startswith("General "):
                person_named.add(fold(alias))
            elif not big and is_person_word(alias.split()[0]):
                continue
            aliases.append(alias)
        for alias in aliases:
            if alias and fold(alias) != fold(row["nom_municipio"]):
                add(alias, place)
    for alias, cve in CITY_ALIASES.items():
        if cve in by_cve:
            add(alias, by_cve[cve])
    context_only, name_like = _load_context_only()
    entries: dict[str, Entry] = {}
    for key, found in readings.items():
        places = tuple(sorted(found.values(), key=lambda p: (not p.is_state, -p.population)))
        first = key.split()[0]
        ambiguous = key in context_only or first in _PERSON_OPENERS or key in person_named
        if places[0].is_state:
            ambiguous = places[0].state in AMBIGUOUS_STATES
        if ambiguous:
            lexical.add(key)
        entries[key] = Entry(places, key in lexical, key in name_like or key in person_named)
    surfaces = sorted(
        {s for _, everyday, variants in STATES for s in (everyday, *variants)},
        key=len,
        reverse=True,
    )
    state_pattern = "|".join(re.escape(s) for s in surfaces)
    max_words = max(len(k.split()) for k in entries)
    prefixes = frozenset(
        " ".join(key.split()[:n]) for key in entries for n in range(1, len(key.split()) + 1)
    )
    abbreviations, standalone = _read_abbreviations(rows)
    return Gazetteer(entries, max_words, prefixes, names, state_pattern, abbreviations, standalone)


@cache
def _short_forms_by_state() -> dict[str, tuple[str, ...]]:
    gaz = gazetteer()
    forms: dict[str, dict[str, str]] = {name: {} for name in gaz.state_names.values()}
    for _key, everyday, variants in STATES:
        for variant in variants:
            forms[everyday].setdefault(fold(variant), variant)
    for form, key in gaz.state_abbreviations.items():
        for written in (form, re.sub(r"[.\s]", "", form)):  # "D.F." and "DF"
            forms[gaz.state_names[key]].setdefault(fold(written), written)
    return {
        name: tuple(v for k, v in found.items() if k != fold(name)) for name, found in forms.items()
    }


def state_short_forms(name: str) -> tuple[str, ...]:
    """Other ways people write a state ("CDMX", "D.F.", "Distrito Federal"), for the finder;
    () for anything that is not a state's everyday name."""
    return _short_forms_by_state().get(name, ())


def state_of_gentilic(word: str) -> str | None:
    """'mexiquense' / 'oaxaqueña' / 'Chiapanecos' -> state key."""
    key = fold(word)
    for suffix, repl in (("as", "o"), ("os", "o"), ("a", "o"), ("es", "e")):
        if key in GENTILICS:
            break
        if key.endswith(suffix) and key[: -len(suffix)] + repl in GENTILICS:
            key = key[: -len(suffix)] + repl
    return GENTILICS.get(key)
