"""From a speaker mention's words to a name: the person's name run inside it,
name particles, and a description or organisation in the nominative.

"laut Trainer Pep Guardiola Erling Haaland" → "Pep Guardiola" (the first of two
names side by side), "Verfassungsschutz und Bundesnachrichtendienst" (two who speak
together: a joint speaker), "Ursula von der Leyen" (particles between name words), "dem
Weißen Haus" → "Weißes Haus", "laut Medienberichten" → "Medienberichte".
:class:`NameRules` is a part of :class:`kit.quotes.resolve.SpeakerResolver`,
which holds the article's words (``ws``, ``starts``), its word classes (``c``)
and the full names named so far (``full_names``).

May import: :mod:`kit.quotes.mentions`, :mod:`kit.quotes.speakable`, :mod:`kit.wordlists`.
"""

from __future__ import annotations

import bisect
import re

from kit.quotes.mentions import W, is_role
from kit.quotes.speakable import Resolved, tidy
from kit.wordlists import word_class

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


#: particles inside personal names: "Ursula von der Leyen", "Ton van der Meer"
NAME_PARTICLES = word_class("quote_words.txt", "name_particles")

#: a name after one of these belongs to someone else ("der Sprecher von …", "das Treffen
#: mit Biden")
OF = word_class("quote_words.txt", "of")
COMPLEMENT_PREPS = word_class("speaker_heads.txt", "complement_preps")

#: determiners and prepositions that show a dative or genitive ("laut dem Weißen Haus")
OBLIQUE_DET = word_class("quote_words.txt", "oblique_det")
OBLIQUE_PREP = word_class("quote_words.txt", "oblique_prep")


#: the conjunctions that join two speakers and the words before them that make the "und"
#: part of one name ("Ministerium für Arbeit und Soziales"), from speaker_heads.txt; the
#: kinds of speaker that can speak together; quotation marks (a quoted title is one name)
JOINS = word_class("speaker_heads.txt", "joins")
JOIN_BLOCKERS = word_class("speaker_heads.txt", "join_blockers")
JOINT_KINDS = frozenset({"person", "organisation", "country"})
QUOTE_MARKS = frozenset({"„", "“", "»", "«", '"', "‚", "‘"})


class NameRules:
    """Name forms of a mention (see the module docstring)."""

    c: dict[str, frozenset[str]]
    ws: list[W]
    starts: list[int]
    full_names: list[str]
    _mention_end: int
    _words_now: set[str]

    def _dry_run(self, mention: list[W]) -> Resolved:  # pragma: no cover - the resolver's
        raise NotImplementedError

    def _remember(self, r: Resolved, gate: bool = True) -> Resolved:  # pragma: no cover
        raise NotImplementedError

    def _joint(self, mention: list[W]) -> Resolved | None:
        """Two speakers joined by "und"/"sowie" speak together: "Verfassungsschutz und
        Bundesnachrichtendienst warnen", "China und Russland, die schärfsten Kritiker …",
        "Nach Auffassung von VG und VGH" → "A und B", when each part names a speaker of
        its own (checked as any mention). Not a name that goes on with "und" ("Ministerium
        für Arbeit und Soziales"), not more than two parts, not inside quotation marks."""
        end = next((k for k, w in enumerate(mention) if w.text in {",", "(", ";"}), len(mention))
        part = mention[:end]
        joins = [k for k, w in enumerate(part) if w.lower in JOINS]
        if len(joins) != 1 or not 0 < joins[0] < len(part) - 1:
            return None
        k = joins[0]
        left, right = part[:k], part[k + 1 :]
        if any(w.text in QUOTE_MARKS for w in part) or any(w.lower in JOIN_BLOCKERS for w in left):
            return None
        if not (right[0].cap or right[0].lower in self.c["det"]):
            return None
        a, b = self._dry_run(left), self._dry_run(right)
        if not (a.speaker and b.speaker) or a.speaker == b.speaker:
            return None
        if not all(r.kind in JOINT_KINDS for r in (a, b)):
            return None
        if any(is_role(w) or w.endswith("s") and is_role(w[:-1]) for w in a.speaker.split()):
            return None  # "des Schweizer Historikers und Geheimdienstexperten Adrian Hänni"
        kind = a.kind if a.kind == b.kind else ""
        self._mention_end = mention[-1].end
        self._words_now = {w.lower for w in mention}
        return self._remember(
            Resolved(f"{tidy(a).speaker} und {tidy(b).speaker}", "", kind), gate=False
        )

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
            if m > 0 and (w.lower in OF or w.lower in COMPLEMENT_PREPS) and not skipping:
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
