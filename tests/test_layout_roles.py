"""Layout records what each block is, so the reader never guesses which lines are header."""

from __future__ import annotations

import pytest
from pilot_helpers import SEEDS

from core import parse_file, parse_text

HEADERS = {
    "000_f30207a0e62f3e58.txt": ["COMUNICADO CONJUNTO", "Chihuahua, Chihuahua, a 24 de julio"],
    "003_6e06f150067975fc.txt": ["BOLETÍN DE PRENSA", "Ciudad de México, jueves", "No. 257/2024"],
    "004_bb5e9225e357136f.txt": ["BOLETÍN CONJUNTO", "Ecatepec, Estado de México", "No. 159/2024"],
}


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.*")), ids=lambda p: p.name[:3])
def test_every_block_of_a_seed_has_one_role(path) -> None:  # type: ignore[no-untyped-def]
    bulletin = parse_file(path)
    blocks = bulletin.text.split("\n\n")
    assert len(bulletin.block_roles) == len(blocks)
    header = [b for b, role in zip(blocks, bulletin.block_roles, strict=True) if role == "header"]
    expected = HEADERS.get(path.name, [])
    assert len(header) == len(expected)
    for block, start in zip(header, expected, strict=True):
        assert block.startswith(start)
    titles = [b for b, r in zip(blocks, bulletin.block_roles, strict=True) if r == "title"]
    assert titles == [bulletin.title]
    highlights = [b for b, r in zip(blocks, bulletin.block_roles, strict=True) if r == "highlight"]
    assert [h.removeprefix("• ") for h in highlights] == bulletin.highlights


def test_a_number_before_the_dateline_is_header_too() -> None:
    bulletin = parse_text(
        "No. 12/2025\n\nMonterrey, Nuevo León, 3 de marzo de 2025\n\n"
        "Inaugura IMSS Unidad de Medicina Familiar en Apodaca\n\n"
        "El Instituto Mexicano del Seguro Social puso en marcha una nueva unidad que dará "
        "servicio a más de cuarenta mil derechohabientes de la zona norte del estado."
    )
    assert bulletin.block_roles == ["header", "header", "title", "body"]
