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

import bisect
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


#: "Demnach …" with nothing to point back to is no source either
BACK_ADVERBS = frozenset({"demnach", "demzufolge"})
#: pronouns: a quote's unresolved "er" is no source
PRONOUNS = word_class("figure_words.txt", "pronouns")


def _named(q: Quote) -> str:
    """The quote's canonical speaker, else its mention unless that is a bare pronoun: an
    unresolved "er" is no source."""
    if q.speaker:
        return q.speaker
    if q.speaker_mention and q.speaker_mention.lower() not in PRONOUNS | BACK_ADVERBS:
        first, _, rest = q.speaker_mention.partition(" ")
        # an unnamed description without its article: "der Bericht" → "Bericht"
        return rest if rest and first.lower() in SO_ARTICLES else q.speaker_mention
    return ""


#: how many quotes before a position :meth:`QuoteSources.last_before` walks back over
#: (quotes nest and overlap a little: a partial direct quote inside its paraphrase)
MAX_BACK = 8


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
        self._by_start = sorted(range(len(self.quotes)), key=lambda i: self.quotes[i].quote_start)
        self._starts = [self.quotes[i].quote_start for i in self._by_start]

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

    def last_before(self, pos: int, since: int) -> str:
        """The name of the last named quote that ends in [since, pos]: of the
        :data:`MAX_BACK` quotes starting before ``pos``, the nearest first."""
        i = bisect.bisect_left(self._starts, pos)
        for k in reversed(self._by_start[max(0, i - MAX_BACK) : i]):
            if since <= self.quotes[k].quote_end <= pos + 1 and self.names[k]:
                return self.names[k]
        return ""


def _source(
    quotes: Sequence[Quote] | QuoteSources,
    start: int,
    end: int,
    s_start: int,
    s_end: int,
    attribution: str,
    *,
    continues_from: int | None = None,
) -> str:
    """The figure's source: the speaker of the quote it stands in; else the attribution of
    its sentence; else the speaker of a quote in its sentence; else, for a sentence that
    goes on in Konjunktiv I or reportive "sollen" (``continues_from`` = start of the
    sentence before the run of Konjunktiv sentences), the speaker of the report there
    (``quotes``: the article's records, or their index).
    The named subject of a sentence that is no report is not enough: on the train sample
    it was right twice ("Am 15. Mai hat die Wahlkommission den Termin … festgelegt.
    Mögliche Termine seien …") and wrong twice ("Die Lokalregierung machte … verantwortlich.
    Bei den Polizeieinsätzen seien 61 Polizisten verletzt worden", a Xinhua report)."""
    index = quotes if isinstance(quotes, QuoteSources) else QuoteSources(quotes)
    name = index.inside(start, end)
    if name:
        return name
    if attribution:
        return attribution
    name = index.in_sentence(s_start, s_end)
    if name:
        return name
    if continues_from is not None:
        return index.last_before(s_start, continues_from)
    return ""


#: reportive modal forms: "Die Hälfte davon soll … decken"
REPORTIVE = frozenset({"soll", "sollen", "sollten", "solle"})


def reported_mood(sent: Span) -> str:
    """How the sentence's main clause reports: "konj" (a finite Konjunktiv I verb), "soll"
    (reportive or deontic "soll"/"sollen": only after a report), else "". Side clauses do
    not count: "…, die … werden sollen"."""
    depth_comma = False
    for tok in sent:
        if tok.text == ",":
            depth_comma = True  # after the first comma the clause may be a side clause
        if tok.tag_ in {"VAFIN", "VMFIN", "VVFIN"} and not depth_comma:
            if "I" in tok.morph.get("Konj"):
                return "konj"
            if tok.lower_ in REPORTIVE:
                return "soll"
            return ""  # the main clause's finite verb is indicative
    return ""
