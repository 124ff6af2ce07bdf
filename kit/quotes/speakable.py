"""Who can speak: the head of a speaker mention decides whether it names a speaker.

A speaker is a person, a group of people, an organisation, a medium, a document
that states something ("der Bericht", "die Studie") or a country or capital
standing for its government. A mention headed by anything else names no one: a
pronoun or determiner ("Das"), a quantifier ("Manche", "Alle Kandidaten"), an
abstract or event noun ("Vorfall", "Umgang", "Warnung", "ein möglicher
Elfmeter"), an adverb read as a prefield ("Gebetsmühlenartig"), or a place in a
prepositional phrase after the head ("Forscher aus Osnabrück" is no Osnabrück).

:func:`mention_class` reads the head: the first word after determiners,
quantifiers, adjectives, numbers and a prenominal genitive ("Südkoreas
wichtigster Sicherheitsdienst", "Liverpools Trainer"). A description of a person
or group without a name ("der Leseforscher", "Analysten") is a speaker only where
the article names its holder; :class:`kit.quotes.resolve.SpeakerResolver` leaves
it empty otherwise (the mention and role stay on the quote). The words are data:
``kit/resources/speaker_heads.txt`` (quantifiers, organisation heads, documents),
``role_nouns.txt`` and ``roles.txt`` (people), ``quote_words.txt`` (org, media,
country).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kit.german.lexicon import _lexicon
from kit.quotes.mentions import (
    _WEB,
    DEMONSTRATIVES,
    W,
    _is_pron,
    ends_in,
    is_role,
    org_noun,
    words,
)
from kit.wordlists import lines, word_class, word_tuple

#: quantifiers: alone or before a plural they name no one
QUANTIFIERS = word_class("speaker_heads.txt", "quantifiers")
#: heads of organisations and public bodies, also as compound heads
#: territories before their name: the administration speaks ("Die Stadt Köln teilte mit")
TERRITORIES = word_class("speaker_heads.txt", "territories")
#: documents that state something
DOCUMENTS = word_tuple("speaker_heads.txt", "documents")
#: statement nouns: with a name before the hyphen they are that person's ("Trump-Rede")
STATEMENTS = word_tuple("speaker_heads.txt", "statements")
ABSTRACT_SUFFIXES = word_tuple("quote_words.txt", "abstract_suffixes")
#: endings of adverbs and adjectives that open a sentence: no speaker
ADVERB_ENDINGS = word_tuple("german_words.txt", "adjective_name_endings")
#: heads of attribution phrases that name a source's statement ("nach Angaben der Polizei")
SOURCE_HEADS = word_class("quote_words.txt", "source_heads")
#: a name after one of these belongs to the complement ("des", "von")
OF = word_class("quote_words.txt", "of")
#: endings of source nouns in compounds: "Polizeiangaben", "Feuerwehrangaben" → the first part
SOURCE_COMPOUNDS = word_tuple("speaker_heads.txt", "source_compounds")
#: endings of a spokesperson noun ("Sprecherin", "Feuerwehrsprecher", "NDB-Sprecherin")
SPOKESPERSON = word_tuple("speaker_heads.txt", "spokesperson")
#: first parts of a spokesperson compound that name no organisation ("Pressesprecher")
SPOKESPERSON_NOT_ORG = word_class("speaker_heads.txt", "spokesperson_not_org")

_QUOTES = {"„", "“", "”", '"', "»", "«"}
_PUNCT = {",", "(", ")", "-", "–", ":"}
_PREPOSITIONS = {"in", "im", "aus", "an", "am", "auf", "bei", "beim", "mit", "nach", "über"}
#: tags of words that cannot head a noun phrase
_NOT_HEAD = {"ADJD", "ADV", "PIS", "PDS", "PPER", "PRF", "PWS", "PROAV", "PAV", "KON", "KOUS"}

#: determiners that are no quantifiers ("die", "seine")
DEFINITE = frozenset({"der", "die", "das", "des", "dem", "den"})

NAME, PERSON, GROUP, ORG, DOCUMENT, COUNTRY, NONE = (
    "name", "person", "group", "organisation", "document", "country", "none",
)  # fmt: skip


def _ends(low: str, endings: tuple[str, ...]) -> bool:
    return ends_in(low, endings)


def is_name_word(w: W) -> bool:
    """A word of a name: a tagged entity, a proper noun, an acronym ("KCNA", "NRW")."""
    if w.ent or w.tag in {"NE", "FM"}:
        return bool(w.cap or w.text[:1].isdigit())
    t = w.text.replace("-", "").replace(".", "")
    return len(t) >= 2 and t.isupper() and t.isalpha()


@lru_cache(maxsize=1)
def _noun_forms() -> dict[str, frozenset[str]]:
    """Lemma → the other forms the lexicon has of it as a noun (lower case, without the
    genitive -s/-es): common nouns inflect ("Vorfall" → "vorfälle"), names seldom do."""
    out: dict[str, set[str]] = {}
    for form, readings in _lexicon().items():
        for tag, lemma in readings:
            if tag == "NN":
                low, base = form.lower(), lemma.lower()
                if low not in {base, base + "s", base + "es"}:
                    out.setdefault(lemma, set()).add(low)
    return {k: frozenset(v) for k, v in out.items()}


def _noun_tail(word: str) -> tuple[str, bool] | None:
    """The longest common noun of four letters or more that ends a compound, and whether
    it is a plural form: "Comicbiene" → ("Biene", False), "Rothemden" → ("Hemden", True)."""
    lex = _lexicon()
    for k in range(3, len(word) - 3):
        tail = word[k].upper() + word[k + 1 :]
        readings = lex.get(tail)
        lemma = next((lem for tag, lem in readings if tag == "NN"), None) if readings else None
        if lemma is not None and _noun_forms().get(lemma):
            return tail, lemma != tail  # a German noun that inflects ("League" does not)
    return None


@lru_cache(maxsize=65536)
def known_noun(word: str) -> bool:
    """Is the word a common noun? One the lexicon knows as a noun in other forms too
    ("Vorfall"/"Vorfälle", "Debatten"), or a compound of a known noun ("Elfmeter",
    "Beitritt", "Comicbiene"). Names in the lexicon have no plural ("Euroleague", "Trump");
    a plural compound may name a group ("die Rothemden", see :func:`mention_class`)."""
    lex = _lexicon()
    forms = _noun_forms()
    w = word.rpartition("-")[2] or word
    for form in (word, w):
        readings = lex.get(form)
        if readings:
            lemma = next((lem for tag, lem in readings if tag == "NN"), None)
            if lemma is None:
                return False
            return bool(forms.get(lemma)) or _noun_tail(w) is not None
    tail = _noun_tail(w)
    return tail is not None and not tail[1]


def person_noun(w: W) -> bool:
    c = words()
    return is_role(w.text) or w.lower.rstrip("nr") in c.get("adjnoun", frozenset())


def head_index(ws: list[W]) -> int | None:
    """Index of the head word of a mention (see the module docstring); None if the
    mention has none (a pronoun, a determiner or a quantifier alone)."""
    c = words()
    n = len(ws)
    k = 0
    while k < n:
        w = ws[k]
        low = w.lower
        if w.text in _PUNCT:
            k += 1
            continue
        if w.text in _QUOTES or _WEB.match(low):
            return k  # a quoted name (des Magazins „Der Spiegel“), a web site (bildblog.de)
        if low in c["det"] or low in QUANTIFIERS or low in c["pron"] or low in {"auch", "selbst"}:
            k += 1
            continue
        if low in c["prep"] and k > 0 and ws[k - 1].lower in c["det"]:
            # an extended attribute: "einer am Dienstag veröffentlichten Pressemitteilung"
            m = next((m for m in range(k + 1, n - 1) if not ws[m].cap and ws[m + 1].cap), None)
            if m is not None:
                k = m + 1
                continue
        if not w.cap or w.tag in {"ADJA", "CARD"} or w.text[:1].isdigit():
            k += 1  # "der 35 Jahre alte", "Osnabrücker", "stellvertretende"
            continue
        if (
            k + 1 < n
            and ws[k + 1].cap
            and low.endswith(("e", "en", "er", "es", "em"))
            and not is_name_word(w)
            and not person_noun(w)
        ):
            k += 1  # an adjective in a name: "das Weiße Haus", "Zweiter Senat"
            continue
        if (
            low.endswith("s")
            and k + 1 < n
            and ws[k + 1].cap
            and (w.ent in {"LOC", "PER", "ORG"} or (w.tag == "NE" and ws[k + 1].tag == "NN"))
            and not is_name_word(ws[k + 1])
        ):
            k += 1  # a prenominal genitive: "Liverpools Trainer", "Irans Justiz"
            continue
        return k
    return None


#: an ordinal in figures before the head: "der 50. Berlin-Marathon"
_ORDINAL = re.compile(r"^\d+\.$")


def _nominal_verb(text: str) -> bool:
    """ "Treffen", "Verhandeln": a verb's infinitive written as a noun (the lexicon knows no
    name of that form: "Essen" is a city)."""
    if not text[:1].isupper() or not text.endswith("n"):
        return False
    lex = _lexicon()
    readings = lex.get(text) or ()
    if any(tag == "NE" for tag, _ in readings):
        return False
    return any(tag == "VVINF" for tag, _ in lex.get(text.lower()) or ())


def mention_class(ws: list[W], names: frozenset[str] | set[str] = frozenset()) -> str:
    """What the mention's head is: NAME, PERSON (a description of one or more people),
    ORG, DOCUMENT, COUNTRY or NONE (names no one). ``names``: the words of the
    article's full names of people ("Blinken" is a name there, not the noun)."""
    c = words()
    h = head_index(ws)
    if h is None:
        return NONE
    w = ws[h]
    if w.text in names:
        return NAME
    quantified = any(x.lower in QUANTIFIERS and x.lower not in c["det"] - DEFINITE for x in ws[:h])
    if w.text in _QUOTES:
        before = ws[h - 1].lower if h > 0 else ""
        # „Riesen-Rennen“ after an indefinite article is a quoted word, not a name
        return NONE if before in {"ein", "eine", "einen", "einem", "einer"} else NAME
    low = w.lower
    if _WEB.match(low):
        return NAME  # a web site as source: "laut bildblog.de"
    if low.endswith(ADVERB_ENDINGS):
        return NONE  # "Gebetsmühlenartig sprechen sie davon"
    if w.tag in _NOT_HEAD or w.tag.startswith("V") or low in QUANTIFIERS:
        return NONE
    if quantified and not w.ent:
        return NONE  # "Manche", "Alle Kandidaten", "Andere Posts", "Mehrere Länder"
    if w.ent == "ORG" and person_noun(w):
        return ORG  # an office that is an authority: "der Generalbundesanwalt"
    if person_noun(w):
        # "Klimaforscher Karsten Haustein", "der Sprecher des Ministeriums, Matthew Miller":
        # a name after the role (not after a preposition) is the person's
        genitive = False  # after "des"/"von" only a person's name counts, or one after a comma
        for m in range(h + 1, len(ws)):
            if ws[m].lower in _PREPOSITIONS:
                break
            genitive = (genitive or ws[m].lower in OF) and ws[m].text != ","
            if ws[m].ent == "PER" or (ws[m].tag == "NE" and not ws[m].ent and not genitive):
                return NAME
        return PERSON
    if h + 1 < len(ws) and ws[h + 1].ent == "PER" and known_noun(w.text) and not org_noun(low):
        return (
            NAME  # a title the data does not know: "Der Bankenverband-Chefvolkswirt Martin Quandt"
        )
    if (
        low in TERRITORIES
        and h + 1 < len(ws)
        and ws[h + 1].cap
        and (
            ws[h + 1].ent in {"LOC", "ORG"}
            or ws[h + 1].tag == "NE"
            or ws[h + 1].lower in c["country"]
        )
    ):
        return ORG  # "Die Stadt Köln", "das Land Berlin": its administration speaks
    if low in c["country"] or w.ent == "LOC":
        return COUNTRY
    if org_noun(low):
        return ORG
    if _ends(low, DOCUMENTS) or (_ends(low, STATEMENTS) and "-" in w.text):
        return DOCUMENT
    if is_name_word(w):
        return NAME
    if low.endswith(ABSTRACT_SUFFIXES) or known_noun(w.text):
        return NONE  # "Vorfall", "Hoffnung", "Elfmeter", "Superbike-Hammer"
    if any(_ORDINAL.match(x.text) for x in ws[:h]):
        return NONE  # "der 50. Berlin-Marathon": an event or edition (not "der 1. FC Köln")
    if _nominal_verb(w.text):
        return NONE  # "Das Treffen mit Biden war bewegend: „…“": an event, not a name
    return NAME if w.cap else NONE  # an unknown capitalised word: a name the tagger missed


@dataclass
class Resolved:
    """A mention's speaker: canonical name, role and kind (person, organisation,
    country, document, or "" when unclear), and how a name not in the mention was
    found (``link``, :attr:`kit.records.Quote.speaker_link`)."""

    speaker: str
    role: str
    kind: str
    link: str = ""


def strip_source(ws: list[W]) -> list[W]:
    """The source inside an attribution phrase: "Angaben der Polizei" → "Polizei",
    "Einschätzung von Experten" → "Experten"; other mentions unchanged."""
    k = 0
    while k < len(ws) - 1 and ws[k].lower in words()["det"]:
        k += 1
    if k < len(ws) - 1 and ws[k].lower in SOURCE_HEADS:
        k += 1
        while k < len(ws) - 1 and (ws[k].lower in OF or ws[k].lower in words()["det"]):
            k += 1
        return ws[k:]
    return ws


class GateRules:
    """The speaker check of :class:`kit.quotes.resolve.SpeakerResolver` (module docstring)."""

    history: list[Resolved]
    full_names: list[str]
    _mention_now: list[W]
    _person_words: set[str] | None

    def _dry_run(self, mention: list[W]) -> Resolved:  # pragma: no cover - the resolver's
        raise NotImplementedError

    def _complete_name(self, name: str) -> str:  # pragma: no cover - the resolver's
        raise NotImplementedError

    def _gate(self, r: Resolved) -> Resolved:
        """Keep ``r`` only if its mention can name a speaker: a description of a person
        or group counts where it was resolved to a named speaker of the article ("der
        Trainer" → "Pep Guardiola"); an unnamed spokesperson speaks for the organisation
        ("ein Sprecher der Berliner Polizei"); a definite description of an organisation
        or document is the one named before ("die Partei" → "Die Mitte"); a bare
        description names no one (the quote keeps the mention and the role)."""
        full = [w for w in self._mention_now if w.text not in {"(", ")"}]
        if not r.speaker or not full:
            return r
        if len(full) == 1 and (_is_pron(full[0]) or full[0].lower in DEMONSTRATIVES):
            return r  # a resolved pronoun: the antecedent was checked when it was named
        ws = strip_source(full)
        if self._person_words is None:
            self._person_words = {w for name in self.full_names for w in name.split()}
        cls = mention_class(ws, self._person_words)
        kind = {ORG: "organisation", DOCUMENT: "document", COUNTRY: "country"}.get(cls, "")
        if kind and not r.kind:
            r = Resolved(r.speaker, r.role, kind)
        if cls in {NAME, COUNTRY}:
            h = head_index(ws)
            comma = next((k for k, w in enumerate(self._mention_now) if w.text == ","), None)
            if (
                h is not None
                and (is_name_word(ws[h]) or ws[h].lower in words()["country"])
                and ws[h].text not in r.speaker
                and comma
            ):
                # "China und Russland, die schärfsten Kritiker …": the names before the comma
                before = self._dry_run(self._mention_now[:comma])
                if before.speaker:
                    return before
            return r
        named_elsewhere = not _overlaps(r.speaker, ws)
        if cls == DOCUMENT:
            h = head_index(ws)
            prefix = ws[h].text.rpartition("-")[0] if h is not None else ""
            if prefix and (prefix in self._person_words or any(ch.isupper() for ch in prefix[1:])):
                # a named document: "die ForuM-Studie", "die PISA-Studie"; "die Trump-Rede" is
                # Trump's
                if prefix in self._person_words:
                    return Resolved(self._complete_name(prefix), "", "person")
                return Resolved(r.speaker, r.role, "document")
        if cls in {ORG, DOCUMENT}:
            if cls == DOCUMENT and not named_elsewhere:
                # "einer … Pressemitteilung des WFP", "einem Artikel des Justizportals Misan":
                # the document's author is the source
                author = self._complement(ws)
                if author is not None:
                    return author
            if named_elsewhere or not _bare(ws):
                return r if cls == ORG or r.kind else Resolved(r.speaker, r.role, "document")
            prev = self._named_before(ws)
            if prev is not None:
                return prev
            return r if cls == ORG else Resolved("", r.role, "document")
        if cls == PERSON:
            if named_elsewhere:
                return r  # "der Minister" → the minister named before
            org = self._spokesperson(ws)
            if org is not None:
                return org
            country = _envoy(ws)
            if country is not None:
                return country
            return Resolved("", r.role or _head_text(ws), "person")
        return Resolved("", r.role, "")

    def _organisations_named(self) -> list[Resolved]:
        """The organisation and document entries of the history, each distinct entry once
        at its latest place (oldest first), brought up to date as the history grows: a
        look-up passes over the distinct organisations named so far, not over every
        quote before."""
        named: dict[tuple[str, ...], Resolved] = self.__dict__.setdefault("_orgs_named", {})
        done = self.__dict__.get("_orgs_named_n", 0)
        history = self.history
        for k in range(done, len(history)):
            r = history[k]
            if r.kind in {"organisation", "document"}:
                key = (r.speaker, r.role, r.kind, r.link)
                named.pop(key, None)  # re-inserted: the dict keeps the order of latest use
                named[key] = r
        self.__dict__["_orgs_named_n"] = len(history)
        return list(named.values())

    def _named_before(self, ws: list[W]) -> Resolved | None:
        """ "die Partei" after "die Partei „Die Mitte“", "die Bundesagentur" after "die
        Bundesagentur für Arbeit": the one earlier speaker with that head or those words."""
        h = head_index(ws)
        if h is None:
            return None
        head = ws[h].lower.rstrip("s")
        found = {
            (p.speaker, p.kind): p
            for p in self._organisations_named()
            if (
                p.role.lower().rstrip("s").endswith(head)
                or (
                    len(p.speaker.split()) > 1
                    and p.speaker.split()[0].lower().startswith(head[: max(4, len(head) - 2)])
                )
            )
        }
        return next(iter(found.values())) if len(found) == 1 else None

    def _spokesperson(self, ws: list[W]) -> Resolved | None:
        """ "ein Sprecher der Berliner Polizei", "Feuerwehrsprecher", "die NDB-Sprecherin":
        an unnamed spokesperson speaks for the organisation (role "Sprecher")."""
        h = head_index(ws)
        if h is None:
            return None
        head = ws[h]
        low = head.lower
        cut = next((low.rfind(e) for e in SPOKESPERSON if low.endswith(e)), -1)
        if cut < 0:
            return None
        role = head.text[cut:].capitalize().rstrip("s") if cut else head.text.rstrip("s")
        prefix = head.text[:cut].rstrip("-")
        if prefix:
            if prefix.lower() in SPOKESPERSON_NOT_ORG or not (
                "-" in head.text or org_noun(prefix.lower())
            ):
                return None
            org = prefix if "-" in head.text else prefix.capitalize()
            return Resolved(org, role, "organisation")
        found = self._complement(ws)
        return Resolved(found.speaker, role, found.kind) if found is not None else None

    def _complement(self, ws: list[W]) -> Resolved | None:
        """The organisation (or country) in the genitive or "von" phrase after the head:
        "Sprecher der Berliner Polizei" → Berliner Polizei."""
        h = head_index(ws)
        if h is None:
            return None
        rest = ws[h + 1 :]
        if len(rest) >= 2 and rest[0].lower in OF:
            inner = self._dry_run(rest[1:] if rest[0].lower in {"von", "vom"} else rest)
            if inner.speaker and inner.kind in {"organisation", "country"}:
                return Resolved(inner.speaker, "", inner.kind)
            if inner.speaker and mention_class(rest[1:]) in {ORG, NAME}:
                return Resolved(inner.speaker, "", "organisation")
        return None


def _head_text(ws: list[W]) -> str:
    h = head_index(ws)
    return ws[h].text if h is not None else ""


def _bare(ws: list[W]) -> bool:
    """A description without a name or a complement: "die Partei", "einem Bericht"."""
    h = head_index(ws)
    return h is not None and all(not w.cap or w.text in _QUOTES for w in ws[h + 1 :])


def _overlaps(name: str, ws: list[W]) -> bool:
    """Does the resolved name come from these words (same stems), not from elsewhere?"""
    stems = {w.lower[:4] for w in ws if len(w.text) > 2}
    return any(x.lower()[:4] in stems for x in name.split())


def compound_source(word: str) -> str | None:
    """ "Polizeiangaben" → "Polizei", "Feuerwehrangaben" → "Feuerwehr": the organisation
    in front of a source noun (only when it is one)."""
    low = word.lower()
    for end in SOURCE_COMPOUNDS:
        if low.endswith(end) and len(low) - len(end) >= 3:
            prefix = low[: -len(end)].rstrip("-")
            if org_noun(prefix) and prefix not in words()["media"]:
                return word[: len(prefix)].capitalize()
    return None


#: nouns after which a capitalised name is the organisation's ("die Gewerkschaft Verdi",
#: "des Justizportals Misan"), as the last part of a compound, in their case forms
APPOSITION_HEADS = word_tuple("speaker_heads.txt", "apposition_heads")


def apposition_head(low: str) -> bool:
    return _ends(low, APPOSITION_HEADS)


#: unnamed envoys of a country (speaker_heads.txt) and the country adjectives
#: (nationalities.tsv: stem → country)
ENVOYS = word_class("speaker_heads.txt", "envoys")
NATIONALITIES = dict(line.split("\t", 1) for line in lines("nationalities.tsv"))
_ADJ_ENDING = re.compile(r"(?:e|er|en|es|em)$")


def _envoy(ws: list[W]) -> Resolved | None:
    """ "der französische UN-Gesandte", "des russischen Botschafters": an envoy with a
    country adjective and no name speaks for the country (role: the envoy noun)."""
    h = head_index(ws)
    if h is None:
        return None
    tail = ws[h].lower.rpartition("-")[2]
    if tail not in ENVOYS:
        return None
    for w in ws[:h]:
        country = NATIONALITIES.get(_ADJ_ENDING.sub("", w.lower)) if not w.cap else None
        if country:
            return Resolved(country, ws[h].text, "country")
    return None


_APOSTROPHE = re.compile(r"(?<=\w) ([’'´]) (?=\w)")


def tidy(r: Resolved) -> Resolved:
    """Names are joined from words: put an apostrophe back in its word ("D ’ León" → "D’León")."""
    if r.speaker and " " in r.speaker and _APOSTROPHE.search(r.speaker):
        return Resolved(_APOSTROPHE.sub(r"\1", r.speaker), r.role, r.kind, r.link)
    return r
