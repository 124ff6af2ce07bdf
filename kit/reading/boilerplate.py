"""Mark boilerplate inside an article's text — never delete it.

News texts carry lines that are not part of the story: a block of related
headlines ("VERWANDTE GESCHICHTEN" + three headlines), an editor credit
("Herausgegeben von Mike Firn."), agency marks ("/ATS", "(dpa) -", "dpa/xyz")
and the editor's initials as a lone last line ("vf"). Quotes and figures found
there would be noise, so :func:`mark_boilerplate` returns them as
:class:`~kit.records.Span` s (character offsets into the unchanged text);
extraction skips tokens inside them. The text itself is never cut, so every
offset the kit reports still points into the file as it was read.

The words are data (``kit/resources/boilerplate_*.txt``, one entry per line);
the rules below are the structure:

``related_headlines``
    A line that is exactly a header from ``boilerplate_related_headers.txt``
    (case-insensitive, a trailing ":" ignored), plus the headline lines that
    follow it (blank lines between them allowed, at most
    :data:`MAX_RELATED_HEADLINES`). A line is a *headline* if it has at most
    30 words and does not end like a sentence (".", ":", ";"); the block ends
    at the first line that is not one. One more rule separates headlines from
    the article's own section headings, which often follow such a block
    (seed 001: "Japan über Moskau, Pjöngjang"): German section headings are
    short noun phrases that introduce body text ("Neue Hilfe",
    "Biden-Xi-Gespräche"), while teaser headlines are clauses
    ("Die USA bestätigen, dass …"). So a short line (at most
    :data:`SECTION_HEADING_MAX_WORDS` words) that is directly followed by a
    body paragraph (a line ending like a sentence, or longer than 30 words)
    is the article's section heading, and the block ends before it.
``editor_line``
    A whole line made of an opening from ``boilerplate_editor_lines.txt``
    ("Herausgegeben von", "Redigiert von", "Edited by", …) followed only by
    names (capitalised words, initials, the words of
    ``boilerplate_name_words.txt``: "und"/"von"/","/"&"), at most 8 tokens,
    and an optional final period.
``agency_mark``
    A whole line made only of agency codes (``boilerplate_agencies.txt``) and
    editor initials joined by "/" or ",", optionally in parentheses or after
    "©" ("/ATS", "dpa/xyz", "(AFP)", "ats/afp/vf"); or, at the very start of
    the text, a parenthesised agency code after an optional dateline, with
    its dash: "(dpa) -" in "BERLIN (dpa) - Die …" (the dateline stays text).
``signature``
    In the trailing block of the text (the last non-blank lines, read upwards
    while they are boilerplate), a line of 1–4 lowercase letters ("vf"),
    optionally several joined by "/" ("vf/jb").

Spans cover the line's text without surrounding whitespace and without the
line break. Line breaks are ``\\n``, ``\\r\\n`` and ``\\r`` (and the other
separators :meth:`str.splitlines` knows), so CRLF files mark the same lines.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kit import wordlists
from kit.records import Span

#: a related-headlines block lists at most this many headlines
MAX_RELATED_HEADLINES = 12
#: a line of at most this many words followed by body text is a section heading
SECTION_HEADING_MAX_WORDS = 5
#: a headline has at most this many words; a longer line is body text
HEADLINE_MAX_WORDS = 30
#: the trailing block (signature, editor line, agency mark) is at most this many lines
MAX_TRAILING_LINES = 6

_ENDINGS = "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"  # what str.splitlines() breaks on
_CLOSERS = "\"'“”„»«‘’‚›‹)]"
_SENTENCE_END = re.compile(r"[.:;!?…]$")
_NO_HEADLINE_END = re.compile(r"[.:;]$")
_SIGNATURE = re.compile(r"[a-zäöüß]{1,4}(?:/[a-zäöüß]{1,4})*")
_TOKEN = r"[^\W\d_][\w-]{0,11}"
_AGENCY_LINE = re.compile(
    rf"(?:©\s*)?\(?\s*/?\s*({_TOKEN}(?:\s*[/,]\s*{_TOKEN})*)\s*\)?\.?", re.UNICODE
)
_INITIALS = re.compile(r"[^\W\d_]{1,4}")
#: "BERLIN (dpa) -", "(AFP) –", "Washington/Berlin (dpa/AFP):" at the start of a text
_LEADING_AGENCY = re.compile(
    rf"\s*(?:[^\W\d_][^\n\r()]{{0,60}}?\s)?(\(\s*{_TOKEN}(?:\s*[/,]\s*{_TOKEN})*\s*\)\s*[-–—:]?)"
)
#: words between the names of an editor line ("… von der Heide und …"), case-folded
_NAME_WORDS = frozenset(w.casefold() for w in wordlists.lines("boilerplate_name_words.txt"))


@lru_cache(maxsize=1)
def _resources() -> tuple[frozenset[str], tuple[str, ...], frozenset[str]]:
    headers = frozenset(
        h.casefold().rstrip(":").strip() for h in wordlists.lines("boilerplate_related_headers.txt")
    )
    openings = tuple(
        sorted(
            {o.casefold() for o in wordlists.lines("boilerplate_editor_lines.txt")},
            key=len,
            reverse=True,
        )
    )
    agencies = frozenset(a.casefold() for a in wordlists.lines("boilerplate_agencies.txt"))
    return headers, openings, agencies


# ------------------------------------------------------------------ line tests


def _strip_closers(line: str) -> str:
    return line.rstrip().rstrip(_CLOSERS).rstrip()


def _n_words(line: str) -> int:
    return len(line.split())


def _is_headline(line: str) -> bool:
    n = _n_words(line)
    return 0 < n <= HEADLINE_MAX_WORDS and not _NO_HEADLINE_END.search(_strip_closers(line))


def _is_body(line: str) -> bool:
    return _n_words(line) > HEADLINE_MAX_WORDS or bool(_SENTENCE_END.search(_strip_closers(line)))


def _is_agency_line(line: str, agencies: frozenset[str]) -> bool:
    if len(line) > 60:
        return False
    m = _AGENCY_LINE.fullmatch(line)
    if not m:
        return False
    tokens = [t for t in re.split(r"\s*[/,]\s*", m.group(1).casefold()) if t]
    return any(t in agencies for t in tokens) and all(
        t in agencies or _INITIALS.fullmatch(t) for t in tokens
    )


def _is_editor_line(line: str, openings: tuple[str, ...]) -> bool:
    if len(line) > 120:
        return False
    folded = line.casefold()
    for opening in openings:
        if folded.startswith(opening):
            rest = line[len(opening) :].strip().removesuffix(".").replace(",", " , ").split()
            return 0 < len(rest) <= 8 and all(
                w.casefold() in _NAME_WORDS or w[:1].isupper() for w in rest
            )
    return False


def _is_signature(line: str) -> bool:
    return bool(_SIGNATURE.fullmatch(line))


# ---------------------------------------------------------------------- marking


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line's text with surrounding whitespace trimmed (blank: start == end)."""
    out = []
    pos = 0
    for raw in text.splitlines(keepends=True):  # splits on _ENDINGS and CRLF
        body = raw.rstrip(_ENDINGS)
        kept = body.strip()
        if kept:
            lead = len(body) - len(body.lstrip())
            out.append((pos + lead, pos + lead + len(kept)))
        else:
            out.append((pos, pos))
        pos += len(raw)
    return out


def mark_boilerplate(text: str) -> tuple[Span, ...]:
    """Boilerplate spans of ``text``, in order; the text is not changed.

    >>> text = "Der Text.\\nHerausgegeben von Mike Firn.\\nvf"
    >>> [(s.kind, text[s.start:s.end]) for s in mark_boilerplate(text)]
    [('editor_line', 'Herausgegeben von Mike Firn.'), ('signature', 'vf')]
    """
    headers, openings, agencies = _resources()
    lines = _lines(text)
    found: dict[tuple[int, int], str] = {}

    def line(i: int) -> str:
        s, e = lines[i]
        return text[s:e]

    def next_nonblank(i: int) -> int | None:
        while i < len(lines):
            if lines[i][0] < lines[i][1]:
                return i
            i += 1
        return None

    # related headlines, agency and editor lines anywhere
    i = 0
    while i < len(lines):
        s, e = lines[i]
        if s == e or e - s > 120:  # longer lines are body text for every rule here
            i += 1
            continue
        current = text[s:e]
        if current.casefold().rstrip(":").strip() in headers:
            end, last, n = e, i, 0
            k = next_nonblank(i + 1)
            while k is not None and n < MAX_RELATED_HEADLINES:
                candidate = line(k)
                if not _is_headline(candidate):
                    break
                after = next_nonblank(k + 1)
                if (
                    _n_words(candidate) <= SECTION_HEADING_MAX_WORDS
                    and after is not None
                    and _is_body(line(after))
                ):
                    break  # a section heading of the article: it introduces body text
                end, last, n = lines[k][1], k, n + 1
                k = after
            found[(s, end)] = "related_headlines"
            i = last + 1
            continue
        if _is_agency_line(current, agencies):
            found[(s, e)] = "agency_mark"
        elif _is_editor_line(current, openings):
            found[(s, e)] = "editor_line"
        i += 1

    # the trailing block: read upwards while lines are boilerplate
    seen = 0
    for s, e in reversed(lines):
        if s == e:
            continue
        seen += 1
        if seen > MAX_TRAILING_LINES:
            break
        if any(fs <= s and e <= fe for fs, fe in found):
            continue  # already marked (an agency or editor line, or inside a related block)
        if _is_signature(text[s:e]):
            found[(s, e)] = "signature"
        else:
            break

    # a parenthesised agency mark at the start of the text
    if lines:
        first = next_nonblank(0)
        if first is not None:
            s, e = lines[first]
            m = _LEADING_AGENCY.match(text, s, e)
            if m and (s, e) not in found:
                inner = m.group(1)
                tokens = re.split(
                    r"\s*[/,]\s*",
                    inner.strip().rstrip("-–—:").strip().strip("()").strip().casefold(),
                )
                if (
                    tokens
                    and all(t in agencies or _INITIALS.fullmatch(t) for t in tokens)
                    and any(t in agencies for t in tokens)
                ):
                    found[(m.start(1), m.start(1) + len(inner.rstrip()))] = "agency_mark"

    spans: list[Span] = []
    for (s, e), kind in sorted(found.items()):
        if not spans or spans[-1].end <= s:  # never overlapping: the earlier span wins
            spans.append(Span(s, e, kind))
    return tuple(spans)
