"""A web page → an :class:`~kit.records.Article`: id, text, metadata, where each field came from.

The article's text is the page reader's text (title, teaser, body paragraphs,
joined by blank lines): every offset the kit reports points into it, and the
raw page stays untouched in the file (or archive record) named in
``Article.source``. ``Article.meta`` gets ``title``, ``date`` (YYYY-MM-DD: the
article's date in the figure timeline and the quote explorer), ``datetime``
(ISO 8601 with the page's UTC offset), ``modified``, ``authors`` ("; "-joined),
``outlet``, ``url``, ``language`` and ``meta_sources`` ("title=json-ld;
date=meta; …"); :func:`field_sources` reads the last one back.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote, urlsplit

from kit.reading.boilerplate import mark_boilerplate
from kit.reading.web.page import Page
from kit.records import Article

#: file suffixes of saved pages (each may also end in .gz)
PAGE_SUFFIXES = (".html", ".htm", ".xhtml")
#: file suffixes of web archives
ARCHIVE_SUFFIXES = (".warc", ".warc.gz")
#: the page fields that become article metadata, in column order
PAGE_FIELDS = ("title", "date", "datetime", "modified", "authors", "outlet", "url", "language")

_HINTS = {
    "too large": " (a page this size is no article; raise the limit with max_page_bytes=N if it is)",
    "no article text": " (an index, gallery, video or login page? save the article page itself)",
    "binary content": " (not a web page; remove it from the folder)",
    "not HTML": " (not a web page; give plain text articles the suffix .txt)",
}


def web_kind(path: Path) -> str | None:
    """ "page", "archive" or None, from the file name (case-insensitive, ``.gz`` allowed)."""
    name = path.name.lower()
    if name.endswith(ARCHIVE_SUFFIXES):
        return "archive"
    base = name[:-3] if name.endswith(".gz") else name
    return "page" if base.endswith(PAGE_SUFFIXES) else None


def page_stem(path: Path) -> str:
    """The article id of a saved page: its file name without ``.html``/``.htm``/``.xhtml`` (``.gz``)."""
    name = path.name
    if name.lower().endswith(".gz"):
        name = name[:-3]
    for suffix in PAGE_SUFFIXES:
        if name.lower().endswith(suffix):
            return name[: -len(suffix)] or path.name
    return Path(name).stem


def url_id(url: str, max_len: int = 100) -> str:
    """A readable, file-safe article id from a URL: host (no www.) and path, ``/`` → ``_``.

    ``https://www.example.de/politik/stadtrat-123.html?x=1`` →
    ``example.de_politik_stadtrat-123-<hash of the query>``. Long ids are cut and
    get 8 hex digits of the URL's hash, so two URLs never share an id.
    """
    p = urlsplit(url.strip())
    host = p.netloc.lower().removeprefix("www.").split("@")[-1].split(":")[0]
    path = unquote(p.path)
    path = re.sub(r"\.(html?|xhtml|php|aspx?|jsp)$", "", path, flags=re.I)
    stem = re.sub(r"[^\w.-]+", "_", f"{host}/{path}").strip("_.") or "page"
    stem = re.sub(r"_+", "_", stem)
    digest = hashlib.sha1(url.strip().encode("utf-8", "surrogatepass")).hexdigest()[:8]
    if p.query or len(stem) > max_len:
        stem = f"{stem[:max_len].rstrip('_.-')}-{digest}"
    return stem


def reason(page: Page) -> str:
    """The one-line reason a page is not loaded (its first fatal problem, with a hint)."""
    fatal = next((p for p in page.problems if not p.startswith("broken encoding")), "")
    fatal = fatal or "no article text found"
    hint = next((h for k, h in _HINTS.items() if fatal.startswith(k)), "")
    return f"{fatal}{hint}"


def page_article(page: Page, art_id: str, source: str) -> Article:
    """The article of a good page (``page.ok``): text, metadata, boilerplate spans."""
    meta: dict[str, str] = {}
    sources: dict[str, str] = {}
    for name in PAGE_FIELDS:
        value = page.meta.get(name)
        if isinstance(value, list):
            value = "; ".join(value)
        if value:
            meta[name] = str(value)
            if page.field_sources.get(name):
                sources[name] = page.field_sources[name]
    meta["meta_sources"] = format_sources(sources)
    return Article(
        art_id, page.text, source, meta, mark_boilerplate(page.text), page.encoding or "utf-8"
    )


def format_sources(sources: dict[str, str]) -> str:
    """{"title": "json-ld", "date": "meta"} → "title=json-ld; date=meta"."""
    return "; ".join(f"{k}={v}" for k, v in sources.items())


def field_sources(meta: dict[str, object]) -> dict[str, str]:
    """``meta["meta_sources"]`` back as {field: source}."""
    out = {}
    for part in str(meta.get("meta_sources") or "").split(";"):
        if "=" in part:
            k, v = part.split("=", 1)
            out[k.strip()] = v.strip()
    return out


def source_summary(per_article: Iterable[dict[str, str]]) -> list[str]:
    """Load report lines: per page field, how many articles took it from which source."""
    counts: dict[str, dict[str, int]] = {}
    n = 0
    for sources in per_article:
        n += 1
        for name, src in sources.items():
            counts.setdefault(name, {}).setdefault(src, 0)
            counts[name][src] += 1
    if not counts:
        return []
    out = [f"  metadata of {n} web page{'' if n == 1 else 's'}, by field and source:"]
    for name, by_src in counts.items():
        ranked = sorted(by_src.items(), key=lambda kv: (-kv[1], kv[0]))
        out.append(f"    {name}: " + ", ".join(f"{src} {k}" for src, k in ranked))
    return out
