"""On-disk cache of per-article results, keyed by text content and pipeline.

An entry is one file per article: a JSON header line (key, fingerprint,
checksum), then the payload as JSON (never pickle: a cache folder shared
between analysts must not be able to run code). Its key is the SHA-256 of the
article text plus a *fingerprint* of everything that shapes the result: the
spaCy pipeline in use, and the kit's own code and resource files. Editing a
reporting-verb list or switching to a trained pipeline therefore invalidates
old entries on its own.

Writes are atomic (temporary file in the same folder, then ``os.replace``) and
serialised with a file lock, so an interrupted build leaves no half-written
entry and two builds on one cache do not corrupt it. A truncated or corrupt
entry (bad JSON, wrong checksum, other fingerprint) reads as a miss and is
rebuilt. Because every entry is checked when read, writes are not forced to
disk one by one (no ``fsync`` per entry: a torn entry after a power cut is a
miss), and inside :meth:`ResultCache.batch` entries are written in groups under
one lock (the builders use it; the batch is flushed every
:data:`BATCH_ENTRIES` entries or :data:`BATCH_SECONDS` seconds and when the
build ends or is interrupted, so finished articles stay cached).
"""

from __future__ import annotations

import hashlib
import json
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from filelock import FileLock

from kit import config
from kit.files import atomic_write_text, text_key

_FORMAT = 2  # 2: a JSON header line, then the payload JSON
#: a batch is written when it holds this many entries …
BATCH_ENTRIES = 200
#: … or its oldest entry is this old (an interrupted build loses at most this much work)
BATCH_SECONDS = 5.0


def code_fingerprint() -> str:
    """Hash of the kit's Python sources and resource files (cached per process)."""
    global _CODE_FP
    if _CODE_FP is None:
        h = hashlib.sha256()
        for path in sorted(config.PACKAGE_DIR.rglob("*")):
            if path.is_file() and (path.suffix in {".py", ".txt", ".csv", ".tsv", ".json", ".gz"}):
                if "__pycache__" in path.parts:
                    continue
                h.update(str(path.relative_to(config.PACKAGE_DIR)).encode())
                h.update(path.read_bytes())
        _CODE_FP = h.hexdigest()[:16]
    return _CODE_FP


_CODE_FP: str | None = None


class ResultCache:
    """JSON cache of per-article results under ``directory``.

    >>> cache = ResultCache(tmp_path, fingerprint="abc")      # doctest: +SKIP
    >>> cache.put(text, {"quotes": [...]}); cache.get(text)    # doctest: +SKIP
    """

    def __init__(self, directory: Path | str | None = None, fingerprint: str = "") -> None:
        self.directory = Path(directory) if directory is not None else config.CACHE_DIR
        self.fingerprint = fingerprint
        self.hits = 0
        self.misses = 0
        self._pending: dict[str, str] | None = None  # key → entry text, inside batch()
        self._pending_since = 0.0

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def _lock(self) -> FileLock:
        self.directory.mkdir(parents=True, exist_ok=True)
        return FileLock(str(self.directory / ".lock"), timeout=120)

    def get(self, text: str) -> dict[str, Any] | None:
        key = text_key(text)
        try:
            raw = (self._pending or {}).get(key) or self._path(key).read_text(encoding="utf-8")
            header_line, _, body = raw.partition("\n")
            header = json.loads(header_line)
            ok = (
                header.get("format") == _FORMAT
                and header.get("fingerprint") == self.fingerprint
                and header.get("key") == key
                and header.get("checksum") == _checksum(body)
            )
            payload = json.loads(body) if ok else None
        except (OSError, ValueError, AttributeError):
            payload = None
        if not isinstance(payload, dict):
            self.misses += 1
            return None
        self.hits += 1
        return payload

    def put(self, text: str, payload: dict[str, Any], *, body: str | None = None) -> None:
        """Store ``payload`` for ``text``; ``body`` is its JSON text if already made."""
        key = text_key(text)
        if body is None:
            body = json.dumps(payload, ensure_ascii=False)
        header = {
            "format": _FORMAT,
            "key": key,
            "fingerprint": self.fingerprint,
            "checksum": _checksum(body),
        }
        entry = json.dumps(header) + "\n" + body
        if self._pending is not None:
            if not self._pending:
                self._pending_since = time.monotonic()
            self._pending[key] = entry
            if (
                len(self._pending) >= BATCH_ENTRIES
                or time.monotonic() - self._pending_since >= BATCH_SECONDS
            ):
                self.flush()
            return
        with self._lock():
            atomic_write_text(self._path(key), entry, fsync=False)

    def flush(self) -> None:
        """Write the entries collected by :meth:`batch` (one lock for all of them)."""
        if not self._pending:
            return
        pending, self._pending = self._pending, {}
        with _interrupt_after(), self._lock():  # Ctrl-C waits until the batch is written
            for key, entry in pending.items():
                atomic_write_text(self._path(key), entry, fsync=False)

    @contextmanager
    def batch(self) -> Iterator[ResultCache]:
        """Collect :meth:`put` calls and write them in groups (also on an exception).

        >>> with cache.batch():                                  # doctest: +SKIP
        ...     for a in articles: cache.put(a.text, process(a))
        """
        outer = self._pending is not None
        if not outer:
            self._pending = {}
        try:
            yield self
        finally:
            if not outer:
                try:
                    self.flush()
                finally:
                    self._pending = None


@contextmanager
def _interrupt_after() -> Iterator[None]:
    """Hold back Ctrl-C (SIGINT) in the main thread until the block is done, then raise it.

    A batch of finished articles is written whole when the analyst interrupts a
    build; other SIGINT handlers than Python's default are left alone.
    """
    if (
        threading.current_thread() is not threading.main_thread()
        or signal.getsignal(signal.SIGINT) is not signal.default_int_handler
    ):
        yield
        return
    caught: list[int] = []
    signal.signal(signal.SIGINT, lambda signum, frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    if caught:
        raise KeyboardInterrupt


def _checksum(body: str) -> str:
    """Checksum of the stored payload text (cheap: no re-serialisation)."""
    return hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()[:16]
