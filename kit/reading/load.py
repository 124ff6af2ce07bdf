"""Files → :class:`~kit.records.Article` s, with the analyst's metadata and a load report.

``load_articles("seeds")`` reads folders (recursively, sorted, hidden files and
folders skipped) and files:

- ``.txt``/``.md``: one article; id = file stem, text = EXACTLY the decoded
  bytes (no newline translation, CRLF stays), so every offset the kit reports
  slices this text;
- ``.jsonl``/``.ndjson`` (one JSON object per line), ``.json`` (an object, a
  list of objects, or an object with a list under ``articles``/``documents``/
  ``data``/``records``/``items``) and ``.csv``/``.tsv`` (header line; ``,``
  ``;`` or tab): one article per record, see :data:`TEXT_FIELDS`,
  :data:`ID_FIELDS` and :data:`META_ALIASES`;
- ``manifest.csv`` (any folder level, any case): metadata, never an article
  (see :func:`kit.reading.manifest.read_manifest`); if ``manifest=`` is given only that
  one is used.

Nothing is skipped silently: every file not loaded and every metadata problem
is a :class:`~kit.records.Problem` with a one-line reason in
``LoadResult.report()``; one bad file never stops the rest. Unusable input
(no such path, unusable manifest) raises :class:`LoadError`.

- ``.html``/``.htm``/``.xhtml`` (also ``.gz``): one article per saved web page,
  id = file stem; the text is the page reader's article text (title, teaser,
  body: :mod:`kit.reading.web`), metadata from the page (title, date, authors,
  outlet, url, language; ``meta_sources`` says where each came from), the raw
  page untouched and named in ``source``; a ``fetch_log.csv`` beside the pages
  (written by ``kit fetch``) gives each page its URL;
- ``.warc``/``.warc.gz``: one article per HTML response record
  (:func:`kit.reading.web.archive.read_archive`), read after the other files,
  archive by archive (``map_archives`` lets the Dask engine read them on workers).

Decoding (:func:`kit.reading.decode.decode_bytes`): BOM first (UTF-8 BOM →
``utf-8-sig``, the BOM is not part of the text; UTF-16/32 BOM), then strict
UTF-8, then cp1252 (has „ “ – …), then latin-1. ``Article.encoding`` records
which. HTML inside a ``.txt`` file or a record's text field is refused (the
text must be exactly the file): name the page ``.html``. See
``docs/robustness.md`` and ``docs/ingest.md`` for the full tables.
"""

from __future__ import annotations

import csv
import errno
import hashlib
import io
import json
import os
import re
import stat
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from kit.reading.boilerplate import mark_boilerplate
from kit.reading.decode import decode_bytes
from kit.reading.manifest import (
    MANIFEST_ID_COLUMNS,
    MANIFEST_NAME,
    META_ALIASES,
    TEXT_SUFFIXES,
    LoadError,
    RowError,
    fallback_title,
    meta_name,
    normalise_date,
    numbered_rows,
    raise_csv_field_limit,
    read_manifest,
    sniff_delimiter,
)
from kit.reading.turns import KINDS, with_turns
from kit.reading.web import fetchlog
from kit.reading.web.archive import LANGUAGES, ArchiveResult, read_archives
from kit.reading.web.articles import (
    field_sources,
    format_sources,
    page_article,
    page_stem,
    reason,
    source_summary,
    web_kind,
)
from kit.reading.web.cache import cached_extract
from kit.reading.web.page import MAX_PAGE_BYTES
from kit.records import Article, Problem

__all__ = [
    "HTML_SUFFIXES",
    "ID_FIELDS",
    "MANIFEST_ID_COLUMNS",
    "MANIFEST_NAME",
    "MAX_FILE_BYTES",
    "MAX_PAGE_BYTES",
    "MAX_RECORD_FILE_BYTES",
    "META_ALIASES",
    "RECORD_SUFFIXES",
    "TEXT_FIELDS",
    "TEXT_SUFFIXES",
    "LoadError",
    "LoadResult",
    "decode_bytes",
    "fallback_title",
    "load_articles",
    "read_manifest",
]

PathLike = str | Path

#: largest article file (and largest single record text) read; raise it with
#: ``load_articles(..., max_bytes=...)`` or by setting ``kit.reading.load.MAX_FILE_BYTES``
MAX_FILE_BYTES = 20 * 1024 * 1024
#: largest .jsonl/.json/.csv file holding many records
MAX_RECORD_FILE_BYTES = 2 * 1024**3

RECORD_SUFFIXES = frozenset({".jsonl", ".ndjson", ".json", ".csv", ".tsv"})
#: saved web pages (also gzipped: page.html.gz) and web archives (.warc, .warc.gz)
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
WEB_KINDS = ".html, .htm, .xhtml (also .gz), .warc, .warc.gz"
#: reads archives: ``mapper(paths, **read_archive options) -> [ArchiveResult per path, in order]``
ArchiveMapper = Callable[..., list[ArchiveResult]]

#: record fields holding the article text (first present wins; case-insensitive)
TEXT_FIELDS = ("text", "originalText", "body", "content", "article_text")
#: record fields holding the article id; without one the id is "<file stem>-<n>", n being the
#: line (.jsonl, .csv) or the record number (.json list)
ID_FIELDS = ("id", "documentName", "doc_id", "article_id")
# TEXT_SUFFIXES (one article per file), META_ALIASES (metadata names accepted in
# records and manifests), MANIFEST_NAME and MANIFEST_ID_COLUMNS live in kit.reading.manifest

_HTML_START = re.compile(r"\s*(?:<\?xml[^>]*>\s*)?<(?:!doctype\s+html|html[\s>]|head[\s>])", re.I)
_MOJIBAKE = re.compile("Ã[¤¶¼Ÿ„–œ]|â€[žœ“]")
_BAD_ID_CHARS = re.compile(r"[/\\\x00-\x1f\ud800-\udfff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


class _Skip(Exception):
    """A file or record is not loaded; the message is the reason."""


@dataclass
class LoadResult:
    """The loaded articles plus everything the analyst should know about the load."""

    articles: list[Article] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files_read: list[str] = field(default_factory=list)  # every candidate file opened
    manifests: list[str] = field(default_factory=list)  # manifest files used

    def __len__(self) -> int:
        return len(self.articles)

    def __iter__(self) -> Iterator[Article]:
        return iter(self.articles)

    @property
    def skipped(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "skipped"]

    def report(self, max_lines: int | None = 100) -> str:
        """One summary line, then one line per problem (``max_lines`` caps the list)."""
        n_skip = len(self.skipped)
        n_warn = sum(p.severity == "warning" for p in self.problems)
        head = (
            f"{_count(len(self.files_read), 'file')} read, "
            f"{_count(len(self.articles), 'article')} loaded, "
            f"{n_skip} skipped, {_count(n_warn, 'warning')}"
        )
        if self.manifests:
            head += "; manifest: " + ", ".join(self.manifests)
        lines = [head, *self._source_lines()]
        shown = self.problems if max_lines is None else self.problems[:max_lines]
        lines += [f"  {p.severity}: {p.source}: {p.message}" for p in shown]
        if len(shown) < len(self.problems):
            lines.append(
                f"  … and {len(self.problems) - len(shown)} more (see LoadResult.problems)"
            )
        return "\n".join(lines)

    @property
    def field_sources(self) -> dict[str, dict[str, str]]:
        """Article id → {field: where it came from} for articles read from web pages
        ("json-ld", "og", "meta", "html", "trafilatura", "url", "langid", "argument",
        "manifest"); plain-text articles are not listed."""
        return {a.id: field_sources(a.meta) for a in self.articles if a.meta.get("meta_sources")}

    def _source_lines(self) -> list[str]:
        return source_summary(self.field_sources.values())


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


# ------------------------------------------------------------------ the loader


@dataclass
class _State:
    result: LoadResult
    max_bytes: int
    by_id: dict[str, Article] = field(default_factory=dict)
    by_text: dict[bytes, str] = field(default_factory=dict)
    seen_files: dict[tuple[int, int], str] = field(default_factory=dict)
    seen_dirs: dict[tuple[int, int], str] = field(default_factory=dict)
    manifests: list[Path] = field(default_factory=list)
    archives: list[Path] = field(default_factory=list)
    max_page_bytes: int = MAX_PAGE_BYTES
    page_cache: Path | None = None
    page_urls: dict[Path, dict[str, str]] = field(default_factory=dict)

    def skip(self, source: str, message: str) -> None:
        self.result.problems.append(Problem(source, message, "skipped"))

    def warn(self, source: str, message: str) -> None:
        self.result.problems.append(Problem(source, message, "warning"))


def load_articles(
    paths: PathLike | Sequence[PathLike],
    manifest: PathLike | None = None,
    *,
    max_bytes: int | None = None,
    max_page_bytes: int = MAX_PAGE_BYTES,
    languages: Sequence[str] | None = LANGUAGES,
    map_archives: ArchiveMapper | None = None,
    page_cache: PathLike | None = None,
) -> LoadResult:
    """Load every article under ``paths`` (folders and/or files) and apply the manifest.

    ``manifest`` (a CSV, see :func:`kit.reading.manifest.read_manifest`) wins over metadata inside
    JSON/CSV records and web pages; without it, every ``manifest.csv`` found in the given
    folders is used. Raises :class:`LoadError` if a path does not exist or a
    manifest is unusable; everything else ends up in ``.problems``.

    Web pages above ``max_page_bytes`` are refused; records of web archives in
    languages other than ``languages`` (None: keep all) are skipped and counted.
    ``map_archives`` reads the archives (default: here, one after the other; the
    Dask engine passes one that reads them on its workers). ``page_cache``: a folder
    that keeps each page's extraction (:mod:`kit.reading.web.cache`; ``kit.build``
    uses ``<cache>/pages``).
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    state = _State(LoadResult(), MAX_FILE_BYTES if max_bytes is None else max_bytes)
    state.max_page_bytes = max_page_bytes
    state.page_cache = Path(page_cache) if page_cache is not None else None
    for raw in paths:
        path = Path(raw)
        if not os.path.lexists(path):
            raise LoadError(f"no such file or folder: {path} (check the path)")
        if path.is_dir():
            _walk(path, state)
        else:
            _take_file(path, state, explicit=True)
    if state.archives:
        _take_archives(state, languages, map_archives or read_archives)

    chosen = [Path(manifest)] if manifest is not None else state.manifests
    if manifest is not None:
        for found in state.manifests:
            if found.resolve() != Path(manifest).resolve():
                state.result.problems.append(
                    Problem(str(found), f"not used: the manifest {manifest} was given", "warning")
                )
    rows: dict[str, tuple[dict[str, str], str]] = {}
    for mpath in chosen:
        entries, problems = read_manifest(mpath)
        state.result.problems.extend(problems)
        state.result.manifests.append(str(mpath))
        for key, (meta, where) in entries.items():
            if key in rows:
                state.warn(where, f"id {key!r} also in {rows[key][1]} (that row wins); row ignored")
            else:
                rows[key] = (meta, where)
    articles = []
    for art in state.by_id.values():
        meta = dict(art.meta)
        if art.id in rows:
            row = rows.pop(art.id)[0]
            meta.update(row)  # the manifest wins over record and page metadata
            if meta.get("meta_sources"):
                sources = field_sources(meta)
                sources.update({k: "manifest" for k, v in row.items() if v not in ("", None)})
                meta["meta_sources"] = format_sources(sources)
        if not meta.get("title"):
            fallback = fallback_title(art.text, art.boilerplate)
            if fallback:
                meta["title"] = fallback
                meta["title_source"] = "first line"
        kind = str(meta.get("kind") or "").strip().lower()
        if kind and kind not in KINDS:
            state.warn(
                art.source,
                f"kind {kind!r} unknown (use one of {', '.join(KINDS)}); detected instead",
            )
        articles.append(with_turns(replace(art, meta=meta)))  # kind, turn headers
    for key, (_, where) in rows.items():
        state.warn(where, f"id {key!r} matches no loaded article")
    state.result.articles = articles
    return state.result


def _walk(root: Path, state: _State) -> None:
    """Depth-first in name order; hidden entries skipped; symlink loops reported, not followed."""
    try:
        st = root.stat()
    except OSError as exc:
        state.skip(str(root), f"cannot open folder ({exc.strerror})")
        return
    key = (st.st_dev, st.st_ino)
    if key in state.seen_dirs:
        state.skip(str(root), f"same folder as {state.seen_dirs[key]}, already read")
        return
    state.seen_dirs[key] = str(root)
    # a stack of (sorted entries still to visit, the folder chain above them)
    stack: list[tuple[Iterator[os.DirEntry[str]], tuple[tuple[int, int], ...]]] = []
    _push(root, (key,), stack, state)
    while stack:
        entries, ancestors = stack[-1]
        entry = next(entries, None)
        if entry is None:
            stack.pop()
            continue
        if entry.name.startswith("."):
            continue  # hidden: .git, .ipynb_checkpoints, .DS_Store
        path = Path(entry.path)
        try:
            st = entry.stat()  # follows symlinks
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                state.skip(str(path), "symlink loop (the link points to itself); not followed")
            elif entry.is_symlink():
                state.skip(str(path), f"broken symlink ({exc.strerror})")
            else:
                state.skip(str(path), f"cannot read ({exc.strerror})")
            continue
        if stat.S_ISDIR(st.st_mode):
            key = (st.st_dev, st.st_ino)
            if key in ancestors:
                state.skip(
                    str(path), f"symlink loop (points back to {state.seen_dirs[key]}); not followed"
                )
            elif key in state.seen_dirs:
                state.skip(str(path), f"same folder as {state.seen_dirs[key]}, already read")
            else:
                state.seen_dirs[key] = str(path)
                _push(path, ancestors + (key,), stack, state)
        elif stat.S_ISREG(st.st_mode):
            _take_file(path, state, explicit=False, st=st)
        else:
            state.skip(str(path), "not a regular file (device, pipe or socket)")


def _push(folder: Path, ancestors: tuple[tuple[int, int], ...], stack: list, state: _State) -> None:
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        state.skip(str(folder), f"cannot list folder ({exc.strerror})")
        return
    stack.append((iter(entries), ancestors))


def _take_file(
    path: Path, state: _State, *, explicit: bool, st: os.stat_result | None = None
) -> None:
    suffix = path.suffix.lower()
    if path.name.lower() == MANIFEST_NAME:
        state.manifests.append(path)
        return
    if path.name.lower() == fetchlog.FETCH_LOG:
        return  # kit fetch's log: read for the pages' URLs (fetchlog.urls), never an article
    kind = web_kind(path)
    if kind == "archive":
        state.result.files_read.append(str(path))
        state.archives.append(path)  # read after the walk (see _take_archives)
        return
    if kind == "page":
        _take_page(path, state, st)
        return
    is_records = suffix in RECORD_SUFFIXES
    if not explicit and not is_records and suffix not in TEXT_SUFFIXES:
        kinds = ", ".join(sorted(TEXT_SUFFIXES | RECORD_SUFFIXES)) + ", " + WEB_KINDS
        state.skip(
            str(path),
            f"not an article file type ({suffix or 'no extension'}); the kit reads {kinds}",
        )
        return
    source = str(path)
    state.result.files_read.append(source)
    try:
        limit = MAX_RECORD_FILE_BYTES if is_records else state.max_bytes
        data = _read_bytes(
            path, st, source, state, limit,
            lambda size: f"file is {size / 2**20:.1f} MB, above the {limit / 2**20:.0f} MB "
            "limit (raise it with load_articles(..., max_bytes=N))",
        )  # fmt: skip
        if len(data) > limit:
            raise _Skip(
                f"file is above the {limit / 2**20:.0f} MB limit (raise it with max_bytes=N)"
            )
        try:
            text, encoding = decode_bytes(data)
        except ValueError as exc:
            raise _Skip(str(exc)) from exc
        if is_records:
            _take_records(path, text, suffix, encoding, state)
            return
        if not text.strip():
            raise _Skip("only whitespace")
        if _HTML_START.match(text[:2048]):
            raise _Skip(_HTML_MESSAGE)
        _add(Article(path.stem, text, source, {}, mark_boilerplate(text), encoding), state)
    except Exception as exc:  # a bug or a broken file: one file must never stop the load
        _skip_for(exc, source, state)


def _read_bytes(
    path: Path,
    st: os.stat_result | None,
    source: str,
    state: _State,
    limit: int,
    too_large: Callable[[int], str],
) -> bytes:
    """The first ``limit + 1`` bytes of a regular file not read before in this load
    (``too_large(size)`` names a file over ``limit``); raises :class:`_Skip` with the
    reason otherwise."""
    st = st or path.stat()
    if not stat.S_ISREG(st.st_mode):
        raise _Skip("not a regular file")
    key = (st.st_dev, st.st_ino)
    if key in state.seen_files:
        raise _Skip(f"same file as {state.seen_files[key]}, already read")
    state.seen_files[key] = source
    if st.st_size > limit:
        raise _Skip(too_large(st.st_size))
    try:
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except PermissionError as exc:
        raise _Skip("cannot read: permission denied (check the file's permissions)") from exc
    except OSError as exc:
        raise _Skip(f"cannot read ({exc.strerror})") from exc
    if not data:
        raise _Skip("empty file")
    return data


def _skip_for(exc: Exception, source: str, state: _State) -> None:
    """Skip ``source`` with the reason ``exc`` gives (a bug is named as one)."""
    if isinstance(exc, _Skip):
        state.skip(source, str(exc))
    elif isinstance(exc, OSError):
        reason = "symlink loop" if exc.errno == errno.ELOOP else exc.strerror or str(exc)
        state.skip(source, f"cannot read ({reason})")
    else:
        state.skip(
            source, f"internal error while reading ({type(exc).__name__}: {exc}); please report it"
        )


_HTML_MESSAGE = (
    "HTML page in a text file, not loaded: name it .html (or .htm) and the kit reads the "
    "article text and metadata from the page"
)


def _take_page(path: Path, state: _State, st: os.stat_result | None) -> None:
    """A saved web page → one article (text and metadata by :mod:`kit.reading.web`)."""
    source = str(path)
    state.result.files_read.append(source)
    try:
        limit = state.max_page_bytes
        data = _read_bytes(
            path, st, source, state, limit,
            lambda size: f"too large: {size / 1e6:.1f} MB (limit {limit / 1e6:.1f} MB; a page "
            "this size is no article; raise it with load_articles(..., max_page_bytes=N) if it is)",
        )  # fmt: skip
        url = fetchlog.url_for(path, state.page_urls)
        page = cached_extract(data, url, limit, state.page_cache)
        if not page.ok:
            raise _Skip(reason(page))
        _add(page_article(page, page_stem(path), source), state)
        for problem in page.problems:  # warnings of a good page (broken encoding, repaired)
            state.warn(source, problem)
    except Exception as exc:  # one page must never stop the build
        _skip_for(exc, source, state)


def _take_archives(state: _State, languages: Sequence[str] | None, mapper: ArchiveMapper) -> None:
    """Articles of the archives found, archive by archive, record by record."""
    paths = [str(p) for p in state.archives]
    try:
        results = mapper(
            paths, languages=languages, max_page_bytes=state.max_page_bytes,
            cache_dir=str(state.page_cache) if state.page_cache else None,
        )  # fmt: skip
    except Exception as exc:  # e.g. a lost Dask worker: say so, keep the other files
        for p in paths:
            state.skip(p, f"web archive not read ({type(exc).__name__}: {exc})")
        return
    for res in results:
        for art in res.articles:
            try:
                _add(art, state)
            except _Skip as exc:
                state.skip(art.source, str(exc))
        state.result.problems.extend(res.problems)


def _add(article: Article, state: _State) -> None:
    """Keep ``article`` unless its text or its id is already taken (raises :class:`_Skip`)."""
    digest = hashlib.blake2b(
        article.text.replace("\r\n", "\n").strip().encode("utf-8", "surrogatepass"), digest_size=16
    ).digest()
    if digest in state.by_text:
        raise _Skip(f"duplicate of {state.by_text[digest]} (same text)")
    if article.id in state.by_id:
        first = state.by_id[article.id].source
        raise _Skip(
            f"id {article.id!r} already taken by {first}; rename the file or give the record its own id"
        )
    state.by_text[digest] = article.id
    state.by_id[article.id] = article
    if _MOJIBAKE.search(article.text):
        state.warn(
            article.source,
            "text looks double-encoded (e.g. 'Ã¤' for 'ä'): it was UTF-8 read as cp1252 "
            "before it was saved; loaded as is, words with umlauts will not match",
        )


# ----------------------------------------------------------------------- records


def _take_records(path: Path, text: str, suffix: str, encoding: str, state: _State) -> None:
    if suffix in (".jsonl", ".ndjson"):
        records = _jsonl_records(path, text, state)
    elif suffix == ".json":
        records = _json_records(path, text)
    else:
        records = _csv_records(path, text, "\t" if suffix == ".tsv" else None, state)
    for where, n, rec in records:
        try:
            _add(_record_article(rec, where, path.stem, n, encoding, state), state)
        except _Skip as exc:
            state.skip(where, str(exc))


def _jsonl_records(
    path: Path, text: str, state: _State
) -> Iterator[tuple[str, int, dict[str, Any]]]:
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            rec = json.loads(line)
        except (ValueError, RecursionError) as exc:
            state.skip(where, f"not valid JSON ({exc.args[0] if exc.args else exc})")
            continue
        if not isinstance(rec, dict):
            state.skip(where, f"a JSON {type(rec).__name__}, not an object with a text field")
            continue
        yield where, lineno, rec


def _json_records(path: Path, text: str) -> Iterator[tuple[str, int, dict[str, Any]]]:
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise _Skip(f"not valid JSON ({exc})") from exc
    if isinstance(data, dict) and _field(data, TEXT_FIELDS) is None:
        for key in ("articles", "documents", "data", "records", "items"):
            if isinstance(data.get(key), list):
                data = data[key]
                break
    if isinstance(data, dict):
        yield str(path), 1, data
        return
    if not isinstance(data, list):
        raise _Skip("JSON is neither an object nor a list of objects")
    for i, rec in enumerate(data, 1):
        if isinstance(rec, dict):
            yield f"{path}#{i}", i, rec
        else:
            yield f"{path}#{i}", i, {"__not_object__": type(rec).__name__}


def _csv_records(
    path: Path, text: str, delimiter: str | None, state: _State
) -> Iterator[tuple[str, int, dict[str, Any]]]:
    delimiter = delimiter or sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    _raise_csv_limit()
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        return
    except csv.Error as exc:
        raise _Skip(f"not a readable CSV ({exc})") from exc
    if _field(dict.fromkeys(header, "x"), TEXT_FIELDS) is None:
        raise _Skip(
            f"no text column (expected one of {', '.join(TEXT_FIELDS)}; header: {', '.join(header)})"
        )
    try:
        for start, row in numbered_rows(reader):
            yield f"{path}:{start}", start, dict(zip(header, row, strict=False))
    except RowError as exc:
        state.skip(
            f"{path}:{exc.line}", f"unreadable CSV row ({exc.__cause__}); rest of file not read"
        )


def _raise_csv_limit() -> None:
    raise_csv_field_limit(MAX_FILE_BYTES * 4)  # read at call time: MAX_FILE_BYTES may be raised


def _field(rec: dict[str, Any], names: Sequence[str]) -> str | None:
    """The first key of ``rec`` matching one of ``names`` (case-insensitive), else None."""
    folded = {str(k).casefold(): k for k in rec}
    for name in names:
        if name.casefold() in folded:
            return folded[name.casefold()]
    return None


def _record_article(
    rec: dict[str, Any], where: str, stem: str, n: int, encoding: str, state: _State
) -> Article:
    if "__not_object__" in rec:
        raise _Skip(f"a JSON {rec['__not_object__']}, not an object with a text field")
    text_key = _field(rec, TEXT_FIELDS)
    if text_key is None:
        raise _Skip(f"no text field (expected one of {', '.join(TEXT_FIELDS)})")
    text = rec[text_key]
    if not isinstance(text, str):
        raise _Skip(f"text field {text_key!r} is not a string")
    if not text.strip():
        raise _Skip(f"text field {text_key!r} is empty")
    if _SURROGATE.search(text):  # "\ud83d" escapes in JSON: not encodable, so replaced 1:1
        text = _SURROGATE.sub("\ufffd", text)
        state.warn(
            where, "lone surrogate escapes in the text replaced by U+FFFD (offsets unchanged)"
        )
    if len(text) > state.max_bytes:
        raise _Skip(
            f"text is {len(text):,} characters, above the limit (max_bytes={state.max_bytes:,})"
        )
    if _HTML_START.match(text[:2048]):
        raise _Skip(_HTML_MESSAGE)
    id_key = _field(rec, ID_FIELDS)
    raw_id = rec.get(id_key) if id_key is not None else None
    art_id = (
        str(raw_id).strip()
        if isinstance(raw_id, (str, int)) and str(raw_id).strip()
        else f"{stem}-{n}"
    )
    if _BAD_ID_CHARS.search(art_id):
        clean = _BAD_ID_CHARS.sub("_", art_id)
        state.warn(
            where, f"id {art_id!r} contains '/', '\\' or control characters; using {clean!r}"
        )
        art_id = clean
    meta: dict[str, Any] = {}
    for key, value in rec.items():
        if (
            key in (text_key, id_key)
            or not isinstance(value, (str, int, float, bool))
            or value == ""
        ):
            continue
        name = meta_name(str(key))
        if name == "date":
            value = normalise_date(str(value), where, state.result.problems)
            if not value:
                continue
        if isinstance(value, str):
            value = _SURROGATE.sub("\ufffd", value)
        meta.setdefault(name, value)
    return Article(art_id, text, where, meta, mark_boilerplate(text), encoding)
