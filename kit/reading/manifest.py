"""The analyst's metadata: a manifest CSV → ``{article id: metadata}``, validated.

A manifest (``manifest.csv`` in a corpus folder, or ``manifest=`` /
``--manifest``) holds one row per article: an id column
(:data:`MANIFEST_ID_COLUMNS`, e.g. ``id`` = the file name without extension)
and any metadata columns, e.g.::

    id,date,outlet
    001_9e7c26f75967a251,18.11.2024,Radio Free Asia

``,``, ``;`` (German Excel) and tab delimiters are detected; known column
names are mapped (:data:`META_ALIASES`: ``Datum`` → ``date``); dates may be
ISO ``2024-10-31`` or German ``31.10.2024`` and are normalised to ISO. Every
problem is a :class:`~kit.records.Problem` naming the file and line; an
unusable manifest raises :class:`LoadError`. :mod:`kit.reading.load` applies the rows
to the loaded articles and shares this module's metadata names and date
parsing for JSON/CSV records, and the fallback title of an article without
one (:func:`fallback_title`). See ``docs/robustness.md`` for the full table.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from kit.reading.decode import decode_bytes
from kit.records import Problem

#: file name of a folder's manifest (any case); never loaded as an article
MANIFEST_NAME = "manifest.csv"
#: files :mod:`kit.reading.load` reads as one article each; a manifest id ending in one
#: of these extensions ("000_7e0bde80a42e6b97.txt") is taken without it
TEXT_SUFFIXES = frozenset({".txt", ".md", ".text", ".markdown"})
#: metadata names the kit knows, with the spellings accepted in records and manifests;
#: every other scalar field/column passes through into ``Article.meta`` as it is named
META_ALIASES = {
    "title": ("title", "headline", "titel", "überschrift"),
    "date": ("date", "published", "publication_date", "pubdate", "datum"),
    "outlet": ("outlet", "publisher", "medium", "zeitung"),
    "url": ("url", "link"),
    "kind": ("kind", "textsorte", "format"),  # news | interview | transcript | protocol
}
#: manifest columns accepted as the id column (a file name's extension is dropped)
MANIFEST_ID_COLUMNS = ("id", "article_id", "doc_id", "documentname", "file", "filename")

_ALIAS = {a.casefold(): canon for canon, names in META_ALIASES.items() for a in names}
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}.*)?")
_GERMAN_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
#: csv reads fields of at least this many characters (4 × kit.reading.load's default 20 MB
#: file limit, as the loader asks for record files)
_CSV_FIELD_CHARS = 4 * 20 * 1024 * 1024


class LoadError(ValueError):
    """Input the kit cannot use at all (no such path, unusable manifest): one line, what to do."""


def meta_name(column: str) -> str:
    """The kit's name for a metadata field or column ("Datum" → "date"); others unchanged."""
    return _ALIAS.get(column.casefold(), column)


def normalise_date(value: str, where: str, problems: list[Problem]) -> str:
    """ISO ``YYYY-MM-DD`` (a time after it is dropped) or German ``DD.MM.YYYY`` → ISO; else "".

    An impossible or unreadable date adds a warning naming ``where`` to ``problems``.
    """
    value = value.strip()
    m = _ISO_DATE.fullmatch(value)
    parts = (m.group(1), m.group(2), m.group(3)) if m else None
    if parts is None and (g := _GERMAN_DATE.fullmatch(value)):
        parts = (g.group(3), g.group(2), g.group(1))
    if parts is not None:
        try:
            return date(int(parts[0]), int(parts[1]), int(parts[2])).isoformat()
        except ValueError:
            msg = f"date {value!r} does not exist; left empty"
    else:
        msg = f"date {value!r} is not YYYY-MM-DD (or DD.MM.YYYY); left empty"
    problems.append(Problem(where, msg, "warning"))
    return ""


def sniff_delimiter(text: str) -> str:
    """``,``, ``;`` or tab: the one the first non-blank line holds most often (ties: ``,``)."""
    header = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: header.count(d) for d in (",", ";", "\t")}
    return max(counts, key=lambda d: (counts[d], d == ","))


def raise_csv_field_limit(chars: int) -> None:
    """Let :mod:`csv` read fields of ``chars`` characters (its default, 131,072, is below
    one long article)."""
    if csv.field_size_limit() < chars:
        csv.field_size_limit(2**31 - 1)


def read_manifest(
    path: str | Path,
) -> tuple[dict[str, tuple[dict[str, str], str]], list[Problem]]:
    """Metadata rows of a manifest CSV: ``({id: (meta, "file:line")}, problems)``.

    A header line names the columns; one must be the id (:data:`MANIFEST_ID_COLUMNS`,
    e.g. ``id`` = the article's file name without extension). ``,``, ``;``
    (German Excel) and tab delimiters are detected. Known columns are renamed
    (:data:`META_ALIASES`: ``Datum`` → ``date``); dates must be ISO
    ``2024-10-31`` or German ``31.10.2024`` (normalised to ISO); every other
    column passes through into ``Article.meta``; empty cells are missing
    metadata, which is fine. Duplicate ids: the first row wins. Problems name
    the file and line. Raises :class:`LoadError` if the file is unusable.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise LoadError(f"manifest not found: {path} (check the path)") from exc
    except OSError as exc:
        raise LoadError(
            f"cannot read manifest {path} ({exc.strerror}); check its permissions"
        ) from exc
    try:
        text, _ = decode_bytes(data)
    except ValueError as exc:
        raise LoadError(f"manifest {path} is not a CSV text file ({exc}); save it as CSV") from exc
    if not text.strip():
        raise LoadError(
            f"manifest {path} is empty; its first line must name the columns, e.g. id,date,outlet,title"
        )
    problems: list[Problem] = []
    delimiter = sniff_delimiter(text)
    if delimiter != ",":
        name = "';'" if delimiter == ";" else "tab"
        problems.append(
            Problem(
                str(path),
                f"uses {name} as delimiter (as German Excel writes it); read accordingly",
                "note",
            )
        )
    raise_csv_field_limit(_CSV_FIELD_CHARS)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [h.strip() for h in next(reader)]
        while not any(header):
            header = [h.strip() for h in next(reader)]
    except (StopIteration, csv.Error) as exc:
        raise LoadError(
            f"manifest {path} has no readable header line; the first line must name the columns"
        ) from exc
    id_col = next((i for i, h in enumerate(header) if h.casefold() in MANIFEST_ID_COLUMNS), None)
    if id_col is None:
        raise LoadError(
            f"manifest {path} has no id column (header: {', '.join(header)}); add a column 'id' "
            "holding each article's file name without extension"
        )
    names: list[str | None] = []
    for i, h in enumerate(header):
        name = meta_name(h) if h else None
        if i == id_col or name in names:
            if i != id_col and name:
                problems.append(
                    Problem(
                        f"{path}:{reader.line_num}",
                        f"column {h!r} repeated; later one ignored",
                        "warning",
                    )
                )
            name = None
        names.append(name)
    rows: dict[str, tuple[dict[str, str], str]] = {}
    try:
        for start, row in numbered_rows(reader):
            where = f"{path}:{start}"
            if len(row) > len(header):
                problems.append(
                    Problem(
                        where,
                        f"{len(row)} fields but the header has {len(header)}; extra fields ignored",
                        "warning",
                    )
                )
            key = row[id_col].strip() if id_col < len(row) else ""
            if Path(key).suffix.lower() in TEXT_SUFFIXES:
                key = Path(key).stem
            if not key:
                problems.append(Problem(where, "no id; row ignored", "warning"))
                continue
            if key in rows:
                problems.append(
                    Problem(
                        where,
                        f"duplicate id {key!r} (the row at {rows[key][1]} wins); row ignored",
                        "warning",
                    )
                )
                continue
            meta: dict[str, str] = {}
            for name, cell in zip(names, row, strict=False):
                value = cell.strip()
                if name is None or not value:
                    continue
                if name == "date":
                    value = normalise_date(value, where, problems)
                    if not value:
                        continue
                meta[name] = value
            rows[key] = (meta, where)
    except RowError as exc:
        problems.append(
            Problem(
                f"{path}:{exc.line}",
                f"unreadable CSV row ({exc.__cause__}); rest of file ignored",
                "warning",
            )
        )
    return rows, problems


class RowError(Exception):
    """A CSV record that cannot be parsed; ``line`` is where it starts (the cause is chained)."""

    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


def numbered_rows(reader: Any) -> Iterator[tuple[int, list[str]]]:
    """(first physical line, row) for every non-blank record of a ``csv.reader``.

    Line numbers follow the file even across quoted fields with line breaks;
    a parse error stops the iteration as :class:`RowError` with its line.
    """
    line = reader.line_num
    while True:
        start = line + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise RowError(start) from exc
        line = reader.line_num
        if any(cell.strip() for cell in row):
            yield start, row


def fallback_title(text: str, boilerplate: Sequence[Any] = (), width: int = 80) -> str:
    """A title for an article without one: its first non-boilerplate line, cut at a word.

    "Etwa 8.000 nordkoreanische Soldaten haben die russische Grenzregion Kursk
    erreicht, …" → "Etwa 8.000 nordkoreanische Soldaten haben die russische
    Grenzregion Kursk…". ``meta["title_source"]`` says "first line" so it is
    never mistaken for a headline.
    """
    pos = 0
    for line in text.splitlines(keepends=True):
        start, pos = pos, pos + len(line)
        stripped = line.strip()
        if not stripped:
            continue
        ls = start + line.find(stripped)
        le = ls + len(stripped)
        for span in boilerplate:  # drop a marked line, or a marked lead-in like "(dpa) -"
            if span.start <= ls < span.end:
                ls = span.end
        stripped = text[ls:le].strip() if ls < le else ""
        if not stripped:
            continue
        if len(stripped) <= width:
            return stripped
        cut = stripped[:width].rsplit(" ", 1)[0] if " " in stripped[:width] else stripped[:width]
        return cut.rstrip(" ,;:–-") + "…"
    return ""
