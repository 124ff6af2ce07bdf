"""Direct quotes and their frames: „…“, sagte Blinken. / Kim: „…“ / partial quotes.

A quoted span is a quote when a frame attributes it (a cue verb right after
the closing mark or before an opening colon), when it is long, or when it
sits inside or next to an attributed paraphrase ("dieser Einsatz zeige, „wie
schlecht Putins Krieg läuft“"). Short capitalised spans without a governing
cue verb are names and titles („Der Spiegel“).
"""

from __future__ import annotations

import bisect

from kit.german.offsets import SpanIndex
from kit.quotes.clauses import ClauseRules
from kit.quotes.cues import is_cue_noun
from kit.quotes.mentions import is_role, np_after, np_before
from kit.quotes.speakable import known_noun
from kit.quotes.text import (
    BOUNDARY,
    FINAL,
    MEDIUM,
    NOT_TITLES,
    TITLE_NOUNS,
    TITLE_SUFFIXES,
    Cand,
)
from kit.wordlists import word_class

#: words before a quote that make it a characterisation, not a title ("als „extrem“")
CHARACTERISING = word_class("quote_words.txt", "characterising")

#: dashes between a quote and its speaker in a headline („…“ – Name)
DASHES = {"–", "—", "-"}

#: conjunctions of a verb-final clause that can frame a colon quote: "…, als die
#: Interviewerin fragt: „…“", "…, während der Minister erklärt: „…“"
COLON_SUBJUNCTIONS = word_class("quote_words.txt", "colon_subjunctions")


class DirectRules(ClauseRules):
    """Direct quotes: their frames („…“, sagte X. / X: „…“) and partial quotes."""

    def direct_quote(self, di: int, qs: int, qe: int, si: int, a: int, b: int) -> Cand | None:
        ws = self.ws
        text = self.text
        inner = text[qs + 1 : qe - 1].strip()
        n_words = len(inner.split())
        if not inner or n_words == 0:
            return None
        qi = next((k for k in range(a, len(ws)) if ws[k].start >= qs), None)
        qj = next((k for k in range(qi or 0, len(ws)) if ws[k].end >= qe), None)
        if qi is None or qj is None:
            return None
        if n_words <= 2 and qi > a and ws[qi - 1].text == ":" and qj + 2 < len(ws):
            # "… in drei Versionen erscheinen: »Pro«, »Classic« und …": a list of quoted
            # names after a colon, no speech
            nxt, after = ws[qj + 1], ws[qj + 2]
            if nxt.text in {",", "und", "oder"} and after.text in {"„", "»", '"', "«", "‚"}:
                return None
        cand = Cand("Direct", [(qs, qe)], si)
        # frame after the quote: „…“, sagte er.
        sa, sb = self.sents[self.sent_of[qj]]
        k = qj + 1
        if qi == a and k < sb and ws[k].text in DASHES:
            # a headline or teaser: „Wir brauchen mehr Tempo“ – Bauministerin Klara Geywitz
            # (im Interview): the name after the dash, no verb after it
            sp = np_after(ws, k + 1, sb)
            if (
                sp
                and any(w.ent == "PER" or (w.tag == "NE" and not w.ent) for w in ws[sp[0] : sp[1]])
                and not any(w.tag in {"VVFIN", "VAFIN", "VMFIN"} for w in ws[sp[1] : sb])
            ):
                cand.speaker, cand.frame = sp, [(k, sp[1])]
                return cand
        if k < sb and ws[k].text == ",":
            k += 1
        if k < sb and (ws[k - 1].text == "," or text[qe - 2 : qe - 1] == ","):
            for i in range(k, min(k + 4, sb)):
                got = self.cue_at(i, sb)
                if got:
                    idx, hit = got
                    ce = self.clause(max(idx), k, sb)[1]
                    cand.cue = idx
                    cand.medium = MEDIUM[hit.cue.medium]
                    cand.cue_lemma = hit.cue.lemma
                    cand.speaker = (
                        np_after(ws, max(idx[0], i) + 1, sb)
                        if idx[0] == i
                        else np_after(ws, i + 1, sb)
                    )
                    if cand.speaker and cand.speaker[0] in idx:
                        cand.speaker = None
                    if cand.speaker is None and i > k:
                        cand.speaker = np_before(ws, k, i)
                    cand.frame = [(qj + 1, ce)]
                    return cand
            if ws[k].lower == "so" and k + 1 < sb:
                sp = np_after(ws, k + 1, sb)
                if sp:
                    cand.cue, cand.speaker, cand.frame, cand.medium = (
                        [k],
                        sp,
                        [(k - 1, sp[1])],
                        "speech",
                    )
                    return cand
        # frame before the quote: Kim sagte: „…“ / Kim: „…“ / sagte er, „…“
        fa = a
        fb = qi
        if fb > fa and ws[fb - 1].text in {":", ","}:
            cs = fb - 1
            stops = {".", "!", "?"} if ws[fb - 1].text == ":" else BOUNDARY | FINAL
            while cs > fa and ws[cs - 1].text not in stops and not self.in_quote[cs - 1]:
                cs -= 1
            for i in range(cs, fb - 1):
                got = self.cue_at(i, fb)
                if got:
                    return self._framed(cand, got, cs, fb)
            if ws[fb - 1].text == ":" and fb - 1 > cs:
                # "Haftbefehl-Doku - Streeck mit Verdacht: „…“": a headline's topic before a
                # dash is no part of the frame
                verbless = not any(
                    ws[k].tag in {"VVFIN", "VAFIN", "VMFIN"} for k in range(cs, fb - 1)
                )
                dash = next((k for k in range(fb - 2, cs, -1) if ws[k].text in DASHES), None)
                if dash is not None and verbless:
                    cs = dash + 1
                # "Streeck mit Verdacht: „…“", "Nagel zur Inflation: „…“": the speaker of a
                # verbless frame ends before a preposition after a name ("von" stays)
                lim = fb - 1
                if verbless:
                    lim = next(
                        (
                            k
                            for k in range(cs + 1, fb - 1)
                            if ws[k].tag in {"APPR", "APPRART"}
                            and ws[k].lower not in {"von", "vom"}
                            and (
                                ws[k - 1].ent in {"PER", "ORG"}
                                or ws[k - 1].tag == "NE"
                                or (
                                    k - 1 == cs and ws[k - 1].cap and not known_noun(ws[k - 1].text)
                                )
                            )
                        ),
                        fb - 1,
                    )
                # "Die praktische Anwendung … stellte der SPD-Vorsitzende Franz Müntefering
                # in Frage: „…“": with a finite verb the clause's subject, not an abstract
                # object in the prefield
                v = next(
                    (k for k in range(cs + 1, fb - 1) if ws[k].tag in {"VVFIN", "VAFIN", "VMFIN"}),
                    None,
                )
                sp = self.subject(cs, v, fb - 1) if v is not None else None
                cand.speaker = (
                    sp
                    or np_before(ws, cs, lim)
                    or self.colon_speaker(cs, fb - 1)
                    or np_after(ws, cs, fb - 1)
                )
                cand.frame = [(cs, fb)]
                return cand
        # a frame in the previous sentence ending with a colon
        if qi == a and si > 0:
            pa, pb = self.sents[si - 1]
            if ws[pb - 1].text == ":":
                for i in range(pa, pb - 1):
                    got = None if self.in_quote[i] else self.cue_at(i, pb)
                    if got:
                        return self._framed(cand, got, pa, pb)
        titled = any(
            ws[k].lower in TITLE_NOUNS
            or (ws[k].lower.endswith(TITLE_SUFFIXES) and not ws[k].lower.endswith(NOT_TITLES))
            for k in range(max(a, qi - 3), qi)
        )
        if not titled and (n_words >= 8 or (n_words >= 4 and inner[-1:] in ".!?,")):
            cand.inherit = qi == a and si > 0
            return cand
        if titled:
            return None  # „Die Andere Medizin“ after "Titel", "Zeitung", …
        # kept only if it sits inside or next to an attributed report; capitalised short
        # spans are names or titles („Der Spiegel“) unless a cue verb governs them
        cand.type = "DirectShort"
        cand.titlecase = inner[:1].isupper()
        return cand

    def colon_speaker(self, a: int, b: int) -> tuple[int, int] | None:
        """The speaker of a colon frame without a cue verb: "… an einer Antwort von
        Kremlsprecher Dmitri Peskov … ablesen: „…“" (a cue noun with "von"), "sieht Marc
        Olefs, Leiter …: „…“", "wie Kawasaki-Präsident Hiroshi Ito das Projekt preist: „…“"
        (the person or organisation that is the subject of the frame's verb)."""
        ws = self.ws
        for k in range(a, b - 1):
            if ws[k].cap and is_cue_noun(ws[k].text) and ws[k + 1].lower in {"von", "vom"}:
                sp = np_after(ws, k + 2, b)
                if sp:
                    return sp
        verbs = [k for k in range(a, b) if ws[k].tag in {"VVFIN", "VAFIN", "VMFIN"}]
        if not verbs:
            return None
        wie = next(
            (
                k
                for k in range(b - 1, a - 1, -1)
                if ws[k].lower == "wie" and (k == a or ws[k - 1].text == ",")
            ),
            None,
        )
        if wie is not None:
            # "…, wie Kawasaki-Präsident Hiroshi Ito das Projekt preist:": the wie-clause's subject
            sp = np_after(ws, wie + 1, b)
            return sp if sp and self.animate_subject(sp) else None
        v = verbs[0]
        before = np_before(ws, a, v)
        if before and not self.inanimate(before) and self.animate_subject(before):
            return before
        k = v + 1
        while k < b:
            sp = np_after(ws, k, b)
            if sp and self.animate_subject(sp):
                return sp
            k = sp[1] if sp else k + 1
        return None

    def _framed(self, cand: Cand, got: tuple, a: int, b: int) -> Cand:
        """Give ``cand`` the cue ``got`` found in the frame words ``a..b`` (its speaker too)."""
        idx, hit = got
        cand.cue, cand.medium, cand.cue_lemma = idx, MEDIUM[hit.cue.medium], hit.cue.lemma
        cand.speaker = self._subordinate_subject(a, idx, b) or self.subject(a, min(idx), b - 1, idx)
        cand.frame = [(a, b)]
        return cand

    def _subordinate_subject(self, a: int, idx: list[int], b: int) -> tuple[int, int] | None:
        """ "…, als die Interviewerin Roni Aviram fragt: „…“": a cue verb at the end of a
        verb-final clause right before the colon; its subject follows the conjunction (a
        person, "er", or an organisation), else None (the main clause's rules decide)."""
        ws = self.ws
        f = min(idx)
        if b < 2 or ws[b - 1].text != ":" or max(idx) != b - 2:
            return None
        k = f - 1
        while k > a and ws[k].text not in {",", "–"}:
            k -= 1
        if k >= f - 2 or ws[k].text not in {",", "–"} or ws[k + 1].lower not in COLON_SUBJUNCTIONS:
            return None
        sp = np_after(ws, k + 2, f)
        if sp is None:
            return None
        if self.animate_subject(sp) or (
            ws[sp[0]].lower in self.c["det"]
            and any(w.ent == "PER" for w in ws[sp[0] : sp[1]])
            and any(is_role(w.text) for w in ws[sp[0] : sp[1]])
        ):
            return sp  # "die Interviewerin Roni Aviram"
        return None

    def governed_direct(self, c: Cand, a: int, end: int) -> None:
        """Give a short quote the cue verb and subject of its own clause, if it has one."""
        ws = self.ws
        qi = next(k for k in range(a, end + 1) if k == end or ws[k].start >= c.qspans[0][0])
        cs = qi
        while cs > a and not (ws[cs - 1].text in BOUNDARY and not self.in_quote[cs - 1]):
            cs -= 1
        for i in range(cs, qi):
            got = None if self.in_quote[i] else self.cue_at(i, end)
            if got:
                idx, hit = got
                sp = self.subject(cs, min(idx), qi, idx)
                if sp:
                    c.type, c.titlecase = "Direct", False
                    c.cue, c.speaker, c.frame = idx, sp, [(cs, qi)]
                    c.medium, c.cue_lemma = MEDIUM[hit.cue.medium], hit.cue.lemma
                return

    def framed_later(self, c: Cand, others: list[Cand]) -> Cand | None:
        """The Direct quote with a postposed frame ("…“, fügte sie hinzu") later in the
        sentence that ``c`` opens, if any."""
        a, _ = self.sents[c.sent]
        if self.ws[a].start != c.qspans[0][0]:
            return None
        return next(
            (
                o
                for o in others
                if o.sent == c.sent
                and o.type == "Direct"
                and o.cue
                and o.speaker
                and o.frame
                and o.qspans[0][0] > c.qspans[-1][1]
                and self.ws[o.frame[0][0]].start >= o.qspans[-1][1] - 1
            ),
            None,
        )

    def _word_index(self, char: int) -> int:
        """Index of the word starting at character ``char`` (bisect over word starts)."""
        if not hasattr(self, "_word_starts"):
            self._word_starts = [w.start for w in self.ws]
        return bisect.bisect_left(self._word_starts, char)

    def partial_direct(self) -> None:
        """Short „…“ inside an attributed paraphrase become Direct with its frame."""
        keep = []
        others = [c for c in self.cands if c.type not in {"DirectShort"}]
        # indexes over ``others`` (their types and spans do not change in this loop): by
        # sentence, and the spans of the non-Direct ones, so no candidate scans them all
        others_in: dict[int, list[Cand]] = {}
        for o in others:
            others_in.setdefault(o.sent, []).append(o)
        host_owner = [k for k, o in enumerate(others) if o.type != "Direct" for _ in o.qspans]
        host_spans = SpanIndex(s for o in others if o.type != "Direct" for s in o.qspans)
        for c in self.cands:
            if c.type != "DirectShort" and (c.type != "Direct" or c.cue or c.speaker):
                keep.append(c)
                continue
            qs, qe = c.qspans[0]
            k = self._word_index(qs)
            if c.type == "DirectShort" and k > 0 and self.ws[k - 1].lower in CHARACTERISING:
                # "… als „Kapitulation“ sieht", "wurden als „nebelartig“ beschrieben": a
                # quoted characterisation, no title
                c.type, c.titlecase = "Direct", False
                host = next(
                    (
                        o
                        for o in others
                        if o.type != "Direct" and any(s <= qs and qe <= e for s, e in o.qspans)
                    ),
                    None,
                )
                if host is not None:
                    c.share_frame(host)  # inside a report: that report's frame
                keep.append(c)
                continue
            if c.titlecase:
                # „Ein Teil“ dieser Truppen „ist bereits …“, fügte sie hinzu: a capitalised
                # short quote opening a sentence whose later quote has a postposed frame is
                # part of that quotation, not a title
                o = self.framed_later(c, others_in.get(c.sent, []))
                if o is not None:
                    c.type, c.titlecase = "Direct", False
                    c.cue, c.speaker, c.frame, c.medium, c.inherit = (
                        o.cue,
                        o.speaker,
                        o.frame,
                        o.medium,
                        False,
                    )
                    c.cue_lemma, c.via, c.addressee = o.cue_lemma, o.via, o.addressee
                    keep.append(c)
                continue  # governed ones were already made Direct in their sentence
            k = host_spans.first_containing(qs, qe)
            host = others[host_owner[k]] if k is not None else None
            if host is None and c.type == "DirectShort":
                # „beschämenden Deal“ next to the report it belongs to (same sentence, lower case)
                inner = self.text[qs + 1 : qe - 1]
                host = next(
                    (
                        o
                        for o in others_in.get(c.sent, [])
                        if o.sent == c.sent
                        and o.type in {"Indirect", "Reported"}
                        and (o.cue or o.speaker)
                    ),
                    None,
                )
                if host is not None and not inner[:1].islower():
                    host = None
            if host is None:
                if c.type == "Direct":
                    keep.append(c)
                continue
            c.type = "Direct"
            c.cue, c.speaker, c.frame, c.medium, c.inherit = (
                host.cue,
                host.speaker,
                host.frame,
                host.medium,
                host.inherit,
            )
            c.cue_lemma, c.via = host.cue_lemma, host.via
            c.addressee = host.addressee
            keep.append(c)
        keep.sort(key=lambda c: (c.qspans[0][0], c.type != "Indirect"))
        # „…“ „…“, sagte Blinken: a frameless quote right before a framed one shares its frame
        for k in range(len(keep) - 2, -1, -1):
            c, nxt = keep[k], keep[k + 1]
            if (
                c.type == "Direct"
                and not c.cue
                and not c.speaker
                and nxt.type == "Direct"
                and nxt.cue
            ):
                if not self.text[c.qspans[-1][1] : nxt.qspans[0][0]].strip():
                    c.share_frame(nxt)
        # „…“, so Pötsch, wird VW „…“: a frameless quote shares the frame of its sentence
        # (the last framed Direct quote before it in its sentence, kept per sentence)
        last_framed: dict[int, Cand] = {}
        for c in keep:
            if c.type == "Direct" and not c.cue and not c.speaker:
                if c.sent in last_framed:
                    c.share_frame(last_framed[c.sent])
            if c.type == "Direct" and c.cue:
                last_framed[c.sent] = c
        # „…“, was „…“ führen wird, sagte Singh: a frameless quote right before a reported
        # clause with a postposed frame (only a comma between) is part of that report
        # (only Direct quotes change here, so the Indirect ones are indexed by sentence first)
        postposed: dict[int, list[int]] = {}
        for k, o in enumerate(keep):
            if (
                o.type == "Indirect"
                and o.cue
                and o.speaker
                and o.frame
                and self.ws[o.frame[0][0]].start >= o.qspans[-1][1]
            ):
                postposed.setdefault(o.sent, []).append(k)
        for k, c in enumerate(keep):
            if c.type != "Direct" or c.cue or (c.speaker and not c.inherit):
                continue
            qe = c.qspans[-1][1]
            later = postposed.get(c.sent, [])
            m = bisect.bisect_right(later, k)
            o = keep[later[m]] if m < len(later) else None
            if o is not None and self.text[qe : o.qspans[0][0]].strip() == ",":
                c.share_frame(o)
        self.cands = keep
