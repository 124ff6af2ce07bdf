"""Clause helpers for quote attribution: cue verbs in context, clause bounds, subjects.

German main clauses put one constituent before the finite verb; the subject
is that prefield when it looks like a noun phrase ("Ein Sprecher des
Ministeriums sagte") and otherwise the first noun phrase after the verb ("Am
Montag sagte der Minister"). With a TIGER parse the "sb" child decides.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from typing import Any

from kit.quotes.cues import (
    AUXILIARIES,
    is_cue_noun,
    lookup,
)
from kit.quotes.mentions import (
    NOT_NOMINATIVE,
    W,
    extend_apposition,
    is_role,
    np_after,
    np_before,
    org_noun,
)
from kit.quotes.text import (
    BOUNDARY,
    FINAL,
    QUOTE_CHARS,
    RELATIVE,
    Cand,
    adjective_like,
)
from kit.wordlists import word_class, word_tuple

#: pronominal adverbs that belong to a separable cue ("geht davon aus", "wies darauf hin")
PRONOMINAL_ADVERBS = word_class("quote_words.txt", "pronominal_adverbs")

#: separable verb particles (fallback without tags)
PARTICLES = word_class("quote_words.txt", "separable_particles")
#: cue verbs that declare rather than say with "zum"/"zur" in their clause ("erklärt den
#: 15. Juni zum Gedenktag", "wurde zum Sieger erklärt")
DECLARING = word_class("quote_words.txt", "declaring_cues")
DECLARING_PREPS = word_class("quote_words.txt", "declaring_preps")
#: forms of "wollen" that claim ("will herausgefunden haben")
CLAIMING = word_class("quote_words.txt", "claiming_modals")


#: endings of abstract nouns: such a prefield is an object, never the speaker
ABSTRACT_SUFFIXES = word_tuple("quote_words.txt", "abstract_suffixes")

#: nouns with those endings that name bodies of people, which do speak
GROUP_NOUNS = word_tuple("quote_words.txt", "group_nouns")


class ClauseRules:
    """Clause and phrase helpers shared by the rules (word indices into ``self.ws``)."""

    text: str
    ws: list[W]
    sents: list[tuple[int, int]]
    sent_of: list[int]
    in_quote: list[bool]
    c: dict[str, frozenset[str]]
    pats: dict[str, list[tuple[str, ...]]]
    direct: list[tuple[int, int]]
    used_direct: set[int]
    cands: list[Cand]

    def chars(self, a: int, b: int) -> tuple[int, int]:
        return (self.ws[a].start, self.ws[b - 1].end)

    # ---- look-ups made once per article (a loop over the article per call is quadratic)

    def lows(self) -> list[str]:
        """Lower-cased words of the article, made once."""
        cached = self.__dict__.get("_lows")
        if cached is None or len(cached) != len(self.ws):
            cached = self.__dict__["_lows"] = [w.lower for w in self.ws]
        return cached

    def direct_between(self, lo: int, hi: int) -> list[int]:
        """Indices into ``self.direct`` of the quoted spans starting in ``[lo, hi)``, ascending."""
        index = self.__dict__.get("_direct_index")
        if index is None or index[2] is not self.direct:
            order = sorted(range(len(self.direct)), key=lambda d: self.direct[d][0])
            index = ([self.direct[d][0] for d in order], order, self.direct)
            self.__dict__["_direct_index"] = index
        starts, order, _ = index
        return sorted(order[bisect.bisect_left(starts, lo) : bisect.bisect_left(starts, hi)])

    def may_cue(self, i: int) -> bool:
        """False where :meth:`cue_at` is sure to find nothing: a noun-like capital
        inside a sentence, a tag other than a verb's, or no cue form or lemma (one
        look-up per word, made once per article)."""
        flags = self.__dict__.get("_may_cue")
        if flags is None or len(flags) != len(self.ws):
            ws = self.ws
            stops = FINAL | QUOTE_CHARS  # made once, not per word
            flags = [
                not (w.text[:1].isupper() and k > 0 and ws[k - 1].text not in stops)
                and not (w.tag and not w.tag.startswith("V"))
                and bool(lookup(w.text, w.lemma))
                for k, w in enumerate(ws)
            ]
            self.__dict__["_may_cue"] = flags
        return flags[i]

    def cands_of(self, si: int) -> Iterator[Cand]:
        """The candidates already found for sentence ``si``, newest first.

        ``self.cands`` grows in sentence order while :meth:`run` goes, so the scan
        stops at the first earlier sentence instead of visiting every candidate.
        """
        for c in reversed(self.cands):
            if c.sent < si:
                return
            if c.sent == si:
                yield c

    def trim(self, a: int, b: int) -> tuple[int, int] | None:
        """Word range without boundary punctuation at either edge."""
        while a < b and (self.ws[a].text in BOUNDARY or self.ws[a].text in FINAL):
            a += 1
        while b > a and (self.ws[b - 1].text in BOUNDARY or self.ws[b - 1].text in FINAL):
            if self.ws[b - 1].text == ")" and any(w.text == "(" for w in self.ws[a : b - 1]):
                break  # "Günther Oettinger (CDU)": the parenthesis is closed
            b -= 1
        return (a, b) if b > a else None

    def cue_at(self, i: int, limit: int) -> tuple[list[int], Any] | None:
        """Cue word indices and the cue if ws[i] is a cue verb (particle found for separable verbs)."""
        w = self.ws[i]
        if w.cap and i > 0 and self.ws[i - 1].text not in FINAL | QUOTE_CHARS:
            return None  # a noun ("Sagen", "Bericht")
        if w.tag and not w.tag.startswith("V"):
            return None
        hits = lookup(w.text, w.lemma)
        if not hits:
            return None
        if i > 0 and self.ws[i - 1].lower == "zu":
            return None
        if i > 0 and self.ws[i - 1].lower in {"als", "für"} and all(h.participle for h in hits):
            return None  # a participle as predicate: "befand den Angriff als gerechtfertigt"
        if all(h.cue.lemma in DECLARING for h in hits) and self._declares(i, limit):
            return None  # "der den 15. Juni zum »Nationalen Veteranentag« erklärt"
        for h in hits:
            if h.cue.particle and not h.attached:
                commas = 0
                for k in range(i + 1, limit):
                    t = self.ws[k]
                    if t.text == "," and commas < 2:
                        commas += 1  # "gab der Leiter, Andreas Huber, bekannt"
                        continue
                    if t.text in BOUNDARY or t.text in FINAL or t.text in QUOTE_CHARS:
                        break
                    nxt = self.ws[k + 1].text if k + 1 < len(self.ws) else "."
                    if t.lower == h.cue.particle and (
                        nxt in BOUNDARY or nxt in FINAL or nxt in QUOTE_CHARS
                    ):
                        idx = [i, k]
                        # "geht davon aus", "wies darauf hin": the pronominal adverb is part of it
                        for m in (k - 1, i + 1):
                            if i < m < k and self.ws[m].lower in PRONOMINAL_ADVERBS:
                                idx = [i, m, k]
                                break
                        return idx, h
        for h in hits:
            verb_last = i + 1 >= limit or self.ws[i + 1].text in BOUNDARY | FINAL | QUOTE_CHARS
            if (
                h.cue.particle
                and not h.attached
                # "bekannt gegeben"; a finite verb only at the clause end ("wie die Polizei
                # am Montag bekannt gab", "wie heute bekannt wurde")
                and (h.participle or verb_last)
                and i > 0
                and self.ws[i - 1].lower == h.cue.particle
            ):
                idx = [i - 1, i]
                for k in range(i - 2, max(i - 10, -1), -1):
                    if self.ws[k].text in BOUNDARY or self.ws[k].text in FINAL:
                        break
                    if self.ws[k].lower in AUXILIARIES:
                        idx = [k, i - 1, i]
                        break
                return idx, h
        if not hits[0].participle and self.foreign_particle(i, limit, hits):
            return None  # "rief den Notstand aus", "stellte sich als Attrappe heraus": another verb
        for h in hits:
            if h.attached:
                idx = [i]
                if h.participle and self.ws[i - 1].lower != "wie":  # "wie erwartet": no auxiliary
                    for k in range(i - 1, max(i - 16, -1), -1):
                        t = self.ws[k]
                        if t.text in BOUNDARY or t.text in FINAL:
                            break
                        if t.lower in AUXILIARIES:
                            idx = [k, i]
                            # "wird mit den Worten zitiert": the phrase belongs to the cue
                            words_ = [w.lower for w in self.ws[k + 1 : i]]
                            for m in range(len(words_) - 2):
                                if words_[m] == "mit" and words_[m + 2] == "worten":
                                    idx = [k, k + 1 + m, k + 2 + m, k + 3 + m, i]
                            break
                if i + 1 < limit and self.ws[i + 1].lower == "sich":
                    idx.append(i + 1)
                return idx, h
        return None

    def _declares(self, i: int, limit: int) -> bool:
        """Is there a "zum"/"zur" phrase in the clause of the verb at ``i`` (a few words
        either side, not across a comma, a quote or a sentence end)?"""
        ws = self.ws
        for step in (-1, 1):
            k = i + step
            while 0 <= k < limit and abs(k - i) <= 8:
                t = ws[k]
                if t.text in BOUNDARY or t.text in FINAL or t.text in {",", ":"}:
                    break
                if t.lower in DECLARING_PREPS:
                    return True
                k += step
        return False

    def foreign_particle(self, i: int, limit: int, hits: list) -> bool:
        """Does the clause of a finite verb end in a particle that is not one of its cues'?"""
        own = {h.cue.particle for h in hits}
        for k in range(i + 1, limit):
            t = self.ws[k]
            if (
                t.text in BOUNDARY
                or t.text in FINAL
                or t.text in QUOTE_CHARS
                or t.lower in {"und", "oder", "aber"}
            ):
                break  # "sagte Blinken und forderte … auf": the particle is the next verb's
            nxt = self.ws[k + 1].text if k + 1 < len(self.ws) else "."
            closes = nxt in BOUNDARY or nxt in FINAL or nxt in QUOTE_CHARS
            if closes and t.lower in PARTICLES and (t.tag in {"", "PTKVZ"}):
                return t.lower not in own
        return False

    def clause(self, i: int, a: int, b: int) -> tuple[int, int]:
        """Bounds of the comma/colon-delimited stretch around word i; a short parenthesis
        does not end it ("Die Schutzvereinigung (DSW) ist der Ansicht")."""
        ws = self.ws
        cs = i
        while cs > a:
            t = ws[cs - 1].text
            if t == ")":
                m = next(
                    (m for m in range(cs - 2, max(a, cs - 8) - 1, -1) if ws[m].text == "("), None
                )
                if m is not None and m > a and ws[m - 1].text not in BOUNDARY:
                    cs = m
                    continue
            if t in BOUNDARY:
                break
            cs -= 1
        ce = i
        while ce < b and ws[ce].text not in FINAL:
            t = ws[ce].text
            if t == "(":
                m = next((m for m in range(ce + 1, min(b, ce + 8)) if ws[m].text == ")"), None)
                if m is not None and m + 1 < b and ws[m + 1].text not in BOUNDARY | FINAL:
                    ce = m + 1
                    continue
            if t in BOUNDARY:
                break
            ce += 1
        return cs, ce

    def np_back(self, a: int, j: int) -> tuple[int, int] | None:
        """Noun phrase ending before word j ("Polizeiangaben zufolge")."""
        k = j
        ws = self.ws
        if k <= a or not ws[k - 1].cap:
            return None  # the phrase must end in a noun: "Polizeiangaben zufolge"
        while k > a and (
            ws[k - 1].cap
            or ws[k - 1].lower in self.c["det"]
            or ws[k - 1].lower in {"von", "vom"}
            or (adjective_like(ws[k - 1]) and ws[k - 1].tag in {"", "ADJA"})
        ):
            if ws[k - 1].tag == "NN" and ws[k].tag == "NN" and k < j:
                break  # two noun phrases: "nimmt die Organisation Schätzungen zufolge"
            k -= 1
            if j - k > 10:
                break
        while k < j and (ws[k].lower in self.c["prep"] or ws[k].lower in self.c["adv"]):
            k += 1
        return (k, j) if k < j else None

    def dep_child(self, heads: list[int], label: str) -> tuple[int, int] | None:
        """Subtree of the first child with TIGER label ``label`` ("sb", "oc") of the heads."""
        index = self.__dict__.get("_children")
        if index is None or index[1] is not self.ws:
            children: dict[tuple[int, str], list[int]] = {}
            for k, w in enumerate(self.ws):  # (head, label) → children, ascending: made once
                if w.dep:
                    children.setdefault((w.head, w.dep), []).append(k)
            index = self.__dict__["_children"] = (children, self.ws)
        first = None
        for h in set(heads):
            k = next((k for k in index[0].get((h, label), ()) if k not in heads), None)
            if k is not None and (first is None or k < first):
                first = k
        if first is None:
            return None
        return (self.ws[first].left, self.ws[first].right)

    def subject(
        self, cs: int, f: int, ce: int, idx: list[int] | None = None
    ) -> tuple[int, int] | None:
        """Speaker of a V2 clause [cs, ce) whose finite verb is at f (the "sb" child when parsed)."""
        ws = self.ws
        if ws[f].dep:
            sb = self.dep_child(sorted({f, *(idx or [])}), "sb")
            if sb:
                return sb
        if cs < f and ws[cs].lower in {"wie", "so"}:
            if f == cs + 1:  # "So sagte der Minister": the subject follows the verb
                return np_after(ws, f + 1, ce)
            return np_after(ws, cs + 1, f)
        if (
            f > cs
            and ws[f - 1].lower == "und"
            and cs > 0
            and not any(ws[m].tag in {"VVFIN", "VAFIN", "VMFIN"} for m in range(cs, f - 1))
        ):
            # "Lawrow sieht das Land als „Spielball Kiews“ und erklärte: „…“", "Voigt bedankt
            # sich für die „…“ der Zuschauerin und sagt dann: „…“": the frame starts after a
            # quote; the subject is the first conjunct's, earlier in the sentence
            k = cs - 1
            while k > 0 and cs - k < 40 and ws[k - 1].text not in {".", "!", "?", ":"}:
                k -= 1
            first_verb = next(
                (m for m in range(k, cs) if ws[m].tag in {"VVFIN", "VAFIN", "VMFIN"}), None
            )
            if first_verb is not None and first_verb > k:
                sp = np_before(ws, k, first_verb)
                if sp and not self.inanimate(sp):
                    return sp
        if f - 1 > cs and ws[f - 1].lower == "und":
            # "Yoon reagierte auf … und verurteilte …": the subject of the first verb
            first_verb = next(
                (k for k in range(cs, f - 1) if ws[k].tag in {"VVFIN", "VAFIN", "VMFIN"}), None
            )
            if first_verb is not None:
                # "In seiner Stellungnahme befand der Premierminister X … und nannte …":
                # after a fronted adverbial the subject follows the first verb
                return np_before(ws, cs, first_verb) or self.animate_after(first_verb, f - 1)
        sp = np_before(ws, cs, f) if f > cs else None
        last = max(idx) if idx else f
        if sp is None and f > cs + 1 and last + 1 < ce and ws[last + 1].lower == "haben":
            # "Ein Rechercheverbund … will herausgefunden haben, dass …": "wollen" of a
            # claim is the clause's finite verb
            v = next(
                (k for k in range(cs + 1, f) if ws[k].tag == "VMFIN" and ws[k].lower in CLAIMING),
                None,
            )
            if v is not None and not any(ws[k].text == "," for k in range(cs, v)):
                sp = np_before(ws, cs, v)
        if sp:
            quoted_object = ws[sp[0]].lower in {"ein", "eine", "einen"} and any(
                w.text in QUOTE_CHARS for w in ws[sp[0] : sp[1]]
            )
            if self.inanimate(sp) or quoted_object:
                # (also a quoted characterisation: "Ein „Riesen-Rennen“ urteilte Pfeiffer")
                # object first: "Eine Verschiebung des Wahltermins bezeichnete Conze als fatal",
                # "Die … Beschwerde wies der Hessische Verwaltungsgerichtshof zurück"
                after = np_after(ws, f + 1, ce, appos=False)
                if after and self.animate_subject(after):
                    return extend_apposition(ws, after, ce)
            return sp
        if f > cs and ws[f - 1].lower in {"er", "ich", "wir"}:
            # "… der Autobahn GmbH. Er erklärte MDR SACHSEN-ANHALT …": a nominative pronoun
            # right before the verb is its subject, even when the clause start was missed
            return (f - 1, f)
        after = np_after(ws, f + 1, ce)
        if after and ws[after[0]].lower in NOT_NOMINATIVE:
            return None  # "wirft den USA vor": an object, no subject
        if after and ws[after[0]].lower in self.c["time"]:
            return None  # "erklärte Anfang März": a time adverbial, no subject
        return after

    def animate_after(self, v: int, limit: int) -> tuple[int, int] | None:
        """The noun phrase right after the verb at ``v`` if it can be a speaker."""
        sp = np_after(self.ws, v + 1, limit)
        if sp and self.animate_subject(sp):
            return sp
        return None

    def inanimate(self, sp: tuple[int, int]) -> bool:
        """Is the noun phrase headed by an abstract noun ("Die Anwendung der …",
        "Deren Haltung", "Die Äußerungen Hassemers"), so it cannot be a speaker?"""
        ws = self.ws
        head = next((k for k in range(*sp) if ws[k].cap and ws[k].lower not in self.c["det"]), None)
        if head is None or (ws[head].tag and ws[head].tag != "NN") or ws[head].ent:
            return False
        low = ws[head].lower
        if low.endswith(GROUP_NOUNS) or low in self.c["org"] | self.c["media"]:
            return False  # "Die Regierung", "Die Zeitung": bodies that speak
        return low.endswith(ABSTRACT_SUFFIXES) or is_cue_noun(ws[head].text)

    def animate_subject(self, sp: tuple[int, int]) -> bool:
        """A noun phrase after the verb that must be the subject next to an abstract
        prefield: "er", "ich", "wir", a name, "der SPD-Vorsitzende …"."""
        ws = self.ws
        first = ws[sp[0]]
        if sp[1] - sp[0] == 1 and first.lower in {"er", "ich", "wir"}:
            return True
        if first.ent == "PER" or (first.tag == "NE" and not first.ent):
            return True
        if is_role(first.text) and any(w.ent == "PER" for w in ws[sp[0] : sp[1]]):
            return True  # "Kawasaki-Präsident Hiroshi Ito"
        if first.lower in {"der", "die", "das"} and any(
            w.ent == "ORG" or org_noun(w.lower) for w in ws[sp[0] : sp[1]] if w.cap
        ):
            return True  # "wies der Hessische Verwaltungsgerichtshof zurück"
        return first.lower == "der" and any(is_role(w.text) for w in ws[sp[0] : sp[1]])

    def subject_region(self, a: int, b: int) -> bool:
        """Is [a, b) a subject with apposition or relative clause ("Ein Sprecher, Lars Beringer,")?"""
        ws = self.ws
        if b - a < 1 or b - a > 30 or np_before(ws, a, min(b, a + 1)) is None and not ws[a].cap:
            return False
        if ws[a].lower in self.c["prep"] | self.c["adv"] | self.c["conj"]:
            return False
        cut = b
        for k in range(a + 1, b):
            if ws[k - 1].text == "," and ws[k].lower in RELATIVE:
                cut = k - 1
                break
        head = ws[a:cut]
        np_like = all(
            w.text in {",", "(", ")", "-"}
            or (
                w.tag
                in {"NN", "NE", "ADJA", "ART", "PPOSAT", "CARD", "$,", "$(", "FM", "TRUNC", "PIAT"}
                or (w.tag in {"APPR", "APPRART", "KON"} and k > a)
                or (w.cap and k > a)  # a name the tagger missed: "Peter Clever/ADJD", "BA/XY"
                # an adverb inside an attribute: "Der autoritär regierende Präsident"
                or (w.tag in {"ADJD", "ADV"} and k + 1 < cut and ws[k + 1].tag == "ADJA")
                if w.tag
                else (
                    w.cap
                    or w.lower in self.c["det"]
                    or w.lower in self.c["prep"]
                    or w.lower == "und"
                    or w.text[:1].isdigit()
                    or adjective_like(w)
                )
            )
            for k, w in enumerate(head, a)
        )
        return np_like and any(w.cap for w in head)

    def clause_like(self, a: int, b: int) -> bool:
        """Can [a, b) be a reported clause before a postposed frame?

        With tags it needs a finite verb that is not itself a cue ("Die Rothemden begrüßten
        …, fordern aber …" is one subject with two verbs); a prefield like "In einem
        Interview mit dem Anwalt – Rainer Wittner – sagte dieser" has none.
        """
        ws = self.ws
        if not any(w.tag for w in ws[a:b]):
            return True
        finite = [
            k
            for k in range(a, b)
            if ws[k].tag in {"VVFIN", "VAFIN", "VMFIN"} and not self.in_quote[k]
        ]
        if not finite:
            return any(self.in_quote[k] for k in range(a, b))
        # a cue only if it is complete: "wird" is no cue without "bekannt" ("bekannt werden")
        return self.cue_at(finite[0], b) is None or ws[finite[0]].konj

    def covered_by_direct(self, q: tuple[int, int]) -> bool:
        """The range is (almost) all one direct quote: the Direct candidate has it."""
        n = q[1] - q[0]
        inside = sum(1 for k in range(q[0], q[1]) if self.in_quote[k])
        return (
            n > 0
            and inside / n > 0.8
            and (self.in_quote[q[0]] or self.ws[q[0]].text in QUOTE_CHARS)
        )
