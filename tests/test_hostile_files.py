"""Whatever users downloaded: every file is accounted for, with a reason, and nothing crashes."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from core import parse_file
from core.discover import discover

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_003 = next(SEEDS.glob("003_*.txt")).read_bytes()


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def codes(path: Path) -> list[str]:
    return [issue.code for issue in parse_file(path).issues]


def test_nul_bytes_are_removed_with_a_warning(tmp_path: Path) -> None:
    data = SEED_003.replace(b"Zo\xc3\xa9 Robledo", b"Zo\xc3\xa9\x00 Robledo")
    b = parse_file(write(tmp_path, "nul.txt", data))
    assert not b.failed
    assert "nul-bytes" in codes(tmp_path / "nul.txt")
    assert "\x00" not in b.text and "Zoé Robledo" in b.text


def test_invalid_utf8_falls_back_to_cp1252_with_a_warning(tmp_path: Path) -> None:
    data = SEED_003.replace(b"Salud", b"Salud\xff\xfe", 1)
    b = parse_file(write(tmp_path, "bad-utf8.txt", data))
    assert not b.failed and b.number == "257/2024"
    assert "encoding" in [i.code for i in b.issues]


def test_50_mb_text_file_is_bounded_in_time_and_warned(tmp_path: Path) -> None:
    path = write(tmp_path, "huge.txt", SEED_003 * (50 * 1024 * 1024 // len(SEED_003)))
    b = parse_file(path)
    assert "truncated" in [i.code for i in b.issues]
    assert len(b.text) <= 2 * 1024 * 1024  # only the first 2 MB are read and kept


def test_single_million_character_line(tmp_path: Path) -> None:
    line = ("la reunión de trabajo con el IMSS en Oaxaca, " * 30000)[:1_000_000]
    b = parse_file(write(tmp_path, "line.txt", line.encode()))
    assert not b.failed
    assert len(b.text) == len(line.strip())


def test_pdf_without_text_layer_is_scanned_error(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")  # an "image": no text at all
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    b = parse_file(path)
    assert b.failed and b.issues[0].code == "pdf-no-text"
    assert "scanned PDF" in b.issues[0].message


def _text_pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    pdf.multi_cell(0, 6, "BOLETIN DE PRENSA\n\nCiudad de Mexico, 3 de abril de 2024.\n\nTitulo")
    return bytes(pdf.output())


def test_encrypted_pdf_is_a_clear_error(tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(_text_pdf())).pages:
        writer.add_page(page)
    writer.encrypt(user_password="secreto", algorithm="RC4-128")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    b = parse_file(path)
    assert b.failed and b.issues[0].code == "pdf-encrypted"
    assert "password" in b.issues[0].message


def test_truncated_pdf_is_a_clear_error(tmp_path: Path) -> None:
    data = _text_pdf()
    b = parse_file(write(tmp_path, "cut.pdf", data[: len(data) // 3]))
    assert b.failed
    assert b.issues[0].code in {"pdf-unreadable", "pdf-no-text"}


def test_png_renamed_txt(tmp_path: Path) -> None:
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(256)
    b = parse_file(write(tmp_path, "photo.txt", data))
    assert b.failed and "PNG image" in b.issues[0].message


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "secret.txt", SEED_003)
    path.chmod(0)
    if os.geteuid() == 0:  # root reads anything: make the OS say no the way it would
        real_open = os.open

        def deny(name: object, *args: object, **kwargs: object) -> int:
            if Path(str(name)) == path:
                raise PermissionError(13, "Permission denied", str(name))
            return real_open(name, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(os, "open", deny)
    b = parse_file(path)
    assert b.failed and b.issues[0].code == "permission"
    assert b.issues[0].message == "permission denied"


def test_directory_symlink_loop_is_reported_not_followed_forever(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", SEED_003)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "loop").symlink_to(tmp_path, target_is_directory=True)
    found = discover([tmp_path])
    assert [p.name for p in found.files] == ["a.txt"]
    assert any("symlink loop" in reason for _, reason in found.skipped)


def test_file_deleted_between_listing_and_reading(tmp_path: Path) -> None:
    path = write(tmp_path, "gone.txt", SEED_003)
    found = discover([tmp_path])
    path.unlink()
    (b,) = [parse_file(p) for p in found.files]
    assert b.failed and b.issues[0].code == "not-found"
    assert b.source == str(path)


def test_unsupported_and_hidden_files_are_counted_not_dropped(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", SEED_003)
    write(tmp_path, "photo.jpg", b"\xff\xd8\xff")
    write(tmp_path, ".DS_Store", b"\x00")
    (tmp_path / ".git").mkdir()
    found = discover([tmp_path])
    reasons = {p.name: r for p, r in found.skipped}
    assert reasons == {
        ".DS_Store": "hidden file",
        ".git": "hidden directory",
        "photo.jpg": "unsupported extension '.jpg'",
    }
