"""Quote attribution for German news: who said what, in which form.

``extract_quotes(doc)`` yields one :class:`~kit.records.Quote` per quotation,
typed with the WikiNews benchmark's labels:

- **Direct**: text in „…“, "…", »…«, with the frame next to it
  („…“, sagte Blinken. / Kim: „…“); partial quotes inside a paraphrase
  (dieser Einsatz zeige, „wie schlecht Putins Krieg läuft“) inherit the
  paraphrase's speaker. Short quoted names and titles („Der Spiegel“) are not
  quotes: a span of at most four words counts only in a sentence that
  attributes something.
- **Indirect**: the clause next to a cue verb (Er sagte, dass … / …, teilte
  das Ministerium mit / Wie die Polizei mitteilte, …) or an attribution phrase
  (Laut Kiew …, Polizeiangaben zufolge …, nach Angaben des Ministers …, …, so
  Müller). The quote span is the reported clause without the frame.
- **Reported**: a speech act without a reported clause (Biden verurteilte die
  Entsendung …): the whole sentence, speaker = its subject, no cue.
- **IndirectFreeIndirect / FreeIndirect**: sentences right after a report
  that go on in Konjunktiv I (Sie seien bereit …) or with reportive "sollen",
  attributed to the last speaker.

Rules run on words, word classes and cue lexicons; STTS tags, morphology,
entities and a TIGER dependency parse are used when the pipeline provides
them, never required. One module per job: :mod:`kit.quotes.text` (words,
sentences, quotation marks), :mod:`kit.quotes.cues` (cue lexicon),
:mod:`kit.quotes.clauses` (clauses, subjects), :mod:`kit.quotes.direct`
(direct quotes), :mod:`kit.quotes.phrases` (laut/zufolge/so, via),
:mod:`kit.quotes.mentions` (mentions → canonical speakers);
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from spacy.tokens import Doc

from kit.german.chains import chains_of
from kit.german.offsets import entity_index
from kit.german.sentences import doc_text, token_view
from kit.quotes.cues import (
    attribution_patterns,
)
from kit.quotes.direct import DirectRules
from kit.quotes.indirect import IndirectRules
from kit.quotes.mentions import np_after, words
from kit.quotes.phrases import PhraseRules
from kit.quotes.resolve import SpeakerResolver
from kit.quotes.text import (
    CHAIN_GAP,
    FINAL,
    MEDIUM,
    QUOTE_CHARS,
    Cand,
    doc_words,
    mark_spans,
    sentence_ranges,
)
from kit.quotes.turns import attribute_turns, layout_of, mark_words, split_sentences
from kit.records import Quote
from kit.wordlists import word_class

# ------------------------------------------------------------------- extraction


class _Article(DirectRules, IndirectRules, PhraseRules):
    """One article under the rules: its words, sentences, quotation marks and candidates."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text: str = doc._.text if doc._.text is not None else doc.text
        self.ws = doc_words(doc)
        self.sents = sentence_ranges(doc, self.ws, self.text)
        # interviews, transcripts, protocols: headers, stage directions and interjections
        # are marked like boilerplate and end a sentence (kit.quotes.turns)
        self.layout = layout_of(doc)
        if self.layout.marks:
            mark_words(self.ws, self.layout)
            self.sents = split_sentences(self.sents, self.ws, self.layout)
        self.c = words()
        self.pats = attribution_patterns()
        self.direct = mark_spans(self.text)
        self.in_quote = [False] * len(self.ws)
        di = 0
        for k, w in enumerate(self.ws):
            while di < len(self.direct) and self.direct[di][1] <= w.start:
                di += 1
            if di < len(self.direct) and self.direct[di][0] <= w.start < self.direct[di][1]:
                self.in_quote[k] = True
        self.sent_of = [0] * len(self.ws)
        for si, (a, b) in enumerate(self.sents):
            for k in range(a, b):
                self.sent_of[k] = si
        self.used_direct: set[int] = set()
        self.cands: list[Cand] = []

    def run(self) -> list[Cand]:
        last_quote_sent = -5
        for si, (a, b) in enumerate(self.sents):
            if any(w.bp for w in self.ws[a:b]):
                continue
            before = len(self.cands)
            self.sentence(si, a, b)
            found = [c for c in self.cands[before:] if c.type != "DirectShort"]
            if found:
                last_quote_sent = si
                continue
            gap = si - last_quote_sent
            if self.free_indirect(si, a, b, gap <= CHAIN_GAP, gap == 1):
                last_quote_sent = si
        self.one_report_per_span()
        self.partial_direct()
        self.join_free_indirect()
        return self.cands

    def one_report_per_span(self) -> None:
        """Two reports of the same clause ("sprach von … und argumentierte, dass …"
        found from both verbs) are one: the cue nearest before the clause wins."""
        best: dict[tuple[str, tuple[tuple[int, int], ...]], Cand] = {}
        for c in self.cands:
            if c.type != "Indirect" or not c.cue:
                continue
            key = (c.type, tuple(c.qspans))
            if key not in best or min(c.cue) > min(best[key].cue):
                best[key] = c
        self.cands = [
            c
            for c in self.cands
            if c.type != "Indirect" or not c.cue or best[(c.type, tuple(c.qspans))] is c
        ]

    def join_free_indirect(self) -> None:
        """Consecutive free indirect sentences of one type form one quotation.

        On the benchmark's train split two adjacent sentences that are both
        FreeIndirect (or both IndirectFreeIndirect) belong to the same quotation
        134 times and to two quotations 7 times ("Diese sollen … . Ab 2020 sollen … .").
        """
        free = {"FreeIndirect", "IndirectFreeIndirect"}
        out: list[Cand] = []
        for c in self.cands:
            # the last quotation before, skipping partial direct quotes inside it
            k = len(out) - 1
            while k >= 0 and out[k].type == "Direct" and out[k].sent == c.sent - 1:
                k -= 1
            prev = out[k] if k >= 0 else None
            if (
                prev is not None
                and c.type in free
                and prev.type == c.type
                and c.sent == max(prev.sent, prev.last_sent) + 1
                and len(prev.qspans) == 1
                and len(c.qspans) == 1
            ):
                prev.qspans = [(prev.qspans[0][0], c.qspans[0][1])]
                prev.last_sent = c.sent
                continue
            out.append(c)
        self.cands = out

    def sentence(self, si: int, a: int, b: int) -> None:
        ws = self.ws
        end = b
        while end > a and (
            ws[end - 1].text in FINAL
            or ws[end - 1].text in QUOTE_CHARS
            and self.in_quote[end - 1] is False
        ):
            end -= 1
        sent_cands: list[Cand] = []

        # 1. direct quotes starting in this sentence
        for di in self.direct_between(ws[a].start, ws[b - 1].end):  # bisect, not all quotes
            qs, qe = self.direct[di]
            if di in self.used_direct:
                continue
            cand = self.direct_quote(di, qs, qe, si, a, b)
            if cand:
                self.used_direct.add(di)
                sent_cands.append(cand)

        # 2. cue verbs outside quotes
        # a partial quote inside a clause ("Truppen seien … „in Kampfhandlungen verwickelt“,
        # bestätigten die USA") leaves its cue free: the clause around it is a report too
        used_cue: set[int] = {
            k for c in sent_cands for k in c.cue if not self.partial_before_cue(c, a)
        }
        last_speaker = next((c.speaker for c in reversed(sent_cands) if c.speaker), None)
        for i in range(a, end):
            if self.in_quote[i] or i in used_cue or not self.may_cue(i):
                continue
            got = self.cue_at(i, end)
            if not got:
                continue
            idx, hit = got
            used_cue.update(idx)
            cand = self.indirect(si, a, end, b, idx, hit, last_speaker)
            if cand:
                used_cue.update(cand.consumed)
                if cand.speaker:
                    last_speaker = cand.speaker
                sent_cands.append(cand)

        # 2b. a reported clause after a noun: "die Befürchtung, Iran betreibe …"
        if not any(c.type == "Indirect" for c in sent_cands):
            cand = self.noun_cue(si, a, end)
            if cand:
                sent_cands.append(cand)

        # „…“ governed by a cue verb of the sentence: "nannte den Bericht eine „Zeitungsente“"
        hosts = [c for c in sent_cands if c.type in {"Indirect", "Reported"}]
        for c in sent_cands:
            if c.type == "DirectShort" and not any(
                s <= c.qspans[0][0] < e for h in hosts for s, e in h.qspans
            ):
                self.governed_direct(c, a, end)

        # one Reported per sentence, none next to a reported clause
        reported = [c for c in sent_cands if c.type == "Reported"]
        if reported:
            sent_cands = [c for c in sent_cands if c.type != "Reported"]
            if not any(c.type == "Indirect" for c in sent_cands):
                sent_cands.append(reported[0])

        # 3. attribution phrases; "Nach Angaben der Polizei habe …" at the start wins over a
        # speech-act verb later in the sentence
        reported_here = any(
            c.type in {"Indirect", "Reported"} or (c.type == "Direct" and c.cue) for c in sent_cands
        )
        cand = self.attribution(si, a, end, b)
        # a speech act without a reported clause yields to an attribution phrase anywhere:
        # "Die Herbstsaison hat nach Polizeiangaben wieder einen Toten gefordert"
        only_reported = all(c.type in {"Reported", "DirectShort"} for c in sent_cands)
        # "Eine Bewährungsstrafe sei …, „wenn jemand …“, so Ute Bader": the only framed
        # quotes are partial quotes inside the attribution's own report
        partial_only = cand is not None and all(
            c.type == "Direct"
            and c.cue == cand.cue  # the attribution's own frame, not "sagte X, laut TASS"
            and any(qa <= c.qspans[0][0] and c.qspans[-1][1] <= qb for qa, qb in cand.qspans)
            for c in sent_cands
            if c.type in {"Indirect", "Reported"} or (c.type == "Direct" and c.cue)
        )
        if cand and (
            not reported_here or only_reported or partial_only or cand.frame[0][0] <= a + 1
        ):
            sent_cands = [c for c in sent_cands if c.type != "Reported"]
            sent_cands.append(cand)
            if cand.frame[0][0] == a and cand.speaker:
                self.speaker_after_source(cand, sent_cands, end)
        elif reported_here:
            self.find_via(sent_cands, a, end)
        for c in sent_cands:
            if c.cue and not c.addressee:
                c.addressee = self.told(c, end)
        self.cands.extend(sent_cands)

    def partial_before_cue(self, c: Cand, a: int) -> bool:
        """A partial direct quote inside a Konjunktiv I clause before its postposed cue:
        "Nordkoreanische Truppen seien … „in Kampfhandlungen verwickelt“, bestätigten die
        USA" — the clause is an Indirect report of the same cue as well."""
        if c.type != "Direct" or not c.cue or c.qspans[0][0] <= self.ws[a].start:
            return False
        f = min(c.cue)
        if self.ws[f].start > c.qspans[-1][1]:
            return any(self.ws[k].konj and not self.in_quote[k] for k in range(a, f))
        # "Er sagte, „No-Go-Areas“ dürfe es nicht geben": the quote opens a reported
        # Konjunktiv clause after the cue and is only part of it
        after = range(max(c.cue) + 1, self.sents[c.sent][1])
        outside = [k for k in after if not self.in_quote[k] and self.ws[k].text not in FINAL]
        return len(outside) >= 3 and any(self.ws[k].konj for k in outside)

    def speaker_after_source(self, src: Cand, sent_cands: list[Cand], end: int) -> None:
        """ "Laut dem Weißen Haus äußerte Biden auch „tiefe Besorgnis …“": after a source
        opening the sentence, a cue verb with its own subject names the speaker of the
        quotes in its clause; the source is their channel (via). The benchmark keeps the
        "laut" quotation around it too (train: "Laut Informationen des … hat der IWF
        angekündigt, …" has both), so ``src`` stays."""
        ws = self.ws
        v = src.frame[0][1]
        if v >= end or self.in_quote[v]:
            return
        got = self.cue_at(v, end)
        if not got or min(got[0]) != v or ws[v].konj:
            return  # "Laut X habe Y …": the verb itself is reported
        idx, hit = got
        _, ce = self.clause(max(idx), v, end)
        sp = np_after(ws, v + 1, ce)
        if (
            not sp
            or sp[0] in idx
            or self.inanimate(sp)
            or ws[sp[0]].lower in {"es", "man", "sich"}
            or self.in_quote[sp[0]]
        ):
            return
        for c in sent_cands:
            if c is src:
                continue
            frameless = c.type == "DirectShort" or (
                c.type == "Direct" and not c.cue and not c.speaker
            )
            if frameless and ws[v].start < c.qspans[0][0]:
                qi = next((k for k in range(v, end) if ws[k].start >= c.qspans[0][0]), end)
                c.type, c.titlecase = "Direct", False
                c.cue, c.speaker, c.frame = list(idx), sp, [(src.frame[0][0], qi)]
                c.medium, c.cue_lemma = MEDIUM[hit.cue.medium], hit.cue.lemma
            elif c.type in {"Direct", "Indirect"} and c.speaker == sp and set(c.cue) & set(idx):
                pass
            else:
                continue
            if c.via is None:
                c.via = src.speaker


# ------------------------------------------------------------------- records


def _spans(
    art: _Article, ranges: list[tuple[int, int]] | tuple[int, int] | None
) -> tuple[tuple[int, int], ...]:
    if not ranges:
        return ()
    if isinstance(ranges, tuple):
        ranges = [ranges]
    out = []
    for a, b in ranges:
        t = art.trim(a, b) if b - a > 1 else (a, b)
        if t:
            out.append(art.chars(*t))
    return tuple(out)


#: frame words that tell the medium: "laut einem Bericht", "in einem Interview"
MEDIUM_WRITING = word_class("quote_words.txt", "medium_writing")
MEDIUM_SPEECH = word_class("quote_words.txt", "medium_speech")


def _medium_from_frame(art: _Article, c: Cand, medium: str) -> str:
    """The medium the frame's words tell ("teilte in einer Erklärung mit" → writing,
    "sagte in einem Interview" → speech), else the cue's; thought stays thought."""
    if medium == "thought":
        return medium
    lows = {art.ws[k].lower for a, b in c.frame for k in range(a, b)}
    if lows & MEDIUM_WRITING and not lows & MEDIUM_SPEECH:
        return "writing"
    if lows & MEDIUM_SPEECH and not lows & MEDIUM_WRITING:
        return "speech"
    return medium


def _person_names(doc: Doc) -> list[str]:
    """The texts of the doc's PER entities, from the token view and the entity index
    (no ``Span`` rebuilt per entity)."""
    texts, idx, _spaces = token_view(doc)
    text = doc_text(doc)
    return [
        text[idx[e.start] : idx[e.end - 1] + len(texts[e.end - 1])]
        for e in entity_index(doc)[1]
        if e.label_ == "PER"
    ]


def extract_quotes(doc: Doc, *, opts: dict[str, Any] | None = None) -> Iterator[Quote]:
    """Quotations of one tagged article (see the module docstring)."""
    art = _Article(doc)
    if not art.ws:
        return
    cands = art.run()
    people = _person_names(doc)
    resolver = SpeakerResolver(art.ws, people, art.in_quote, chains_of(doc))
    article_id = doc._.article_id or ""
    last = None  # (speaker, role, kind, mention span, link)
    text = art.text
    cands = sorted(cands, key=lambda c: c.qspans[0][0])
    rows = []
    for c in cands:
        spk_span: tuple[int, int] | None = None
        if c.speaker:
            mention = art.ws[c.speaker[0] : c.speaker[1]]
            r = resolver.resolve(mention)
            spk_span = art.chars(*c.speaker)
            link = r.link or ("pronoun" if r.speaker and len(mention) == 1 else "")
            if r.speaker.lower() in art.text[spk_span[0] : spk_span[1]].lower():
                link = ""  # the name is in the mention
            last = (r.speaker, r.role, r.kind, spk_span, link)
            speaker, role, kind = r.speaker, r.role, r.kind
        elif c.inherit and last:
            speaker, role, kind, spk_span, link = last
            link = link or ("previous report" if speaker else "")
            between = resolver.subject_between(c.qspans[0][0])
            if between and speaker and between[2].split()[-1:] != speaker.split()[-1:]:
                # "… sagt der Bauernverband. Schlachter Holland-Moritz kann … benennen. „…“":
                # another person named as a subject since the last report speaks
                speaker, role, kind, link = between[2], "", "person", "subject"
                spk_span = (between[0], between[1])
        else:
            speaker, role, kind, link = "", "", "", ""
        via = ""
        if c.via:
            via = resolver.resolve(art.ws[c.via[0] : c.via[1]]).speaker
        cue_spans = tuple(art.chars(k, k + 1) for k in sorted(c.cue))
        s0 = art.sents[c.sent][0]
        s1 = art.sents[max(c.sent, c.last_sent)][1]
        qspans = tuple(c.qspans)
        rows.append(
            dict(
                article_id=article_id,
                type=c.type,
                medium=c.medium,
                quote_text=" … ".join(text[s:e] for s, e in qspans),
                quote_start=qspans[0][0],
                quote_end=qspans[-1][1],
                cue=" ".join(text[s:e] for s, e in cue_spans),
                cue_start=cue_spans[0][0] if cue_spans else None,
                cue_end=cue_spans[-1][1] if cue_spans else None,
                speaker=speaker,
                speaker_mention=text[spk_span[0] : spk_span[1]] if spk_span else "",
                speaker_start=spk_span[0] if spk_span else None,
                speaker_end=spk_span[1] if spk_span else None,
                speaker_link=link,
                role=role,
                speaker_kind=kind,
                via=via,
                sentence=text[art.ws[s0].start : art.ws[s1 - 1].end],
                quote_spans=qspans,
                cue_spans=cue_spans,
                frame_spans=tuple(art.chars(a, b) for a, b in c.frame if b > a),
                addressee=text[art.chars(*c.addressee)[0] : art.chars(*c.addressee)[1]]
                if c.addressee
                else "",
                addressee_spans=_spans(art, c.addressee),
            )
        )
    for c, row in zip(cands, rows, strict=True):
        row["medium"] = _medium_from_frame(art, c, row["medium"])
    # the channel holds for the same speaker's neighbouring quotes ("Kim beschuldigte …"
    # then "„…“, sagte Kim, wie KCNA zitierte")
    stated = [bool(row["via"]) for row in rows]
    for k, row in enumerate(rows):
        if row["via"] or not row["speaker"]:
            continue
        for m in range(max(0, k - 4), min(len(rows), k + 5)):
            other = rows[m]
            if (
                stated[m]
                and other["speaker"] == row["speaker"]
                and abs(cands[m].sent - cands[k].sent) <= 2
            ):
                row["via"] = other["via"]
                break
    if art.layout.turns or art.layout.interjections:
        rows = attribute_turns(art, art.layout, rows, cands, resolver)
    for n, row in enumerate(rows, 1):
        yield Quote(quote_id=f"{article_id}-q{n}", **row)
