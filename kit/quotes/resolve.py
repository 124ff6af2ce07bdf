"""Resolving a speaker mention to the article's canonical speaker.

The mention is found by :mod:`kit.quotes.mentions`; here it gets its name:
"Herr Austin" → "Lloyd Austin" (the full name elsewhere in the article), "er"
→ the last named speaker, "der Minister" → the last speaker whose role has
that head noun. The role ("US-Außenminister") is split off and the kind
(person / organisation / country) guessed from the head noun and the
entities.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from typing import Any

from kit.german.chains import DEFINITE, Chains
from kit.quotes.mentions import (
    DEMONSTRATIVES,
    W,
    _is_pron,
    is_role,
    words,
)
from kit.quotes.naming import NameRules, _name_part
from kit.quotes.speakable import GateRules, Resolved, apposition_head, compound_source, tidy
from kit.quotes.subjects import SubjectRules
from kit.wordlists import word_class, word_tuple

#: heads of attribution phrases that name a source's statement, not the source
SOURCE_HEADS = word_class("quote_words.txt", "source_heads")


#: statement and document nouns, and determiners, that point back to the last report
#: ("Dem Bericht zufolge", "Seiner Darstellung zufolge")
BACK_NOUNS = word_class("quote_words.txt", "back_nouns")
BACK_DETS = word_class("quote_words.txt", "back_dets")
#: sentence adverbs that point back to the last source ("Demnach …")
BACK_ADVERBS = frozenset({"demnach", "demzufolge"})
#: how far back such a pointer reaches, in characters (about three sentences)
BACK_WINDOW = 700

#: relative pronouns after a comma: a clause, no part of a mention
RELATIVE_PRONOUNS = word_class("quote_words.txt", "rel_pron")

#: possessives before a source noun and the pronoun they stand for ("Seiner Meinung nach")
POSSESSIVE = {"seiner": "er", "seinen": "er", "seinem": "er", "ihrer": "sie", "ihren": "sie"}


#: endings of organisation head nouns ("Sicherheitsdienst", "Außenministerium")
ORG_HEAD_ENDINGS = word_tuple("quote_words.txt", "org_head_endings")

#: endings that make any word of a mention an organisation ("die Bundesregierung")
ORG_ENDINGS = word_tuple("quote_words.txt", "org_endings")

#: role words that are forms of address, left out of the role ("Herr Austin")
ADDRESS_TITLES = word_class("quote_words.txt", "address_titles")


class SpeakerResolver(GateRules, NameRules, SubjectRules):
    """Article-level naming of speaker mentions (see module docstring)."""

    def __init__(
        self,
        ws: list[W],
        person_ents: list[str],
        in_quote: list[Any] | None = None,
        chains: Chains | None = None,
    ) -> None:
        self.ws = ws
        self.chains = chains  # the article's mention chains (kit.german.chains)
        self.starts = [w.start for w in ws]
        self.c = words()
        self.people = list(person_ents)
        self.history: list[Resolved] = []  # speakers in order of the quotes
        self.history_end: list[int] = []  # char end of each history entry's mention
        self._mention_end = -1
        self._in_quote = in_quote
        self._subjects: list[tuple[int, int, str]] | None = None
        self._mention_now: list[W] = []
        self._dry = False
        self._person_words: set[str] | None = None
        self.seen_words: list[set[str]] = []  # the words of each history entry's mention
        self._words_now: set[str] = set()
        # multi-word capitalised runs: candidate full names ("Lloyd Austin")
        self.full_names: list[str] = [p for p in person_ents if " " in p]
        self.acronyms: dict[str, str] = {}
        self.known_short: dict[str, Resolved] = {}  # "NDB" → Schweizer Nachrichtendienst
        # "Korea Central News Agency" … "KCNA": a capitalised run whose initials give an
        # all-caps word of the same article is known by that short form
        short = {
            w.text for w in ws if 2 <= len(w.text) <= 6 and w.text.isupper() and w.text.isalpha()
        }
        if short:
            # one flag per word, read once (not a slice and a test of every run)
            capalpha = [w.cap and w.text.isalpha() for w in ws]
            for k in range(len(ws)):
                for n in range(2, 7):
                    if k + n > len(ws) or not capalpha[k + n - 1] or not capalpha[k]:
                        break
                    run_ = ws[k : k + n]
                    initials = "".join(w.text[0] for w in run_).upper()
                    if initials in short:
                        self.acronyms[" ".join(w.text for w in run_)] = initials
        run: list[str] = []
        self.name_ends: list[tuple[int, str]] = []  # (end offset, name) of multi-word names
        prev_end = 0
        tagged = any(w.tag for w in ws)
        for w in ws + [W("", "", 0, 0)]:
            if person_ents:
                ok = w.ent == "PER"
            elif tagged:
                ok = w.tag == "NE"
            else:
                ok = bool(w.text) and _name_part(w.text, self.c)
            if w.text and ok and not (person_ents and w.ent_start and run):
                run.append(w.text)
                prev_end = w.end
                continue
            if len(run) >= 2:
                self.full_names.append(" ".join(run[-4:]))
                self.name_ends.append((prev_end, " ".join(run[-4:])))
            # two names side by side are two people ("lehnt Trump Machado ab")
            run = [w.text] if w.text and ok else []
            prev_end = w.end

    def _full_names_by_word(self) -> dict[str, dict[str, int]]:
        """First or last word → {full name: count}, in the order of ``full_names`` (made once)."""
        cached = self.__dict__.get("_by_word")
        if cached is None or cached[0] != len(self.full_names):
            by_word: dict[str, dict[str, int]] = {}
            for full in self.full_names:
                fparts = full.split()
                if 1 < len(fparts) <= 4:
                    for word in dict.fromkeys((fparts[-1], fparts[0])):
                        counts = by_word.setdefault(word, {})
                        counts[full] = counts.get(full, 0) + 1
            cached = self.__dict__["_by_word"] = (len(self.full_names), by_word)
        return cached[1]

    def _complete(self, name: str) -> str:
        """ "Austin" → "Lloyd Austin", "Kim" → "Kim Jong Un" if the article names them in full
        (family name last or, as in Korean and Chinese names, first)."""
        parts = name.split()
        if len(parts) != 1:
            return name
        # an index by first and last word, not a loop over every full name per mention
        counts = self._full_names_by_word().get(parts[0], {})
        if not counts:
            return name
        return max(counts, key=lambda f: (counts[f], f.split()[-1] == parts[0], len(f)))

    def _acronym(self, name: str) -> str:
        """ "Korea Central News Agency" → "KCNA" when the article gives that short form."""
        return self.acronyms.get(name, name)

    def resolve(self, mention: list[W]) -> Resolved:
        """The speaker of a mention, or an empty speaker (with the role) when the mention
        names no one who can speak (:mod:`kit.quotes.speakable`)."""
        self._mention_now = mention
        joint = self._joint(mention)
        if joint is not None:
            return joint
        return tidy(self._resolve(mention))

    def _resolve(self, mention: list[W]) -> Resolved:
        c = self.c
        self._words_now = {w.lower for w in mention}
        if not mention:
            return Resolved("", "", "")
        self._mention_end = mention[-1].end
        if len(mention) == 1 and _is_pron(mention[0]):
            subj = self._subject_between(mention[0].start) if mention[0].lower == "er" else ""
            if subj:
                last = subj.split()[-1]
                same = next((p for p in self._recent() if p.speaker.split()[-1:] == [last]), None)
                if same is not None:
                    return self._remember(same)  # "Merkel will …" after "Angela Merkel"
                return self._remember(Resolved(self._complete(subj), "", "person"))
            plural = mention[0].lower == "sie" and self._plural_verb_next_to(mention[0])
            if mention[0].lower == "es":
                return Resolved("", "", "")  # "es" stands for no person we could name
            for prev in self._recent():
                if plural:
                    break  # "Sie werden dort angefahren": plural "sie" names no one we know
                if prev.kind == "person" or (mention[0].lower == "sie" and prev.speaker):
                    return self._remember(prev)
            if mention[0].lower in {"er", "sie"} and self.chains is not None and not plural:
                # no speaker before: the person subject of the sentence before (for "sie"
                # only one shown as a woman: "Die … Ukrainerin arbeitet …")
                subject = (
                    self.chains.person_subject_before(mention[0].start)
                    if mention[0].lower == "er"
                    else self.chains.feminine_subject_before(mention[0].start)
                )
                if subject:
                    return self._remember(Resolved(subject, "", "person", "pronoun"))
            return Resolved("", "", "")  # an unresolved pronoun names nobody
        if len(mention) == 1 and mention[0].lower in DEMONSTRATIVES:
            # "sagte dieser": the person named last before the mention
            # name_ends ascend: bisect for the last name ending before the mention
            k = bisect.bisect_right(self._name_end_offsets(), mention[0].start)
            if k:
                return self._remember(
                    Resolved(self._complete(self.name_ends[k - 1][1]), "", "person")
                )
            return Resolved("", "", "")
        if len(mention) == 1 and mention[0].lower in BACK_ADVERBS:
            # "Demnach …": the source of the report before, else nobody (an adverb is no name)
            back = self._back(mention[0].start)
            subject = self.chains.subject_before(mention[0].start) if self.chains else ""
            if back is None and subject:
                back = self._remember(Resolved(subject, "", "", "previous sentence"), gate=False)
            return back or Resolved("", "", "")
        # "Das Institut für Arbeitsschutz … (IFA)": the short form in parentheses names it too
        if (
            len(mention) > 3
            and mention[-1].text == ")"
            and mention[-3].text == "("
            and _acronym_word(mention[-2].text)
        ):
            r = self._resolve(mention[:-3])
            if r.speaker:
                self.acronyms[mention[-2].text] = r.speaker
                self.known_short[mention[-2].text] = r
            return r
        if (
            len(mention) > 1
            and mention[0].lower in self.c["det"]
            and mention[1].text in self.known_short
        ):
            return self._remember(self.known_short[mention[1].text], gate=False)  # "der NDB"
        cut = next(
            (
                k
                for k in range(1, len(mention) - 1)
                if mention[k].text == ","
                and mention[k + 1].lower in RELATIVE_PRONOUNS
                and (k + 2 >= len(mention) or not mention[k + 2].cap)
            ),
            None,
        )
        if cut is not None:
            mention = mention[:cut]  # "Der Städtetag NRW, der ebenfalls … geladen": no clause
        text_words = [w for w in mention if w.text not in {",", "(", ")"}]
        quoted = [w for w in text_words if w.text in {"„", "“", "»", "«", '"'}]
        if len(quoted) == 2:
            # a quoted name is the name: des Magazins „Der Spiegel“ → Der Spiegel (the noun
            # before it is its role: "die Partei „Die Mitte“" → role Partei)
            qa = text_words.index(quoted[0])
            qb = text_words.index(quoted[1])
            name = " ".join(w.text for w in text_words[qa + 1 : qb])
            before = text_words[qa - 1].text if qa > 0 and text_words[qa - 1].cap else ""
            if name:
                return self._remember(Resolved(name, before, "organisation"))
        # "Nach Grupps Meinung", "Hännis Ansicht": the genitive before the source noun is the
        # source; "Seiner Meinung nach": his
        core = [w for w in text_words if w.lower not in c["det"]]
        if len(text_words) == 2 and text_words[1].lower in SOURCE_HEADS:
            first = text_words[0]
            if first.lower in POSSESSIVE:
                pron = W(POSSESSIVE[first.lower], POSSESSIVE[first.lower], first.start, first.end)
                return self._resolve([pron])
            if first.cap and first.lower.endswith("s") and first.lower not in c["det"]:
                stem = first.text[:-1]
                if stem.lower() in c["country"]:
                    return self._remember(Resolved(stem, "", "country"), gate=False)
                return self._remember(Resolved(self._complete(stem), "", "person"), gate=False)
        if len(core) == 1 and (src := compound_source(core[0].text)):
            # "nach Polizeiangaben"
            return self._remember(Resolved(src, "", "organisation"), gate=False)
        lead_det = ""
        # "Angaben des Ministeriums", "Auffassung von VG und VGH": the source follows the head
        after_source = False
        while len(text_words) > 1 and (
            text_words[0].lower in c["det"]
            or text_words[0].lower in SOURCE_HEADS
            # "Einer Meldung von Xinhua": the "von" after a source head
            or (after_source and text_words[0].lower in {"von", "vom"})
        ):
            after_source = after_source or text_words[0].lower in SOURCE_HEADS
            lead_det = text_words[0].lower
            text_words = text_words[1:]
        if len(text_words) == 1 and text_words[0].lower in BACK_NOUNS and not lead_det:
            if self._word_before(text_words[0]) not in {"der", "des"}:
                return Resolved("", "", "")  # "Schätzungen zufolge": nobody in particular
        own = len(text_words) == 2 and text_words[0].lower in {"eigenen", "eigener"}
        if own and text_words[1].lower in BACK_NOUNS and self.chains is not None:
            # "UNMISS-Truppen konnten eigenen Angaben zufolge …": the clause's own subject
            subject = self.chains.subject_at(mention[0].start)
            return (
                self._remember(Resolved(subject, "", "", "subject"), gate=False)
                if subject
                else Resolved("", "", "")
            )
        if (
            text_words[-1].lower in BACK_NOUNS
            and lead_det in BACK_DETS
            and all(not w.cap for w in text_words[:-1])
        ):
            # "Dem Bericht zufolge" after "Laut einem Bericht der …"; "will VW nach den
            # bisherigen Planungen …": the last report, else the clause's own subject
            back = self._back(mention[0].start)
            if back is not None:
                return back
            subject = self.chains.subject_at(mention[0].start) if self.chains else ""
            if subject and subject.lower() not in {w.lower for w in text_words}:
                return self._remember(Resolved(subject, "", "", "subject"), gate=False)
        if (
            len(text_words) == 1
            and text_words[0].lower.endswith("s")
            and text_words[0].lower[:-1] in c["country"]
        ):
            return self._remember(
                Resolved(text_words[0].text[:-1], "", "country")
            )  # "Angaben Japans"
        if (
            len(text_words) == 1
            and lead_det in {"der", "die", "das"}
            and text_words[0].lower in c["media"]
        ):
            # "Die Zeitung sagte" after "berichtete die New York Times": the medium named last
            # (first the one the chains know by that noun: "den Sender Al Jazeera")
            noun = text_words[0].lower
            chained = self._chained(Resolved("", "", ""), text_words, text_words[0].text)
            if chained.speaker:
                return self._remember(chained, gate=False)
            for prev in self._recent():
                if prev.kind == "organisation" and (
                    not prev.role or prev.role.lower().endswith(noun)
                ):
                    return self._remember(prev)
        for tail in range(len(text_words)):
            long = " ".join(w.text for w in text_words[tail:])
            if long in self.acronyms:
                return self._remember(Resolved(self.acronyms[long], "", "organisation"))
        role_words = [
            w.text for w in text_words if is_role(w.text) and w.lower not in ADDRESS_TITLES
        ]
        name_words = self._name_run(mention)
        if len(name_words) > 1 and apposition_head(name_words[0].lower()):
            # "des Justizportals Misan", "die Gewerkschaften Verdi": the name after the noun
            return self._remember(
                Resolved(self._acronym(" ".join(name_words[1:])), name_words[0], "organisation")
            )
        role = " ".join(role_words)
        lows = {w.lower for w in text_words}
        if (
            name_words
            and (role_words or not (lows & c["org"]) or any(w.ent == "PER" for w in mention))
            and name_words[-1].lower() not in c["country"]
        ):
            name = self._complete(" ".join(name_words))
            kind = "country" if name.lower() in c["country"] else "person"
            if (
                not role_words
                and not any(w.ent == "PER" for w in mention)
                and any(w.ent == "ORG" for w in mention)
            ):
                kind = "organisation"
            return self._remember(Resolved(name, role, kind))
        k = 0
        while k < len(text_words) - 1 and text_words[k].lower in c["det"]:
            k += 1
        det = (
            text_words[k - 1].lower
            if k > 0
            else lead_det
            if lead_det in c["det"]
            else self._word_before(mention[0])
        )
        head = self._nominative(text_words[k:], det)
        # "die staatliche Nachrichtenagentur TASS" → "TASS": the name after an organisation noun
        heads = [
            m
            for m, w in enumerate(text_words)
            if w.lower in c["org"] or w.lower in c["media"] or apposition_head(w.lower)
        ]
        if (
            heads
            and heads[-1] + 1 < len(text_words)
            and all(w.cap for w in text_words[heads[-1] + 1 :])
        ):
            named = " ".join(w.text for w in text_words[heads[-1] + 1 :])
            return self._remember(Resolved(self._acronym(named), "", "organisation"))
        # the head noun decides the kind, not a genitive: "Sprecher des US-Außenministeriums"
        # is a person, "Südkoreas wichtigster Sicherheitsdienst" an organisation
        head_w = next((w for w in text_words[k:] if w.cap), None)
        if head_w is not None and head_w.lower.endswith("s") and len(text_words) > k + 1:
            head_w = next((w for w in text_words[k + 1 :] if w.cap), head_w)  # "Südkoreas …"
        if role_words and head_w is not None and is_role(head_w.text):
            return self._remember(self._by_role(role_words, text_words, head))
        if head_w is not None and head_w.lower.endswith(ORG_HEAD_ENDINGS):
            desc = Resolved(head, "", "organisation")
            return self._remember(self._chained(desc, text_words, head_w.text))
        if lows & c["country"] or any(w.ent == "LOC" for w in mention):
            return self._remember(Resolved(head, "", "country"))
        if (
            lows & c["org"]
            or any(w.ent == "ORG" for w in mention)
            or any(w.lower.endswith(ORG_ENDINGS) for w in text_words)
        ):
            desc = Resolved(head, "", "organisation")
            return self._remember(self._chained(desc, text_words, head_w.text if head_w else ""))
        if role_words:
            return self._remember(self._by_role(role_words, text_words, head))
        if head_w is not None and len(text_words) - k <= 2:
            # "Der Hersteller": a bare description may name an organisation of the chains
            return self._remember(self._chained(Resolved(head, "", ""), text_words, head_w.text))
        return self._remember(Resolved(head, "", ""))

    def _by_role(self, role_words: list[str], text_words: list[W], head: str) -> Resolved:
        """ "der Minister": the last speaker with that role head; "der ukrainische Präsident":
        preferring one whose mention had the same attributes ("ukrainische"); else the
        description itself names the speaker ("Sprecher des US-Außenministeriums")."""
        c = self.c
        head_noun = role_words[-1].lower().rsplit("-", 1)[-1]
        attrs = {w.lower for w in text_words if not w.cap and w.lower not in c["det"]}
        best = None
        best_score = -1
        # equal entries score equally and the later one wins: each distinct (speaker,
        # words) once, in the order of its last mention, instead of the whole history
        for prev, seen in self._recent_with_words():
            if prev.role and prev.role.lower().endswith(head_noun):
                score = len(attrs & seen)
                if score >= best_score:
                    best, best_score = prev, score
        if best is not None:
            return Resolved(best.speaker, best.role, best.kind, "role")
        return self._chained(
            Resolved(head, " ".join(role_words), "person"), text_words, role_words[-1]
        )

    def _chained(self, desc: Resolved, text_words: list[W], noun: str) -> Resolved:
        """A description without a name, named through the article's chains
        (:mod:`kit.german.chains`): "Der Hersteller" → "Microsoft" after "der
        Softwarehersteller Microsoft"; "sagte er …, Sprecher des US-Außenministeriums" →
        the person named next without a role ("fügte Vedant Patel hinzu"). Weak evidence
        leaves the description."""
        if self.chains is None or not text_words or any(w.ent == "PER" for w in text_words):
            return desc  # a mention with a name of its own keeps it
        pos = text_words[0].start
        i = bisect.bisect_left(self.starts, pos)
        det = self.ws[i - 1].lower if i > 0 else ""
        if text_words[0].lower in self.c["det"]:
            det = text_words[0].lower
        kind = "person" if desc.kind == "person" else ""
        link = self.chains.for_description(noun, pos, definite=det in DEFINITE, kind=kind)
        if link is None and kind == "person" and self._after_pronoun(i):
            link = self.chains.named_later(pos)
        if link is None:
            return desc
        return Resolved(link.name, desc.role, link.kind, link.how)

    def _back(self, pos: int) -> Resolved | None:
        """The last speaker, if their mention ended shortly before ``pos``: what "Demnach"
        and "dem Bericht" point back to."""
        if not self.history or not pos - BACK_WINDOW <= self.history_end[-1] <= pos:
            return None
        prev = self.history[-1]
        return self._remember(
            Resolved(prev.speaker, prev.role, prev.kind, "previous report"), gate=False
        )

    def _plural_verb_next_to(self, w: W) -> bool:
        """Is the finite verb right before or after the pronoun ``w`` plural ("sie werden",
        "erklärten sie", "sie sind")? Third person singular forms never end in "-en"."""
        i = bisect.bisect_left(self.starts, w.start)
        for k in (i + 1, i - 1):
            if 0 <= k < len(self.ws) and self.ws[k].tag in {"VVFIN", "VAFIN", "VMFIN"}:
                low = self.ws[k].lower
                return low.endswith("en") or low == "sind"
        return False

    def _after_pronoun(self, i: int) -> bool:
        """Is ``ws[i]`` a role apposition to a pronoun subject ("sagte er am Dienstag,
        Sprecher des …")? A comma before it, and a personal pronoun a few verb-free words
        before the comma."""
        ws = self.ws
        if i < 2 or ws[i - 1].text != ",":
            return False
        for k in range(i - 2, max(0, i - 8), -1):
            if _is_pron(ws[k]) and ws[k].lower in {"er", "sie"}:
                return True
            if ws[k].tag.startswith("V") or ws[k].text in {",", ".", "„", "“", ":"}:
                return False
        return False

    def _name_end_offsets(self) -> list[int]:
        cached = self.__dict__.get("_name_end_offsets_list")
        if cached is None or len(cached) != len(self.name_ends):
            cached = [end for end, _ in self.name_ends]
            self.__dict__["_name_end_offsets_list"] = cached
        return cached

    def _recent(self) -> Iterator[Resolved]:
        """The history newest first, each equal entry once (at its latest place).

        Every scan of the history that takes the first match newest first gets the
        same answer from this, which grows with the distinct speakers, not the quotes.
        """
        for r, _ in reversed(self._latest().values()):
            yield r

    def _recent_with_words(self) -> list[tuple[Resolved, set[str]]]:
        """(entry, mention words) of the history, oldest first, each distinct pair once at
        its latest place."""
        return list(self._latest().values())

    def _latest(self) -> dict[tuple[Any, ...], tuple[Resolved, set[str]]]:
        latest = self.__dict__.setdefault("_latest_entries", {})
        done = self.__dict__.get("_latest_n", 0)
        for k in range(done, len(self.history)):
            r, seen = self.history[k], self.seen_words[k]
            key = (r.speaker, r.role, r.kind, frozenset(seen))
            latest.pop(key, None)
            latest[key] = (r, seen)
        self.__dict__["_latest_n"] = len(self.history)
        return latest

    def _complete_name(self, name: str) -> str:
        return self._complete(name)

    def name(self, mention: list[W]) -> Resolved:
        """The speaker a mention names (checked as in :meth:`resolve`), without taking it
        into the article's history: turn headers, callers of interjections."""
        return tidy(self._dry_run(mention))

    def _dry_run(self, mention: list[W]) -> Resolved:
        """Name a part of a mention without remembering it as a speaker."""
        saved = (self._mention_now, self._mention_end, self._words_now, self._dry)
        self._mention_now, self._dry = mention, True
        try:
            return self._resolve(mention)
        finally:
            self._mention_now, self._mention_end, self._words_now, self._dry = saved

    def _remember(self, r: Resolved, gate: bool = True) -> Resolved:
        if gate:
            r = self._gate(r)
        if r.speaker and not self._dry:
            self.history.append(r)
            self.history_end.append(self._mention_end)
            self.seen_words.append(self._words_now)
        return r


def _acronym_word(text: str) -> bool:
    """ "IFA", "NDB", "BVerfG": a short form in capitals (two to seven letters)."""
    return 2 <= len(text) <= 7 and text[:1].isupper() and sum(ch.isupper() for ch in text) >= 2


def _common_noun(w: W) -> bool:
    if w.tag:
        return w.tag == "NN"
    return False
