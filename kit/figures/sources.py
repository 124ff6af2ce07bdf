"""Who claims a figure: the quote it stands in, or the attribution in its sentence.

``_source`` picks, in this order: the speaker of a quote whose span contains
the figure; the source named by an attribution in the figure's sentence
(``laut Kiew``, ``nach Angaben Japans``, ``Kiew zufolge``, ``…, so der
Sprecher``), found by ``_attribution``; the speaker of a quote that overlaps
the sentence. ``_name_in`` reduces the words after the cue to a name: a tagged
PER/ORG/LOC entity, else the last capitalised run with role words dropped
(``der Sprecher des Außenministeriums, Matthew Miller`` → ``Matthew Miller``).
Used by :func:`kit.figures.extract.extract_figures`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from kit.figures.parse import _is_adj_like
from kit.german.offsets import SpanIndex, entities_starting
from kit.records import Quote
from kit.wordlists import word_class

#: articles after ", so" that start a source ("…, so der Sprecher")
SO_ARTICLES = word_class("figure_words.txt", "so_articles")
#: words inside a source before "zufolge" ("dem Sprecher des Ministeriums zufolge")
ZUFOLGE_WORDS = word_class("figure_words.txt", "zufolge_words")
#: articles and "von" between the capitalised runs of a source
RUN_BREAKS = word_class("figure_words.txt", "run_breaks")

ATTRIB_RE = re.compile(r"\b(?:laut|zufolge|nach Angaben|Angaben zufolge|so)\b", re.I)


def _attribution(doc: Doc, sent: Span) -> str:
    """The source named by 'laut X', 'nach Angaben X', 'X zufolge', ', so X' in a sentence."""
    toks = list(sent)
    for n, tok in enumerate(toks):
        low = tok.lower_
        start = None
        if low == "laut":
            start = n + 1
        elif low == "angaben" and n > 0 and toks[n - 1].lower_ == "nach":
            start = n + 1
        elif (
            low == "so"
            and n > 0
            and toks[n - 1].text == ","
            and n + 1 < len(toks)
            # ", so X" / ", so der Sprecher": a name or an article follows
            and (not toks[n + 1].is_lower or toks[n + 1].lower_ in SO_ARTICLES)
        ):
            start = n + 1
        elif low == "zufolge" and n > 0:
            end = n
            a = n - 1
            while a > 0 and (toks[a].text[:1].isupper() or toks[a].lower_ in ZUFOLGE_WORDS):
                a -= 1
            name = _name_in(doc, toks[a + 1 : end])
            if name:
                return name
        if start is not None:
            name = _name_in(doc, toks[start : start + 7])
            if name:
                return name
    return ""


#: role and description words dropped in front of a source name ("Sprecher Matthew Miller")
ROLE_WORDS = word_class("figure_words.txt", "role_words")


def _name_in(doc: Doc, toks: Sequence[Token]) -> str:
    """The speaker inside a short stretch: an entity if tagged, else a capitalised run.

    'des südkoreanischen Verteidigungsministers Kim Yong-hyun' → 'Kim Yong-hyun';
    'der Sprecher des Außenministeriums, Matthew Miller' → 'Matthew Miller'.
    """
    if not toks:
        return ""
    lo, hi = toks[0].i, toks[-1].i + 1
    for ent in entities_starting(doc, lo, hi):  # indexed: no pass over all entities
        if ent.label_ in {"PER", "ORG", "LOC"}:
            return ent.text
    runs: list[list[Token]] = [[]]
    for n, tok in enumerate(toks):
        if tok.text[:1].isupper() and (tok.is_alpha or "-" in tok.text):
            runs[-1].append(tok)
        elif tok.lower_ in RUN_BREAKS or (tok.is_lower and _is_adj_like(tok)):
            runs.append([])
        elif tok.text == "," and n + 1 < len(toks) and toks[n + 1].text[:1].isupper() and runs[-1]:
            runs.append([])
        else:
            break
    runs = [r for r in runs if r]
    if not runs:
        return ""
    run = runs[-1]
    while len(run) >= 2 and (len(run[0].text) >= 9 or run[0].lower_ in ROLE_WORDS):
        run = run[1:]
    name = " ".join(t.text for t in run)
    first = toks[0]
    prev = doc[first.i - 1] if first.i > 0 else None
    if (
        prev is not None
        and prev.lower_ == "angaben"
        and len(run) == 1
        and run[0] is first
        and name.endswith("s")
        and not name.endswith("ss")
        and len(name) > 4
    ):
        name = name[:-1]  # "nach Angaben Japans": genitive
    return name


#: pronouns: a quote's unresolved "er" is no source
PRONOUNS = word_class("figure_words.txt", "pronouns")


def _named(q: Quote) -> str:
    """The quote's canonical speaker, else its mention unless that is a bare pronoun: an
    unresolved "er" is no source."""
    if q.speaker:
        return q.speaker
    if q.speaker_mention and q.speaker_mention.lower() not in PRONOUNS:
        first, _, rest = q.speaker_mention.partition(" ")
        # an unnamed description without its article: "der Bericht" → "Bericht"
        return rest if rest and first.lower() in SO_ARTICLES else q.speaker_mention
    return ""


class QuoteSources:
    """An article's named quotes indexed by their spans, for :func:`_source`.

    Built once per article: "the first quote whose span contains the figure" and
    "the first quote that overlaps the sentence" are index look-ups, not a loop
    over every quote for every figure (quadratic on a long transcript).
    """

    def __init__(self, quotes: Sequence[Quote]) -> None:
        self.quotes = list(quotes)
        self.names = [_named(q) for q in self.quotes]
        spans: list[tuple[int, int]] = []
        self._span_owner: list[int] = []
        for i, q in enumerate(self.quotes):
            if self.names[i]:
                for a, b in q.quote_spans or ((q.quote_start, q.quote_end),):
                    spans.append((a, b))
                    self._span_owner.append(i)
        self._spans = SpanIndex(spans)
        self._extent_owner = [i for i, name in enumerate(self.names) if name]
        self._extents = SpanIndex(
            (self.quotes[i].quote_start, self.quotes[i].quote_end) for i in self._extent_owner
        )
        self._by_sentence: dict[tuple[int, int], str] = {}

    def inside(self, start: int, end: int) -> str:
        """The name of the first quote with a span that contains ``[start, end)``."""
        k = self._spans.first_containing(start, end)
        return self.names[self._span_owner[k]] if k is not None else ""

    def in_sentence(self, s_start: int, s_end: int) -> str:
        """The name of the first quote that overlaps the sentence ``[s_start, s_end)``."""
        key = (s_start, s_end)
        if key not in self._by_sentence:
            found = self._extents.overlapping(s_start, s_end)
            self._by_sentence[key] = self.names[self._extent_owner[found[0]]] if found else ""
        return self._by_sentence[key]


def _source(
    quotes: Sequence[Quote] | QuoteSources,
    start: int,
    end: int,
    s_start: int,
    s_end: int,
    attribution: str,
) -> str:
    """The quote the figure stands in, else the sentence's attribution, else a quote
    overlapping the sentence (``quotes``: the article's records, or their index)."""
    index = quotes if isinstance(quotes, QuoteSources) else QuoteSources(quotes)
    name = index.inside(start, end)
    if name:
        return name
    if attribution:
        return attribution
    return index.in_sentence(s_start, s_end)
