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
import re
from collections.abc import Iterator
from typing import Any

from kit.quotes.mentions import _SUBJUNCTIONS, DEMONSTRATIVES, W, _is_pron, is_role, words
from kit.quotes.speakable import GateRules, Resolved, apposition_head, compound_source
from kit.wordlists import word_class, word_tuple

_NAME_TOKEN = re.compile(r"^[A-ZÄÖÜ][a-zäöüßéèáíóúëïçšžćłń'-]+(?:-[A-ZÄÖÜ][a-zäöüß'-]+)*$")


def _name_part(tok: str, c: dict[str, frozenset[str]]) -> bool:
    low = tok.lower()
    return (
        bool(_NAME_TOKEN.match(tok))
        and not is_role(tok)
        and low not in c["det"]
        and low not in c["prep"]
        and low not in c["adv"]
    )


#: heads of attribution phrases that name a source's statement, not the source
SOURCE_HEADS = word_class("quote_words.txt", "source_heads")


#: relative pronouns after a comma: a clause, no part of a mention
RELATIVE_PRONOUNS = word_class("quote_words.txt", "rel_pron")

#: possessives before a source noun and the pronoun they stand for ("Seiner Meinung nach")
POSSESSIVE = {"seiner": "er", "seinen": "er", "seinem": "er", "ihrer": "sie", "ihren": "sie"}

#: particles inside personal names: "Ursula von der Leyen", "Ton van der Meer"
NAME_PARTICLES = word_class("quote_words.txt", "name_particles")


#: endings of organisation head nouns ("Sicherheitsdienst", "Außenministerium")
ORG_HEAD_ENDINGS = word_tuple("quote_words.txt", "org_head_endings")

#: endings that make any word of a mention an organisation ("die Bundesregierung")
ORG_ENDINGS = word_tuple("quote_words.txt", "org_endings")

#: role words that are forms of address, left out of the role ("Herr Austin")
ADDRESS_TITLES = word_class("quote_words.txt", "address_titles")

#: a name after one of these belongs to someone else ("der Sprecher von …")
OF = word_class("quote_words.txt", "of")


#: determiners and prepositions that show a dative or genitive ("laut dem Weißen Haus")
OBLIQUE_DET = word_class("quote_words.txt", "oblique_det")
OBLIQUE_PREP = word_class("quote_words.txt", "oblique_prep")


class SpeakerResolver(GateRules):
    """Article-level naming of speaker mentions (see module docstring)."""

    def __init__(
        self, ws: list[W], person_ents: list[str], in_quote: list[Any] | None = None
    ) -> None:
        self.ws = ws
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
        return _tidy(self._resolve(mention))

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
            for prev in self._recent():
                if prev.kind == "person" or (mention[0].lower == "sie" and prev.speaker):
                    return self._remember(prev)
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
            or (after_source and text_words[0].lower in {"von", "vom"})
        ):
            after_source = after_source or text_words[0].lower in SOURCE_HEADS
            lead_det = text_words[0].lower
            text_words = text_words[1:]
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
            noun = text_words[0].lower
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
            and (role_words or not (lows & c["org"]))
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
            return self._remember(Resolved(head, "", "organisation"))
        if lows & c["country"] or any(w.ent == "LOC" for w in mention):
            return self._remember(Resolved(head, "", "country"))
        if (
            lows & c["org"]
            or any(w.ent == "ORG" for w in mention)
            or any(w.lower.endswith(ORG_ENDINGS) for w in text_words)
        ):
            return self._remember(Resolved(head, "", "organisation"))
        if role_words:
            return self._remember(self._by_role(role_words, text_words, head))
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
            return best
        return Resolved(head, " ".join(role_words), "person")

    def _name_run(self, mention: list[W]) -> list[str]:
        """The person's name inside a mention: entity tokens, else the last run of name-like words
        that is two words long, follows a title ("Präsident Gusmão", "Herr Austin") or is the
        whole mention ("Stoiber")."""
        # a name inside a complement is someone else's: "der Stabschef von Herrn Selenskyj"
        kept: list[W] = []
        skipping = False
        for m, w in enumerate(mention):
            if self._particle(mention, m):
                kept.append(w)  # "Ursula von der Leyen", "Rafael van der Vaart"
                continue
            if m > 0 and w.lower in OF and not skipping:
                skipping = True
            elif w.text == ",":
                skipping = False
            elif (
                skipping
                and w.ent == "PER"
                and w.ent_start
                and mention[m - 1].cap
                and not is_role(mention[m - 1].text)
                and len(mention) - m >= 2
                and all(v.ent == "PER" or v.lower in NAME_PARTICLES for v in mention[m:])
            ):
                # "die Direktorin des Klimaprogramms Copernicus Samantha Burgess": a name
                # after the complement's own head is the head's apposition
                skipping = False
            if not skipping:
                kept.append(w)
        mention = kept
        parts = [self._particle(mention, m) for m in range(len(mention))]
        # runs of person-entity words; two names side by side are two people ("laut Trainer
        # Pep Guardiola Erling Haaland …"), a genitive after a title someone else's
        # ("Waltz, ein ehemaliger Sicherheitsberater Trumps"): the first run is the speaker
        runs: list[tuple[list[str], bool]] = []  # (words, a genitive after a title)
        prev_in = False
        for m, w in enumerate(mention):
            inside = w.ent == "PER" or (parts[m] and any(v.ent == "PER" for v in mention[:m]))
            if inside and (not prev_in or (w.ent_start and not parts[m])):
                genitive = bool(runs) and w.text.endswith("s") and is_role(mention[m - 1].text)
                runs.append(([], genitive))
            if inside:
                runs[-1][0].append(w.text)
            prev_in = inside
        names = [r for r, genitive in runs if not genitive]
        per = names[0] if names else []
        while per and per[-1].lower() in NAME_PARTICLES:
            per.pop()
        if per:
            return per
        runs: list[list[str]] = []
        cur: list[str] = []
        after_title: list[bool] = []
        prev_role = False
        for m, w in enumerate(mention + [W(",", ",", 0, 0)]):
            if (m < len(parts) and parts[m] and cur) or (
                w.text != "," and _name_part(w.text, self.c) and not (w.tag and w.tag == "NN")
            ):
                if not cur:
                    after_title.append(prev_role)
                cur.append(w.text)
            else:
                if cur:
                    runs.append(cur)
                cur = []
            prev_role = is_role(w.text) and not cur
        words_only = [w for w in mention if w.text not in {",", "(", ")"}]
        for run, titled in reversed(list(zip(runs, after_title, strict=False))):
            if len(run) >= 2 or titled or (len(words_only) == 1 and run == [words_only[0].text]):
                return run[-4:]
            if any(f.split()[-1] == run[-1] for f in self.full_names):
                return run
        return []

    def _word_before(self, w: W) -> str:
        """The lower-cased word before ``w`` in the article ("laut" in "laut Medienberichten")."""
        i = bisect.bisect_left(self.starts, w.start)
        return self.ws[i - 1].lower if i > 0 else ""

    def _nominative(self, head: list[W], det: str) -> str:
        """A description or organisation name in the nominative, without article:
        "dem Weißen Haus" / "das Weiße Haus" → "Weißes Haus", "laut Medienberichten" →
        "Medienberichte", "die Beamten" → "Beamte". Only one- and two-word heads (adjective +
        noun) change; the article or preposition before them shows the case, the noun's
        ending (or the article "das") its gender."""
        text = " ".join(w.text for w in head)
        c = self.c
        oblique = det in OBLIQUE_DET or (det in OBLIQUE_PREP and len(head) <= 2)
        noun = head[-1]
        lemma = noun.lemma or noun.text
        noun_text = noun.text
        if noun.lower.rstrip("n") in c.get("adjnoun", frozenset()) and noun.lower.endswith("en"):
            return " ".join([*(w.text for w in head[:-1]), noun.text[:-1]])  # "Beamten"
        if det == "der" and noun.tag == "NN" and noun.text in {lemma + "s", lemma + "es"}:
            noun_text = lemma  # a genitive after "der" is a slip: "nach Auffassung der Gerichts"
        elif oblique and lemma != noun.text and lemma[:1].isupper():
            if noun.text == lemma + "en" and not lemma.endswith("e"):
                noun_text = lemma + "e"  # dative plural: "Medienberichten"
            elif noun.text in {lemma + "es", lemma + "s"}:
                noun_text = lemma  # genitive singular: "Hauses"
        if len(head) == 1:
            return noun_text
        if len(head) == 2 and head[0].cap and head[0].lower.endswith("er"):
            return f"{head[0].text} {noun_text}"  # "des Schweizer Nachrichtendienstes"
        if len(head) != 2 or not head[0].cap or not head[0].lower.endswith(("e", "en")):
            return text
        stem = head[0].text[:-2] if head[0].lower.endswith("en") else head[0].text[:-1]
        gender = self._gender(noun_text.lower(), stem.lower())
        if det == "das" or (oblique and gender == "neuter"):
            adj = stem + "es"
        elif (det == "der" and gender == "masculine") or (oblique and gender == "masculine"):
            adj = stem + "er"
        elif det in {"die", "der"} or oblique:
            adj = stem + "e"  # feminine or plural: "Europäische Kommission", "Vereinte Nationen"
        else:
            return text
        return adj + " " + noun_text

    def _gender(self, noun: str, stem: str) -> str:
        """Gender of a head noun: the article used with it elsewhere in the article ("das
        Weiße Haus"), else its ending (resource lists neuter/masculine/feminine)."""
        das = self.__dict__.get("_das_pairs")
        if das is None:  # (adjective, noun) after "das", collected once per article
            ws = self.ws
            das = self.__dict__["_das_pairs"] = {
                (ws[i + 1].lower, ws[i + 2].lower)
                for i in range(len(ws) - 2)
                if ws[i].lower == "das"
            }
        if (stem + "e", noun) in das:
            return "neuter"
        for g in ("neuter", "masculine", "feminine"):
            if any(noun.endswith(e) for e in self.c.get(g, frozenset())):
                return g
        return ""

    def _particle(self, mention: list[W], m: int) -> bool:
        """Is ``mention[m]`` a name particle ("von der", "van", "de") between a given name and
        a family name? Needs a name word before (not a title) and a name word after."""
        w = mention[m]
        if w.lower not in NAME_PARTICLES or m == 0:
            return False
        k = m - 1
        while k > 0 and mention[k].lower in NAME_PARTICLES:
            k -= 1
        n = m + 1
        while n < len(mention) and mention[n].lower in NAME_PARTICLES:
            n += 1
        if n >= len(mention) or k < 0:
            return False
        before, after = mention[k], mention[n]
        return (
            _name_part(before.text, self.c)
            and before.ent != "ORG"
            and before.lower not in self.c["country"]
            and _name_part(after.text, self.c)
            and after.lower not in self.c["country"]
            and after.tag in {"", "NE"}
            and after.ent in {"", "PER"}
        )

    def subjects(self) -> list[tuple[int, int, str]]:
        """Person names that open a sentence as its subject, outside quotes: "Austin traf
        am Freitag …", "US-Verteidigungsminister Lloyd Austin sagte …" — (start, end,
        name). Names after a preposition or a case-marked article ("mit dem
        US-Verteidigungsminister Lloyd Austin") are never sentence-initial subjects."""
        if self._subjects is not None:
            return self._subjects
        ws, iq = self.ws, self._in_quote
        finite = {"VVFIN", "VAFIN", "VMFIN"}
        out: list[tuple[int, int, str]] = []
        # a surname on its own is often no PER entity: "Stolpe setzt …" after "Manfred Stolpe"
        surnames = {full.split()[-1] for full in self.full_names}

        def person(w: W) -> bool:
            return w.ent == "PER" or (w.tag == "NE" and w.ent == "" and w.text in surnames)

        def name_at(m: int) -> tuple[int, int]:
            # "(Der) US-Verteidigungsminister Lloyd Austin": article and role titles first
            det = m < len(ws) and ws[m].lower in {"der", "die"}
            m += det
            while (
                m + 1 < len(ws)
                and ws[m].ent != "PER"
                and (
                    is_role(ws[m].text)
                    or (
                        ws[m].tag == "NN"
                        and person(ws[m + 1])
                        and (not det or (m + 2 < len(ws) and person(ws[m + 2])))
                    )
                )
            ):
                # a title noun before the name: "Trainer Thomas Schaaf", "Der Italiener
                # Nicola Zingaretti" (not "die Wahl Bans": a lone surname after an article
                # and a noun may be a genitive)
                m += 1
            n = m
            while n < len(ws) and person(ws[n]) and n - m < 4:
                n += 1
            return m, n

        for k in range(len(ws)):
            if k and ws[k - 1].text not in {".", "!", "?"}:
                continue
            if iq is not None and (iq[k] or (k and iq[k - 1])):
                continue
            m, n = name_at(k)
            if n > m and n < len(ws) and ws[n].tag in finite and not ws[n].konj:
                out.append((ws[m].start, ws[n - 1].end, " ".join(x.text for x in ws[m:n])))
                continue
            if n == m and ws[k].lower in {"der", "die"}:
                # "Der ehemalige Bürgermeister der Gemeinde Dörverden, Heiner Falldorf,
                # schätzt …": a name in apposition between commas, then the verb
                c = next((j for j in range(k + 1, min(k + 10, len(ws))) if ws[j].text == ","), None)
                if c is not None:
                    m, n = c + 1, c + 1
                    while n < len(ws) and person(ws[n]) and n - m < 4:
                        n += 1
                    if (
                        n > m
                        and n + 1 < len(ws)
                        and ws[n].text == ","
                        and ws[n + 1].tag in finite
                        and not ws[n + 1].konj
                    ):
                        out.append((ws[m].start, ws[n - 1].end, " ".join(x.text for x in ws[m:n])))
                continue
            # inverted: "Da Frankfurt … gewann, war Trainer Thomas Schaaf zufrieden", "Am
            # Montag traf Austin …": the first finite verb of the main clause, then the name
            j = k
            nxt = ws[k + 1].tag if k + 1 < len(ws) else ""
            if ws[k].tag == "KOUS" or (ws[k].lower in _SUBJUNCTIONS and nxt not in finite):
                j = next((x for x in range(k, min(k + 30, len(ws))) if ws[x].text in ",.!?"), k)
                j += 1
            elif ws[k].tag not in {"ADV", "APPR", "APPRART", "PROAV", "PAV", "ADJD"}:
                continue
            v = next((x for x in range(j, min(j + 8, len(ws))) if ws[x].tag in finite), None)
            if v is None or ws[v].konj or any(ws[x].text in ",.!?:;" for x in range(j, v)):
                continue
            if iq is not None and iq[v]:
                continue
            m, n = name_at(v + 2 if v + 1 < len(ws) and ws[v + 1].lower == "sich" else v + 1)
            if n > m:
                out.append((ws[m].start, ws[n - 1].end, " ".join(x.text for x in ws[m:n])))
        self._subjects = out
        return out

    def _subject_between(self, pos: int) -> str:
        """The person subject named after the last speaker's mention and before a pronoun
        at ``pos``, if any: the nearer antecedent."""
        last = self.history_end[-1] if self.history_end else -1
        subjects = self.subjects()
        reach = self.__dict__.get("_subject_reach")
        if reach is None or len(reach) != len(subjects):
            reach, top = [], -1  # running maximum of the starts: ascending, so bisect works
            for start, _end, _name in subjects:
                top = max(top, start)
                reach.append(top)
            self.__dict__["_subject_reach"] = reach
        # the scan in list order stops at the first subject starting at or after ``pos``
        stop = bisect.bisect_left(reach, pos)
        # … and the answer is the last one before that which starts after ``last``
        for k in range(stop - 1, -1, -1):
            if reach[k] <= last:
                break
            if subjects[k][0] > last:
                return subjects[k][2]
        return ""

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
        return _tidy(self._dry_run(mention))

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


_APOSTROPHE = re.compile(r"(?<=\w) ([’'´]) (?=\w)")


def _tidy(r: Resolved) -> Resolved:
    """Names are joined from words: put an apostrophe back in its word ("D ’ León" → "D’León")."""
    if r.speaker and " " in r.speaker and _APOSTROPHE.search(r.speaker):
        return Resolved(_APOSTROPHE.sub(r"\1", r.speaker), r.role, r.kind)
    return r


def _acronym_word(text: str) -> bool:
    """ "IFA", "NDB", "BVerfG": a short form in capitals (two to seven letters)."""
    return 2 <= len(text) <= 7 and text[:1].isupper() and sum(ch.isupper() for ch in text) >= 2


def _common_noun(w: W) -> bool:
    if w.tag:
        return w.tag == "NN"
    return False
