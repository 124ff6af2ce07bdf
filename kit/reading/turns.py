"""Turns of interviews, transcripts and protocols, found in one pass over the raw text.

A turn-based document gives each paragraph a speaker by a header at its start:
interviews ("Frage: …" / "Kaltenbach: …", an outlet's or interviewer's name),
transcripts of podcasts, radio and press conferences ("Lena Brückner: …",
"Vorsitzender Brandl: …", "Zusatzfrage: …") and parliamentary protocols
("Tobias Ahrens (SPD): …", "Präsidentin Dr. Helga Brenner: …"). Interviews
without name headers alternate question paragraphs (ending in "?") and answers,
with the interviewee named in the title or teaser ("… im Interview").

:func:`detect_turns` returns a :class:`TurnLayout`: the article kind (news,
interview, transcript, protocol), the turns with their header label and role
(question, answer, presiding, speaker), the interjections of a protocol
("(Zuruf von der AfD: …)", "(Dr. Karl Wendisch [AfD]: …)" — caller and words)
and marks for headers, stage directions ("(lacht)", "(Heiterkeit)") and
interjections. The marks join the boilerplate spans (:func:`with_turns`): they
are marked, never cut, and every offset points into the text as read. Naming the
speakers (the header "Kaltenbach" is "Ines Kaltenbach" of the teaser) is the quote
stage's job (:mod:`kit.quotes.turns`).

A news article stays news: turns need three headers or more, two labels at least
and one label twice (labels such as "Foto:" or "Update:" never count), or a
header-less question-and-answer body with an interviewee in the title or teaser.
A kind given in the manifest (``kind`` column) wins: "news" finds no turns, the
other kinds lower the thresholds to one header. The words are data:
``kit/resources/turns.txt`` and ``turn_markers.tsv``.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache

from kit.records import Article, Span
from kit.wordlists import rows, word_class

KINDS = ("news", "interview", "transcript", "protocol")
#: span kinds of the marks (also in ``Article.boilerplate``)
HEADER, STAGE, INTERJECTION = "turn_header", "stage_direction", "interjection"
TURN_MARKS = frozenset({HEADER, STAGE, INTERJECTION})

QUESTION, ANSWER, PRESIDING, SPEAKER = "question", "answer", "presiding", "speaker"


@dataclass(frozen=True)
class Turn:
    """One speaker's turn: the text [start, end) after its header (if any)."""

    start: int
    end: int
    role: str  # question | answer | presiding | speaker
    label: tuple[int, int] | None = None  # the header's name ("Präsidentin Dr. Helga Brenner")
    affiliation: tuple[int, int] | None = None  # "SPD" in "Tobias Ahrens (SPD):"


@dataclass(frozen=True)
class Interjection:
    """A call in a protocol: "(Zuruf von der AfD: Das ist doch Panikmache!)"."""

    start: int
    end: int
    caller: tuple[int, int] | None  # "der AfD", "Dr. Karl Wendisch"
    words: tuple[int, int]  # "Das ist doch Panikmache!"


@dataclass(frozen=True)
class TurnLayout:
    kind: str = "news"
    turns: tuple[Turn, ...] = ()
    marks: tuple[Span, ...] = ()
    interjections: tuple[Interjection, ...] = ()
    #: spans in the title or teaser that may name the interviewee / interviewer
    interviewees: tuple[tuple[int, int], ...] = ()
    interviewers: tuple[tuple[int, int], ...] = ()


def _words(cls: str) -> frozenset[str]:
    return word_class("turns.txt", cls)


@lru_cache(maxsize=1)
def _markers() -> tuple[tuple[str, str, str], ...]:
    out = [(r[0].lower(), r[1], r[2]) for r in rows("turn_markers.tsv") if len(r) >= 3]
    return tuple(sorted(out, key=lambda m: -len(m[0])))


_WORD = r"[A-ZÄÖÜ][\w'’.\-]*"
_PARTICLE = r"(?:von|van|de|der|den|zu|da|di|du|ter|ten)"
#: a header at the start of a paragraph: label, affiliation, apposition, colon
_HEADER = re.compile(
    rf"(?P<label>(?:{_WORD})(?:[ \t]+(?:{_WORD}|{_PARTICLE})){{0,5}})"
    r"(?:[ \t]*[(\[](?P<aff>[^()\[\]\n:]{1,60})[)\]])?"
    r"(?P<appos>,[ \t][^:\n]{3,90}?)?"
    r"[ \t]*:[ \t]+(?=\S)"
)
#: a parenthesis (brackets inside allowed: "[AfD]") or a bracketed stage direction ("[Musik]")
_PAREN = re.compile(r"\(((?:[^()\[\]\n]|\[[^\]\n]{0,40}\]){1,800})\)|\[([^\[\]\n]{1,80})\]")
_CALLER = re.compile(
    r"^(?P<call>\w+)\s+(?:von\s+der|vom|von|des|der|aus\s+der|bei\s+der)\s+(?P<who>[^:]{1,120}):\s*(?P<words>.+)$"
)
_NAMED_CALL = re.compile(
    rf"^(?P<who>(?:{_WORD}[ \t]+){{0,4}}{_WORD})[ \t]*\[[^\]]{{1,40}}\]:\s*(?P<words>.+)$"
)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line, surrounding whitespace trimmed."""
    out = []
    pos = 0
    for line in text.split("\n"):
        body = line.rstrip("\r")
        stripped = body.strip()
        if stripped:
            lead = len(body) - len(body.lstrip())
            out.append((pos + lead, pos + lead + len(stripped)))
        pos += len(line) + 1
    return out


def _header(text: str, start: int, end: int) -> tuple[str, int, int, tuple[int, int] | None] | None:
    """(role, label start, label end, affiliation span) if the paragraph opens with a header."""
    m = _HEADER.match(text, start, end)
    if m is None:
        return None
    label = m.group("label")
    words = label.split()
    low = [w.lower().rstrip(".") for w in words]
    if low[0] in _words("not_speakers") or any(ch.isdigit() for ch in label):
        return None
    if len(words) > 1 and low[0] in {"der", "die", "das", "ein", "eine"}:
        return None
    appos = m.group("appos")
    if appos and not re.search(r"\b(?:[Mm]inister|[Ss]taatssekretär|[Bb]eauftragte)", appos):
        return None  # "Berlin, den 4. Mai:" — only an office may follow the name
    titles = _words("titles") | _words("presiding")
    core = [w for w in low if w + "." not in titles and w not in titles]
    if low[0] in _words("question_labels") and len(words) == 1:
        role = QUESTION
    elif low[0] in _words("answer_labels") and len(words) == 1:
        role = ANSWER
    elif low[0] in _words("presiding") and len(words) > 1:
        role = PRESIDING
    elif not core:
        return None
    else:
        role = SPEAKER
    aff = (m.start("aff"), m.end("aff")) if m.group("aff") else None
    return role, m.start("label"), m.end("label"), aff


def _is_question(text: str, start: int, end: int) -> bool:
    """Does the stretch end in a question mark (and is short enough to be a question)?"""
    body = text[start:end].rstrip('“”"»« \n\r\t')
    return body.endswith("?") and len(body.split()) <= 80


def _name_after(text: str, pos: int, limit: int) -> tuple[int, int] | None:
    """The run of capitalised words at ``pos`` (after determiners), at most five."""
    m = re.compile(r"\s*(?:(?:der|die|den|dem|mit)\s+)?").match(text, pos, limit)
    k = m.end() if m else pos
    run = re.compile(rf"(?:{_WORD})(?:[ \t]+(?:{_WORD}|{_PARTICLE})){{0,4}}").match(text, k, limit)
    if run is None:
        return None
    words = run.group(0).split()
    while words and words[-1] in {"von", "van", "de", "der", "den", "zu", "da", "di", "du"}:
        words.pop()
    return (run.start(), run.start() + len(" ".join(words))) if words else None


def _name_before(text: str, pos: int, floor: int) -> tuple[int, int] | None:
    """The run of capitalised words (and particles) that ends right before ``pos``."""
    words = list(re.finditer(r"\S+", text[floor:pos]))
    k = len(words)
    while k > 0 and words[k - 1].group(0) in {"–", "-", "—", ":"}:
        k -= 1
    end_k = k
    while k > 0 and end_k - k < 5:
        w = words[k - 1].group(0)
        if w[:1].isupper() and not re.search(r"[“”\"»«,.:;!?]$", w):
            k -= 1
        elif w in {"von", "van", "de", "der", "zu"} and k > 1 and k < end_k:
            k -= 1
        else:
            break
    if k == end_k:
        return None
    return (floor + words[k].start(), floor + words[end_k - 1].end())


def _people_in_intro(text: str, paras: list[tuple[int, int]]) -> tuple[list, list]:
    """Spans naming the interviewee and the interviewer in the first three paragraphs."""
    interviewees: list[tuple[int, int]] = []
    interviewers: list[tuple[int, int]] = []
    for s, e in paras[:3]:
        low = text[s:e].lower()
        taken: list[tuple[int, int]] = []
        for phrase, where, whose in _markers():
            i = low.find(phrase)
            while i >= 0:
                if not any(a <= i < b for a, b in taken):
                    taken.append((i, i + len(phrase)))
                    if where == "before":
                        span = _name_before(text, s + i, s)
                    else:
                        span = _name_after(text, s + i + len(phrase), e)
                    if span:
                        (interviewees if whose == "interviewee" else interviewers).append(span)
                i = low.find(phrase, i + 1)
    return interviewees, interviewers


def _marks(text: str, paras: list[tuple[int, int]]) -> tuple[list[Span], list[Interjection]]:
    """Stage directions and interjections in parentheses or brackets."""
    marks: list[Span] = []
    calls: list[Interjection] = []
    inter, stage = _words("interjections"), _words("stage")
    for s, e in paras:
        for m in _PAREN.finditer(text, s, e):
            group = 1 if m.group(1) is not None else 2
            inner = m.group(group).strip()
            first = inner.split()[0].lower().rstrip(".,:") if inner.split() else ""
            parts = re.split(r"\s+[–—-]\s+", inner)
            named = [p for p in parts if _NAMED_CALL.match(p)]
            if first in stage or (first + ".") in stage:
                marks.append(Span(m.start(), m.end(), STAGE))
                continue
            if first not in inter and (first + ".") not in inter and not named:
                continue
            marks.append(Span(m.start(), m.end(), INTERJECTION))
            if group == 2:
                continue  # brackets hold stage directions only
            pos = m.start(1) + (len(m.group(1)) - len(m.group(1).lstrip()))
            for part in parts:
                p0 = text.find(part, pos, m.end())
                pos = p0 + len(part)
                call = _CALLER.match(part)
                if call and call.group("call").lower() in _words("calls"):
                    who = (p0 + call.start("who"), p0 + call.end("who"))
                elif (named_call := _NAMED_CALL.match(part)) is not None:
                    call = named_call
                    who = (p0 + call.start("who"), p0 + call.end("who"))
                else:
                    continue
                calls.append(
                    Interjection(
                        m.start(), m.end(), who, (p0 + call.start("words"), p0 + call.end("words"))
                    )
                )
    return marks, calls


#: layouts already found, by a digest of the text and the given kind: loading, the quote
#: stage and the article's kind ask for the same text in turn (a build loads every
#: article before it tags the first). Keyed by digest, not by the text, so the cache
#: keeps no article text alive; cleared when full.
_LAYOUTS: dict[tuple[bytes, str | None], TurnLayout] = {}
_LAYOUTS_MAX = 50_000


def detect_turns(text: str, kind: str | None = None) -> TurnLayout:
    """The turn layout of ``text`` (see the module docstring); ``kind`` as given in the
    manifest, or None to detect it. The layout is frozen, so it is found once per text."""
    digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
    key = (digest, kind)
    layout = _LAYOUTS.get(key)
    if layout is None:
        if len(_LAYOUTS) >= _LAYOUTS_MAX:
            _LAYOUTS.clear()
        layout = _LAYOUTS[key] = _detect_turns(text, kind)
    return layout


def _detect_turns(text: str, kind: str | None) -> TurnLayout:
    if kind == "news":
        return TurnLayout("news")
    forced = kind in KINDS
    paras = _paragraphs(text)
    heads = []
    for s, e in paras:
        h = _header(text, s, e)
        if h is not None:
            heads.append((s, e, h))
    labels = Counter(
        text[ls:le] if role in {SPEAKER, PRESIDING} else role
        for _s, _e, (role, ls, le, _a) in heads
    )
    interviewees, interviewers = _people_in_intro(text, paras)
    marks, calls = _marks(text, paras)
    presiding = any(h[0] == PRESIDING for *_x, h in heads)
    parties = any(h[3] is not None for *_x, h in heads)
    protocol_calls = sum(1 for m in marks if m.kind == INTERJECTION)
    keys = [
        text[ls:le] if role in {SPEAKER, PRESIDING} else role for *_x, (role, ls, le, _a) in heads
    ]
    changes = sum(1 for a, b in zip(keys, keys[1:], strict=False) if a != b)
    body = sum(1 for s, _e in paras if heads and s >= heads[0][0])
    # speakers take turns (two changes at least), and headers open a good share of the
    # paragraphs unless the protocol's chair or interjections show the form
    turned = (
        len(heads) >= 3
        and len(labels) >= 2
        and max(labels.values()) >= 2
        and changes >= 2
        and (presiding or protocol_calls > 0 or len(heads) >= 0.1 * body)
    ) or (forced and bool(heads))
    if not turned:
        qa = _qa_turns(text, paras)
        intro = " ".join(text[s:e] for s, e in paras[:2]).lower()
        announced = any(w in _words("interview_words") for w in re.findall(r"\w+", intro))
        if qa and (interviewees or announced or forced):
            return TurnLayout(
                kind if forced else "interview",
                qa,
                tuple(marks),
                tuple(calls),
                tuple(interviewees),
                tuple(interviewers),
            )
        if forced:
            return TurnLayout(kind, (), tuple(marks), tuple(calls), tuple(interviewees))
        return TurnLayout("news")
    if kind in KINDS:
        found_kind = kind
    elif (presiding and (parties or protocol_calls)) or (parties and protocol_calls >= 2):
        found_kind = "protocol"
    elif not presiding and (
        any(h[0] in {QUESTION, ANSWER} for *_x, h in heads)
        or (interviewees and len({k for k in labels if k not in {QUESTION, ANSWER}}) <= 2)
    ):
        found_kind = "interview"
    else:
        found_kind = "transcript"
    turns = []
    header_marks = []
    for k, (s, e, (role, ls, le, aff)) in enumerate(heads):
        end = heads[k + 1][0] if k + 1 < len(heads) else len(text)
        colon = text.index(":", le if aff is None else aff[1])
        body = colon + 1
        while body < e and text[body] in " \t":
            body += 1
        turns.append(Turn(body, end, role, (ls, le), aff))
        header_marks.append(Span(s, colon + 1, HEADER))
    if found_kind == "interview":
        turns = _interview_roles(text, turns)
    spans = sorted(header_marks + marks, key=lambda sp: (sp.start, sp.end))
    return TurnLayout(
        found_kind,
        tuple(turns),
        tuple(spans),
        tuple(calls),
        tuple(interviewees),
        tuple(interviewers),
    )


def _interview_roles(text: str, turns: list[Turn]) -> list[Turn]:
    """Roles in an interview with name headers: next to "Frage:" turns the named turns are
    the answers; with two names ("SPIEGEL:" / "Geywitz:", "Fischer:" / "Precht:") the one
    whose turns mostly end in a question is the interviewer's."""
    if any(t.role == QUESTION for t in turns):
        return [replace(t, role=ANSWER) if t.role == SPEAKER else t for t in turns]
    named = [t for t in turns if t.role == SPEAKER and t.label]
    keys = {text[slice(*t.label)] for t in named}
    if len(keys) != 2:
        return turns
    asks: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for t in named:
        key = text[slice(*t.label)]
        seen[key] += 1
        asks[key] += _is_question(text, t.start, t.end)
    share = {k: asks[k] / seen[k] for k in seen}
    asker = max(share, key=lambda k: share[k])
    if share[asker] < 0.5 or min(share.values()) >= 0.5:
        return turns
    return [
        replace(t, role=QUESTION if text[slice(*t.label)] == asker else ANSWER)
        if t.role == SPEAKER and t.label
        else t
        for t in turns
    ]


def _qa_turns(text: str, paras: list[tuple[int, int]]) -> tuple[Turn, ...]:
    """Question and answer paragraphs of an interview without name headers: after the
    title and teaser, at least three questions each followed by an answer, and most
    of the body in that order."""
    start = 0
    while start < len(paras) and not _is_question(text, *paras[start]):
        start += 1
    body = paras[start:]
    if start > 3 or len(body) < 6:
        return ()
    turns: list[Turn] = []
    n_questions = 0
    k = 0
    while k < len(body):
        s, e = body[k]
        if not _is_question(text, s, e):
            return ()  # an answer without a question before it: no Q&A body
        n_questions += 1
        turns.append(Turn(s, e, QUESTION))
        m = k + 1
        while m < len(body) and not _is_question(text, *body[m]):
            m += 1
        if m == k + 1:
            return ()  # two questions in a row
        end = body[m][0] if m < len(body) else len(text)
        turns.append(Turn(body[k + 1][0], end, ANSWER))
        k = m
    return tuple(turns) if n_questions >= 3 else ()


def mark_turns(text: str, kind: str | None = None) -> tuple[Span, ...]:
    """The header, stage-direction and interjection marks of ``text``."""
    return detect_turns(text, kind).marks


def given_kind(article: Article) -> str | None:
    """The kind given in the manifest or metadata (``kind``), if it is one of :data:`KINDS`."""
    kind = str(article.meta.get("kind") or "").strip().lower()
    return kind if kind in KINDS else None


def with_turns(article: Article) -> Article:
    """``article`` with its turn marks among the boilerplate spans (the text is unchanged;
    the kind given in the manifest, if any, decides as in :func:`detect_turns`)."""
    layout = detect_turns(article.text, given_kind(article))
    if not layout.marks:
        return article
    # a mark joins unless it overlaps a span already there or a mark taken before it;
    # with the spans' starts and the running maximum of their ends, "does anything that
    # starts before the mark's end reach into it" is one bisect (marks come in text order)
    given = sorted(article.boilerplate, key=lambda sp: sp.start)
    starts = [sp.start for sp in given]
    reach: list[int] = []
    for sp in given:
        reach.append(max(reach[-1], sp.end) if reach else sp.end)
    spans = list(article.boilerplate)
    taken_end = -1  # the furthest end of the marks taken so far
    for m in sorted(layout.marks, key=lambda sp: sp.start):
        k = bisect.bisect_left(starts, m.end)
        if (k and reach[k - 1] > m.start) or taken_end > m.start:
            continue
        spans.append(m)
        taken_end = max(taken_end, m.end)
    spans.sort(key=lambda sp: (sp.start, sp.end))
    return replace(article, boilerplate=tuple(spans))
