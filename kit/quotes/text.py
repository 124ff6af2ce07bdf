"""Text preparation for quote attribution: words, sentences, quotation marks.

The rules in :mod:`kit.quotes.extract` see an article as a list of :class:`W` words
(text, offsets, tag, lemma, entity label, Konjunktiv) and sentence ranges; a
line break always ends a sentence. Quotation marks are paired here, with the
repairs German news needs: „…“ with a stray second closing mark from a
translation, unclosed quotes that run to the end of a paragraph, and “…”
only where an article does not use German marks.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Doc

from kit.german.offsets import entity_index
from kit.german.sentences import token_view
from kit.quotes.cues import (
    KONJ2_FORMS,
    KONJ_FORMS,
    lookup,
)
from kit.quotes.mentions import ADJ_ENDINGS, W
from kit.wordlists import word_class, word_tuple

#: every German quotation mark style: „…“ "…" »…« «…» (Swiss, dpa) ‚…‘ ›…‹ ‹…› “…” '…'
OPEN_CLOSE = {
    "„": '“”"', "»": "«", "«": "»", "“": "”", '"': '"', "‚": "‘’", "›": "‹", "‹": "›", "'": "'",
}  # fmt: skip
#: marks that may stand inside another quotation without opening a new one (nested
#: single quotes, apostrophes: „Wie geht's?“)
_NESTED = "“\"‚›‹'"
_WORD_BEFORE = set(" \t\n(–—-/")
BOUNDARY = {",", ";", ":", "–", "—", "(", ")"}
FINAL = {".", "!", "?"}
QUOTE_CHARS = set('„“”"»«‚‘’›‹')
#: the lexicon's medium → the Quote's: "any" verbs (bestätigen, vorwerfen, bekannt werden)
#: do not say whether it was said or written
SPEECH_OR_WRITING = "speech or writing"
MEDIUM = {"speech": "speech", "writing": "writing", "thought": "thought", "any": SPEECH_OR_WRITING}
#: cue lemmas that report with "zu" + infinitive ("forderte ihn auf, … zu verlassen")
INF_CUES = word_class("quote_words.txt", "inf_cues")
#: nouns before a quoted title, which is no quotation (der Film „Der Untergang“)
TITLE_NOUNS = word_class("quote_words.txt", "title_nouns")
TITLE_SUFFIXES = word_tuple("quote_words.txt", "title_suffixes")
#: action nouns of "senden" end like "Sendung" but name no broadcast ("die Entsendung
#: nordkoreanischer Soldaten „zum ersten Mal“")
NOT_TITLES = word_tuple("quote_words.txt", "not_titles")
CHAIN_GAP = 2  # a free indirect sentence follows a report within two sentences
#: relative pronouns and "wo" after a comma (", die …", ", wo …")
RELATIVE = word_class("quote_words.txt", "relative")


@dataclass
class Cand:
    """A quotation found by the rules, before naming the speaker."""

    type: str
    qspans: list[tuple[int, int]]  # char spans
    sent: int
    cue: list[int] = field(default_factory=list)  # word indices
    speaker: tuple[int, int] | None = None  # word index range
    frame: list[tuple[int, int]] = field(default_factory=list)  # word index ranges
    medium: str = ""
    inherit: bool = False  # speaker = the last speaker (pronoun-free continuation)
    via: tuple[int, int] | None = None
    addressee: tuple[int, int] | None = None
    cue_lemma: str = ""
    consumed: list[int] = field(default_factory=list)  # cue words used up as a channel
    titlecase: bool = False  # a short quoted span that starts with a capital
    last_sent: int = -1  # last sentence of a quotation joined over several sentences

    def share_frame(self, other: Cand) -> None:
        """Take cue, speaker, frame, medium, channel and addressee of ``other``
        (a frameless quote that belongs to another quote's frame)."""
        self.cue, self.speaker, self.frame = other.cue, other.speaker, other.frame
        self.medium, self.via, self.addressee = other.medium, other.via, other.addressee
        self.inherit = False


def adjective_like(w: W) -> bool:
    """Lower-case attributive adjective guess ("kanadischen") that is no cue verb form."""
    return (
        w.text.replace("-", "").isalpha()
        and w.lower.endswith(ADJ_ENDINGS)
        and len(w.lower) > 3
        and not lookup(w.text)
    )


#: string-store hash → string, across docs: a hash is made from the string alone
#: (the same in every store), and tags and lemmas repeat from article to article
_NAMES: dict[int, str] = {}


def doc_words(doc: Doc) -> list[W]:
    """The words (non-space tokens) of the doc as :class:`W`, read from arrays.

    Token attributes come from ``doc.to_array`` once per doc and strings are looked
    up once per distinct hash: building a spaCy ``Token`` (and its ``morph``) for
    every word was the largest single cost of quote extraction.
    """
    from spacy.attrs import LEMMA, MORPH, TAG

    ents: dict[int, str] = {}
    ent_starts: set[int] = set()
    for ent in entity_index(doc)[1]:
        label = ent.label_
        ent_starts.add(ent.start)
        for i in range(ent.start, ent.end):
            ents[i] = label
    texts, idx, spaces = token_view(doc)
    arr = doc.to_array([TAG, LEMMA, MORPH])
    strings = doc.vocab.strings
    konjs: dict[int, tuple[str, ...]] = {}

    def konj_of(h: int) -> tuple[str, ...]:
        got = konjs.get(h)
        if got is None:  # "Konj=I|Mood=Sub|VerbForm=Fin" → ("I",), as morph.get("Konj")
            got = ()
            for feature in (strings[h] if h else "").split("|"):
                field, _, values = feature.partition("=")
                if field == "Konj":
                    got = tuple(values.split(","))
            konjs[h] = got
        return got

    parsed = doc.has_annotation("DEP")
    widx = {}  # token index → word index, for the parse's heads and edges
    if parsed:
        for i, space in enumerate(spaces):
            if not space:
                widx[i] = len(widx)
    # boilerplate flags from the doc's spans: one sweep in text order (words and spans
    # sorted by start; a word is inside boilerplate if a span that starts before its
    # end reaches past its start), no per-word look-up
    spans = sorted((start, end) for start, end, *_ in (doc._.boilerplate or ()))
    n_spans, k, reach = len(spans), 0, -1
    out = []
    tag_ids, lemma_ids = arr[:, 0].tolist(), arr[:, 1].tolist()
    if len(_NAMES) > 200_000:
        _NAMES.clear()
    names: dict[int, str] = {}
    for h in set(tag_ids).union(lemma_ids):  # each distinct string once per doc …
        got = _NAMES.get(h)
        if got is None:  # … and from the store once per process
            got = _NAMES[h] = strings[h] if h else ""
        names[h] = got
    tag_col = list(map(names.__getitem__, tag_ids))
    lemma_col = list(map(names.__getitem__, lemma_ids))
    morph_col = arr[:, 2].tolist()
    n_tokens = len(texts)
    verb_fin = {"VVFIN", "VMFIN"}
    ents_get = ents.get
    for i, text in enumerate(texts):
        if spaces[i]:
            continue
        start = idx[i]
        end = start + len(text)
        low = text.lower()
        tag = tag_col[i]
        bp = False
        if n_spans:
            while k < n_spans and spans[k][0] < end:
                if spans[k][1] > reach:
                    reach = spans[k][1]
                k += 1
            bp = reach > start
        if (
            text == ":"
            and 0 < i < n_tokens - 1
            and idx[i + 1] == start + 1  # no space after the colon …
            and texts[i + 1][:1].islower()
            and idx[i - 1] + len(texts[i - 1]) == start  # … and none before it
        ):
            text = low = "·"  # a gender colon inside a word ("Venezolaner:innen")
        morph = morph_col[i]
        konj = konj_of(morph) if morph else ()
        if konj:
            # Konjunktiv I marks reported speech; Konjunktiv II (hätte, würde) is mostly
            # hypothetical
            is_konj, is_konj2 = "I" in konj, "II" in konj
        else:
            is_konj = low in KONJ_FORMS and (not tag or tag.startswith("V"))
            is_konj2 = low in KONJ2_FORMS
            if not is_konj and tag in verb_fin and low.endswith("e") and not low.endswith("te"):
                is_konj = i == 0 or texts[i - 1].lower() != "ich"  # "benötige": Konjunktiv I
        w = W(
            text, low, start, end, tag, lemma_col[i], ents_get(i, ""), i in ent_starts,
            is_konj, is_konj2, bp,
        )  # fmt: skip
        if parsed:
            t = doc[i]
            w.dep = t.dep_
            w.head = widx.get(t.head.i, -1)
            w.left = widx.get(t.left_edge.i, w.head)
            w.right = widx.get(t.right_edge.i, w.head) + 1
        out.append(w)
    return out


def sentence_ranges(doc: Doc, ws: list[W], text: str) -> list[tuple[int, int]]:
    """Sentence word ranges; a line break always ends a sentence."""
    starts = {s.start_char for s in doc.sents}
    # words right after a line break, found from the breaks (bisect), not by slicing every gap
    after_break: set[int] = set()
    if "\n" in text:
        word_starts = [w.start for w in ws]
        for m in _NEWLINE.finditer(text):
            k = bisect.bisect_right(word_starts, m.start())
            if 0 < k < len(ws) and ws[k - 1].end <= m.start():
                after_break.add(k)
    out = []
    a = 0
    for i in range(1, len(ws) + 1):
        if i == len(ws) or ws[i].start in starts or i in after_break:
            if i > a:
                out.append((a, i))
            a = i
    return out


def mark_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of quoted text, quotation marks included."""
    spans = []
    i = 0
    n = len(text)
    german = "„" in text  # with German marks, “ only ever closes
    # the scans jump from mark to mark (regular expressions), not from character to
    # character, and paragraph ends come from one list of line breaks (bisect)
    breaks = [m.start() for m in _NEWLINE.finditer(text)]
    while i < n:
        m = _OPENERS.search(text, i)
        if m is None:
            break
        i = m.start()
        ch = text[i]
        closers = OPEN_CLOSE[ch]
        if ch == "“" and (german or (i + 1 < n and text[i + 1] == " ")):
            i += 1
            continue
        if ch == "'" and not _straight_single_opens(text, i):
            i += 1  # an apostrophe ("geht's", "Hans' Auto"), not a quotation mark
            continue
        j = i + 1
        end = -1
        b = bisect.bisect_left(breaks, j)
        para_end = breaks[b] if b < len(breaks) else n
        stops = _stops(ch)
        while True:
            stop = stops.search(text, j)
            j = stop.start() if stop is not None else n
            if j < n and ch == "'" and text[j] == "'" and not _straight_single_closes(text, j):
                j += 1  # an apostrophe inside '…' ("'Wie geht's dir?'")
                continue
            break
        if j < n and text[j] in closers:
            end = j + 1
        # else: a new opening mark (not a nested ‚…‘), or a line break inside "…" or '…':
        # the first mark was never closed
        if end < 0:
            # unbalanced opening mark: quote to the end of its paragraph if long enough
            if para_end - i > 60:
                spans.append((i, para_end))
            i = max(j, i + 1)
            continue
        # translation damage: „…“ […] …“ — a second closing mark before any new opening
        # mark in the same paragraph closes the same quote
        j = end
        nxt = _MARKS.search(text, j, para_end)
        j = nxt.start() if nxt is not None else para_end
        if german and j < para_end and text[j] in "“”" and ch == "„":
            end = j + 1
        spans.append((i, end))
        i = end
    return spans


def _straight_single_opens(text: str, i: int) -> bool:
    """A straight ' opens a quotation only at a word start before a letter ("sagte: 'Wir …")."""
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else ""
    return (before in _WORD_BEFORE or before in ":,") and after.isalpha()


def _straight_single_closes(text: str, j: int) -> bool:
    """A straight ' closes after a word or punctuation, before a space or punctuation."""
    after = text[j + 1] if j + 1 < len(text) else " "
    return text[j - 1] not in " \t\n" and not after.isalnum()


_NEWLINE = re.compile("\n")
_OPENERS = re.compile("[" + re.escape("".join(OPEN_CLOSE)) + "]")
#: any opening mark or “ ”: where the search for a second closing mark stops
_MARKS = re.compile("[" + re.escape("".join(OPEN_CLOSE) + "“”") + "]")


@cache
def _stops(ch: str) -> re.Pattern[str]:
    """Where the scan for the closing mark of ``ch`` stops: one of its closers; an
    opening mark that does not nest (:data:`_NESTED`), unless ``ch`` is a straight " or ';
    a line break inside straight "…" or '…'."""
    stop = set(OPEN_CLOSE[ch])
    if ch not in "\"'":
        stop |= {c for c in OPEN_CLOSE if c not in _NESTED}
    else:
        stop.add("\n")
    return re.compile("[" + re.escape("".join(sorted(stop))) + "]")
