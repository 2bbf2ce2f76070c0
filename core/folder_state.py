"""What a corpus's files look like on disk, cheaply, so watch mode knows when to read again.

Polling, not OS notifications: it needs no extra dependency, works on network and container
mounts where inotify events do not arrive, and costs one `stat` per file (milliseconds for
thousands of files, in a worker thread). The files are the ones `discover` would read, so a
skipped file (hidden, unsupported extension) never triggers a reload.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from core.discover import discover, seeds_dir

#: Per file: (path, size, modification time in ns); None for one that could not be read.
FolderState = frozenset[tuple[str, int, int] | tuple[str, None, None]]


def folder_state(paths: Sequence[str | os.PathLike[str]] | None) -> FolderState:
    """Each file `load_corpus(paths)` would read, with its size and mtime."""
    found = discover([seeds_dir()] if paths is None else paths)
    state: set[tuple[str, int, int] | tuple[str, None, None]] = set()
    for path in found.paths:
        try:
            st = os.stat(path)
        except OSError:
            state.add((path, None, None))
        else:
            state.add((path, st.st_size, st.st_mtime_ns))
    return frozenset(state)
