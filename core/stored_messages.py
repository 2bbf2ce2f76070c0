"""Messages kept in data, said in the reader's language only when shown.

A bulletin's issues are cached in SQLite and printed by `parse --json`; the index's notices
go into `index --json`. They are always written in English, so neither the cache nor the JSON
depends on who ran the command. `localized()` reads one back in the interface's language by
matching it against the templates below, whose Spanish is in the catalog. Producers build
their messages with `.format()` on these same constants, so the two cannot drift; a message
no template matches (an exception's own text) is shown as it is.
"""

from __future__ import annotations

import errno
import re
from functools import cache

from core.i18n import DEFAULT_LANGUAGE, N_, _, current_language

# -- reading a file (core/ingest.py, core/parse.py) ----------------------------------------------
THIS_IS = N_("this is {what}, not a text bulletin")
PNG_IMAGE = N_("a PNG image")
JPEG_IMAGE = N_("a JPEG image")
GIF_IMAGE = N_("a GIF image")
ZIP_ARCHIVE = N_("a ZIP archive (DOCX/XLSX?)")
OFFICE_DOCUMENT = N_("an old Office document")
GZIP_ARCHIVE = N_("a gzip archive")
EXECUTABLE = N_("an executable")
INVALID_ENCODING = N_("invalid {encoding} text: {reason}")
NUL_BINARY = N_("binary data (NUL bytes), not a text bulletin")
NOT_UTF8_OR_CP1252 = N_("binary data: neither UTF-8 nor CP1252 text")
MIXED_ENCODING = N_("not valid UTF-8 on {lines}; those bytes decoded as Windows-1252 (CP1252)")
ONE_LINE = N_("line {numbers}")
SOME_LINES = N_("lines {numbers}")
MANY_LINES = N_("lines {numbers} and {more} more")
CONTROL_CHARACTERS = N_("binary data: mostly control characters, not text")
PDF_PAGES_CUT = N_(
    "text longer than 2 million characters by page {page} of {pages}: only those pages were read"
)
PDF_ENCRYPTED = N_("encrypted PDF: {reason}")
PDF_PASSWORD = N_("encrypted PDF: a password is required")
PDF_DAMAGED = N_("cannot read PDF (damaged or truncated?): {reason}")
PDF_UNREADABLE = N_("cannot read PDF: {reason}")
PDF_NO_TEXT = N_("scanned PDF, no text layer (OCR it first)")
HTML_DEPTH = N_("HTML nested deeper than {depth} levels: flattened")
NUL_REMOVED = N_("NUL bytes removed from the text")
TERMINAL_SEQUENCES_REMOVED = N_("terminal control sequences removed from the text")
BROKEN_LINK = N_("broken symbolic link (to {target})")
FILE_GONE = N_("file not found (deleted while reading?)")
PERMISSION_DENIED = N_("permission denied")
IS_DIRECTORY = N_("is a directory, not a file")
CANNOT_READ = N_("cannot read: {reason}")
FILE_CUT = N_("file larger than {size} MB: only the start was read")
PDF_TOO_LARGE = N_("PDF larger than {size} MB; not a press bulletin")
TEXT_CUT = N_("text longer than 2 million characters: only the start is kept")
EMPTY_FILE = N_("no text in file (empty or whitespace only)")
INVISIBLE_TEXT = N_("no visible text in file (zero-width characters only)")
EMPTY_TEXT = N_("no text (empty or whitespace only)")
NO_DATELINE = N_("no dateline with a date")
NO_TITLE = N_("no title found")
ENTITIES_FAILED = N_("entity extraction failed: {reason}")
ESTIMATE_FAILED = N_("date estimate failed: {reason}")
# -- finding files (core/discover.py): skip reasons, also a file's error when it is read
HIDDEN_FILE = N_("hidden file")
HIDDEN_DIRECTORY = N_("hidden directory")
UNSUPPORTED_EXTENSION = N_("unsupported extension {extension}")
CANNOT_READ_DIRECTORY = N_("cannot read directory: {reason}")
CANNOT_LIST_DIRECTORY = N_("cannot list directory: {reason}")
SYMLINK_LOOP = N_("directory already visited (symlink loop)")
NOT_REGULAR_KIND = N_("{what}, not a regular file")
NOT_REGULAR = N_("not a regular file")
FIFO = N_("a named pipe (FIFO)")
SOCKET = N_("a socket")
CHARACTER_DEVICE = N_("a character device")
BLOCK_DEVICE = N_("a block device")
DIRECTORY = N_("a directory")
# -- dates (core/dates.py, core/estimate.py) ----------------------------------------------------
IMPOSSIBLE_DATE = N_("impossible date {text}")
UNREAD_DATE = N_("could not read date {text}")
WRONG_WEEKDAY = N_("{text}: {date} is a {actual}, not a {weekday}")
NAME_USED_FROM = N_('"{mention}" ({office}) was used from {start}')
NAME_USED_UNTIL = N_('"{mention}" ({office}) was used until {end}')
HELD_FROM = N_("{mention} was {office} from {start}")
HELD_UNTIL = N_("{mention} was {office} until {end}")
ESTIMATE_CONFLICT = N_(
    "no date estimate: {since} but {until} (one of them is misread or the text mixes periods)"
)
CONTRADICTION = N_("{reason}; bulletin dated {day}")
# -- the index cache (core/index.py) ------------------------------------------------------------
CACHE_UNAVAILABLE = N_(
    "cache unavailable in {folder} ({reason}); working without a cache this time"
)
CACHE_UNWRITABLE = N_(
    "cannot write the cache in {folder} ({reason}); working without a cache this time"
)
CACHE_DAMAGED = N_("the cache was damaged ({reason}); rebuilt it")
CACHE_CORRUPT = N_("the cache file {path} was corrupt ({reason}); rebuilt it")
CACHE_SCHEMA = N_("the cache had schema version {old}, this version uses {new}; rebuilt it")
PARSER_CHANGED = N_("the parser changed since the cache was built; re-parsing {count} files")
ENTITIES_DAMAGED = N_("the cached entities could not be read; resolved them again")

# -- what a dating signal means (core/data/dating_signals.csv, the evidence's `office`) ------
SIGNAL_MEANINGS: tuple[str, ...] = (
    N_("name of the IMSS programme for the poor"),
    N_(
        "name of the IMSS programme (and since 2022 the public body) for people without "
        "social security"
    ),
    N_("name of Mexico City before the political reform"),
    N_("name of the social development ministry since the 2018 reform"),
    N_("name of the social development ministry until the 2018 reform"),
    N_("acronym of the Secretaría de Desarrollo Social"),
    N_("health insurance for people without social security"),
    N_("federal health institute created by the 2019 reform"),
    N_("acronym of the Instituto de Salud para el Bienestar"),
    N_("name of the disease given by the WHO on 2020-02-11"),
    N_("name of the virus given on 2020-02-11"),
)
# -- the operating system's reasons (OSError.strerror), by errno: the same words everywhere -------
OS_ERRORS: dict[int, str] = {
    errno.ENOENT: N_("No such file or directory"),
    errno.EACCES: N_("Permission denied"),
    errno.EPERM: N_("Operation not permitted"),
    errno.EISDIR: N_("Is a directory"),
    errno.ENOTDIR: N_("Not a directory"),
    errno.ENOSPC: N_("No space left on device"),
    errno.EROFS: N_("Read-only file system"),
    errno.ELOOP: N_("Too many levels of symbolic links"),
    errno.ENAMETOOLONG: N_("File name too long"),
    errno.EFBIG: N_("File too large"),
    errno.EIO: N_("Input/output error"),
    errno.EMFILE: N_("Too many open files"),
    errno.EDQUOT: N_("Disk quota exceeded"),
}


def os_reason(err: OSError) -> str:
    """Why an OSError happened, in English words `localized` knows (the C library's own
    words follow no language setting of ours)."""
    return OS_ERRORS.get(err.errno or 0) or err.strerror or str(err)


#: Every template above.
TEMPLATES: tuple[str, ...] = (
    *OS_ERRORS.values(),
    *SIGNAL_MEANINGS,
    THIS_IS,
    PNG_IMAGE,
    JPEG_IMAGE,
    GIF_IMAGE,
    ZIP_ARCHIVE,
    OFFICE_DOCUMENT,
    GZIP_ARCHIVE,
    EXECUTABLE,
    INVALID_ENCODING,
    NUL_BINARY,
    NOT_UTF8_OR_CP1252,
    MIXED_ENCODING,
    ONE_LINE,
    SOME_LINES,
    MANY_LINES,
    CONTROL_CHARACTERS,
    PDF_PAGES_CUT,
    PDF_ENCRYPTED,
    PDF_PASSWORD,
    PDF_DAMAGED,
    PDF_UNREADABLE,
    PDF_NO_TEXT,
    HTML_DEPTH,
    NUL_REMOVED,
    TERMINAL_SEQUENCES_REMOVED,
    BROKEN_LINK,
    FILE_GONE,
    PERMISSION_DENIED,
    IS_DIRECTORY,
    CANNOT_READ,
    FILE_CUT,
    PDF_TOO_LARGE,
    TEXT_CUT,
    EMPTY_FILE,
    INVISIBLE_TEXT,
    EMPTY_TEXT,
    NO_DATELINE,
    NO_TITLE,
    ENTITIES_FAILED,
    ESTIMATE_FAILED,
    HIDDEN_FILE,
    HIDDEN_DIRECTORY,
    UNSUPPORTED_EXTENSION,
    CANNOT_READ_DIRECTORY,
    CANNOT_LIST_DIRECTORY,
    SYMLINK_LOOP,
    NOT_REGULAR_KIND,
    NOT_REGULAR,
    FIFO,
    SOCKET,
    CHARACTER_DEVICE,
    BLOCK_DEVICE,
    DIRECTORY,
    IMPOSSIBLE_DATE,
    UNREAD_DATE,
    WRONG_WEEKDAY,
    NAME_USED_FROM,
    NAME_USED_UNTIL,
    HELD_FROM,
    HELD_UNTIL,
    ESTIMATE_CONFLICT,
    CONTRADICTION,
    CACHE_UNAVAILABLE,
    CACHE_UNWRITABLE,
    CACHE_DAMAGED,
    CACHE_CORRUPT,
    CACHE_SCHEMA,
    PARSER_CHANGED,
    ENTITIES_DAMAGED,
)
#: Placeholders that hold a smaller stored message, localized in turn.
_NESTED = frozenset({"what", "lines", "since", "until", "reason", "office"})
#: Placeholders with a fixed shape, so a template cannot swallow a neighbour's words.
_SHAPES = {
    "start": r"\d{4}-\d{2}",
    "end": r"\d{4}-\d{2}",
    "day": r"\d{4}-\d{2}-\d{2}",
    "date": r"\d{4}-\d{2}-\d{2}",
}
_FIELD = re.compile(r"\{(\w+)\}")


@cache
def _pattern(template: str) -> re.Pattern[str]:
    parts: list[str] = []
    end = 0
    for field in _FIELD.finditer(template):
        name = field.group(1)
        parts.append(re.escape(template[end : field.start()]))
        parts.append(f"(?P<{name}>{_SHAPES.get(name, '.+?')})")
        end = field.end()
    parts.append(re.escape(template[end:]))
    return re.compile("".join(parts), re.DOTALL)


@cache
def _ordered() -> tuple[str, ...]:
    """The templates with the most fixed words first: "encrypted PDF: a password is required"
    before "encrypted PDF: {reason}", "lines {numbers} and {more} more" before "lines {numbers}"."""
    return tuple(sorted(TEMPLATES, key=lambda t: -len(_FIELD.sub("", t))))


def localized(message: str) -> str:
    """`message` (written in English from a template above) in the interface's language."""
    if current_language() == DEFAULT_LANGUAGE:
        return message
    return _localized(message)


def _localized(message: str) -> str:
    for template in _ordered():
        found = _pattern(template).fullmatch(message)
        if found is None:
            continue
        values = {
            name: _localized(value) if name in _NESTED else value
            for name, value in found.groupdict().items()
        }
        return _(template).format(**values)
    return message


def line_list(lines: list[int], named: int = 5) -> str:
    """ "line 3", "lines 3, 9", "lines 3, 9, 12, 20, 31 and 4 more"."""
    numbers = ", ".join(str(n) for n in lines[:named])
    if len(lines) > named:
        return MANY_LINES.format(numbers=numbers, more=len(lines) - named)
    return (SOME_LINES if len(lines) > 1 else ONE_LINE).format(numbers=numbers)
