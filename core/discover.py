"""Turn the paths a user typed into the files to read, accounting for every one of them.

Nothing is dropped silently: unsupported or hidden files are listed as skipped with a reason,
and paths that do not exist are reported so the CLI can make them a usage error.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path

import core.stored_messages as msg
from core.i18n import _

SUPPORTED_SUFFIXES = frozenset({".txt", ".md", ".pdf", ".html", ".htm"})


@dataclass
class Discovery:
    """Files to parse, files skipped on purpose (with why) and paths that do not exist.

    The files are kept as strings (`paths`), spelled as `str(Path(...))` spells them: a
    `Path` per file costs more than the walk itself in a 50,000-file folder, and
    `load_corpus` needs none. `files` makes them on first use."""

    paths: list[str] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    missing: list[Path] = field(default_factory=list)

    @cached_property
    def files(self) -> list[Path]:
        """The files to parse, as `Path` objects."""
        return [Path(path) for path in self.paths]


def nothing_found(paths: Iterable[str | os.PathLike[str]], skipped: list[tuple[Path, str]]) -> str:
    """What to tell a user whose paths hold no bulletin file: where, and what was skipped, in
    the interface's language.

    "No bulletin files in notes/ (3 skipped: 2 unsupported extension '.jpg', 1 hidden file)".
    """
    where = ", ".join(str(p) for p in paths) or _("the given paths")
    if not skipped:
        supported = ", ".join(sorted(SUPPORTED_SUFFIXES))
        return _("No bulletin files in {paths} (supported: {suffixes})").format(
            paths=where, suffixes=supported
        )
    reasons: dict[str, int] = {}
    for _path, reason in skipped:
        reasons[reason] = reasons.get(reason, 0) + 1
    listed = sorted(reasons.items(), key=lambda item: (-item[1], item[0]))
    shown = ", ".join(f"{count} {msg.localized(reason)}" for reason, count in listed[:4])
    if len(listed) > 4:
        shown += ", " + _("{count} other reasons").format(count=len(listed) - 4)
    return _("No bulletin files in {paths} ({count} skipped: {reasons})").format(
        paths=where, count=len(skipped), reasons=shown
    )


def seeds_dir() -> Path:
    """The bundled seed bulletins: inside the wheel, or the repo's seeds/ in a checkout."""
    packaged = Path(str(resources.files("core"))) / "_seeds"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "seeds"


def not_regular_reason(mode: int) -> str | None:
    """Why a file of this mode is not read (FIFO, socket, device), or None for a regular file.

    Reading a FIFO blocks forever and a device never ends: only regular files are bulletins.
    """
    if stat.S_ISREG(mode):
        return None
    for test, what in (
        (stat.S_ISFIFO, msg.FIFO),
        (stat.S_ISSOCK, msg.SOCKET),
        (stat.S_ISCHR, msg.CHARACTER_DEVICE),
        (stat.S_ISBLK, msg.BLOCK_DEVICE),
        (stat.S_ISDIR, msg.DIRECTORY),
    ):
        if test(mode):
            return msg.NOT_REGULAR_KIND.format(what=what)
    return msg.NOT_REGULAR


def _skip_reason(name: str, path: str, regular: bool) -> str | None:
    """Why the file `name` (at `path`) is not read; string tests, as pathlib's cost 10x more
    per file of a 50,000-file folder."""
    if name.startswith("."):
        return msg.HIDDEN_FILE
    suffix = os.path.splitext(name)[1]
    if suffix.lower() not in SUPPORTED_SUFFIXES:
        return msg.UNSUPPORTED_EXTENSION.format(extension=repr(suffix or "(none)"))
    return None if regular else _type_reason(path)


def _type_reason(path: str | Path) -> str | None:
    """Why `path` is not read: a FIFO, socket or device (stat only: opening a FIFO blocks).

    A broken symbolic link is kept: reading it reports the link and its missing target.
    """
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    return not_regular_reason(mode)


def _walk(root: str, out: Discovery) -> None:
    """Depth first, names sorted, without recursion: 1,000 nested folders are just a list.
    Paths are strings joined as `Path` joins them (`root` is spelled as `str(Path)` does)."""
    seen_dirs: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        here = stack.pop()
        try:
            st = os.stat(here)
        except OSError as err:
            reason = msg.CANNOT_READ_DIRECTORY.format(reason=msg.os_reason(err))
            out.skipped.append((Path(here), reason))
            continue
        key = (st.st_dev, st.st_ino)
        if key in seen_dirs:
            out.skipped.append((Path(here), msg.SYMLINK_LOOP))
            continue
        seen_dirs.add(key)
        try:
            with os.scandir(here) as entries:
                listed = sorted((entry.name, *_kind(entry)) for entry in entries)
        except OSError as err:
            reason = msg.CANNOT_LIST_DIRECTORY.format(reason=msg.os_reason(err))
            out.skipped.append((Path(here), reason))
            continue
        prefix = _child_prefix(here)
        subdirs: list[str] = []
        for name, is_dir, regular in listed:
            path = prefix + name
            if is_dir:
                if name.startswith("."):
                    out.skipped.append((Path(path), msg.HIDDEN_DIRECTORY))
                else:
                    subdirs.append(path)
                continue
            reason = _skip_reason(name, path, regular)
            if reason:
                out.skipped.append((Path(path), reason))
            else:
                out.paths.append(path)
        stack.extend(reversed(subdirs))


def _child_prefix(folder: str) -> str:
    """What goes before a name in `folder`, as `Path(folder) / name` spells it."""
    if folder == os.curdir:
        return ""  # Path(".") / "a" is "a"
    if folder.endswith((os.sep, os.altsep or os.sep)) or (os.name == "nt" and folder[-1:] == ":"):
        return folder  # a root ("/", "C:\\") or a drive ("C:")
    return folder + os.sep


def _kind(entry: os.DirEntry[str]) -> tuple[bool, bool]:
    """(directory, regular file), following symlinks as the walk always has; from the
    directory listing itself, so a folder of 10,000 bulletins costs no stat per file."""
    try:
        return entry.is_dir(), entry.is_file()
    except OSError:
        return False, False


def discover(paths: Iterable[str | os.PathLike[str]]) -> Discovery:
    """Expand files and directories (recursively) into the supported files, in stable order."""
    out = Discovery()
    given = 0
    for raw in paths:
        given += 1
        path = Path(raw)
        if path.is_dir():
            _walk(str(path), out)
        elif path.exists() or path.is_symlink():
            # A file named explicitly is read whatever its extension: the user asked for it,
            # but a FIFO or device is never opened.
            reason = _type_reason(path)
            if reason:
                out.skipped.append((path, reason))
            else:
                out.paths.append(str(path))
        else:
            out.missing.append(path)
    if given > 1:  # a path given twice, or inside a folder also given, is read once
        seen: set[str] = set()
        out.paths = [
            p for p in out.paths if (key := os.path.normcase(p)) not in seen and not seen.add(key)
        ]
    return out
