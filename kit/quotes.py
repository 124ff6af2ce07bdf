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
them, never required. One module per job: :mod:`kit.quote_text` (words,
sentences, quotation marks), :mod:`kit.cues` (cue lexicon),
:mod:`kit.quote_clauses` (clauses, subjects), :mod:`kit.quote_direct`
(direct quotes), :mod:`kit.quote_phrases` (laut/zufolge/so, via),
:mod:`kit.quote_speaker` (mentions → canonical speakers); this module runs
the sentence loop, indirect and free indirect speech, and builds records.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from spacy.tokens import Doc

from .cues import (
    SOLLEN_FORMS,
    attribution_patterns,
)
from .quote_direct import DirectRules
from .quote_phrases import PhraseRules
from .quote_speaker import SpeakerResolver, cut_relative, is_role, np_after, words
from .quote_text import (
    CHAIN_GAP,
    FINAL,
    INF_CUES,
    MEDIUM,
    QUOTE_CHARS,
    RELATIVE,
    Cand,
    doc_words,
    mark_spans,
    sentence_ranges,
)
from .records import Quote

#: nouns for an audience addressed "vor …" ("vor Journalisten", "vor der Presse")
AUDIENCE = (
    "journalist", "reporter", "presse", "medienvertreter", "abgeordnete", "parlament",
    "delegierte", "anhänger", "studenten", "zuhörer", "publikum", "mitglieder", "soldaten",
)  # fmt: skip

#: auxiliaries of the passive, also the stative one ("Weitere Aktionen sind angekündigt"):
#: no speaker acts in the sentence, so it is no reported speech act
PASSIVE_AUX = frozenset("wurde wurden wird werden worden ist sind war waren".split())

#: conjunctions of an adverbial clause that can hold a report frame with the verb last:
#: "…, da die USA und ihre Verbündeten befürchten, dass …", "…, nachdem sie berichtet
#: hatte, dass …" (not "wie": a comparison or a wie-frame, handled apart)
ADVERBIAL_CONJ = frozenset("da weil nachdem während obwohl obgleich wobei zumal als".split())

#: causal conjunctions: "bezeichnete … als fatal, weil die Kongolesen …" — the benchmark
#: often takes the reason as the speaker's reported content
REASON_CONJ = frozenset("da weil zumal".split())

#: dative forms that open an addressee before the verb ("Den Flüchtlingen sicherte … zu")
DATIVE_DET = frozenset({"dem", "den", "einem", "ihm", "ihnen"})

# ------------------------------------------------------------------- extraction


class _Article(DirectRules, PhraseRules):
    """One article under the rules: its words, sentences, quotation marks and candidates."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text: str = doc._.text if doc._.text is not None else doc.text
        self.ws = doc_words(doc)
        self.sents = sentence_ranges(doc, self.ws, self.text)
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
        for di, (qs, qe) in enumerate(self.direct):
            if di in self.used_direct or not (ws[a].start <= qs < ws[b - 1].end):
                continue
            cand = self.direct_quote(di, qs, qe, si, a, b)
            if cand:
                self.used_direct.add(di)
                sent_cands.append(cand)

        # 2. cue verbs outside quotes
        used_cue: set[int] = {k for c in sent_cands for k in c.cue}
        last_speaker = next((c.speaker for c in reversed(sent_cands) if c.speaker), None)
        for i in range(a, end):
            if self.in_quote[i] or i in used_cue:
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
        if cand and (not reported_here or only_reported or cand.frame[0][0] <= a + 1):
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

    def told(self, c: Cand, end: int) -> tuple[int, int] | None:
        """The addressee named by a preposition in the frame: "sagte er gegenüber der
        Presse", "erklärte vor Journalisten" (only nouns for an audience after "vor")."""
        ws = self.ws
        for fa, fb in c.frame:
            for k in range(fa, min(fb, end)):
                low = ws[k].lower
                if self.in_quote[k] or low not in {"gegenüber", "vor"}:
                    continue
                ad = np_after(ws, k + 1, min(fb + 1, end), appos=False)
                if not ad or (c.speaker and ad[0] < c.speaker[1] and c.speaker[0] < ad[1]):
                    continue
                if low == "vor" and not any(
                    ws[m].lower.startswith(AUDIENCE) for m in range(ad[0], ad[1])
                ):
                    continue
                return ad
        return None

    def indirect(
        self,
        si: int,
        a: int,
        end: int,
        b: int,
        idx: list[int],
        hit: Any,
        last_speaker: tuple[int, int] | None,
    ) -> Cand | None:
        ws = self.ws
        f = min(idx)
        cue_last = max(idx)
        cs, _ = self.clause(f, a, end)
        _, ce = self.clause(cue_last, a, end)
        medium = MEDIUM[hit.cue.medium]
        lemma = hit.cue.lemma.replace("|", "")
        first = ws[cs].lower if cs < end else ""
        if cs == f and cs > a + 2 and ws[cs - 1].text == ",":
            # "Wie die Premierministerin von Queensland, Anna Bligh, erklärte": a name in
            # apposition between the commas is still part of the wie-clause
            seg_start = self.clause(cs - 2, a, end)[0]
            seg = ws[seg_start : cs - 1]
            if seg_start > a + 1 and seg and all(w.ent == "PER" or w.tag == "NE" for w in seg):
                pcs = self.clause(seg_start - 2, a, end)[0]
                if ws[pcs].lower == "wie" and pcs < seg_start - 2:
                    cs, first = pcs, "wie"
        cand = Cand("Indirect", [], si, cue=list(idx), medium=medium, cue_lemma=lemma)
        # (a) subordinate frame: "Wie die Polizei mitteilte, …" / "…, wie er sagte."
        so_main = first == "so" and f == cs + 1 and cs == a  # "So erklärte X, dass …": main clause
        if first in {"wie", "so"} and cs < f and not so_main:
            cand.cue = [cs] + cand.cue
            cand.speaker = np_after(ws, cs + 1, f)
            if cand.speaker is None and f == cs + 1:
                cand.speaker = np_after(ws, cue_last + 1, ce)  # "…, so sagte er."
            if cs == a or (cs > a and ws[cs - 1].text in QUOTE_CHARS):
                q = self.trim(ce, end)
            else:
                q = self.trim(a, cs)
                # a wie-clause after a direct quote belongs to that quote (via)
            if not q or self.covered_by_direct(q):
                return None
            cand.qspans = [self.chars(*q)]
            cand.frame = [(max(cs - 1, a), min(ce + 1, end))]
            return cand
        subordinate = (
            cs > a
            and ws[cs - 1].text == ","
            and (first in RELATIVE or first in self.c["conj"] or first in self.c["wh"])
        )
        if subordinate and cs < f:
            if first in ADVERBIAL_CONJ:
                return self.adverbial_frame(cand, si, a, end, cs, f, ce, idx, lemma)
            return None  # "…, die wiederum das Amt informierte, …": not a report frame
        appos = cs == f and cs > a and self.subject_region(a, cs - 1)
        # (b) postposed frame: "…, sagte Blinken am Donnerstag."
        if (
            cs == f
            and cs > a
            and ws[cs - 1].text in {",", "–"}
            and not appos
            and self.clause_like(a, cs - 1)
        ):
            q = self.trim(self.lead_in(a, cs - 1), cs - 1)
            if not q or self.covered_by_direct(q):
                return None
            if ws[q[0]].lower in self.c["conj"] - {"dass", "ob"} and ws[q[0]].lower != "und":
                return None
            cand.speaker = np_after(
                ws, cue_last + 1 if cue_last == f + 1 else f + 1, end
            ) or np_after(ws, f + 1, end)
            if cand.speaker and cand.speaker[0] in idx:
                cand.speaker = None
            if cand.speaker is None or ws[f + 1].lower in {"aber", "jedoch", "doch", "dann"}:
                return None  # "…, äußerte sich jedoch nicht": a second verb of the same subject
            cand.qspans = [self.chars(*q)]
            cand.frame = [(cs - 1, ce)]
            return cand
        # (c) main clause: "Blinken sagte (am Donnerstag), dass …"
        if ws[f].konj:
            return None  # "Tokio habe beschlossen, …, fügte der Sender hinzu": itself reported
        if cs < f and (first == "und" or ws[f - 1].lower == "und"):
            sp = last_speaker
            if sp is None and f > a and ws[f - 1].lower == "und":
                # "Yoon reagierte auf … und verurteilte die „…“, die „…“ darstelle": the
                # second verb shares the subject of the first; its quotes inherit it
                sp = self.subject(a, f, ce, idx)
            prefield_start = cs + 1 if first == "und" else f
        elif appos:
            sp = self.trim(a, cut_relative(ws, a, cs - 1))
            prefield_start = a
        else:
            prefield_start = cs
            sp = self.subject(cs, f, ce, idx)
        ce, sp = self.inserts(ce, end, sp)
        cand.speaker = sp
        if ws[f].dep:
            # parsed: the clausal object ("oc") of the cue is the reported clause
            oc = self.dep_child(sorted({f, *idx}), "oc")
            q = self.trim(*oc) if oc and oc[0] > cue_last else None
            if q and not self.covered_by_direct(q):
                cand.qspans = [self.chars(*q)]
                cand.frame = [(prefield_start, q[0])]
                return cand
        comp = ce + 1 if ce < end and ws[ce].text in {",", ":"} else None
        if comp is not None and comp < end:
            cw = ws[comp]
            accept = False
            if cw.lower in {"dass", "ob"} or cw.lower in self.c["wh"]:
                accept = True
            elif lemma in INF_CUES and any(
                w.lower == "zu" or w.lower.endswith("zu" + "") for w in ws[comp:end]
            ):
                accept = True
            elif cw.lower in ADVERBIAL_CONJ and (
                cw.lower not in REASON_CONJ or self.side_frame(comp, end)
            ):
                # "protestiert, da sie befürchten, …": the side clause's own cue; a time or
                # concession ("nachdem", "während", "obwohl") is never the reported content
                accept = False
            elif any(w.konj for w in ws[comp : min(end, comp + 12)]):
                accept = cw.lower not in RELATIVE or not ws[ce - 1].cap
            elif (
                cw.lower not in {"und", "aber", "sondern", "doch", "wobei"}
                and cw.text not in QUOTE_CHARS
            ):
                # a relative clause needs a noun before the comma: "sagte, die Union …" is not one
                before_comma = ws[ce - 1]
                verb_last = (
                    ce - 1 in idx
                    or before_comma.lower in self.c["adv"]
                    or before_comma.lower in self.c["pron"]
                )
                if cw.lower in RELATIVE:
                    # "sagte Rice, die USA hielten sich …": verb second, a main clause
                    np_ = np_after(ws, comp, end, appos=False)
                    v2 = bool(
                        np_ and np_[1] < end and ws[np_[1]].tag in {"VVFIN", "VAFIN", "VMFIN"}
                    )
                    accept = verb_last or v2
                else:
                    accept = verb_last or not hit.cue.reported
            if accept:
                qa = comp
                stop = self.postposed_cue(comp, end)
                if stop is not None:
                    k, kidx, via = stop
                    cand.consumed = kidx
                    if (
                        via
                        and sp
                        and any(
                            ws[m].lower in self.c["media"] | self.c["agency"] for m in range(*via)
                        )
                    ):
                        cand.via = via
                    end = k - 1
                q = self.trim(qa, end)
                if not q or self.covered_by_direct(q):
                    return None
                cand.qspans = [self.chars(*q)]
                cand.frame = [(prefield_start, ce + 1)]
                if lemma in INF_CUES and sp:
                    ad = np_after(ws, f + 1, ce)
                    if ad and ad != sp and ad[0] > f:
                        cand.addressee = ad
                if not cand.addressee and sp:
                    cand.addressee = self.dative(cs, f, ce, sp)
                return cand
        # (d) "Das erklärte gestern ein Sprecher …": the previous sentence is the report
        if first in {"das", "dies", "dieses"} and cs == a and f == cs + 1 and ce >= end and si > 0:
            pa, pb = self.sents[si - 1]
            q = self.trim(pa, pb)
            taken = any(c.sent == si - 1 and c.type != "DirectShort" for c in self.cands)
            sp = np_after(ws, cue_last + 1, end)
            if (
                q
                and sp
                and not taken
                and not self.covered_by_direct(q)
                and not any(w.bp for w in ws[pa:pb])
            ):
                cand.qspans = [self.chars(*q)]
                cand.speaker = sp
                cand.frame = [(a, end)]
                return cand
        # (e) reported speech act: "Biden verurteilte die Entsendung …"
        passive = any(ws[k].lower in PASSIVE_AUX for k in idx)
        if (
            sp
            and cs == a
            and ws[cue_last - 1].lower != "wie"  # "wie erwartet": a comparison, no speech act
            and not (lemma == "herausstellen" and f + 1 < end and ws[f + 1].lower == "sich")
            and not self.inanimate(sp)  # "Den Piloten erwartet eine Anklage"
            and not self.in_quote[f]
            and not passive
            and ws[sp[0]].lower not in {"es", "man"}
            and not any(c.sent == si and c.type == "Reported" for c in self.cands)
        ):
            q = (a, b)
            cand.type = "Reported"
            cand.qspans = [self.chars(*q)]
            cand.cue = []
            cand.frame = []
            return cand
        return None

    def side_frame(self, k: int, end: int) -> bool:
        """Does the adverbial clause opened at ``k`` end in a cue verb of its own ("da sie
        befürchten, …")? Then the report after it is that verb's, not the main verb's; a
        reason without a cue ("bezeichnete … als fatal, weil die Kongolesen …") stays with
        the main verb, as the benchmark marks it."""
        _, ce = self.clause(k + 1, k, end)
        return any(
            not self.in_quote[m] and (got := self.cue_at(m, ce)) and max(got[0]) >= ce - 2
            for m in range(max(k + 1, ce - 3), ce)
        )

    def adverbial_frame(
        self,
        cand: Cand,
        si: int,
        a: int,
        end: int,
        cs: int,
        f: int,
        ce: int,
        idx: list[int],
        lemma: str,
    ) -> Cand | None:
        """A report frame inside an adverbial clause, verb last: "China steht unter Druck,
        …, da die USA und ihre Verbündeten befürchten, dass die Stationierung … eskalieren
        könnte." The subject between the conjunction and the verb is the speaker; the
        report is the dass/ob/w-clause, a Konjunktiv clause or (for verbs like ankündigen)
        a zu-infinitive after the comma. Without one there is no report: "…, weil er
        kritisierte, wie …" stays out, and no Reported act is made from a side clause."""
        ws = self.ws
        aux = list(range(max(idx) + 1, ce))  # "nachdem sie berichtet hatte"
        if len(aux) > 2 or any(ws[k].tag not in {"VAFIN", "VMFIN", "VAINF", "VMINF"} for k in aux):
            return None  # the cue (with its auxiliary) must close the clause
        if ce >= end or ws[ce].text != ",":
            return None
        cand.cue = sorted({*cand.cue, *aux})
        comp = ce + 1
        if comp >= end or self.in_quote[comp]:
            return None
        cw = ws[comp]
        if cw.lower in {"dass", "ob"} or cw.lower in self.c["wh"] - {"wie", "was"}:
            pass
        elif lemma in INF_CUES and any(w.lower == "zu" for w in ws[comp:end]):
            pass
        elif (
            any(w.konj or w.konj2 for w in ws[comp : min(end, comp + 12)])
            and cw.lower not in RELATIVE
        ):
            pass  # "da sie befürchten, viele Nürnberger könnten sich … nicht mehr leisten"
        else:
            return None
        sp = np_after(ws, cs + 1, f)
        if sp and sp[1] < f and ws[sp[1]].lower in {"und", "sowie"}:
            more = np_after(ws, sp[1] + 1, f)  # "die USA und ihre Verbündeten"
            if more and more[1] == f:
                sp = (sp[0], f)
        if sp:
            # a quoted name closes the subject: "während die „Initiativ Roude Léiw“ Wolters
            # Vorschlag fordert" — the rest is the object
            close = next(
                (k for k in range(sp[0] + 1, sp[1]) if ws[k].text in {"“", "«", '"'}), None
            )
            if close is not None and close + 1 < sp[1]:
                sp = (sp[0], close + 1)
        if not sp or sp[1] > f or self.inanimate(sp):
            return None
        stop = self.postposed_cue(comp, end)
        if stop is not None:
            end = stop[0] - 1
            cand.consumed = stop[1]
        q = self.trim(comp, end)
        if not q or self.covered_by_direct(q):
            return None
        cand.speaker = sp
        cand.qspans = [self.chars(*q)]
        cand.frame = [(a, comp)]
        return cand

    def inserts(
        self, ce: int, end: int, sp: tuple[int, int] | None
    ) -> tuple[int, tuple[int, int] | None]:
        """Skip comma-enclosed inserts between the frame and "dass"/"ob": an apposition
        to the speaker ("sagte der Koordinator, Deftalgne Tessema, gegenüber der BBC, dass")
        joins the speaker; "gegenüber X" stays in the frame (see :meth:`told`)."""
        ws = self.ws
        k, new_sp = ce, sp
        # a name in apposition joins the speaker whatever follows: "betonte die Präsidentin
        # der Europäischen Kommission, Ursula von der Leyen, den Wendepunkt"
        fallback = (ce, sp)
        for _ in range(3):
            if not (k + 1 < end and ws[k].text == ","):
                return fallback
            if ws[k + 1].lower in {"dass", "ob"}:
                return (k, new_sp) if k != ce else (ce, sp)
            _, seg_end = self.clause(k + 1, k + 1, end)
            if seg_end >= end or ws[seg_end].text != ",":
                return fallback
            if ws[k + 1].lower == "gegenüber":
                k = seg_end
                continue
            np_ = np_after(ws, k + 1, seg_end, appos=False)
            if np_ == (k + 1, seg_end) and new_sp and ce - 3 <= new_sp[1] <= ce and k == ce:
                new_sp = (new_sp[0], seg_end)
                if any(w.ent == "PER" or w.tag == "NE" for w in ws[k + 1 : seg_end]) and any(
                    is_role(w.text) for w in ws[sp[0] : ce]
                ):
                    fallback = (seg_end, new_sp)
                k = seg_end
                continue
            return fallback
        return fallback

    def lead_in(self, a: int, b: int) -> int:
        """Start of a reported clause before a postposed frame, after a dateline
        ("TAIPEI, Taiwan – …") or a leading direct quote that has its own record
        („Wir gehen davon aus …“, was … führen wird, sagte Singh)."""
        ws = self.ws
        for k in range(a + 1, min(a + 5, b)):
            if ws[k].text in {"–", "—"} and ws[a].text.isupper() and len(ws[a].text) > 2:
                a = k + 1
                break
        if a < b and ws[a].text in QUOTE_CHARS and self.in_quote[a]:
            k = a + 1
            while k < b and self.in_quote[k] and ws[k].text not in QUOTE_CHARS:
                k += 1
            if k + 1 < b and ws[k].text in QUOTE_CHARS and ws[k + 1].text == ",":
                return k + 2
        return a

    def dative(self, cs: int, f: int, ce: int, sp: tuple[int, int]) -> tuple[int, int] | None:
        """The person told: "sagte der Zeitung", "Den Flüchtlingen sicherte … zu"."""
        ws = self.ws
        if cs < f and ws[cs].lower in DATIVE_DET and not (sp[0] <= cs < sp[1]):
            return np_after(ws, cs, f, appos=False)
        for k in range(f + 1, ce):
            if sp[0] <= k < sp[1]:
                continue
            w = ws[k]
            after_noun = k > 0 and (ws[k - 1].cap or ws[k - 1].tag in {"NN", "NE"})
            if w.lower in {"dem", "einem"} or (w.lower == "der" and not after_noun and k > sp[1]):
                if k > 0 and ws[k - 1].tag.startswith("APPR"):
                    continue  # "in dem Interview": a prepositional phrase
                ad = np_after(ws, k, ce, appos=False)
                if ad and not (sp[0] < ad[1] and ad[0] < sp[1]):
                    return ad
        return None

    def main_clause(self, k: int, a: int, b: int) -> bool:
        """Is word k in a main clause? Its comma-delimited stretch must not open with a
        relative pronoun or a subordinating conjunction ("…, die … werden sollen")."""
        cs, _ = self.clause(k, a, b)
        first = self.ws[cs].lower
        if first in {"und", "oder", "aber", "sondern", "denn", "doch"}:
            return True
        if cs == a:  # "Der Mann soll …": an article, no relative pronoun
            return first not in self.c["conj"] - {"dass", "ob"} or k == cs + 1
        return first not in RELATIVE and first not in self.c["conj"] and first not in self.c["wh"]

    def free_indirect(self, si: int, a: int, b: int, chained: bool, adjacent: bool) -> bool:
        """Konjunktiv or "sollen" without a cue: IndirectFreeIndirect / FreeIndirect.

        A sentence in Konjunktiv right after a report continues it ("Sie seien bereit, …");
        the benchmark labels sentences with "sollen" as FreeIndirect even on their own
        ("Der Mann soll … geholfen haben"). ``chained``: a report ended at most
        CHAIN_GAP sentences before; ``adjacent``: in the sentence right before, the only
        case where the speaker is carried over (one sentence later it is often someone else)
        and where a plain "sollen" counts (later it is mostly deontic: "Dazu sollen … stattfinden").
        """
        ws = self.ws
        if any(self.in_quote[k] for k in range(a, b)) and all(
            self.in_quote[k] for k in range(a, b) if ws[k].text not in FINAL
        ):
            return False
        outside = [w for k, w in enumerate(ws[a:b], a) if not self.in_quote[k]]
        konj = any(w.konj for w in outside) or (adjacent and any(w.konj2 for w in outside))
        # "sollen" as the verb of the main clause: not in a relative or adverbial clause
        # ("die … aufgestockt werden sollen", "Wenn Saddam Hussein … verurteilt werden sollte, …")
        sollen = any(
            ws[k].lower in SOLLEN_FORMS and not self.in_quote[k] and self.main_clause(k, a, b)
            for k in range(a, b)
        )
        prev = next((c for c in reversed(self.cands) if c.type not in {"DirectShort"}), None)
        if konj and chained and prev is not None:
            self.cands.append(
                Cand(
                    "IndirectFreeIndirect",
                    [self.chars(a, b)],
                    si,
                    inherit=adjacent,
                    medium=prev.medium,
                )
            )
            return True
        last = b - 1 if ws[b - 1].text in FINAL else b
        # "soll … geholfen haben": reportive (not "sollten … vorhanden sein")
        perfect = ws[last - 1].lower in {"haben", "sein"}
        if sollen and not konj and (adjacent or perfect):
            inherit = adjacent and prev is not None
            self.cands.append(
                Cand(
                    "FreeIndirect",
                    [self.chars(a, b)],
                    si,
                    inherit=inherit,
                    medium=prev.medium if inherit and prev else "",
                )
            )
            return True
        return False


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


def extract_quotes(doc: Doc, *, opts: dict[str, Any] | None = None) -> Iterator[Quote]:
    """Quotations of one tagged article (see the module docstring)."""
    art = _Article(doc)
    if not art.ws:
        return
    cands = art.run()
    people = [e.text for e in doc.ents if e.label_ == "PER"]
    resolver = SpeakerResolver(art.ws, people, art.in_quote)
    article_id = doc._.article_id or ""
    last = None  # (speaker, role, kind, mention span)
    text = art.text
    cands = sorted(cands, key=lambda c: c.qspans[0][0])
    rows = []
    for c in cands:
        spk_span: tuple[int, int] | None = None
        if c.speaker:
            r = resolver.resolve(art.ws[c.speaker[0] : c.speaker[1]])
            spk_span = art.chars(*c.speaker)
            last = (r.speaker, r.role, r.kind, spk_span)
            speaker, role, kind = r.speaker, r.role, r.kind
        elif c.inherit and last:
            speaker, role, kind, spk_span = last
        else:
            speaker, role, kind = "", "", ""
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
    for n, row in enumerate(rows, 1):
        yield Quote(quote_id=f"{article_id}-q{n}", **row)
