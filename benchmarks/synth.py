"""Synthetic IMSS bulletins for benchmarks only: realistic layouts, many distinct entities.

Each bulletin follows one of the seeds' layouts (hard-wrapped PDF text like seed 000, or the
Markdown-ish export of seeds 003/004), names officials with roles (Spanish given names and
two surnames drawn from sizeable lists, so names rarely repeat), places from the INEGI
gazetteer, numbered IMSS units, and a date in 2012-2026. A few hundred recurring officials
appear across years with changing roles, as in the real archive. Deterministic for a seed.

    python -m benchmarks.synth OUT_DIR --n 10000 [--seed 2024]

OUT_DIR must lie outside the repository: generated corpora are never committed.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

GIVEN_F = [
    "María",
    "Guadalupe",
    "Ana",
    "Laura",
    "Patricia",
    "Verónica",
    "Adriana",
    "Claudia",
    "Gabriela",
    "Alejandra",
    "Leticia",
    "Rosa",
    "Elena",
    "Martha",
    "Silvia",
    "Lucía",
    "Mónica",
    "Norma",
    "Beatriz",
    "Teresa",
    "Sofía",
    "Fernanda",
    "Daniela",
    "Valeria",
    "Mariana",
    "Paola",
    "Karla",
    "Diana",
    "Julieta",
    "Irma",
    "Yolanda",
    "Carmen",
    "Araceli",
    "Rocío",
    "Angélica",
    "Liliana",
    "Brenda",
    "Érika",
    "Itzel",
    "Ximena",
    "Regina",
    "Andrea",
    "Natalia",
    "Lorena",
    "Susana",
    "Isabel",
    "Marisol",
    "Thalía",
    "Delfina",
    "Macarena",
    "Bertha",
    "Frinne",
    "Graciela",
    "Estela",
    "Olga",
    "Esperanza",
    "Concepción",
    "Raquel",
    "Pilar",
    "Dolores",
    "Alma",
    "Rebeca",
    "Miriam",
    "Jimena",
    "Abril",
    "Citlali",
    "Nayeli",
    "Xóchitl",
    "Renata",
    "Carolina",
]
GIVEN_M = [
    "José",
    "Juan",
    "Luis",
    "Carlos",
    "Jorge",
    "Miguel",
    "Francisco",
    "Javier",
    "Alejandro",
    "Roberto",
    "Ricardo",
    "Fernando",
    "Eduardo",
    "Sergio",
    "Arturo",
    "Raúl",
    "Héctor",
    "Manuel",
    "Antonio",
    "Rafael",
    "Martín",
    "Pedro",
    "Jesús",
    "Enrique",
    "Alberto",
    "Víctor",
    "Gerardo",
    "Óscar",
    "Rubén",
    "Andrés",
    "Gustavo",
    "Ramón",
    "Ernesto",
    "Mario",
    "Hugo",
    "Daniel",
    "Alfredo",
    "Armando",
    "Salvador",
    "Ignacio",
    "Guillermo",
    "Marco",
    "Julio",
    "Rodrigo",
    "Emilio",
    "Santiago",
    "Mateo",
    "Diego",
    "Sebastián",
    "Joaquín",
    "Horacio",
    "Zoé",
    "Jens",
    "César",
    "Efraín",
    "Germán",
    "Gilberto",
    "Rogelio",
    "Abel",
    "Leonardo",
    "Octavio",
    "Benjamín",
    "Tomás",
    "Agustín",
    "Ulises",
    "Felipe",
    "Gonzalo",
    "Isaac",
    "Saúl",
    "Aurelio",
]
SURNAMES = [
    "García",
    "Hernández",
    "Martínez",
    "López",
    "González",
    "Rodríguez",
    "Pérez",
    "Sánchez",
    "Ramírez",
    "Cruz",
    "Flores",
    "Gómez",
    "Morales",
    "Vázquez",
    "Reyes",
    "Jiménez",
    "Torres",
    "Díaz",
    "Gutiérrez",
    "Ruiz",
    "Mendoza",
    "Aguilar",
    "Ortiz",
    "Moreno",
    "Castillo",
    "Romero",
    "Álvarez",
    "Méndez",
    "Chávez",
    "Rivera",
    "Juárez",
    "Ramos",
    "Domínguez",
    "Herrera",
    "Medina",
    "Castro",
    "Vargas",
    "Guzmán",
    "Velázquez",
    "Muñoz",
    "Rojas",
    "Contreras",
    "Salazar",
    "Luna",
    "Ortega",
    "Guerrero",
    "Estrada",
    "Bautista",
    "Cortés",
    "Soto",
    "Alvarado",
    "Espinoza",
    "Lara",
    "Ávila",
    "Ríos",
    "Cervantes",
    "Silva",
    "Delgado",
    "Vega",
    "Márquez",
    "Sandoval",
    "Fernández",
    "León",
    "Carrillo",
    "Mejía",
    "Solís",
    "Núñez",
    "Rosas",
    "Campos",
    "Santiago",
    "Valdez",
    "Navarro",
    "Ibarra",
    "Cabrera",
    "Acosta",
    "Peña",
    "Molina",
    "Rosales",
    "Miranda",
    "Trejo",
    "Zamora",
    "Robledo",
    "Calderón",
    "Alipi",
    "Anaya",
    "Duarte",
    "Jáquez",
    "Velasco",
    "Coello",
    "Azuara",
    "Yarzabal",
    "Lagunas",
    "Aragón",
    "Lohmann",
    "Iturburu",
    "Alcalde",
    "Luján",
    "Olivares",
    "Montoya",
    "Olvera",
    "Escobedo",
    "Galindo",
    "Palacios",
    "Quintero",
    "Villarreal",
    "Zúñiga",
    "Barrera",
    "Benítez",
    "Cano",
    "Cárdenas",
    "Cuevas",
    "Fuentes",
    "Garza",
    "Ibáñez",
    "Lozano",
    "Macías",
    "Maldonado",
    "Meza",
    "Montes",
    "Ochoa",
    "Orozco",
    "Pacheco",
    "Padilla",
    "Paredes",
    "Ponce",
    "Quiroz",
    "Rangel",
    "Salas",
    "Serrano",
    "Tapia",
    "Treviño",
    "Valencia",
    "Velasco",
    "Villanueva",
    "Zavala",
    "Arellano",
    "Becerra",
    "Bravo",
    "Cisneros",
    "Córdova",
    "Escamilla",
    "Figueroa",
    "Galván",
    "Gallegos",
    "Hurtado",
    "Lira",
    "Mata",
    "Mora",
    "Nava",
    "Olmos",
    "Pineda",
    "Quintana",
    "Rivas",
    "Saldaña",
    "Toledo",
    "Uribe",
    "Valle",
    "Villegas",
    "Zepeda",
    "Arriaga",
    "Bernal",
    "Carmona",
    "Esquivel",
    "Franco",
    "Gil",
    "Islas",
    "Jaramillo",
]
# (masculine, feminine) roles; "{u}": "del/de la" + a unit, "{s}": state, "{m}": municipality
ROLES = (
    ("director general del IMSS", "directora general del IMSS"),
    ("director de Prestaciones Médicas del IMSS", "directora de Prestaciones Médicas del IMSS"),
    ("director de Administración del IMSS", "directora de Administración del IMSS"),
    ("director de Finanzas del IMSS", "directora de Finanzas del IMSS"),
    (
        "titular de la Unidad del Programa IMSS-Bienestar",
        "titular de la Unidad del Programa IMSS-Bienestar",
    ),
    (
        "titular del Órgano de Operación Administrativa Desconcentrada en {s}",
        "titular del Órgano de Operación Administrativa Desconcentrada en {s}",
    ),
    ("delegado del IMSS en {s}", "delegada del IMSS en {s}"),
    ("gobernador de {s}", "gobernadora de {s}"),
    ("secretario de Salud de {s}", "secretaria de Salud de {s}"),
    ("presidente municipal de {m}", "presidenta municipal de {m}"),
    ("director {u}", "directora {u}"),
    ("jefe de Enfermería {u}", "jefa de Enfermería {u}"),
    (
        "coordinador de Información y Análisis Estratégico",
        "coordinadora de Información y Análisis Estratégico",
    ),
    (
        "coordinador de Atención Integral a la Salud en el Primer Nivel",
        "coordinadora de Atención Integral a la Salud en el Primer Nivel",
    ),
    ("jefe del Servicio de Cardiología {u}", "jefa del Servicio de Cardiología {u}"),
    ("jefe del Servicio de Pediatría {u}", "jefa del Servicio de Pediatría {u}"),
    (
        "secretario general del Sindicato Nacional de Trabajadores del Seguro Social",
        "secretaria general del Sindicato Nacional de Trabajadores del Seguro Social",
    ),
    ("médico familiar {u}", "médica familiar {u}"),
)
TITLES_M = ("", "", "", "el doctor ", "el maestro ", "el licenciado ", "el ingeniero ")
TITLES_F = ("", "", "", "la doctora ", "la maestra ", "la licenciada ", "la enfermera ")
UNITS = (
    "Hospital General de Zona No. {n}",
    "Hospital General Regional No. {n}",
    "Unidad de Medicina Familiar No. {n}",
    "Hospital de Gineco Obstetricia No. {n}",
    "Unidad Médica de Alta Especialidad Hospital de Especialidades No. {n}",
    "Hospital Rural IMSS-Bienestar No. {n}",
    "Unidad de Medicina Familiar con Unidad Médica de Atención Ambulatoria No. {n}",
    "Hospital General de Subzona No. {n}",
)
TOPICS = (
    "la vacunación contra la influenza estacional",
    "la atención de pacientes con diabetes e hipertensión",
    "la ampliación de la infraestructura hospitalaria",
    "el abasto de medicamentos en las unidades médicas",
    "la jornada nacional de continuidad de servicios de salud",
    "la detección oportuna del cáncer de mama",
    "el programa de trasplantes de órganos y tejidos",
    "la incorporación de trabajadoras del hogar al régimen obligatorio",
    "la estrategia de atención a la salud materna",
    "la donación altruista de sangre",
    "la contratación de médicos especialistas",
    "el fortalecimiento del primer nivel de atención",
    "la federalización de los servicios de salud al modelo IMSS-Bienestar",
    "la reducción de los tiempos de espera en urgencias",
    "la rehabilitación de quirófanos y salas de hospitalización",
)
VERBS = ("señaló", "destacó", "afirmó", "explicó", "indicó", "subrayó", "informó", "dijo")
MONTHS = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
]
WEEKDAYS = ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"]
STATES_FALLBACK = (
    ("Ciudad de México", "Ciudad de México"),
    ("Guadalajara", "Jalisco"),
    ("Monterrey", "Nuevo León"),
    ("Puebla", "Puebla"),
    ("Mérida", "Yucatán"),
)
STATE_USUAL = {
    "Coahuila de Zaragoza": "Coahuila",
    "México": "Estado de México",
    "Michoacán de Ocampo": "Michoacán",
    "Veracruz de Ignacio de la Llave": "Veracruz",
}


def _gazetteer_rows() -> list[tuple[str, str]]:
    """(municipality, state) pairs: the package's copy if shipped, else the shared one."""
    candidates: list[Path] = []
    data = resources.files("core") / "data"
    if data.is_dir():
        candidates += [Path(str(p)) for p in data.iterdir() if str(p).endswith(".csv")]
    candidates.append(REPO.parent / "shared" / "gazetteer" / "inegi_municipios.csv")
    for path in candidates:
        try:
            with path.open(encoding="utf-8") as handle:
                rows = list(csv.DictReader(handle))
        except OSError:
            continue
        if rows and {"nom_municipio", "nom_entidad"} <= set(rows[0]):
            return [
                (r["nom_municipio"], STATE_USUAL.get(r["nom_entidad"], r["nom_entidad"]))
                for r in rows
            ]
    return list(STATES_FALLBACK)


@dataclass
class Official:
    name: str
    feminine: bool
    surnames: str


class Generator:
    """All randomness flows from one seeded Random: same seed, same corpus."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.places = _gazetteer_rows()
        self.used_names: set[str] = set()
        self.recurring = [self._new_official() for _ in range(400)]

    def _new_official(self) -> Official:
        rng = self.rng
        for _ in range(50):
            feminine = rng.random() < 0.45
            pool = GIVEN_F if feminine else GIVEN_M
            given = " ".join(rng.sample(pool, 2 if rng.random() < 0.4 else 1))
            first, second = rng.sample(SURNAMES, 2)
            name = f"{given} {first} {second}"
            if name not in self.used_names:
                break
        self.used_names.add(name)
        return Official(name, feminine, f"{first} {second}")

    def _unit(self) -> str:
        return self.rng.choice(UNITS).format(n=self.rng.randint(1, 260))

    def _role(self, official: Official, state: str, town: str, unit: str) -> str:
        role = self.rng.choice(ROLES)[1 if official.feminine else 0]
        return role.format(s=state, m=town, u=_of(unit))

    def _date(self) -> dt.date:
        start = dt.date(2012, 1, 1).toordinal()
        end = dt.date(2026, 12, 31).toordinal()
        return dt.date.fromordinal(self.rng.randint(start, end))

    def bulletin(self, number: int) -> tuple[dt.date, str]:
        rng = self.rng
        town, state = rng.choice(self.places)
        date = self._date()
        units = [self._unit() for _ in range(rng.randint(2, 4))]
        fresh = [self._new_official() for _ in range(rng.randint(9, 13))]
        cast = fresh + rng.sample(self.recurring, 2)
        rng.shuffle(cast)
        roles = [self._role(o, state, town, rng.choice(units)) for o in cast]
        topic, topic2 = rng.sample(TOPICS, 2)
        title = f"IMSS impulsa {topic} en {town}, {state}"
        highlights = [
            f"Se presentaron avances sobre {topic2} {_in(units[0])}.",
            f"Participaron autoridades federales, estatales y municipales de {state}.",
        ]
        paragraphs = self._paragraphs(cast, roles, units, town, state, topic, topic2)
        if rng.random() < 0.5:
            text = _pdf_layout(rng, date, town, state, title, highlights, paragraphs)
        else:
            text = _markdown_layout(rng, date, town, state, number, title, highlights, paragraphs)
        return date, text

    def _paragraphs(
        self,
        cast: list[Official],
        roles: list[str],
        units: list[str],
        town: str,
        state: str,
        topic: str,
        topic2: str,
    ) -> list[str]:
        rng = self.rng
        lead, lead_role = cast[0], roles[0]
        article = "la" if lead.feminine else "el"
        out = [
            f"El Instituto Mexicano del Seguro Social (IMSS) llevó a cabo en {town}, {state}, "
            f"una reunión de trabajo sobre {topic}, encabezada por {article} {lead_role}, "
            f"{lead.name}, quien {rng.choice(VERBS)} que el Instituto mantiene su compromiso "
            "con la población derechohabiente.",
        ]
        rest = list(zip(cast[1:], roles[1:], strict=True))
        while rest:
            official, role = rest.pop()
            shape = rng.random()
            title = rng.choice(TITLES_F if official.feminine else TITLES_M)
            if shape < 0.35:
                out.append(
                    f"Por su parte, {title}{official.name}, {role}, {rng.choice(VERBS)} que "
                    f"{_in(rng.choice(units))} se reforzó {topic2} durante el último año."
                )
            elif shape < 0.6:
                article = "la" if official.feminine else "el"
                out.append(
                    f"En su intervención, {article} {role}, {official.name}, "
                    f"{rng.choice(VERBS)} que {topic} es prioridad para {state}."
                )
            else:
                group = [(official, role)] + [rest.pop() for _ in range(min(len(rest), 3))]
                listed = "; ".join(f"{o.name}, {r}" for o, r in group)
                out.append(f"A la reunión asistieron {listed}, así como personal del Instituto.")
        out.append(
            f"{lead.surnames} {rng.choice(VERBS)} que en {state} se atendieron "
            f"{rng.randint(1000, 90000):,} consultas relacionadas con {topic2}."
        )
        return out


def _of(unit: str) -> str:
    """ "del Hospital ..." / "de la Unidad ...": Spanish contracts the masculine article."""
    return f"de la {unit}" if unit.startswith("Unidad") else f"del {unit}"


def _in(unit: str) -> str:
    return f"en la {unit}" if unit.startswith("Unidad") else f"en el {unit}"


def _long_date(date: dt.date, weekday: bool) -> str:
    day = f"{WEEKDAYS[date.weekday()]} " if weekday else ""
    return f"{day}{date.day} de {MONTHS[date.month - 1]} de {date.year}"


def _pdf_layout(
    rng: random.Random,
    date: dt.date,
    town: str,
    state: str,
    title: str,
    highlights: list[str],
    paragraphs: list[str],
) -> str:
    """Like seed 000: hard-wrapped lines with trailing spaces, capital title, U+F0B7 bullets."""

    def wrap(text: str) -> str:
        return "\n".join(line + " " for line in textwrap.wrap(text, rng.randint(68, 84)))

    kind = rng.choice(("COMUNICADO DE PRENSA", "COMUNICADO CONJUNTO", "BOLETÍN DE PRENSA"))
    parts = [
        "\n \n\n \n",
        f"{kind} \n \n",
        f"{town}, {state}, a {_long_date(date, weekday=False)}. \n \n",
        "\n".join(line + " " for line in textwrap.wrap(title.upper(), 60)) + "\n \n",
        *(f"\uf0b7 {wrap(h)}\n \n" for h in highlights),
        " \n",
        *(f"{wrap(p)}\n \n" for p in paragraphs),
        "\n---o0o--- \n",
    ]
    return "".join(parts)


def _markdown_layout(
    rng: random.Random,
    date: dt.date,
    town: str,
    state: str,
    number: int,
    title: str,
    highlights: list[str],
    paragraphs: list[str],
) -> str:
    """Like seeds 003/004: heading lines, a numbered bulletin, bold bullets, long paragraphs."""
    heading = rng.choice(("BOLETÍN DE PRENSA", "## BOLETÍN CONJUNTO"))
    title_line = f"### **{title}**" if heading.startswith("#") else title
    lines = [
        "\n\n",
        heading,
        "",
        f"{town}, {state}, {_long_date(date, weekday=True)}.",
        "",
        f"No. {number % 900 + 1}/{date.year}.",
        "",
        title_line,
        "",
        *(f"- **{h}**" for h in highlights),
        "",
        *(p + "\n" for p in paragraphs),
        "---o0o---",
        "",
    ]
    return "\n".join(lines)


def generate(n: int, seed: int = 2024) -> Iterator[tuple[str, str]]:
    """Yield (relative path, text) for n bulletins, grouped in one folder per year."""
    generator = Generator(seed)
    for number in range(n):
        date, text = generator.bulletin(number)
        yield f"{date.year}/{number:05d}_{date.isoformat()}.txt", text


def write_corpus(out_dir: Path, n: int, seed: int = 2024) -> list[Path]:
    """Write n bulletins under out_dir (which must not be inside the repository)."""
    out_dir = out_dir.resolve()
    if out_dir == REPO or REPO in out_dir.parents:
        raise ValueError(f"refusing to write a generated corpus inside the repository: {out_dir}")
    written = []
    for relative, text in generate(n, seed):
        path = out_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path, help="where to write (outside the repository)")
    parser.add_argument("--n", type=int, default=10_000, help="number of bulletins")
    parser.add_argument("--seed", type=int, default=2024, help="random seed")
    args = parser.parse_args(argv)
    try:
        files = write_corpus(args.out_dir, args.n, args.seed)
    except ValueError as err:
        parser.error(str(err))
    print(f"wrote {len(files)} bulletins under {args.out_dir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
