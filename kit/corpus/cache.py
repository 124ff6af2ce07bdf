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
rebuilt.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from filelock import FileLock

from kit import config
from kit.files import atomic_write_text, text_key

_FORMAT = 2  # 2: a JSON header line, then the payload JSON


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

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def _lock(self) -> FileLock:
        self.directory.mkdir(parents=True, exist_ok=True)
        return FileLock(str(self.directory / ".lock"), timeout=120)

    def get(self, text: str) -> dict[str, Any] | None:
        key = text_key(text)
        try:
            raw = self._path(key).read_text(encoding="utf-8")
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

    def put(self, text: str, payload: dict[str, Any]) -> None:
        key = text_key(text)
        body = json.dumps(payload, ensure_ascii=False)
        header = {
            "format": _FORMAT,
            "key": key,
            "fingerprint": self.fingerprint,
            "checksum": _checksum(body),
        }
        with self._lock():
            atomic_write_text(self._path(key), json.dumps(header) + "\n" + body)


def _checksum(body: str) -> str:
    """Checksum of the stored payload text (cheap: no re-serialisation)."""
    return hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()[:16]
