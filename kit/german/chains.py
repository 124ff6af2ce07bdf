"""Mention chains: which named referent a description stands for, across sentences.

A news article names a speaker once in full and then refers to it by a role
or a generic noun: "der Softwarehersteller Microsoft" … "Der Hersteller gab …
bekannt"; "Untersuchungsrichter Stefano Palazzi" … "fordert der
Untersuchungsrichter"; "Ärzte ohne Grenzen teilte mit" … "Der Organisation
zufolge". :func:`chains_of` builds, once per article and in one pass over its
entities, the **referents** (people and organisations by their fullest name)
with the role and class nouns the article itself gives them in an apposition
("Sprecher Vedant Patel", "Matthew Miller, Sprecher des …", "der
Softwarehersteller Microsoft", "Ärzte ohne Grenzen (MSF)"). Look-ups are
bounded: a bisect into the sorted mentions plus a short window, or the few
referents that share a key.

Evidence, strongest first (:meth:`Chains.for_description`):

1. **apposition** — the description's head is the role or class noun of an
   apposition of one referent, or its last compound part ("der Hersteller" ←
   "Softwarehersteller"; never across a "Vize-", "Ex-" prefix): the nearest
   such referent before, else (role appositions are often given later) the
   first after.
2. **class** — a generic organisation noun ("die Organisation", "die
   Behörde", ``chain_org_nouns`` in ``german_words.txt``) and an organisation
   whose own name ends in it ("Weltgesundheitsorganisation"), named shortly
   before.
3. **only organisation** — a definite generic organisation noun and exactly
   one organisation named in the preceding sentences.

Anything weaker links nothing: the description stays the speaker (a wrong
name is worse than none). Gender and number agree by construction (the key is
the noun itself: "Sprecherin" never matches "Sprecher"). :meth:`Chains.named_later`
serves a pronoun with a role apposition ("sagte er, Sprecher des
US-Außenministeriums") whose referent the article names only later.

Used by :mod:`kit.quotes.resolve` (speakers, addressees) and
:mod:`kit.figures.sources` (figure sources); both may import :mod:`kit.german`.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from kit.german.entities import is_role
from kit.german.lexicon import best_tag
from kit.wordlists import word_class, word_tuple

#: generic organisation nouns ("die Organisation", "der Hersteller")
ORG_NOUNS = word_class("german_words.txt", "chain_org_nouns")
ORG_NOUN_ENDS = tuple(sorted(ORG_NOUNS)) + ("dienst", "sender")
#: role prefixes that make another person ("Vizepräsident" is not "der Präsident")
OTHER_PREFIXES = word_tuple("german_words.txt", "chain_other_prefixes")
#: endings of agent nouns and of organisation nouns (titles before a name)
PERSON_ENDINGS = word_tuple("german_words.txt", "chain_person_endings")
ORG_ENDS = word_tuple("german_words.txt", "chain_org_endings")
#: heads of an authority's name: "die Behörde" for the "Bundesamt für Verfassungsschutz"
AUTHORITY_HEADS = word_tuple("german_words.txt", "chain_authority_heads")
#: endings of organisation nouns that can speak ("Wahlkommission", "Bundesamt")
ORG_KINDS = word_tuple("german_words.txt", "chain_org_kinds")
#: definite determiners: "die Organisation" points back, "eine Organisation" does not
DEFINITE = word_class("german_words.txt", "chain_dets")

#: how far back a class link may reach, in characters (about three sentences)
CLASS_WINDOW = 600
#: how far ahead a later name may be, in characters
LATER_WINDOW = 2500
_USER_DATA_KEY = "kit_chains"


@dataclass
class Referent:
    """One person or organisation of an article, by its fullest name."""

    name: str
    kind: str  # "person" | "organisation"
    keys: set[str] = field(default_factory=set)  # role/class nouns of its appositions
    starts: list[int] = field(default_factory=list)  # char offsets of its mentions, sorted


@dataclass(frozen=True)
class Link:
    """A description resolved through the chains: the referent and the evidence."""

    name: str
    kind: str
    how: str  # "apposition" | "class" | "only organisation" | "later name"


def _noun_key(tok: Token) -> str:
    """ "US-Außenministers" → "außenminister": the lemma's part after the last hyphen."""
    base = tok.lemma_ if tok.lemma_ and tok.lemma_[:1].isupper() else tok.text
    return base.lower().rpartition("-")[2]


def _is_noun(tok: Token) -> bool:
    return tok.text[:1].isupper() and tok.is_alpha and (tok.tag_ in {"NN", ""} or is_role(tok.text))


def _person_noun(tok: Token) -> bool:
    """A noun right before a person's name that reads as their title ("Untersuchungsrichter
    Stefano Palazzi", "Linkspolitiker Wolfgang Nešković"), not a genitive host ("die
    Regierung Merkel"): agent-noun endings, no organisation noun."""
    low = _noun_key(tok)
    return low.endswith(PERSON_ENDINGS) and low not in ORG_NOUNS and not low.endswith(ORG_ENDS)


def _role_like(tok: Token) -> bool:
    """A role title ("Sprecher") or an agent noun that reads as one ("Oberbürgermeister")."""
    return is_role(tok.text) or (tok.tag_ in {"NN", ""} and _person_noun(tok))


class Chains:
    """The referents of one article and the look-ups over them (see module docstring)."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self._sents: list[tuple[int, int, int]] | None = None  # (start char, start, end)
        self._sent_starts: list[int] = []
        self.referents: list[Referent] = []
        by_name: dict[str, int] = {}
        by_surname: dict[str, int] = {}
        mentions: list[tuple[int, int]] = []  # (char start, referent)
        # sentence starts once per doc (Token.sent walks back to the start per call)
        starts = [s.start for s in doc.sents] if doc.has_annotation("SENT_START") else [0]
        for ent in doc.ents:
            if ent.label_ not in {"PER", "ORG"}:
                continue
            kind = "person" if ent.label_ == "PER" else "organisation"
            words = ent.text.split()
            rid = by_name.get(ent.text)
            if rid is None and kind == "person":
                last = words[-1]
                rid = by_surname.get(last)
                if rid is None and last.endswith("s"):
                    rid = by_surname.get(last[:-1])  # genitive: "die Forderungen Palazzis"
            if "," in ent.text or "(" in ent.text:
                continue  # a run-on entity ("Städtetag NRW, der …") names nobody
            if rid is None:
                rid = len(self.referents)
                self.referents.append(Referent(ent.text, kind))
            ref = self.referents[rid]
            if kind == ref.kind and len(words) > len(ref.name.split()) and len(words) <= 4:
                ref.name = ent.text  # the fullest name
            by_name[ent.text] = rid
            if kind == "person":
                by_surname.setdefault(words[-1], rid)
            mentions.append((ent.start_char, rid))
            ref.starts.append(ent.start_char)
            sent_start = starts[bisect.bisect_right(starts, ent.start) - 1]
            ref.keys.update(self._appositions(doc, ent.start, ent.end, kind, sent_start))
        self._by_text = by_name
        mentions.sort()
        self._mention_starts = [m[0] for m in mentions]
        self._mention_refs = [m[1] for m in mentions]
        # every key under itself and its compound tails: "softwarehersteller" also under
        # "hersteller" (not across "vize-", "ex-": those are other people)
        self._keyed: dict[str, set[int]] = {}
        for rid, ref in enumerate(self.referents):
            for key in ref.keys:
                self._keyed.setdefault(key, set()).add(rid)
                if key.startswith(OTHER_PREFIXES):
                    continue
                for i in range(1, len(key) - 3):
                    tail = key[i:]
                    # only at a noun boundary: "hersteller", not "ersteller" or "schweizer"
                    if tail in ORG_NOUNS or is_role(tail) or best_tag(tail.capitalize()) == "NN":
                        self._keyed.setdefault(tail, set()).add(rid)

    @staticmethod
    def _appositions(doc: Doc, s: int, e: int, kind: str, sent_start: int) -> set[str]:
        """Role and class nouns given to the entity doc[s:e] in its own sentence (which
        starts at token ``sent_start``): "Sprecher Vedant Patel", "der Softwarehersteller
        Microsoft", "der Sprecher des Außenministeriums, Matthew Miller", "Frank
        Biermann, Vorsitzender der …"."""
        out: set[str] = set()
        if s > sent_start:
            prev = doc[s - 1]
            if (
                _is_noun(prev)
                and not prev.ent_type_
                and (
                    is_role(prev.text)
                    or (kind == "organisation" and _noun_key(prev).endswith(ORG_NOUN_ENDS))
                    or (kind == "person" and _person_noun(prev))
                )
            ):
                out.add(_noun_key(prev))
            elif prev.text == "," and kind == "person":
                # "der Sprecher des Außenministeriums, Matthew Miller": the first noun after
                # the determiner that opens the stretch before the comma
                for k in range(s - 2, max(sent_start, s - 9) - 1, -1):
                    if doc[k].lower_ in DEFINITE or doc[k].lower_ in {"ein", "eine"}:
                        head = next((t for t in doc[k + 1 : s - 1] if t.text[:1].isupper()), None)
                        if head is not None and is_role(head.text) and not head.ent_type_:
                            out.add(_noun_key(head))
                        break
                    if doc[k].text in {",", ".", "„", "“"} or doc[k].ent_type_:
                        break
        if (
            kind == "person"
            and e + 2 < len(doc)
            and doc[e].text == "("
            and doc[e + 2].text == ")"
            and doc[e + 1].ent_type_ == "ORG"
        ):
            # "Julia Klöckner (CDU)" is later "die CDU-Politikerin"
            party = doc[e + 1].text.lower()
            out.update({f"{party}-politiker", f"{party}-politikerin"})
        if e + 1 < len(doc) and doc[e].text in {",", "("} and kind == "person":
            # "Frank Biermann, Vorsitzender der …", "Bligh (Premierministerin von …)"
            for t in doc[e + 1 : min(len(doc), e + 5)]:
                if t.lower_ in DEFINITE or (t.is_lower and t.is_alpha):
                    continue
                if _is_noun(t) and is_role(t.text) and not t.ent_type_:
                    out.add(_noun_key(t))
                break
        return out

    # ------------------------------------------------------------------ look-ups

    def _sentence_index(self, pos: int) -> int:
        if self._sents is None:
            doc = self.doc
            sents = doc.sents if doc.has_annotation("SENT_START") else [doc[:]]
            self._sents = [(s.start_char, s.start, s.end) for s in sents]
            self._sent_starts = [s[0] for s in self._sents]
        return bisect.bisect_right(self._sent_starts, pos) - 1

    def subject_at(self, pos: int) -> str:
        """The named subject of the sentence at char ``pos`` ("Am Standort … will VW nach
        den bisherigen Planungen …" → VW)."""
        i = self._sentence_index(pos)
        if i < 0:
            return ""
        _, a, b = self._sents[i]
        return subject_name(self.doc, a, b)

    def subject_before(self, pos: int) -> str:
        """The named subject (:func:`subject_name`) of the sentence before the one at char
        ``pos``: what "Demnach …" points back to when no report came before ("… hat die
        FIFA die Vergabe … bekannt gegeben. Demnach wird …")."""
        i = self._sentence_index(pos)
        if i < 1:
            return ""
        _, a, b = self._sents[i - 1]
        return subject_name(self.doc, a, b)

    def feminine_subject_before(self, pos: int) -> str:
        """The person subject of the sentence before ``pos`` when its noun phrase shows a
        woman: a feminine role noun before the verb ("Die 30 Jahre alte Ukrainerin arbeitet
        …" → Nataliia Romanenko, named earlier), for a singular "sie" with no speaker."""
        i = self._sentence_index(pos)
        if i < 1:
            return ""
        _, a, b = self._sents[i - 1]
        doc = self.doc
        v = next((m for m in range(a, min(b, a + 16)) if doc[m].tag_ in _FINITE), None)
        if v is None:
            return ""
        female = [
            m
            for m in range(a, v)
            if doc[m].text.endswith("in") and doc[m].text[:1].isupper() and _role_like(doc[m])
        ]
        if not female:
            return ""
        name = self.person_subject_before(pos)
        if name:
            return name
        if subject_name(doc, a, b, describe=True) != doc[female[-1]].text:
            return ""
        # a bare description ("Die 30 Jahre alte Ukrainerin"): the one person named in the
        # last few sentences, if there is only one
        start = doc[a].idx
        k = bisect.bisect_left(self._mention_starts, start)
        people: set[int] = set()
        while k > 0 and self._mention_starts[k - 1] >= start - CLASS_WINDOW:
            k -= 1
            rid = self._mention_refs[k]
            if self.referents[rid].kind == "person":
                people.add(rid)
        return self.referents[people.pop()].name if len(people) == 1 else ""

    def person_subject_before(self, pos: int) -> str:
        """The named person subject of the sentence before ``pos`` (see
        :meth:`subject_before`), for a pronoun with no speaker before it: "Am dritten Tag
        … hat sich der Untersuchungsrichter Stefano Palazzi … geäußert. Er fordert …"."""
        name = self.subject_before(pos)
        rid = self._by_text.get(name)
        if rid is None:
            rid = next((r for r, ref in enumerate(self.referents) if ref.name == name), None)
        if rid is None or self.referents[rid].kind != "person":
            return ""
        return self.referents[rid].name

    def name_of(self, text: str) -> str:
        """The fullest name of an entity's text ("Merkel" → "Angela Merkel")."""
        rid = self._by_text.get(text)
        return self.referents[rid].name if rid is not None else text

    def _last_before(self, rid: int, pos: int) -> int:
        starts = self.referents[rid].starts
        i = bisect.bisect_left(starts, pos)
        return starts[i - 1] if i else -1

    def for_description(
        self, head: str, pos: int, *, definite: bool = True, kind: str = ""
    ) -> Link | None:
        """The referent a description with head noun ``head`` at char ``pos`` stands
        for, or None when the evidence is weak (see the module docstring)."""
        key = head.lower().rpartition("-")[2]
        if len(key) < 4:
            return None
        if "-" in head and head.lower() in self._keyed:
            key = head.lower()  # "die CDU-Politikerin": the one named with "(CDU)"
        rids = [r for r in self._keyed.get(key, ()) if not kind or self.referents[r].kind == kind]
        if rids:
            before = [(self._last_before(r, pos), r) for r in rids]
            before = [b for b in before if b[0] >= 0]
            if before and definite:
                ref = self.referents[max(before)[1]]
                return Link(ref.name, ref.kind, "apposition")
            after = [(self.referents[r].starts[0], r) for r in rids]
            after = [a for a in after if a[0] > pos]
            if after:
                ref = self.referents[min(after)[1]]
                return Link(ref.name, ref.kind, "apposition")
        if key not in ORG_NOUNS or not definite or kind == "person":
            return None
        # organisations named in the last few sentences, nearest first
        i = bisect.bisect_left(self._mention_starts, pos)
        seen: list[int] = []
        while i > 0 and self._mention_starts[i - 1] >= pos - CLASS_WINDOW:
            i -= 1
            rid = self._mention_refs[i]
            if self.referents[rid].kind == "organisation" and rid not in seen:
                seen.append(rid)
        ends = (key,) + (AUTHORITY_HEADS if key == "behörde" else ())
        for rid in seen:
            words = self.referents[rid].name.lower().split()
            if words[0].endswith(ends) or words[-1].endswith(ends):
                ref = self.referents[rid]
                return Link(ref.name, ref.kind, "class")
        if len(seen) == 1:
            ref = self.referents[seen[0]]
            return Link(ref.name, ref.kind, "only organisation")
        return None

    def named_later(self, pos: int) -> Link | None:
        """The person a pronoun with a role apposition ("sagte er, Sprecher des
        US-Außenministeriums") stands for when the article names them only later: the one
        person first named after ``pos`` (within a window) without a role of their own
        ("fügte Vedant Patel … hinzu"). Two such people, or none: no link."""
        i = bisect.bisect_right(self._mention_starts, pos)
        found: set[int] = set()
        while i < len(self._mention_starts) and self._mention_starts[i] <= pos + LATER_WINDOW:
            rid = self._mention_refs[i]
            ref = self.referents[rid]
            if ref.kind == "person" and ref.starts[0] > pos and not ref.keys:
                found.add(rid)
            i += 1
        if len(found) != 1:
            return None
        ref = self.referents[found.pop()]
        return Link(ref.name, ref.kind, "later name")


_FINITE = {"VVFIN", "VAFIN", "VMFIN"}


def _speaker_np(chains: Chains, doc: Doc, k: int, end: int, describe: bool = False) -> str:
    """The name of a noun phrase at doc[k] that can speak: a person or organisation entity
    (its fullest name), else a definite description with a role or organisation head,
    named through the chains where they allow it ("die Wahlkommission")."""
    ents = {"PER", "ORG"}
    if doc[k].ent_type_ in ents:
        text = doc[k : next((m for m in range(k, end) if doc[m].ent_iob_ != "I" and m > k), end)]
        return chains.name_of(text.text)
    if doc[k].text[:1].isupper() and _role_like(doc[k]) and k + 1 < end:
        if doc[k + 1].ent_type_ == "PER":
            return _speaker_np(chains, doc, k + 1, end, describe)
        if doc[k + 1].tag_ == "NE":
            # "Oberbürgermeister Ingolf Roßberg" (the surname not tagged as a name)
            m = k + 1
            while m < end and m < k + 4 and doc[m].text[:1].isupper() and doc[m].is_alpha:
                m += 1
            return chains.name_of(doc[k + 1 : m].text)
    if doc[k].lower_ not in DEFINITE:
        return ""
    m = k + 1
    while m < end and (
        doc[m].tag_ in {"ADJA", "CARD"}
        or (doc[m].lower_ in {"jahre", "monate"} and doc[m - 1].tag_ == "CARD")
    ):
        m += 1  # "die 30 Jahre alte Ukrainerin"
    if m + 1 < end and doc[m].text in {"„", "»", '"'} and doc[m + 1].ent_type_ in ents:
        return _speaker_np(chains, doc, m + 1, end, describe)  # die „Fédération …“, kurz FIFA
    if m >= end:
        return ""
    head = doc[m]
    if head.ent_type_ in ents:
        return _speaker_np(chains, doc, m, end, describe)
    key = _noun_key(head)
    if head.text[:1].isupper() and _role_like(head) and m + 1 < end:
        if doc[m + 1].ent_type_ == "PER" or doc[m + 1].tag_ == "NE":
            return _speaker_np(
                chains, doc, m, end, describe
            )  # "der Untersuchungsrichter Stefano Palazzi"
    if not head.text[:1].isupper() or not (
        _role_like(head) or key in ORG_NOUNS or key.endswith(ORG_KINDS)
    ):
        return ""
    link = chains.for_description(head.text, head.idx)
    if link is not None:
        return link.name
    # an organisation's description names it ("die Wahlkommission"); a person's
    # description with no named referent names no one ("der Spielzeug-Gigant"), unless
    # the caller asks for the description itself (``describe``)
    if describe or not _role_like(head) or key in ORG_NOUNS:
        return head.text
    return ""


def subject_name(doc: Doc, sent_start: int, sent_end: int, describe: bool = False) -> str:
    """The named subject of a sentence, if it has one that can speak: "Die Wahlkommission
    hat … festgelegt", "Am 15. Mai hat die Wahlkommission …". The subject is the noun
    phrase before the finite verb of the main clause, or right after it when an adverbial
    opens the sentence. Used for a sentence in Konjunktiv I that goes on from it
    ("Mögliche Termine seien …")."""
    chains = chains_of(doc)
    k = sent_start
    while k < sent_end and doc[k].is_punct:
        k += 1
    v = next((m for m in range(k, min(sent_end, k + 16)) if doc[m].tag_ in _FINITE), None)
    if v is None:
        return ""
    commas = [m for m in range(k, v) if doc[m].text == ","]
    if len(commas) == 2 and commas[1] == v - 1 and doc[commas[0] + 1].ent_type_ == "PER":
        # "Die Haushaltspolitikerin von Bündnis 90/Die Grünen, Anja Hajduk, kritisierte …"
        return _speaker_np(chains, doc, commas[0] + 1, commas[1], describe)
    if doc[k].tag_ == "VVPP" and doc[v].lemma_ == "werden":
        # "Gespielt wird dieser von Richard Gonlag": the agent of a passive is who acts
        agent = next(
            (
                m + 1
                for m in range(v + 1, min(sent_end - 1, v + 6))
                if doc[m].lower_ == "von" and doc[m + 1].ent_type_ == "PER"
            ),
            None,
        )
        if agent is not None:
            return _speaker_np(chains, doc, agent, sent_end, describe)
    # also a negated phrase first: "Nicht gegen die Ehrung, wohl aber gegen … sprach sich X aus"
    adverbial = doc[k].tag_ in {"APPR", "APPRART", "ADV", "ADJD", "PROAV", "PAV", "PTKNEG"}
    if not adverbial:
        if any(doc[m].text in {",", ":", "„", "“"} for m in range(k, v)):
            return ""
        return _speaker_np(chains, doc, k, v, describe)
    if any(doc[m].text in {":", "„", "“"} for m in range(k, v)):
        return ""  # "Am Standort Chakan, in der Nähe von Pune, will VW …": commas may stay
    m = v + 1
    # "… hat sich am Dienstag der Untersuchungsrichter …": past "sich", adverbs and a short
    # prepositional phrase of time to the subject
    while m < sent_end and m < v + 6:
        t = doc[m]
        if t.lower_ == "sich" or t.tag_ in {"ADV", "PTKNEG"}:
            m += 1
        elif t.tag_ in {"APPRART", "APPR"} and m + 1 < sent_end and doc[m + 1].tag_ == "NN":
            m += 2
        else:
            break
    return _speaker_np(chains, doc, m, sent_end, describe) if m < sent_end else ""


def chains_of(doc: Doc) -> Chains:
    """The article's chains, built once and kept on the Doc (both quote and figure stages
    use them)."""
    got = doc.user_data.get(_USER_DATA_KEY)
    if got is None:
        got = doc.user_data[_USER_DATA_KEY] = Chains(doc)
    return got
