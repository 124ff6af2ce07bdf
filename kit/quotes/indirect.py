"""Indirect and free indirect speech: the reported clause next to a cue.

"Er sagte, dass …", "…, teilte das Ministerium mit", "Wie die Polizei
mitteilte, …", a Konjunktiv I clause before a postposed cue, the clause of a
cue inside an adverbial clause ("…, da die USA befürchten, dass …"), and the
free indirect sentences that go on in Konjunktiv I after a report. The
quote span is the reported clause without the frame; the frame's subject is
the speaker mention.
"""

from __future__ import annotations

from typing import Any

from kit.quotes.clauses import ClauseRules
from kit.quotes.cues import SOLLEN_FORMS
from kit.quotes.mentions import cut_relative, is_role, np_after, np_before
from kit.quotes.text import FINAL, INF_CUES, MEDIUM, QUOTE_CHARS, RELATIVE, SPEECH_OR_WRITING, Cand
from kit.wordlists import word_class, word_tuple

#: nouns for an audience addressed "vor …" ("vor Journalisten", "vor der Presse")
AUDIENCE = word_tuple("quote_words.txt", "audience")

#: auxiliaries of the passive, also the stative one ("Weitere Aktionen sind angekündigt"):
#: no speaker acts in the sentence, so it is no reported speech act
PASSIVE_AUX = word_class("quote_words.txt", "passive_aux")

#: conjunctions of an adverbial clause that can hold a report frame with the verb last:
#: "…, da die USA und ihre Verbündeten befürchten, dass …", "…, nachdem sie berichtet
#: hatte, dass …" (not "wie": a comparison or a wie-frame, handled apart)
ADVERBIAL_CONJ = word_class("quote_words.txt", "adverbial_conj")

#: words after a cue's comma within which a Konjunktiv verb makes the clause reported speech
#: ("warnte der Gesandte, jede Verletzung des Völkerrechts durch … – darunter die USA –
#: untergrabe …")
KONJ_REACH = 20

#: finite verb tags
FINITE_TAGS = frozenset({"VVFIN", "VAFIN", "VMFIN"})

#: causal conjunctions: "bezeichnete … als fatal, weil die Kongolesen …" — the benchmark
#: often takes the reason as the speaker's reported content
REASON_CONJ = word_class("quote_words.txt", "reason_conj")

#: nouns for an interview: "in einem Interview mit X" names the interviewer
INTERVIEW_NOUNS = word_tuple("quote_words.txt", "interview_nouns")
#: negations that deny a speech act ("äußerte sich nicht")
NEGATIONS = word_class("quote_words.txt", "negations")
#: forms of "werden" that make a directive verb passive ("wurde aufgefordert")
PASSIVE_WERDEN = word_class("quote_words.txt", "passive_werden")
#: dative and accusative forms that start the object inside a noun phrase after the
#: verb ("wirft der ai-Bericht den Behörden vor")
OBJECT_DETS = word_class("quote_words.txt", "object_dets")
#: dative pronouns that are the one addressed ("Ihm wird vorgeworfen")
OBJECT_PRONOUNS = word_class("quote_words.txt", "object_pronouns")

#: dative forms that open an addressee before the verb ("Den Flüchtlingen sicherte … zu")
DATIVE_DET = word_class("quote_words.txt", "dative_det")

#: words right after a postposed cue that show a second verb of the same subject
#: ("…, äußerte sich jedoch nicht")
SECOND_VERB = word_class("quote_words.txt", "second_verb")

#: coordinating words that open no relative clause after a cue's comma ("sagte, und …")
COORDINATORS = word_class("quote_words.txt", "coordinators")

#: conjunctions that open a main clause ("…, doch der Mann soll …")
MAIN_CLAUSE_CONJ = word_class("quote_words.txt", "main_clause_conj")


class IndirectRules(ClauseRules):
    """Reported clauses next to a cue, and free indirect speech after a report."""

    def directive_roles(
        self, cs: int, f: int, idx: list[int], sp: tuple[int, int] | None
    ) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
        """Speaker and addressee of a directive or accusation verb (auffordern,
        vorwerfen, beschuldigen …), which names the one asked or accused as an object:

        - passive: "Klien wurde vorgeworfen, …", "Ihm wird vorgeworfen, …" — the subject
          (or a dative pronoun) is the addressee; the speaker is the agent "vom LSVD" if
          there is one ("Zudem wurde die Bundesregierung vom LSVD aufgefordert"), else none;
        - active: "Auch wirft der ai-Bericht den Behörden vor" — a dative or accusative
          determiner inside the subject noun phrase starts the addressee.
        """
        ws = self.ws
        passive = any(ws[k].lower in PASSIVE_WERDEN for k in idx) or (
            f > cs and ws[f].lower in PASSIVE_WERDEN
        )
        if passive:
            if sp is None:
                if f > cs and ws[cs].lower in OBJECT_PRONOUNS and cs + 1 == f:
                    return None, (cs, cs + 1)  # "Ihm wird vorgeworfen"
                return None, None
            agent = next(
                (k for k in range(sp[0] + 1, sp[1]) if ws[k].lower in {"von", "vom"}), None
            )
            if agent is not None and agent + 1 < sp[1]:
                return (agent + 1, sp[1]), (sp[0], agent)
            return None, sp
        if sp is None or sp[0] < f:
            return sp, None
        cut = next(
            (k for k in range(sp[0] + 2, sp[1]) if ws[k].lower in OBJECT_DETS and ws[k - 1].cap),
            None,
        )
        if cut is not None:
            return (sp[0], cut), (cut, sp[1])
        return sp, None

    def told(self, c: Cand, end: int) -> tuple[int, int] | None:
        """The addressee named by a preposition in the frame: "sagte er gegenüber der
        Presse", "erklärte vor Journalisten" (only nouns for an audience after "vor")."""
        ws = self.ws
        for fa, fb in c.frame:
            for k in range(fa, min(fb, end)):
                low = ws[k].lower
                if (
                    low == "mit"
                    and k > fa
                    and ws[k - 1].lower.endswith(INTERVIEW_NOUNS)
                    and not self.in_quote[k]
                ):
                    # "sagte … in einem Interview mit der New York Times": the interviewer
                    ad = np_after(ws, k + 1, min(fb + 1, end), appos=False)
                    if ad and not (c.speaker and ad[0] < c.speaker[1] and c.speaker[0] < ad[1]):
                        return ad
                if (
                    c.cue
                    and k == max(c.cue) + 1
                    and ws[k].cap
                    and ws[k].lower.startswith(AUDIENCE)
                    and (k + 1 >= end or not ws[k + 1].cap)
                    and not (c.speaker and c.speaker[0] <= k < c.speaker[1])
                ):
                    return (k, k + 1)  # "sagte Reportern, dass …": a bare dative plural
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
            # or a role apposition after the name: "wie Burt Rutan, Chef der Firma …, mitteilte"
            role_appos = bool(seg) and (
                is_role(seg[0].text)
                or (len(seg) > 1 and seg[0].lower in self.c["det"] and is_role(seg[1].text))
            )
            if (
                seg_start > a + 1
                and seg
                and (all(w.ent == "PER" or w.tag == "NE" for w in seg) or role_appos)
            ):
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
        # "Während Macron … begrüßt hatte, warnte der Gesandte, …": a fronted adverbial
        # clause, then the main clause's verb and subject (not a postposed frame)
        fronted = (
            cs == f
            and cs > a
            and ws[a].lower in ADVERBIAL_CONJ
            and ws[a].cap
            and not any(ws[k].text == "," for k in range(a, self.clause(a, a, end)[1]))
            and self.clause(a, a, end)[1] == cs - 1
        )
        if (
            cs == f
            and cs > a
            and not fronted
            and ws[cs - 1].text in {",", "–"}
            and (not appos or any(ws[k].konj for k in range(a, cs - 1)))
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
            if cand.speaker is None or ws[f + 1].lower in SECOND_VERB:
                return None  # "…, äußerte sich jedoch nicht": a second verb of the same subject
            cand.qspans = [self.chars(*q)]
            cand.frame = [(cs - 1, ce)]
            return cand
        # (c) main clause: "Blinken sagte (am Donnerstag), dass …"
        if ws[f].konj:
            return None  # "Tokio habe beschlossen, …, fügte der Sender hinzu": itself reported
        if cs < f and (first == "und" or ws[f - 1].lower == "und"):
            sp = last_speaker
            if first == "und" and f > cs + 1:
                # "Und die Sozialdemokraten mahnten an, …": the subject between "und" and verb
                sp = np_before(ws, cs + 1, f) or sp
            if sp is None and f > a and ws[f - 1].lower == "und":
                # "Yoon reagierte auf … und verurteilte die „…“, die „…“ darstelle": the
                # second verb shares the subject of the first; its quotes inherit it
                sp = self.subject(a, f, ce, idx)
            prefield_start = cs + 1 if first == "und" else f
        elif appos and not fronted:
            sp = self.trim(a, cut_relative(ws, a, cs - 1))
            prefield_start = a
        else:
            prefield_start = cs
            sp = self.subject(cs, f, ce, idx)
        ce, sp = self.inserts(ce, end, sp)
        if lemma in INF_CUES:
            sp, told = self.directive_roles(cs, f, idx, sp)
            if told is not None:
                cand.addressee = told
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
            elif any(w.konj for w in ws[comp : min(end, comp + KONJ_REACH)]):
                accept = cw.lower not in RELATIVE or not ws[ce - 1].cap
            elif cw.lower not in COORDINATORS and cw.text not in QUOTE_CHARS:
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
                    # "einen Antrag angenommen, der den 15. Juni … erklärt": an article is never
                    # followed by another determiner or a pronoun; a relative pronoun is
                    relative = comp + 1 < end and (
                        ws[comp + 1].lower in self.c["det"] or ws[comp + 1].lower in self.c["pron"]
                    )
                    accept = (verb_last or v2) and not relative
                else:
                    # "Das sagte Tim Stein, Pressesprecher der MVB, …": a verbless stretch
                    # after the comma is an apposition, not reported content
                    named_appos = before_comma.ent == "PER" and (
                        is_role(cw.text)
                        or (
                            cw.lower in self.c["det"]
                            and comp + 1 < end
                            and is_role(ws[comp + 1].text)
                        )
                    )
                    # … and so is a stretch without any verb ("sagte sie, eine Frage der Zeit")
                    verbless = not any(
                        w.tag.startswith("V") or w.konj or w.konj2 for w in ws[comp:end]
                    )
                    accept = (
                        (verb_last or not hit.cue.reported) and not named_appos and not verbless
                    )
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
                if lemma in INF_CUES and sp and not cand.addressee:
                    ad = np_after(ws, f + 1, ce)
                    if ad and ad != sp and ad[0] > f:
                        cand.addressee = ad
                if not cand.addressee and sp:
                    cand.addressee = self.dative(cs, f, ce, sp)
                return cand
        # (d) "Das erklärte gestern ein Sprecher …": the previous sentence is the report
        verbless_rest = not any(w.tag in FINITE_TAGS for w in ws[ce:end])
        if (
            first in {"das", "dies", "dieses"}
            and cs == a
            and f == cs + 1
            and (ce >= end or verbless_rest)
            and si > 0
        ):
            pa, pb = self.sents[si - 1]
            q = self.trim(pa, pb)
            taken = any(c.type != "DirectShort" for c in self.cands_of(si - 1))
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
            # "Die Regierungspartei Palästinas, die Hamas, bezeichnete …", "Dänemark, das …,
            # kritisierte …": an apposition or relative clause after the subject still opens
            # the sentence
            and (
                cs == a
                or (
                    appos
                    and sp[0] == a
                    # not "Ein Tiefdruckgebiet, das …, habe … erreicht, meldet die Behörde":
                    # a Konjunktiv before the comma makes a postposed frame
                    and not any(ws[k].konj for k in range(a, cs))
                )
            )
            and ws[cue_last - 1].lower != "wie"  # "wie erwartet": a comparison, no speech act
            and not (lemma == "herausstellen" and f + 1 < end and ws[f + 1].lower == "sich")
            and not self.inanimate(sp)  # "Den Piloten erwartet eine Anklage"
            and not self.in_quote[f]
            and not passive
            and ws[sp[0]].lower not in {"es", "man"}
            and not any(c.type == "Reported" for c in self.cands_of(si))
            # "äußerte er sich nicht", "hat die Tat nicht gestanden": a speech act denied
            and not any(ws[k].lower in NEGATIONS for k in range(cs, ce))
            # "Das erklärte …", "Dies sagte …" point to the sentence before: no act of its own
            and not (first in {"das", "dies", "dieses"} and f == cs + 1)
        ):
            q = (a, b)
            cand.type = "Reported"
            cand.qspans = [self.chars(*q)]
            cand.frame = []  # the cue stays: a Reported quote needs its speech-act verb
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
        elif lemma in INF_CUES and any(w.lower == "zu" or w.tag == "VVIZU" for w in ws[comp:end]):
            pass  # "aufgefordert hatten, seine Truppen … abzuziehen": zu-infinitive, also fused
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
        if (
            lemma in INF_CUES
            and f - sp[0] >= 3
            and (sp[1] >= f - 2 or (sp[1] == f - 3 and ws[sp[1]].lower == "und"))
            and ws[f - 1].lower in self.c["country"]
            and ws[f - 2].lower in self.c["country"]
        ):
            # "nachdem Washington und Seoul Pjöngjang aufgefordert hatten": two names in a
            # row; the second, right before the verb, is the one asked (the addressee)
            cand.addressee = (f - 1, f)
            sp = (sp[0], f - 1)
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
        if first in MAIN_CLAUSE_CONJ:
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
        konj = any(w.konj for w in outside) or (chained and any(w.konj2 for w in outside))
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
                    medium=SPEECH_OR_WRITING,  # reportive "soll": hearsay, channel unknown
                )
            )
            return True
        return False
