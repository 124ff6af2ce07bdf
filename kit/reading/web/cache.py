"""On-disk cache of the page reader's results, keyed by the raw page and the reader's code.

Extracting a page costs ~40 ms (trafilatura and the kit's rules); a folder of
10,000 pages or an archive would pay that on every build. An entry is one JSON
file per page (never pickle) under ``<cache>/pages/``; its key is the SHA-256
of the raw bytes, the URL given with them and the size limit, plus a
fingerprint of the reader (the sources of ``kit/reading/web``, its resource
files, the trafilatura and lxml versions), so an edited word list or a new
trafilatura rebuilds on its own. Writes are atomic; a corrupt entry reads as a
miss. Bad pages are cached too (their reason is the result).
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

from kit import config
from kit.files import atomic_write_text
from kit.reading.web.page import Page, extract

_RESOURCES = ("web_words.tsv", "web_boilerplate.txt", "outlets.tsv")


@cache
def reader_fingerprint() -> str:
    """Hash of the page reader's code, resources and library versions."""
    import lxml.etree
    import trafilatura

    h = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        h.update(path.name.encode() + path.read_bytes())
    for name in _RESOURCES:
        p = config.resource(name)
        h.update(name.encode() + (p.read_bytes() if p.exists() else b""))
    h.update(f"{trafilatura.__version__} {lxml.etree.LXML_VERSION}".encode())
    return h.hexdigest()[:16]


def _key(data: bytes | str, url: str | None, max_bytes: int) -> str:
    h = hashlib.sha256(reader_fingerprint().encode())
    h.update(f"\0{url or ''}\0{max_bytes}\0".encode())
    h.update(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)
    return h.hexdigest()


def cached_extract(
    data: bytes | str, url: str | None, max_bytes: int, directory: Path | None
) -> Page:
    """:func:`kit.reading.web.page.extract`, from ``directory`` when it has the page."""
    if directory is None:
        return extract(data, url=url, max_bytes=max_bytes)
    key = _key(data, url, max_bytes)
    path = Path(directory) / key[:2] / f"{key}.json"
    try:
        d: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        if d.get("key") == key:
            return Page(d["text"], d["meta"], d["field_sources"], d["problems"], d["encoding"])
    except (OSError, ValueError, KeyError, TypeError):
        pass
    page = extract(data, url=url, max_bytes=max_bytes)
    entry = {"key": key, "text": page.text, "meta": page.meta, "field_sources": page.field_sources,
             "problems": page.problems, "encoding": page.encoding}  # fmt: skip
    try:
        atomic_write_text(path, json.dumps(entry, ensure_ascii=False))
    except OSError:  # a read-only or full cache folder: the build goes on uncached
        pass
    return page
