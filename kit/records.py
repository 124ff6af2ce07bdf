"""The record types every stage produces: plain, frozen, with character offsets.

Every ``start``/``end`` is a character offset into the article's original text
(``Article.text``), end exclusive, so ``text[start:end]`` is the reported text.
DataFrames are built from these records in one place (:mod:`kit.corpus.builder`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

# --------------------------------------------------------------------------- load


@dataclass(frozen=True)
class Span:
    """A marked stretch of an article's text, e.g. boilerplate."""

    start: int
    end: int
    kind: str  # e.g. "related_headlines", "editor_line", "agency_mark", "signature"


@dataclass(frozen=True)
class Article:
    id: str
    text: str  # exactly the decoded file content: all offsets point into this
    source: str = ""  # file the article came from ("path" or "path:line")
    meta: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    boilerplate: tuple[Span, ...] = ()
    encoding: str = "utf-8"

    @property
    def title(self) -> str:
        return str(self.meta.get("title") or "")

    @property
    def date(self) -> str:
        return str(self.meta.get("date") or "")

    def in_boilerplate(self, start: int, end: int) -> bool:
        """True if [start, end) overlaps a marked boilerplate span."""
        return any(s.start < end and start < s.end for s in self.boilerplate)


@dataclass(frozen=True)
class Problem:
    """One line of the load report: a file skipped or a metadata problem."""

    source: str  # file (and ":line" where it applies)
    message: str
    severity: str = "skipped"  # "skipped" (file not loaded) | "warning" (metadata issue) | "note" (informational)


# ------------------------------------------------------------------------ tables


@dataclass(frozen=True)
class Entity:
    article_id: str
    start: int
    end: int
    text: str
    label: str  # PER, ORG, LOC, MISC (spaCy's German label set)
    canonical: str = ""


#: quote types, exactly the benchmark's labels
QUOTE_TYPES = ("Direct", "Indirect", "Reported", "FreeIndirect", "IndirectFreeIndirect")


@dataclass(frozen=True)
class Quote:
    article_id: str
    quote_id: str
    type: str  # one of QUOTE_TYPES
    medium: str  # "speech", "writing", "thought", "speech or writing" (the cue does not tell) or ""
    quote_text: str
    quote_start: int  # first character of the first part
    quote_end: int  # last character (exclusive) of the last part
    cue: str = ""
    cue_start: int | None = None
    cue_end: int | None = None
    speaker: str = ""  # canonical name
    speaker_mention: str = ""
    speaker_start: int | None = None
    speaker_end: int | None = None
    role: str = ""
    speaker_kind: str = ""  # "person", "organisation", "country", ""
    via: str = ""  # channel, e.g. KCNA for "Kim sagte, wie KCNA zitierte"
    sentence: str = ""  # context
    first_seen_in: str = ""
    n_articles: int = 1
    # all spans of discontinuous parts: ((start, end), ...); not written to CSV as-is
    quote_spans: tuple[tuple[int, int], ...] = ()
    cue_spans: tuple[tuple[int, int], ...] = ()
    frame_spans: tuple[tuple[int, int], ...] = ()
    addressee: str = ""
    addressee_spans: tuple[tuple[int, int], ...] = ()
    # how ``speaker`` was found when the name is not in ``speaker_mention`` (mention
    # chains): "pronoun", "role", "apposition", "class", "only organisation",
    # "later name", "previous report"; "" when the mention holds the name
    speaker_link: str = ""


@dataclass(frozen=True)
class Speaker:
    speaker: str
    kind: str
    roles: str  # "; "-joined
    aliases: str  # "; "-joined
    n_quotes: int
    n_articles: int
    first_date: str
    last_date: str


#: figure categories (see issue: number tracking)
FIGURE_CATEGORIES = (
    "count", "money", "percent", "distance", "area", "weight", "duration", "speed",
    "year", "date", "time", "ordinal", "score", "ratio", "other",
)  # fmt: skip

#: qualifiers of a figure
QUALIFIERS = ("exact", "approx", "more_than", "at_least", "up_to", "less_than", "expected")


@dataclass(frozen=True)
class Figure:
    article_id: str
    figure_id: str
    text: str
    start: int
    end: int
    value: float | None
    value_high: float | None = None  # ranges: value is the low end
    qualifier: str = "exact"
    unit: str = ""  # unit or counted noun as a lemma: Soldat, km², Euro, Prozent
    category: str = "other"
    phrase: str = ""  # what it quantifies: "nordkoreanische Soldaten"
    source: str = ""  # canonical speaker when in an attributed statement
    quantity: str = ""  # tracked group (set at corpus level)
    sentence: str = ""
    vague: bool = False  # "Tausende", "Hunderte", "Millionen" alone: no figure to plot


# ------------------------------------------------------------------- conversion

#: the columns of each table, in order (also the CSV headers)
ARTICLE_COLUMNS = (
    "id", "title", "date", "outlet", "url", "source", "encoding",
    "n_chars", "n_words", "boilerplate", "kind",
    # read from web pages (kit.reading.web), empty otherwise; meta_sources: "title=json-ld; …"
    "authors", "datetime", "modified", "language", "meta_sources",
)  # fmt: skip
#: article kinds (``articles.kind``): detected from the text, or given in the manifest
ARTICLE_KINDS = ("news", "interview", "transcript", "protocol")
ENTITY_COLUMNS = tuple(f.name for f in fields(Entity))
QUOTE_COLUMNS = (
    "article_id", "quote_id", "type", "medium", "quote_text", "quote_start", "quote_end",
    "cue", "cue_start", "cue_end", "speaker", "speaker_mention", "speaker_start",
    "speaker_end", "role", "speaker_kind", "via", "sentence", "first_seen_in", "n_articles",
)  # fmt: skip
QUOTE_EXTRA_COLUMNS = (
    "quote_spans", "cue_spans", "frame_spans", "addressee", "addressee_spans", "speaker_link",
)  # fmt: skip
SPEAKER_COLUMNS = tuple(f.name for f in fields(Speaker))
FIGURE_COLUMNS = (
    "article_id", "figure_id", "text", "start", "end", "value", "value_high", "qualifier",
    "unit", "category", "phrase", "source", "quantity", "sentence",
    "vague", "relation_to", "inferred_value",  # the last two set at corpus level (tracking)
)  # fmt: skip


def to_dict(record: Any) -> dict[str, Any]:
    """A record as a plain dict, shallow (tuples of spans stay tuples).

    Records hold only scalars and tuples, so a shallow copy is enough; it is
    ~10x faster than :func:`dataclasses.asdict`, which deep-copies every field.
    """
    names = _FIELD_NAMES.get(type(record))
    if names is None:
        names = _FIELD_NAMES[type(record)] = tuple(f.name for f in fields(record))
    return {name: getattr(record, name) for name in names}


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}
