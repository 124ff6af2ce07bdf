"""Writing files safely, and the content key of a text.

Every file the kit writes (tables, caches, exports, corrections) goes through
:func:`atomic_write_bytes`: a temporary file in the same folder, then a
rename, so an interrupted write leaves the old file or none, never half of
one; the file gets the mode the user's umask gives new files (0644 under 022). :func:`text_key` is the SHA-256 of a text, the key of every cache.

The bottom layer: imports nothing from the kit.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def atomic_write_text(path: Path, text: str, *, fsync: bool = True) -> None:
    """Write ``text`` (UTF-8) to ``path`` via a temporary file and rename (all or nothing)."""
    atomic_write_bytes(path, text.encode("utf-8", "surrogatepass"), fsync=fsync)


def atomic_write_bytes(path: Path, data: bytes, *, fsync: bool = True) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder, then rename.

    An interrupted write leaves the old file (or none), never half a file.
    ``fsync=False`` skips forcing the data to disk before the rename: after a power
    cut the file may then be empty or torn, so use it only for files that are
    checked when read (the per-article cache entries carry a checksum).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        # mkstemp creates the file 0600; give it the mode a plain open() would (0644 under
        # the usual umask 022), so colleagues, shared folders and web servers can read it
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if fsync:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        raise


def _umask() -> int:
    """The process umask (read by setting and restoring it: there is no getter)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
