"""Attribution phrases and channels: laut X, X zufolge, nach Angaben X, so X, via.

"Laut Kiew sind …", "Polizeiangaben zufolge …", "Nach Angaben des Ministers
habe …", "…, so Müller", "In der Mitteilung heißt es, …", "ein Bericht,
wonach …", "die Befürchtung, Iran betreibe …". The channel of a quote is kept
apart from its speaker: "sagte Kim, wie KCNA zitierte" → via KCNA.
"""

from __future__ import annotations

from kit.quotes.clauses import ClauseRules
from kit.quotes.cues import (
    is_cue_noun,
)
from kit.quotes.mentions import bare_source, np_after
from kit.quotes.text import (
    BOUNDARY,
    RELATIVE,
    SPEECH_OR_WRITING,
    Cand,
    adjective_like,
)
from kit.wordlists import word_class, word_tuple

#: "ist der Meinung", "sind der Auffassung": the copula makes the noun a cue of opinion
NOUN_CUE_COPULA = word_class("quote_words.txt", "noun_cue_copula")

#: verbs that make a cue with a cue noun: "vertritt die Ansicht", "äußerte die Hoffnung"
NOUN_CUE_VERBS = word_class("quote_words.txt", "noun_cue_verbs")

#: stems of those verbs when the lemma is missing: "vertritt", "äußerte", "teilte"
NOUN_CUE_STEMS = word_tuple("quote_words.txt", "noun_cue_stems")

#: nouns of asking, promising or intending that take a zu-infinitive as their content
#: ("die Forderung, … zuzugehen", "Pläne, den Bären zu betäuben")
INF_NOUNS = word_tuple("quote_words.txt", "inf_nouns")

#: words that attach a genitive or "von" phrase: "die Forderung des Ministers, …"
OF = word_class("quote_words.txt", "of")


FINAL_PUNCT = frozenset({".", "!", "?"})

#: prepositions that name the source of "heißt es": "in der Mitteilung", "aus dem Ministerium"
SOURCE_PREPOSITIONS = word_class("quote_words.txt", "source_prepositions")


class PhraseRules(ClauseRules):
    """Attribution without a cue verb: laut X, X zufolge, nach Angaben X, so X, heißt es,
    wonach, nouns like "die Befürchtung, …"; and channels (via)."""

    def attribution(self, si: int, a: int, end: int, b: int) -> Cand | None:
        ws = self.ws
        lows = self.lows()
        pats = self.pats
        heads = self.nach_heads()
        single, pre_first = self._single_patterns()
        # a word that opens no pattern of any kind below gives no frame: skip it at once
        triggers = None if pre_first is None else self._triggers(single, pre_first)
        for i in range(a, end):
            if self.in_quote[i]:
                continue
            low = lows[i]
            if triggers is not None and low not in triggers:
                continue
            frame: tuple[int, int] | None = None
            sp: tuple[int, int] | None = None
            cue: list[int] = [i]
            pre = (
                next((p for p in pats.get("pre", []) if tuple(lows[i : i + len(p)]) == p), None)
                if pre_first is None or low in pre_first  # words that can open a "pre" pattern
                else None
            )
            if pre:
                sp = np_after(ws, i + len(pre), end)
                if sp:
                    sp = bare_source(ws, sp)
                    frame = (i, sp[1])
            elif low == "nach" and self.nach_source(i, end):
                sp = np_after(ws, i + 1, end)
                if sp:
                    frame = (i, sp[1])
            elif (
                low == "nach"
                and i > a
                and lows[i - 1].endswith(heads)
                and (i + 1 >= end or ws[i + 1].text in BOUNDARY or not ws[i + 1].cap)
            ):
                sp = self.np_back(a, i)
                if sp:
                    frame = (sp[0], i + 1)
            elif low in single.get("post", ()) and i > a:
                sp = self.np_back(a, i)
                if sp:
                    frame = (sp[0], i + 1)
            elif low in single.get("so", ()) and i > a and ws[i - 1].text == ",":
                sp = np_after(ws, i + 1, end)
                if sp:
                    _, ce = self.clause(sp[1] - 1, a, end)
                    frame = (i - 1, ce)
                else:
                    sp = None
            elif low in single.get("adv", ()) and i == a:
                sp = (i, i + 1)
                frame = (i, i + 1)
            elif low in single.get("es", ()) and i + 1 < end and lows[i + 1] == "es":
                cue = [i, i + 1]
                cs, ce = self.clause(i, a, end)
                if cs < i and lows[cs] in SOURCE_PREPOSITIONS:
                    # "In der Mitteilung heißt es", "Aus dem Schulministerium heißt es"
                    sp = np_after(ws, cs + 1, i)
                else:
                    # "…, hieß es von der Schweizerischen Volkspartei", "heißt es stolz in dem Papier"
                    k = next(
                        (k for k in range(i + 2, min(ce, i + 5)) if lows[k] in SOURCE_PREPOSITIONS),
                        None,
                    )
                    if k is not None and all(
                        lows[m] in self.c["adv"] or not ws[m].cap for m in range(i + 2, k)
                    ):
                        sp = np_after(ws, k + 1, ce)
                frame = (
                    cs - 1 if cs > a else cs,
                    ce + 1 if ce < end and ws[ce].text == "," else ce,
                )
            elif low in single.get("conj", ()) and i > a:
                sp = self.np_back(a, i - 1) if ws[i - 1].text == "," else None
                frame = (i, i + 1)
                q = self.trim(i + 1, end)
                if q and not self.covered_by_direct(q):
                    return Cand(
                        "Indirect",
                        [self.chars(*q)],
                        si,
                        cue=[i],
                        speaker=sp,
                        frame=[frame],
                        medium=SPEECH_OR_WRITING,  # "ein Bericht, wonach …"
                    )
                return None
            if frame is None:
                continue
            if sp and frame[0] == i and i == a and (pre or low == "nach"):
                # "Laut X …" / "Nach Angaben X …" open the sentence: the source is the whole
                # prefield up to the finite verb ("Nach Angaben des Ombudsmans für
                # Menschenrechte kommt es …")
                v = self.prefield_end(sp[0], end)
                if v is not None and v > sp[1]:
                    sp = (sp[0], v)
                    frame = (i, v)
            # the benchmark takes the whole sentence around "laut X" as the report
            parts = [p for p in (self.trim(a, frame[0]), self.trim(frame[1], end)) if p]
            parts = [p for p in parts if not self.covered_by_direct(p)]
            if not parts or sum(p[1] - p[0] for p in parts) < 3:
                return None
            return Cand(
                "Indirect",
                [self.chars(*p) for p in parts],
                si,
                cue=cue,
                speaker=sp,
                frame=[frame],
                # "laut X", "nach Angaben X", "X zufolge", "heißt es" do not say whether X
                # spoke or wrote; ", so X" mostly follows something said
                medium="speech" if low in single.get("so", ()) else SPEECH_OR_WRITING,
            )
        return None

    def prefield_end(self, k: int, end: int) -> int | None:
        """Index of the finite verb that closes a prefield starting at ``k`` (tags only),
        if no clause boundary other than a short parenthesis or apposition comes first."""
        ws = self.ws
        for m in range(k + 1, min(k + 18, end)):
            w = ws[m]
            if self.in_quote[m] or w.text in {";", ":"} or w.text in FINAL_PUNCT:
                return None
            if w.text == "," and m + 1 < end and ws[m + 1].lower in RELATIVE | self.c["conj"]:
                return None
            if w.tag in {"VVFIN", "VAFIN", "VMFIN"}:
                return m if ws[m - 1].text not in {",", "("} else None
        return None

    def _single_patterns(self) -> tuple[dict[str, set[str]], set[str] | None]:
        """One-word patterns by kind, and the first words of the "pre" patterns (made once)."""
        cached = self.__dict__.get("_single")
        if cached is None or cached[2] is not self.pats:
            pats = self.pats
            single = {kind: {p[0] for p in pats.get(kind, []) if len(p) == 1} for kind in pats}
            pres = pats.get("pre", [])
            pre_first = None if any(not p for p in pres) else {p[0] for p in pres}
            cached = self.__dict__["_single"] = (single, pre_first, pats)
        return cached[0], cached[1]

    def _triggers(self, single: dict[str, set[str]], pre_first: set[str]) -> set[str]:
        """Every word with which one of the branches of :meth:`attribution` can begin."""
        cached = self.__dict__.get("_triggers_set")
        if cached is None or cached[1] is not single:
            words = set(pre_first) | {"nach"}
            for kind in ("post", "so", "adv", "es", "conj"):
                words |= single.get(kind, set())
            cached = self.__dict__["_triggers_set"] = (words, single)
        return cached[0]

    def nach_heads(self) -> tuple[str, ...]:
        """Heads of "nach Angaben X"-phrases from ``attribution.txt`` (kind ``nach``)."""
        cached = self.__dict__.get("_nach_heads")
        if cached is None or cached[1] is not self.pats:
            cached = self.__dict__["_nach_heads"] = (
                tuple(p[0] for p in self.pats.get("nach", [])),
                self.pats,
            )
        return cached[0]

    def nach_source(self, i: int, end: int) -> bool:
        """ "nach Angaben der Polizei", "Nach ersten Informationen", "nach einer norwegischen Studie"."""
        for k in range(i + 1, min(i + 4, end)):
            w = self.ws[k]
            if w.cap and w.lower.endswith(self.nach_heads()):
                return True
            if w.cap and w.lower.endswith("s") and k + 1 < end and self.ws[k + 1].cap:
                continue  # a genitive name first: "Nach Grupps Meinung"
            if w.cap:
                return False
            if not (w.lower in self.c["det"] or adjective_like(w)):
                return False
        return False

    def noun_cue(self, si: int, a: int, end: int) -> Cand | None:
        ws = self.ws
        for i in range(a, end):
            w = ws[i]
            if (
                not w.cap
                or self.in_quote[i]
                or not is_cue_noun(w.text, w.lemma if w.tag == "NN" else "")
            ):
                continue
            if w.tag and w.tag != "NN":
                continue
            # the noun phrase may go on with a genitive: "die Forderung des Ministers, …"
            sp = None
            k = i + 1
            if k < end and ws[k].lower in OF:
                sp = np_after(ws, k + 1, end, appos=False)
                k = sp[1] if sp else k
            if k + 1 >= end or ws[k].text != ",":
                continue
            comp = k + 1
            cw = ws[comp]
            stop = comp + 1
            while stop < end and not (ws[stop].text in BOUNDARY and not self.in_quote[stop]):
                stop += 1
            konj = any(x.konj for x in ws[comp:stop])
            # "die Ankündigung, der Iran werde …": an article, its noun and the Konjunktiv
            # verb in second place — a main clause, not a relative one ("die Ankündigung,
            # der … zustimmte")
            article = (
                cw.lower in RELATIVE and comp + 2 < stop and ws[comp + 1].cap and ws[comp + 2].konj
            )
            # "die Forderung des Ministers, … auf die SPD zuzugehen": a zu-infinitive after
            # a noun of asking or intending
            zu_inf = w.lower.startswith(INF_NOUNS) and any(
                x.tag == "VVIZU" or x.lower == "zu" for x in ws[comp:stop]
            )
            if not (
                cw.lower in {"dass", "ob"}
                or (konj and (cw.lower not in RELATIVE | self.c["conj"] or article))
                or (zu_inf and cw.lower not in RELATIVE | self.c["conj"])
            ):
                continue
            q = self.trim(comp, stop)
            if not q or self.covered_by_direct(q):
                continue
            cs = self.clause(i, a, end)[0]
            cue = [i]
            v = self.noun_cue_verb(cs, i)
            if v is not None:
                # "X ist der Meinung, dass …", "kamen zu dem Ergebnis, dass …": the verb phrase
                # is the cue and the clause's subject the speaker
                cue = list(range(v, i + 1))
                sp = self.subject(cs, v, comp - 1, [v])
            return Cand(
                "Indirect",
                [self.chars(*q)],
                si,
                cue=cue,
                speaker=sp,
                frame=[(cs, comp)],
                medium="thought" if v is not None and ws[v].lower in NOUN_CUE_COPULA else "speech",
            )
        return None

    def noun_cue_verb(self, cs: int, i: int) -> int | None:
        """The finite verb of "ist der Meinung", "vertritt die Ansicht", "äußerte die
        Befürchtung", "kamen zu dem Ergebnis": only articles, adjectives and "zu" between."""
        ws = self.ws
        k = i - 1
        while k > cs and (
            ws[k].lower in self.c["det"]
            or ws[k].lower in {"zu", "zum", "zur"}
            or (not ws[k].cap and ws[k].tag in {"ADJA", ""} and adjective_like(ws[k]))
        ):
            k -= 1
        if not (cs <= k < i - 1):
            return None
        w = ws[k]
        stem = w.lower.startswith(NOUN_CUE_STEMS)
        if w.lower in NOUN_CUE_COPULA or w.lemma in NOUN_CUE_VERBS or (stem and w.tag[:1] == "V"):
            return k
        return None

    def find_via(self, cands: list[Cand], a: int, end: int) -> None:
        """ "sagte Kim, wie KCNA zitierte" / "…, laut der Nachrichtenagentur TASS": a channel."""
        media = self.c["media"] | self.c["agency"]
        for i in range(a, end):
            if self.ws[i].lower in {"laut", "wie"} and not self.in_quote[i]:
                sp = np_after(self.ws, i + 1, end)
                if sp and any(self.ws[k].lower in media for k in range(*sp)):
                    for c in cands:
                        if (
                            c.speaker
                            and c.speaker != sp
                            and not (c.speaker[0] >= sp[0] and c.speaker[1] <= sp[1])
                        ):
                            c.via = sp

    def postposed_cue(
        self, comp: int, end: int
    ) -> tuple[int, list[int], tuple[int, int] | None] | None:
        """ "Xi sagte, dass …, berichtete Xinhua": where a second, postposed frame starts."""
        ws = self.ws
        for k in range(comp + 1, end):
            if ws[k - 1].text == "," and not self.in_quote[k]:
                if ws[k].lower == "so" and np_after(ws, k + 1, end):
                    return k, [], None  # "…, so der Sprecher": the attribution closes the report
                got = self.cue_at(k, end)
                if got:
                    kidx, _ = got
                    _, ce = self.clause(max(kidx), k, end)
                    return k, kidx, np_after(ws, max(kidx[0], k) + 1, ce)
        return None
