"""Speaker mentions for quote attribution: find the noun phrase next to a cue.

:func:`np_after` / :func:`np_before` find the speaker *mention* next to a
cue, on word classes from ``kit/resources/quote_words.txt`` (and STTS tags
when the pipeline provides them): "sagte **US-Außenminister Antony Blinken**
am Donnerstag", "**Ein Sprecher des Ministeriums** sagte". Naming the mention
— "Herr Austin" → "Lloyd Austin" — is :mod:`kit.quotes.resolve`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kit.german.roles import is_person_noun
from kit.wordlists import classes, lines, word_class, word_tuple


@dataclass(slots=True)  # 100,000s per long article: slots make them smaller and faster
class W:
    """One word of the article, as the quote rules see it."""

    text: str
    lower: str
    start: int
    end: int
    tag: str = ""
    lemma: str = ""
    ent: str = ""  # PER/ORG/LOC/MISC or ""
    ent_start: bool = False  # first word of an entity
    konj: bool = False  # Konjunktiv I (sei, habe, werde)
    konj2: bool = False  # Konjunktiv II (hätte, wäre, würde)
    bp: bool = False  # inside boilerplate
    dep: str = ""  # TIGER label when the pipeline parses
    head: int = -1  # word index of the head (parsed only)
    left: int = -1  # subtree [left, right) in word indices (parsed only)
    right: int = -1

    @property
    def cap(self) -> bool:
        return self.text[:1].isupper()


def words() -> dict[str, frozenset[str]]:
    """Word classes of ``quote_words.txt`` (det, pron, prep, adv, conj, wh, org, media, country, …)."""
    return classes("quote_words.txt")


#: endings of role titles for the quote extractor ("Verteidigungsminister"); kit_ner has
#: its own, shorter list (``role_suffixes`` in ``german_words.txt``)
ROLE_SUFFIXES = word_tuple("quote_words.txt", "role_suffixes")
#: titles that are roles on their own, without the final ".": "Dr. Müller", "Herr Austin"
BARE_TITLES = word_class("quote_words.txt", "bare_titles")
#: attributive adjective endings ("nordkoreanische", "staatlichen"), kit.german's list
ADJ_ENDINGS = word_tuple("german_words.txt", "adj_endings")


@lru_cache(maxsize=1)
def role_titles() -> frozenset[str]:
    """Role titles from ``roles.txt`` (owned by the tagger) if present, lower case."""
    return frozenset(line.lower() for line in lines("roles.txt"))


def is_role(word: str) -> bool:
    low = word.lower().rstrip(".")
    if low in role_titles():
        return True
    last = low.rsplit("-", 1)[-1]
    # genitive/dative forms: "des Verteidigungsministers", "dem Präsidenten"
    forms = (
        last,
        last[:-1] if last.endswith(("s", "n")) else last,
        last[:-2] if last.endswith(("en", "es")) else last,
    )
    return (
        any(f.endswith(ROLE_SUFFIXES) for f in forms)
        or last in BARE_TITLES
        or is_person_noun(word.rstrip("."))
    )


def _np_word(w: W) -> bool:
    """Can this word be part of a speaker noun phrase?"""
    c = words()
    if _WEB.match(w.lower):
        return True  # a web site as source: "laut bildblog.de"
    if w.lower in c["det"]:
        return True  # also when a tagger calls "sein" a verb or "Das" a pronoun
    if w.tag:
        if w.tag in {"NN", "NE", "ADJA", "ART", "PPOSAT", "PDAT", "PIAT", "CARD", "FM", "TRUNC"}:
            return True
        if (
            w.tag.startswith(
                ("APPR", "KO", "PTK", "$", "PW", "PROAV", "ADV", "ADJD", "PPER", "PRF")
            )
            or not w.cap
        ):
            return False
    if w.cap:
        return w.lower not in c["prep"] and w.lower not in c["adv"] and w.lower not in c["conj"]
    # lower-case adjectives before a noun: "nordkoreanische", "staatlichen"
    return (
        w.text.replace("-", "").isalpha()
        and w.lower.endswith(ADJ_ENDINGS)
        and len(w.lower) > 3
        and w.lower not in c["adv"]
        and w.lower not in c["prep"]
        and w.lower not in c["conj"]
        and w.lower not in c["pron"]
    )


def _is_pron(w: W) -> bool:
    return (w.tag == "PPER") if w.tag else w.lower in words()["pron"]


def np_after(ws: list[W], i: int, limit: int, appos: bool = True) -> tuple[int, int] | None:
    """The noun phrase starting at or just after ``ws[i]`` (skipping adverbs/"sich"), as [a, b)."""
    c = words()
    j = i
    skipped = 0
    while j < limit and (ws[j].lower in c["adv"] or ws[j].lower in c["refl"]) and skipped < 2:
        j += 1
        skipped += 1
    if j >= limit:
        return None
    if ws[j].lower == "es" and j + 1 < limit and ws[j + 1].cap and _np_word(ws[j + 1]):
        j += 1  # "Ähnlich sieht es Geoff Yu vom Vermögensverwalter BNY:": "es" is the object
    if _is_pron(ws[j]):
        return _pronoun_apposition(ws, j, limit) or (j, j + 1)
    if ws[j].text in {"„", "»", '"'} and j + 1 < limit and ws[j + 1].text[:1].isalnum():
        # a quoted name: laut „Reuters“, laut „tagesschau.de“
        m = j + 1
        while m < limit and m - j < 7 and ws[m].text not in {"“", "«", '"', "”"}:
            m += 1
        return (j, m + 1) if m < limit and m - j < 7 else None
    if ws[j].lower in DEMONSTRATIVES and (
        j + 1 >= limit or not _np_word(ws[j + 1]) or ws[j + 1].text in {",", "."}
    ):
        return (j, j + 1)  # "sagte dieser, dass …", ", so letztere"
    if (
        not _np_word(ws[j])
        and ws[j].cap
        and ws[j].tag in {"ADJD", "ADV", "ADJA"}
        and j > 0
        and ws[j - 1].text not in {".", "!", "?", "„", "»", '"', ":"}
        and (j + 1 >= limit or not ws[j + 1].cap)
    ):
        return (j, j + 1)  # a capitalised word mid-sentence is a name: ", so Lang, …"
    if not _np_word(ws[j]):
        return None
    k = j
    seen_head = False
    while k < limit and k - j < 14:
        w = ws[k]
        if w.text in {"(", ")"}:
            break
        if (seen_head or k > j) and w.text in {"„", "»", '"'} and k + 1 < limit and ws[k + 1].cap:
            # a quoted name right after the head: des Magazins „Der Spiegel“
            m = k + 1
            while m < limit and m - k < 8 and ws[m].text not in {"“", "«", '"', "”"}:
                m += 1
            if m < limit and m - k < 8:
                k = m + 1
                continue
            break
        if _WEB.match(w.lower):
            k += 1
            break  # "bildblog.de": a complete name
        if seen_head and _NUMERAL.match(w.text) and not _YEAR.match(w.text):
            break  # "laut Behördenangaben 7.000 Menschen": the number opens the next phrase
        if _np_word(w):
            if (
                seen_head
                and not w.cap
                and ws[k - 1].cap
                and w.lower not in c["det"]
                and not _WEB.match(w.lower)
                and w.lower.endswith(ADJ_ENDINGS)
                and any(x.lower in GENITIVE_OF for x in ws[j:k])
            ):
                # after a genitive complement an adjective starts a new phrase: "Angaben des
                # Statistischen Bundesamts größter EU-Exporteur" (but "Spuren verschiedener Gase")
                break
            if seen_head and w.lower in c["det"] and w.lower not in {"des", "der"}:
                # a genitive after the head: "Angaben seines Vermögensverwalters"
                if not (
                    w.lower in GENITIVE_DET
                    or (w.lower in GENITIVE_DET_F and ws[k - 1].lower.endswith(_SOURCE_ENDINGS))
                ):
                    break
            if (
                seen_head
                and k > j
                and ws[k - 1].cap
                and (
                    w.lower in c["country"]
                    or (ws[k - 1].ent == "PER" and w.ent not in {"", "PER"})
                    or (
                        ws[k - 1].ent == "PER"
                        and w.ent == "PER"
                        and w.ent_start
                        and not any(x.lower in GENITIVE_OF for x in ws[j:k])
                    )
                )
            ):
                # "forderte Lloyd Austin Nordkorea auf", "lehnt Trump Machado ab": the object
                # starts here
                break
            if (w.cap or _CAP_TAIL.match(w.text)) and w.lower not in c["det"]:
                seen_head = True  # also "ai-Bericht", "iPhone-Hersteller"
            k += 1
            continue
        if seen_head and w.lower in {"von", "vom"} and k + 1 < limit and _np_word(ws[k + 1]):
            k += 1
            continue
        if (
            seen_head
            and w.lower in {"und", "sowie"}
            and k + 1 < limit
            and _np_word(ws[k + 1])
            and (ws[k + 1].cap or ws[k + 1].lower in c["det"])
            and not _is_pron(ws[k + 1])
        ):
            # "wie Verfassungsschutz und Bundesnachrichtendienst warnen": two who speak
            # together (named apart or together by the resolver)
            k += 1
            seen_head = False
            continue
        if (
            seen_head
            and w.lower in {"für", "zur", "zum"}
            and ws[k - 1].lower.endswith(ORG_NAME_HEADS)
            and k + 1 < limit
            and ws[k + 1].cap
        ):
            k += 1  # "die Bundesagentur für Arbeit", "das Institut für Arbeitsschutz"
            continue
        if not seen_head and k > j and ws[k - 1].lower in c["det"] and w.lower in c["prep"]:
            # an extended attribute: "einer am Dienstag veröffentlichten Pressemitteilung",
            # "der für die Region zuständige Koordinator"
            m = _attribute_end(ws, k + 1, limit)
            if m is not None:
                k = m
                continue
        break
    # trailing lower-case words (adjective guesses) are not a head: drop them
    while (
        k > j
        and not ws[k - 1].cap
        and not _CAP_TAIL.match(ws[k - 1].text)
        and not _WEB.match(ws[k - 1].lower)
        and not _is_pron(ws[k - 1])
        and ws[k - 1].text not in {"“", "«", '"', "”"}
    ):
        k -= 1
    if k <= j:
        return None
    return extend_apposition(ws, (j, k), limit) if appos else (j, k)


_WEB = re.compile(r"^[\w-]+\.(de|com|net|org|at|ch|eu|info|fr|uk)$")
_NUMERAL = re.compile(r"^\d[\d.,]*$")
_YEAR = re.compile(r"^(19|20)\d\d$")
_CAP_TAIL = re.compile(r"^[a-zäöü][\wäöüß]*-[A-ZÄÖÜ]")


def _pronoun_apposition(ws: list[W], j: int, limit: int) -> tuple[int, int] | None:
    """A pronoun subject named by a role apposition at the clause end: "sagte er am
    Dienstag, Sprecher des US-Außenministeriums." → the apposition is the mention (an
    unresolved "er" names nobody). Between the pronoun and the comma only a few words
    without a verb or quotation mark; the apposition starts with a role title."""
    k = j + 1
    while k < limit and k - j <= 5 and ws[k].text != ",":
        if ws[k].tag.startswith("V") or ws[k].text in {"„", "“", '"', "»", "«", ".", ":"}:
            return None
        k += 1
    if k >= limit or ws[k].text != ",":
        return None
    m = k + 1
    while m < limit and ws[m].lower in words()["det"]:
        m += 1
    if m >= limit or not is_role(ws[m].text):
        return None
    np_ = np_after(ws, k + 1, limit, appos=False)
    if np_ is None or np_[0] != k + 1 or (np_[1] < limit and ws[np_[1]].text not in {".", ","}):
        return None
    return np_


def _attribute_end(ws: list[W], k: int, limit: int) -> int | None:
    """Index of the attributive adjective closing an extended attribute that starts
    before ``k`` ("am Dienstag veröffentlichten"), if a noun follows it."""
    for m in range(k, min(k + 7, limit - 1)):
        w = ws[m]
        if w.text in {",", ".", ":", ";", "(", ")"} or w.text in {"„", "“"}:
            return None
        adja = w.tag == "ADJA" if w.tag else (not w.cap and w.lower.endswith(("en", "e", "er")))
        if adja and ws[m + 1].cap:
            return m
    return None


#: words that open a genitive or "von" complement inside a noun phrase
GENITIVE_OF = word_class("quote_words.txt", "of")
#: heads of organisation names that go on with "für …" ("Bundesagentur für Arbeit")
ORG_NAME_HEADS = word_tuple("speaker_heads.txt", "org_name_heads")

#: determiners that can only be genitive after a noun ("Angaben eines Sprechers")
GENITIVE_DET = word_class("quote_words.txt", "genitive_det")
#: feminine/plural genitives, also datives: genitive only after a source noun
GENITIVE_DET_F = word_class("quote_words.txt", "genitive_det_f")
#: endings of source nouns ("laut Angaben der Polizei"): the genitive belongs to the source
_SOURCE_ENDINGS = word_tuple("quote_words.txt", "source_endings")


def bare_source(ws: list[W], sp: tuple[int, int]) -> tuple[int, int]:
    """A source without article is one name: "laut BBC britische Staatsbürger" → "BBC",
    "laut Sergei Voznyak der persönliche Sprecher" → "Sergei Voznyak"."""
    a, b = sp
    if (
        ws[a].lower in words()["det"]
        or b - a < 2
        or ws[a].lower.endswith(_SOURCE_ENDINGS)
        or ws[a].text in {"„", "»", '"'}
    ):
        return sp  # "laut Angaben der Polizei": the genitive belongs to the source
    k = a + 1
    while k < b:
        w = ws[k]
        if w.text in {"„", "“", "(", ")"}:
            break
        name = w.tag in {"NE", "FM"} if w.tag else w.cap
        if not (name or (w.cap and ws[k - 1].tag == "NN" and w.tag == "NE")):
            break
        k += 1
    return (a, k)


#: demonstratives that stand for a person on their own
DEMONSTRATIVES = word_class("quote_words.txt", "demonstratives")

#: focus particles before a subject
FOCUS = word_class("quote_words.txt", "focus")
#: a conjunction opening a main clause before its subject ("Doch der Außenminister sagte")
LEAD_CONJ = word_class("quote_words.txt", "lead_conj")

#: words that cannot begin a subject (dative/accusative forms)
NOT_NOMINATIVE = word_class("quote_words.txt", "not_nominative")


def np_before(ws: list[W], a: int, b: int) -> tuple[int, int] | None:
    """The prefield [a, b) if it is a subject-like noun phrase (not "Am Montag", "Gestern").

    German main clauses put exactly one constituent before the finite verb, so a
    prefield that starts like a noun phrase is taken whole ("Ein Regierungssprecher
    in Berlin sagte"), minus trailing adverbs ("Die Kanadier hingegen").
    """
    c = words()
    while b > a and (ws[b - 1].lower in c["adv"] or ws[b - 1].text in {",", "-", "–"}):
        b -= 1
    b = cut_relative(ws, a, b)
    if a < b - 1 and ws[a].lower in LEAD_CONJ and ws[a].cap:
        a += 1  # "Doch der russische Außenminister sieht …", "Und die Sozialdemokraten mahnten"
    while a < b - 1 and ws[a].lower in FOCUS:
        a += 1  # "Auch der ukrainische Präsident sagte"
    if b - a > 1 and any(
        w.tag in {"PROAV", "ADJD", "VVFIN", "VAFIN", "VMFIN", "PTKNEG", "KOUS"}
        and not w.cap
        and w.lower not in c["det"]
        for w in ws[a:b]
    ):
        return None  # "Unabhängig davon bekräftigte …": no noun phrase
    if b <= a or b - a > 25:
        return None
    first = ws[a]
    if (
        first.lower in c["prep"]
        or first.lower in c["adv"]
        or first.lower in c["conj"]
        or first.lower in c["wh"]
    ):
        return None
    if first.lower in NOT_NOMINATIVE:
        return None
    if any(w.lower in c["time"] for w in ws[a : min(b, a + 3)]):
        return None  # "Ende Oktober", "Wenige Stunden vor …": a time adverbial  # "Den Flüchtlingen sicherte Präsident Gusmão zu": an object comes first
    if b - a == 1 and (_is_pron(first) or (first.cap and first.tag.startswith(("V", "NE", "NN")))):
        return (a, b)  # "Blinken sagte": a lone capitalised word before the verb is the subject
    if (
        first.tag
        and first.tag.startswith(("APPR", "ADV", "KO", "PAV", "PW", "V"))
        and first.lower not in c["det"]
    ):
        return None
    if not (_np_word(first) or first.text[:1].isdigit()):
        return None
    if not any(w.cap for w in ws[a:b]):
        return None
    return (a, b)


#: conjunctions that open a sentence with an adverbial clause ("Da Frankfurt … gewann, war
#: Trainer Thomas Schaaf zufrieden"), also when the tagger calls "Da" an adverb
_SUBJUNCTIONS = word_class("quote_words.txt", "subjunctions")

#: relative pronouns that open a clause inside a prefield (fallback without tags)
_REL_PRON = word_class("quote_words.txt", "rel_pron")


def cut_relative(ws: list[W], a: int, b: int) -> int:
    """End of a prefield before a relative clause that closes it.

    "Günther Platter, der Verteidigungsminister Österreichs, der zur Zeit die
    EU-Ratspräsidentschaft inne hat, sagte" → the subject ends before ", der zur
    Zeit …" (the clause ends in a finite verb right before the main verb); an
    apposition ("…, der Verteidigungsminister Österreichs,") is no such clause.
    """
    if b - a < 4 or ws[b - 1].tag not in {"VAFIN", "VVFIN", "VMFIN"}:
        return b
    for k in range(a + 2, b - 1):
        w = ws[k]
        if ws[k - 1].text != "," or w.lower not in _REL_PRON:
            continue
        if w.tag in {"PRELS", "PRELAT"} or (
            not w.tag.startswith("ART") and k + 1 < b and not ws[k + 1].cap
        ):
            return k - 1
    return b


def extend_apposition(ws: list[W], sp: tuple[int, int], limit: int) -> tuple[int, int]:
    """ "Ursula Castrup, die Leiterin der Fachstelle," — take the apposition along."""
    a, b = sp
    if b + 1 < limit and ws[b].text == ",":
        nxt = np_after(ws, b + 1, limit, appos=False)
        if nxt and nxt[0] == b + 1 and (nxt[1] >= limit or ws[nxt[1]].text in {",", ".", ":", "("}):
            return (a, nxt[1])
    return sp


#: heads of organisations and public bodies (``speaker_heads.txt``), as compound heads
ORG_HEADS = word_tuple("speaker_heads.txt", "org_heads")


def _case_forms(low: str) -> tuple[str, ...]:
    """The word and its stems without case endings ("bezirks" → "bezirk")."""
    out = [low]
    for cut in ("es", "en", "s", "n"):
        if low.endswith(cut) and len(low) - len(cut) >= 3:
            out.append(low[: -len(cut)])
    return tuple(out)


@lru_cache(maxsize=200_000)  # asked per candidate mention; words repeat, the lists are fixed
def ends_in(low: str, endings: tuple[str, ...]) -> bool:
    """Does the word (or its stem) equal or end in one of ``endings`` (a compound head)?"""
    return any(
        f == e or (f.endswith(e) and len(f) - len(e) >= 3)
        for f in _case_forms(low)
        for e in endings
    )


def org_noun(low: str) -> bool:
    """Is the (lower-case) word a noun for an organisation or medium, also in a compound?"""
    c = words()
    return (
        low in c["org"]
        or low in c["media"]
        or ends_in(low, ORG_HEADS)
        or ends_in(low, ORG_HEAD_ENDINGS)
        or ends_in(low, GROUP_NOUNS)
    )


ORG_HEAD_ENDINGS = word_tuple("quote_words.txt", "org_head_endings")
GROUP_NOUNS = word_tuple("quote_words.txt", "group_nouns")
