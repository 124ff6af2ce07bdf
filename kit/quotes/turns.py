"""Quotes in interviews, transcripts and protocols: a turn's statements are its speaker's.

The reading layer finds the turns (:func:`kit.reading.turns.detect_turns`); here they
get their speakers and quotes:

- **Names.** A header is resolved like any mention, to the fullest name the document
  gives ("Kaltenbach:" → Ines Kaltenbach of the teaser, "Präsidentin Dr. Helga Brenner:"
  → Helga Brenner, role Präsidentin; "Tobias Ahrens (SPD):" → role SPD). Questions
  ("Frage:", or the paragraphs ending in "?" of a header-less interview) are the
  interviewer's, named where the article says who asked ("Das Interview führte …"),
  else an empty speaker with the role Interviewer; answers are the interviewee's (the
  name header, or the person named in the title or teaser: "… im Interview").
- **Within a turn** a quote found by the sentence rules keeps its speaker only if it
  reports a third person's words ("Der bayerische Verkehrsminister Georg Ostermaier
  sagt, …") or continues one named in the same turn; anything else is the turn
  speaker's verbatim speech — a first-person report ("Ich rechne damit, dass …", "Wir
  empfehlen, …"), a question, a speech act told (Reported), a pronoun or description
  that names no one, a free indirect sentence after another turn's report. Every sentence of a turn not covered so becomes a
  Direct quote of the turn speaker (one per paragraph run), so figures in it take the
  turn speaker as their source.
- **Interjections** with a caller and words are quotes of the caller: "(Zuruf von der
  AfD: Das ist doch Panikmache!)" → AfD, "(Dr. Karl Wendisch [AfD]: Wer soll das
  bezahlen?)" → Karl Wendisch. Headers, stage directions and interjections are marked
  like boilerplate: no other quote is taken from them.

Turn lookup is by sorted offsets and bisect; one pass over the turns and one over the
quotes, so the cost stays linear in the article.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from kit.quotes.mentions import W
from kit.quotes.speakable import Resolved
from kit.reading.turns import ANSWER, QUESTION, TurnLayout, detect_turns
from kit.wordlists import word_class

#: first-person mentions: the turn speaker's own report ("Ich rechne damit, dass …")
FIRST_PERSON = word_class("turns.txt", "first_person")
#: third-person pronouns: a quote keeps such a speaker only if the turn named it
PRONOUNS = word_class("turns.txt", "pronouns")


def layout_of(doc: Doc) -> TurnLayout:
    """The turn layout of a tagged article (the kind given in the manifest decides)."""
    text = doc._.text if doc._.text is not None else doc.text
    kind = doc._.kind if Doc.has_extension("kind") else ""
    return detect_turns(text, kind or None)


def mark_words(ws: list[W], layout: TurnLayout) -> None:
    """Words inside a header, stage direction or interjection are boilerplate."""
    marks = sorted((m.start, m.end) for m in layout.marks)
    k = 0
    for w in ws:
        while k < len(marks) and marks[k][1] <= w.start:
            k += 1
        if k < len(marks) and marks[k][0] < w.end:
            w.bp = True


def split_sentences(
    sents: list[tuple[int, int]], ws: list[W], layout: TurnLayout
) -> list[tuple[int, int]]:
    """Sentence ranges cut where a mark starts or ends: "Kaltenbach: Wir haben …" is the
    header and then the sentence, "… verbieten. (Zuruf …) Nein, …" three pieces."""
    starts = [w.start for w in ws]
    cuts = sorted(
        {bisect_left(starts, m.start) for m in layout.marks}
        | {bisect_left(starts, m.end) for m in layout.marks}
    )
    out = []
    for a, b in sents:
        k = bisect_right(cuts, a)
        while k < len(cuts) and cuts[k] < b:
            out.append((a, cuts[k]))
            a = cuts[k]
            k += 1
        out.append((a, b))
    return out


@dataclass(frozen=True)
class TurnSpeaker:
    speaker: str
    role: str
    kind: str
    mention: tuple[int, int] | None  # character span of the header name (or teaser name)


def _words_in(ws: list[W], starts: list[int], span: tuple[int, int]) -> list[W]:
    return ws[bisect_left(starts, span[0]) : bisect_left(starts, span[1])]


def _first_named(resolver: Any, ws: list[W], starts: list[int], spans: Any) -> TurnSpeaker | None:
    for span in spans:
        r: Resolved = resolver.name(_words_in(ws, starts, span))
        if r.speaker:
            return TurnSpeaker(r.speaker, r.role, r.kind or "person", span)
    return None


def turn_speakers(layout: TurnLayout, ws: list[W], resolver: Any, text: str) -> list[TurnSpeaker]:
    """The speaker of every turn (see the module docstring)."""
    starts = [w.start for w in ws]
    asker = _first_named(resolver, ws, starts, layout.interviewers)
    guest = _first_named(resolver, ws, starts, layout.interviewees)
    nobody_asks = TurnSpeaker("", "Interviewer", "", None)
    by_label: dict[str, TurnSpeaker] = {}
    out = []
    for t in layout.turns:
        label = text[t.label[0] : t.label[1]] if t.label else ""
        if label and label.lower() not in _QA_LABELS and label not in by_label:
            r: Resolved = resolver.name(_words_in(ws, starts, t.label))
            role = r.role or (text[t.affiliation[0] : t.affiliation[1]] if t.affiliation else "")
            by_label[label] = TurnSpeaker(r.speaker, role, r.kind or "person", t.label)
        found = by_label.get(label)
        if found is not None and found.speaker:
            out.append(found)  # "Kaltenbach:", "Tobias Ahrens (SPD):", "SPIEGEL:"
        elif t.role == QUESTION:
            out.append(asker or nobody_asks)
        elif t.role == ANSWER:
            out.append(guest or TurnSpeaker("", "", "", None))
        else:
            out.append(found or TurnSpeaker("", "", "", t.label))
    return out


_QA_LABELS = word_class("turns.txt", "question_labels") | word_class("turns.txt", "answer_labels")


def _row(art: Any, start: int, end: int, ts: TurnSpeaker, frame: tuple[int, int] | None) -> dict:
    text = art.text
    mention = ts.mention
    return dict(
        article_id=art.doc._.article_id or "",
        type="Direct",
        medium="speech",
        quote_text=text[start:end],
        quote_start=start,
        quote_end=end,
        cue="",
        cue_start=None,
        cue_end=None,
        speaker=ts.speaker,
        speaker_mention=text[mention[0] : mention[1]] if mention else "",
        speaker_start=mention[0] if mention else None,
        speaker_end=mention[1] if mention else None,
        role=ts.role,
        speaker_kind=ts.kind if ts.speaker else "",
        via="",
        sentence=text[start:end],
        quote_spans=((start, end),),
        cue_spans=(),
        frame_spans=(frame,) if frame else (),
        addressee="",
        addressee_spans=(),
    )


def attribute_turns(
    art: Any, layout: TurnLayout, rows: list[dict], cands: list[Any], resolver: Any
) -> list[dict]:
    """The quotes of a turn-based article (module docstring); ``rows`` and ``cands`` are
    the sentence rules' records and candidates, in the same order."""
    text = art.text
    turns = layout.turns
    speakers = turn_speakers(layout, art.ws, resolver, text)
    turn_starts = [t.start for t in turns]

    def turn_at(pos: int) -> int | None:
        k = bisect_right(turn_starts, pos) - 1
        return k if k >= 0 and pos < turns[k].end else None

    kept: list[dict] = []
    covered: set[int] = set()
    third: dict[int, set[str]] = {}
    for row, c in zip(rows, cands, strict=True):
        k = turn_at(row["quote_start"])
        if k is None:
            kept.append(row)
            continue
        ts = speakers[k]
        own = c.speaker is not None
        mention = row["speaker_mention"].strip().lower() if own else ""
        first_word = mention.split()[0] if mention else ""
        asked = row["sentence"].rstrip(' “”"»«').endswith("?")
        named = third.setdefault(k, set())
        if own and (mention in FIRST_PERSON or first_word in FIRST_PERSON):
            continue  # "Ich sage Ihnen: …", "Wir gehen davon aus, dass …": verbatim, the turn's
        if row["type"] == "Reported" or (asked and not (own and row["speaker"])):
            continue  # a speech act told, a question: the turn speaker's words
        if own and row["speaker"] and mention not in PRONOUNS:
            named.add(row["speaker"])  # a third person quoted inside the turn
        elif not (row["speaker"] and row["speaker"] in named):
            continue  # names no one, or someone of another turn: the turn speaker's words
        kept.append(row)
        covered.update(range(c.sent, max(c.sent, c.last_sent) + 1))

    # every other sentence of a turn is the turn speaker's, one quote per paragraph run
    sents, ws = art.sents, art.ws
    sent_starts = [ws[a].start for a, _ in sents]

    def flush(run: list[int], k: int) -> None:
        if run:
            start, end = ws[sents[run[0]][0]].start, ws[sents[run[-1]][1] - 1].end
            kept.append(_row(art, start, end, speakers[k], turns[k].label))

    for k, t in enumerate(turns):
        run: list[int] = []
        for i in range(bisect_left(sent_starts, t.start), bisect_left(sent_starts, t.end)):
            a, b = sents[i]
            if i in covered or any(w.bp for w in ws[a:b]):
                flush(run, k)
                run = []
                continue
            if run and "\n" in text[ws[sents[run[-1]][1] - 1].end : ws[a].start]:
                flush(run, k)  # a new paragraph
                run = []
            run.append(i)
        flush(run, k)

    # interjections with words: quotes of the caller
    starts = [w.start for w in art.ws]
    for call in layout.interjections:
        if call.caller is None:
            continue
        r: Resolved = resolver.name(_words_in(art.ws, starts, call.caller))
        ts = TurnSpeaker(r.speaker, r.role, r.kind, call.caller)
        row = _row(art, call.words[0], call.words[1], ts, None)
        row["sentence"] = text[call.start : call.end]
        kept.append(row)
    kept.sort(key=lambda r: r["quote_start"])
    return kept
