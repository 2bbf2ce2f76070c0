"""What sits in an input folder or a file name: pipes, devices, odd bytes, deep trees."""

from __future__ import annotations

import json
import os
import socket
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from core import load_corpus, parse_file
from core.discover import discover
from core.index import Index
from core.visible import is_blank, visible, visible_path
from tui.cli import run

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_003 = next(SEEDS.glob("003_*.txt")).read_bytes()
SEED_004 = next(SEEDS.glob("004_*.txt")).read_bytes()
BAD_NAME = os.fsdecode(b"bad\xff.txt")  # what Python makes of a name that is not UTF-8


def finishes(work: Callable[[], object], seconds: float = 60) -> object:
    """Run `work` in a thread; fail (instead of hanging the suite) if it does not return."""
    box: list[object] = []
    thread = threading.Thread(target=lambda: box.append(work()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "hung (a FIFO opened for reading blocks forever)"
    return box[0]


needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")


@pytest.fixture()
def folder_with_fifo(tmp_path: Path) -> Path:
    (tmp_path / "good.txt").write_bytes(SEED_003)
    os.mkfifo(tmp_path / "pipe.txt")
    return tmp_path


@needs_fifo
def test_fifo_in_a_folder_is_skipped_with_its_reason_by_every_reader(
    folder_with_fifo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    found = discover([folder_with_fifo])
    assert [p.name for p in found.files] == ["good.txt"]
    assert [(p.name, r) for p, r in found.skipped] == [
        ("pipe.txt", "a named pipe (FIFO), not a regular file")
    ]
    for command in ("parse", "entities", "index", "search-text"):
        args = [command, str(folder_with_fifo)]
        if command == "search-text":
            args.insert(1, "IMSS")
        assert finishes(lambda args=args: run(args)) == 0, command
        assert "named pipe (FIFO)" in capsys.readouterr().err
    corpus = finishes(lambda: load_corpus(folder_with_fifo))  # what the app loads
    assert [p.name for p, _ in corpus.skipped] == ["pipe.txt"]  # type: ignore[attr-defined]


@needs_fifo
def test_fifo_socket_and_device_named_explicitly_are_never_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    short = Path(tempfile.mkdtemp(prefix="s"))  # a socket path must be short
    sock_path = short / "sock.txt"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind(str(sock_path))
        found = discover([fifo, sock_path, "/dev/null"])
        assert found.files == []
        assert [r for _, r in found.skipped] == [
            "a named pipe (FIFO), not a regular file",
            "a socket, not a regular file",
            "a character device, not a regular file",
        ]
        # A caller that skips discovery still gets an error, not a hang.
        for path in (fifo, sock_path, Path("/dev/zero")):
            bulletin = finishes(lambda path=path: parse_file(path))
            assert bulletin.failed and bulletin.issues[0].code == "not-regular"  # type: ignore[attr-defined]
        with Index.open(tmp_path / "cache") as index:
            report = finishes(lambda: index.update([fifo, "/dev/zero"], workers=1))
        assert report.failed == 2  # type: ignore[attr-defined]
    finally:
        server.close()
        sock_path.unlink(missing_ok=True)
        short.rmdir()


def test_dangling_symlink_is_reported_as_a_broken_link(tmp_path: Path) -> None:
    (tmp_path / "link.txt").symlink_to(tmp_path / "gone.txt")
    (path,) = discover([tmp_path]).files
    issue = parse_file(path).issues[0]
    assert issue.code == "broken-link"
    assert issue.message == f"broken symbolic link (to {tmp_path / 'gone.txt'})"


def test_thousand_nested_directories_do_not_recurse(tmp_path: Path) -> None:
    deep = tmp_path
    for _ in range(1000):  # one level at a time: mkdir(parents=True) itself recurses
        deep = deep / "d"
        deep.mkdir()
    (deep / "hondo.txt").write_bytes(SEED_003)
    (tmp_path / "arriba.txt").write_bytes(SEED_004)
    try:
        found = discover([tmp_path])
        assert [p.name for p in found.files] == ["arriba.txt", "hondo.txt"]  # depth first
        assert len(found.files[1].parts) - len(tmp_path.parts) == 1001
    finally:  # bottom up: pytest's own clean-up of temp dirs would recurse 1,000 levels
        (deep / "hondo.txt").unlink()
        while deep != tmp_path:
            deep.rmdir()
            deep = deep.parent


def test_walk_order_is_files_then_sorted_subfolders(tmp_path: Path) -> None:
    for name in ("b/2.txt", "a/z/1.txt", "a/0.txt", "c.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(SEED_003)
    rel = [str(p.relative_to(tmp_path)) for p in discover([tmp_path]).files]
    assert rel == ["c.txt", "a/0.txt", "a/z/1.txt", "b/2.txt"]


@pytest.fixture()
def odd_name_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / BAD_NAME).write_bytes(SEED_003)
    (folder / "ok.txt").write_bytes(SEED_004)
    return folder


def test_name_that_is_not_utf8_is_parsed_and_kept_exact_in_json(
    odd_name_folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "250")  # the table does not wrap the file name
    # capsys writes UTF-8 strictly, like a terminal under a UTF-8 locale.
    assert run(["parse", "--json", str(odd_name_folder)]) == 0
    out = capsys.readouterr().out
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) == 2 and all(r["number"] for r in records)
    names = {os.fsencode(Path(r["source"]).name) for r in records}
    assert names == {b"bad\xff.txt", b"ok.txt"}
    assert "\\udcff" in out  # the undecodable byte, escaped: printable and exact

    assert run(["parse", str(odd_name_folder)]) == 0
    assert "bad\\xff.txt" in capsys.readouterr().out  # shown with the byte made visible


def test_name_that_is_not_utf8_goes_through_the_cache(
    odd_name_folder: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", "250")
    cache = ["--cache-dir", str(tmp_path / "cache")]
    for command in (["index"], ["index"], ["entities"], ["search-text", "Zoé"]):
        assert run([*command, str(odd_name_folder), *cache]) == 0, command
    out = capsys.readouterr().out
    assert "bad\\xff.txt" in out  # the search hit's source
    with Index.open(tmp_path / "cache") as index:
        report = index.update(sorted(odd_name_folder.iterdir()))
        assert report.unchanged == 2
        sources = [b.source for b in report.bulletins]
        hits = index.search_text("Zoé Robledo")
    assert str(odd_name_folder / BAD_NAME) in sources
    assert str(odd_name_folder / BAD_NAME) in [h.source for h in hits]
    corpus = load_corpus(odd_name_folder)  # what the app loads
    assert len(corpus.summaries) == 2 and not any(b.failed for b in corpus.summaries)


def test_visible_path_shows_undecodable_bytes_and_controls() -> None:
    assert visible_path(BAD_NAME) == "bad\\xff.txt"
    assert visible_path(os.fsdecode(b"x\x1b\xe9.md")) == "x\u241b\\xe9.md"
    assert visible("a\udcffb") == "a\ufffdb"  # printable in any case, same length


ZERO_WIDTH = "\u200b\u200d\u2060\ufeff"


def test_file_of_zero_width_characters_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "zw.txt"
    path.write_text((ZERO_WIDTH * 50 + "\n") * 20, encoding="utf-8")
    bulletin = parse_file(path)
    assert bulletin.failed and bulletin.issues[0].code == "empty"
    assert is_blank(ZERO_WIDTH + " \n") and not is_blank(ZERO_WIDTH + "IMSS")


def test_zero_width_characters_are_made_visible() -> None:
    shown = visible(f"Zo{ZERO_WIDTH}é")
    assert len(shown) == len(f"Zo{ZERO_WIDTH}é")
    assert not any(ch in shown for ch in ZERO_WIDTH)


def test_read_source_reads_each_format_to_its_own_bound(tmp_path: Path) -> None:
    from core.ingest import MAX_PDF_BYTES, MAX_TEXT_BYTES, read_source

    big = b"%PDF-1.4\n" + b"0" * (3 * 1024 * 1024)
    (tmp_path / "big.pdf").write_bytes(big)
    (tmp_path / "big.txt").write_bytes(big[9:])  # no %PDF- header: text
    assert read_source(tmp_path / "big.pdf") == big  # under the PDF bound: all of it
    assert len(read_source(tmp_path / "big.txt")) == MAX_TEXT_BYTES + 1
    assert MAX_PDF_BYTES > len(big) > MAX_TEXT_BYTES


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc")
def test_file_longer_than_its_stat_size_is_read_whole() -> None:
    from core.ingest import read_source

    assert Path("/proc/self/status").stat().st_size == 0
    assert b"Pid:" in read_source(Path("/proc/self/status"))


@pytest.mark.parametrize("spelling", ["{root}", "{root}/", "{root}//", "{root}/.", "./{rel}"])
def test_files_are_spelled_as_pathlib_joins_them_whatever_the_root_spelling(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spelling: str
) -> None:
    """The walk joins strings (no Path per file): sources must not change with that."""
    root = tmp_path / "corpus"
    (root / "a" / "b").mkdir(parents=True)
    for name in ("uno.txt", "a/dos.md", "a/b/tres.html"):
        (root / name).write_text("BOLETÍN\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    given = spelling.format(root=root, rel="corpus")
    found = discover([given])
    expected = [Path(given) / rel for rel in ("uno.txt", "a/dos.md", "a/b/tres.html")]
    assert found.paths == [str(p) for p in expected]
    assert found.files == expected


def test_current_directory_gives_relative_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "uno.txt").write_bytes(SEED_003)
    (tmp_path / "sub" / "dos.txt").write_bytes(SEED_004)
    monkeypatch.chdir(tmp_path)
    assert discover(["."]).paths == ["uno.txt", str(Path("sub", "dos.txt"))]
    loaded = load_corpus(["."], cache_dir=tmp_path / ".cache")
    assert sorted(s.source or "" for s in loaded.summaries) == [
        str(Path("sub", "dos.txt")),
        "uno.txt",
    ]


def test_a_file_reached_from_two_given_paths_is_read_once(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "uno.txt").write_text("BOLETÍN\n", "utf-8")
    (tmp_path / "dos.txt").write_text("BOLETÍN\n", "utf-8")
    found = discover([tmp_path, tmp_path / "a", tmp_path / "a" / "uno.txt", f"{tmp_path}/"])
    assert found.paths == [str(tmp_path / "dos.txt"), str(tmp_path / "a" / "uno.txt")]


@pytest.mark.parametrize(
    "given",
    ["a.txt", "d/a.txt", "/d/a.txt", "./a.txt", "d//a.txt", "//d/a.txt", "d/./a.txt", "d/",
     "d/.", ".", "..", "../a.txt", "/", "/.", "d/../a.txt", ".hidden", "a b/ç.txt"],
)  # fmt: skip
def test_index_spells_sources_as_pathlib_does(given: str) -> None:
    from core.index import _as_given

    assert _as_given(given) == str(Path(given))
    assert _as_given(Path(given)) == str(Path(given))
