"""Names of people, organisations and places for the built-in pipeline.

No trained German NER model can be installed here, so ``kit_ner`` finds names
with rules over the tagger's output and small, editable word lists
(``kit/resources/``):

- ``first_names.txt``: a first name (or East Asian family name) followed by
  capitalized words is a person: "Antony Blinken", "Kim Jong-un",
  "Kim Jong Un", "Wolodymyr Selenskyj".
- ``roles.txt``: a role title introduces a name: "US-Außenminister Antony
  Blinken", "Herr Austin", "Sprecherin Sabrina Singh". A role alone
  ("Nordkoreas Außenminister") is a description, not a name.
- ``surnames.txt``: people named alone ("Putin sagte …").
- ``places.txt`` / ``organisations.txt`` (multiword allowed; genitive "-s"
  understood: "Nordkoreas" → LOC), ``org_heads.txt`` for compounds
  ("Verteidigungsministerium" → ORG); capitalized acronyms default to ORG.
- Once "Antony Blinken" is found, a later "Blinken"/"Blinkens" is PER too.
- ``german_words.txt`` (classes ``name_particles``, ``not_names``,
  ``place_intro``, ``east_asian``, ``role_suffixes``, ``quoted_org_intro``):
  "von der", words never part of a name ("Januar", "Laut"), "die Stadt …".

:func:`canonical_names` gives each person mention the fullest form of the
name in the article ("Blinken" → "Antony Blinken"; "Kim Jong Un" and
"Kim Jong-un" are one name); :func:`canonical_name` does the same for any
span, e.g. a speaker found by the quote extractor.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from kit.german.lexicon import _lexicon as lexicon_table
from kit.german.offsets import entity_index
from kit.german.roles import is_person_noun
from kit.german.sentences import doc_text, token_view
from kit.wordlists import lines, word_class, word_tuple

PER, ORG, LOC, MISC = "PER", "ORG", "LOC", "MISC"

#: word classes of kit_ner (``kit/resources/german_words.txt``)
_PARTICLES = word_class("german_words.txt", "name_particles")
_NOT_NAMES = word_class("german_words.txt", "not_names")
_NAME_TAGS = {"NE", "NN", "FM", "XY"}
_CLOSERS = {"“", "«", '"', "»", "”"}
_PLACE_INTRO = word_class("german_words.txt", "place_intro")
#: family names written first: a lone "Kim" after "Kim Jong-un" is the same person
_EAST_ASIAN = word_class("german_words.txt", "east_asian")
#: lower-case words before a quoted name that make it an organisation (laut „BBC News“)
_QUOTED_ORG_INTRO = word_class("german_words.txt", "quoted_org_intro")


@lru_cache(maxsize=1)
def _gazetteer() -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """First word → [(words of the name, label)], longest names first."""
    table: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for fname, label in (("places.txt", LOC), ("organisations.txt", ORG)):
        for entry in lines(fname):
            words = tuple(entry.replace("-", " - ").split()) if " " in entry else (entry,)
            table.setdefault(words[0], []).append((words, label))
    for entries in table.values():
        entries.sort(key=lambda e: -len(e[0]))
    return table


@lru_cache(maxsize=1)
def _words() -> dict[str, frozenset[str]]:
    roles = {r.lower() for r in lines("roles.txt")}
    return {
        "first": frozenset(lines("first_names.txt")),
        "surnames": frozenset(lines("surnames.txt")),
        "roles": frozenset(roles),
        "org_heads": frozenset(h.lower() for h in lines("org_heads.txt")),
        "org_words": frozenset(lines("org_words.txt")),
        "org_intro": frozenset(lines("org_intro.txt")),
        "cues": frozenset(_cue_lemmas()),
    }


def _cue_lemmas() -> set[str]:
    """Reporting verbs (kit/resources/cue_verbs.txt, shared with the quote extractor)."""
    out = set()
    for line in lines("cue_verbs.txt"):
        lemma = line.split()[0]
        out.add(lemma.replace("|", ""))
        out.add(lemma.rpartition("|")[2])
    return out


def is_role(word: str, lemma: str = "") -> bool:
    """Is ``word`` a role title ("Außenminister", "US-Außenminister", "Sprecherin")?

    Compounds count by their last part: "Verteidigungsminister" ends in
    "minister"; hyphenated ones by the part after the last hyphen.
    """
    roles = _words()["roles"]
    for w in (word, lemma):
        if not w:
            continue
        low = w.lower().rpartition("-")[2]
        forms = {low}
        if low.endswith(("s", "n")):  # genitive/plural: "Verteidigungsministers", "Präsidenten"
            forms.add(low[:-1])
        if low.endswith("en"):
            forms.add(low[:-2])
        if forms & roles or any(f.endswith(_ROLE_SUFFIXES) for f in forms):
            return True
    return is_person_noun(word)


#: endings of role titles for kit_ner ("Verteidigungsminister"); the quote extractor
#: has its own list (``role_suffixes`` in ``quote_words.txt``)
_ROLE_SUFFIXES = word_tuple("german_words.txt", "role_suffixes")


_FUNCTION_TAGS = {
    "ART", "APPR", "APPRART", "KON", "KOUS", "KOKOM", "PPER", "PRF", "PPOSAT", "PDS", "PDAT",
    "PIS", "PIAT", "PRELS", "PWS", "PWAV", "PROAV", "ADV", "$,", "$.", "$(", "CARD", "PTKNEG",
    "VAFIN", "VMFIN",
}  # fmt: skip


def _set_ents(doc: Doc, spans: list[tuple[int, int, str]]) -> None:
    """``doc.ents = spans`` through arrays (the setter visits every token in Python)."""
    import numpy
    from spacy.attrs import ENT_IOB, ENT_TYPE

    arr = numpy.zeros((len(doc), 2), dtype="uint64")
    arr[:, 0] = 2  # O
    strings = doc.vocab.strings
    for s, e, label in spans:
        arr[s:e, 0] = 1  # I
        arr[s, 0] = 3  # B
        arr[s:e, 1] = strings.add(label)
    doc.from_array([ENT_IOB, ENT_TYPE], arr)


def _acronym(word: str) -> bool:
    """ "NATO", "KCNA", "GdF": two to six letters, at most one lower-case."""
    if not 2 <= len(word) <= 6 or not word.isalpha() or not word[0].isupper():
        return False
    return sum(c.islower() for c in word) <= (1 if len(word) >= 3 else 0)


def _near_cue(
    i: int, texts: list[str], tags: list[str], lemmas: list[str], cues: frozenset[str]
) -> bool:
    """A reporting verb within three words, no punctuation between ("sagte gestern Bush")."""
    for step in (-1, 1):
        k = i + step
        while 0 <= k < len(texts) and abs(k - i) <= 3 and not tags[k].startswith("$"):
            if tags[k] == "VVFIN" and lemmas[k] in cues:
                return True
            k += step
    return False


def _is_first_name(word: str, first: frozenset[str]) -> bool:
    """ "Antony", "Frank-Walter", "Hans-Jürgen" (every part a known first name)."""
    if word in first:
        return True
    if "-" in word:
        parts = word.split("-")
        return all(p in first for p in parts) and len(parts) == 2
    return False


def _lexicon() -> dict:
    return lexicon_table()


@lru_cache(maxsize=100_000)
def _role_cached(word: str, lemma: str) -> bool:
    return is_role(word, lemma)


def _namelike(text: str, tag: str, lemma: str) -> bool:
    """Could this token be part of a name? Capitalized, noun-like, not a role, not an
    adjective ("Statistischem Bundesamt", "Gebetsmühlenartig")."""
    if not text[:1].isupper() or text in _NOT_NAMES or tag not in _NAME_TAGS:
        return False
    if text.lower().endswith(_ADJECTIVE_ENDINGS):
        return False
    return not _role_cached(text, lemma)


#: tags of words inside a person's name that the lexicon read as another word class
_NAME_FIX_TAGS = frozenset({"ADV", "VVINF", "VVFIN", "VVPP", "ADJD", "FM", "XY"})

#: endings of capitalised adjectives and adverbs that are never names
_ADJECTIVE_ENDINGS = word_tuple("german_words.txt", "adjective_name_endings")


@lru_cache(maxsize=200_000)
def _intro_compound(word: str) -> bool:
    """ "Justizportals", "Onlinemagazin": a compound of a noun that introduces a name.

    A word of ``org_intro.txt`` ends it, with at least three letters before it
    (after one genitive "s" is taken off). Each ending of the word is looked up
    in the set once (time linear in the word's length, memoised per word)
    instead of one ``endswith`` per listed noun.
    """
    low = word.lower().removesuffix("s")
    intro = _words()["org_intro"]
    return any(low[k:] in intro for k in range(3, len(low) + 1))


@lru_cache(maxsize=200_000)
def _unknown_name(t: str, tag: str, lemma: str) -> bool:
    """A capitalised word that no gazetteer, lexicon or role list knows (memoised per
    word, tag and lemma: the tables are fixed)."""
    return (
        not _intro_compound(t)
        and t[:1].isupper()
        and not t.isupper()
        and t not in _gazetteer()
        and t not in _NOT_NAMES
        and (tag == "NE" or (t not in _lexicon() and tag == "NN" and "-" not in t))
        and not _role_cached(t, lemma)
    )


@lru_cache(maxsize=200_000)
def _org_compound(word: str) -> bool:
    """ "Stadtwerke", "Landeskriminalamt": a compound whose head is in ``org_heads.txt``,
    with at least three letters before the head (each ending looked up once, as in
    :func:`_intro_compound`)."""
    low = word.lower()
    heads = _words()["org_heads"]
    return any(low[k:] in heads for k in range(3, len(low) + 1))


@lru_cache(maxsize=200_000)
def _ends_in_intro(low: str) -> bool:
    """Does the lower-case word end in a noun of ``org_intro.txt`` ("Zeitung",
    "Nachrichtenagentur")? Each ending looked up once, memoised per word."""
    intro = _words()["org_intro"]
    return any(low[k:] in intro for k in range(len(low) + 1))


@Language.component("kit_ner")
def ner_component(doc: Doc) -> Doc:
    """Set ``doc.ents`` (PER, ORG, LOC) by the rules in the module docstring."""
    texts, _idx, _spaces = token_view(doc)
    n = len(texts)
    if not n:
        return doc
    tagged = doc.user_data.get("_kit_tags")
    if tagged is None or len(tagged) != n:
        tagged = [(t.tag_, t.lemma_) for t in doc]
    tags = [t for t, _ in tagged]
    lemmas = [lem for _, lem in tagged]
    words = _words()
    first, surnames = words["first"], words["surnames"]
    gaz = _gazetteer()
    taken = [False] * n
    spans: list[tuple[int, int, str]] = []

    def add(start: int, end: int, label: str) -> None:
        if start < end and not any(taken[start:end]):
            spans.append((start, end, label))
            for k in range(start, end):
                taken[k] = True

    caps = [i for i, t in enumerate(texts) if t[:1].isupper()]  # names start upper-case

    def namelike(k: int) -> bool:
        return _namelike(texts[k], tags[k], lemmas[k])

    def _after_first_name(k: int) -> bool:
        # "Johanna Moser": after a first name any capitalized word that is no
        # function word or role is a surname, whatever the lexicon says
        t = texts[k]
        return (
            t[:1].isupper()
            and t not in _NOT_NAMES
            and tags[k] not in _FUNCTION_TAGS
            and not _role_cached(t, lemmas[k])
            and t not in gaz
        )

    def unknown_name(k: int) -> bool:
        return _unknown_name(texts[k], tags[k], lemmas[k])

    # 1. people: first name + capitalized words, or role + name
    i = 0
    while i < n:
        t = texts[i]
        if not t[:1].isupper():
            i += 1
            continue
        starts_name = _is_first_name(t, first) and i + 1 < n and _after_first_name(i + 1)
        after_role = (
            not starts_name
            and i > 0
            and (tags[i] == "NE" or t in surnames or t in first)
            and t not in gaz
            and namelike(i)
            and _role_cached(texts[i - 1], lemmas[i - 1])
        )
        if starts_name or after_role:
            j = i + 1
            while j < n and j - i < 4:
                nxt = texts[j]
                if (
                    j >= i + 2
                    and _is_first_name(nxt, first)
                    and j + 1 < n
                    and namelike(j + 1)
                    and texts[j - 1] not in first
                ):
                    break  # a second person: "laut Trainer Pep Guardiola Erling Haaland"
                if (namelike(j) and nxt not in gaz) or (
                    # "Ricarda Lang", "Christina Markus Lassen": after a first name a
                    # surname follows, whatever the lexicon says ("lang", "lassen")
                    _is_first_name(texts[j - 1], first) and _after_first_name(j)
                ):
                    j += 1
                elif nxt in _PARTICLES and j + 1 < n and namelike(j + 1):
                    j += 2
                elif len(nxt) == 2 and nxt[1] == "." and nxt[0].isupper():
                    j += 1  # "George W. Bush"
                else:
                    break
            add(i, j, PER)
            i = j
            continue
        i += 1
    # 2. gazetteer places and organisations (multiword first), genitive -s
    for i in caps:
        t = texts[i]
        if taken[i] or not t[:1].isupper():
            continue
        cands = gaz.get(t)
        if cands is None and t.endswith("s") and len(t) > 3:
            base = gaz.get(t[:-1]) or (gaz.get(t[:-2]) if t.endswith("es") else None)
            cands = [c for c in base if len(c[0]) == 1] if base else None
        if cands:
            for name, label in cands:
                m = len(name)
                if m == 1:
                    add(i, i + 1, label)
                    break
                if texts[i + 1 : i + m] == list(name[1:]):
                    add(i, i + m, label)
                    break
    # 3. known surnames, acronyms, organisation compounds
    for i in caps:
        t = texts[i]
        if taken[i] or not t[:1].isupper():
            continue
        tag = tags[i]
        if t in surnames or (t.endswith("s") and t[:-1] in surnames):
            add(i, i + 1, PER)
        elif t.isupper() and t.title() in gaz:  # datelines: "TAIPEI (AFP)"
            add(i, i + 1, gaz[t.title()][0][1])
        elif _acronym(t) and tag in ("NE", "NN", "XY", "FM"):
            add(i, i + 1, ORG)  # "KCNA", "GdF"
        elif "-" in t and t.rpartition("-")[2].lower() in words["org_intro"] and t[0].isupper():
            add(i, i + 1, ORG)  # "Ataka-Partei", "Wagner-Gruppe"
        elif (
            tag == "NE"
            and i > 0
            and texts[i - 1].endswith(("-jährige", "-Jährige", "-jährigen"))
            and t not in gaz
        ):
            add(i, i + 1, PER)  # "der 53-jährige Uribe"
        elif tag == "NN" and i > 0 and tags[i - 1] in ("ART", "ADJA", "APPRART"):
            if _org_compound(t):
                add(i, i + 1, ORG)
    # 3a. a name after a noun that introduces organisations, or quoted after
    #     "laut"/"von": die Zeitung „Tagesspiegel“, laut „BBC News“
    for i in caps:
        t = texts[i]
        if taken[i] or not t[:1].isupper() or i == 0:
            continue
        k = i - 1
        quoted = texts[k] in ("„", "»", '"', "«")
        if quoted:
            k -= 1
        if k < 0:
            continue
        prev = texts[k].lower()
        by_intro = tags[k] == "NN" and _ends_in_intro(prev)
        by_laut = quoted and prev in _QUOTED_ORG_INTRO
        if not (by_intro or by_laut):
            continue
        j = i
        while j < n and j - i < 5 and (texts[j][:1].isupper() or texts[j][:1].isdigit()):
            j += 1
        if quoted and (j >= n or texts[j] not in _CLOSERS):
            continue
        proper = any(tags[m] in ("NE", "FM", "XY") or texts[m].isupper() for m in range(i, j))
        if j > i and (proper or (by_intro and quoted)):
            add(i, j, ORG)
    # 3b. two or more unknown proper nouns in a row are a person ("Arturo Arauz")
    done = 0
    for i in caps:
        if i < done:
            continue
        j = i
        while j < n and not taken[j] and unknown_name(j):
            j += 1
        done = j
        if j - i >= 2 and j - i <= 4:
            if any(texts[k] in words["org_words"] for k in range(i, min(j + 1, n))):
                while j < n and texts[j][:1].isupper() and texts[j] not in _NOT_NAMES:
                    j += 1
                add(i, j, ORG)  # "Korean Central News Agency"
            else:
                add(i, j, PER)
    # 3b'. "die Stadt Kassel", "der Region Basel", "in Christchurch": places
    for i in caps:
        t = texts[i]
        if taken[i] or tags[i] != "NE" or t.isupper() or not t[:1].isupper() or i == 0:
            continue
        prev = texts[i - 1]
        if prev in _PLACE_INTRO or (
            prev.lower() in ("in", "aus", "nach") and t not in words["first"]
        ):
            add(i, i + 1, LOC)
    # 3c. a lone proper noun next to a reporting verb is a person ("sagte Gall")
    cues = words["cues"]
    for i in caps:
        t = texts[i]
        if (
            taken[i]
            or tags[i] not in ("NE", "FM")
            or t.isupper()
            or t in gaz
            or not t[:1].isupper()
        ):
            continue
        if _near_cue(i, texts, tags, lemmas, cues) or (
            i > 0 and texts[i - 1].lower() in ("so", "laut") or texts[i + 1 : i + 2] == ["zufolge"]
        ):
            add(i, i + 1, PER)
    # 4. a surname seen in a full name names the same person later ("Blinken"),
    #    so does an East Asian family name ("Kim" after "Kim Jong-un")
    known = {texts[e - 1] for s, e, lab in spans if lab == PER}
    known |= {
        texts[s] for s, e, lab in spans if lab == PER and e - s > 1 and texts[s] in _EAST_ASIAN
    }
    if known:
        for i in caps:
            t = texts[i]
            if (
                not taken[i]
                and t[:1].isupper()
                and (t in known or (t[-1:] == "s" and t[:-1] in known))
            ):
                add(i, i + 1, PER)
    spans.sort()
    _set_ents(doc, spans)
    # names are proper nouns whatever the lexicon said ("Blinken" is also a verb)
    # (a person's name also when the lexicon read a verb or an adverb: "Christina Markus
    # Lassen", "Anders Levermann")
    fix = [
        k
        for s, e, lab in spans
        if lab in (PER, LOC)
        for k in range(s, e)
        if tags[k] == "NN" or (lab == PER and tags[k] in _NAME_FIX_TAGS)
    ]
    if fix:
        import numpy
        from spacy.attrs import POS, TAG
        from spacy.parts_of_speech import IDS

        arr = doc.to_array([TAG, POS])
        ne = doc.vocab.strings.add("NE")
        for k in fix:
            arr[k, 0] = ne
            arr[k, 1] = IDS["PROPN"]
        doc.from_array([TAG, POS], numpy.asarray(arr))
    doc.user_data.pop("_kit_tags", None)
    return doc


# ------------------------------------------------------------- canonical names


def _key(words: list[str]) -> tuple[str, ...]:
    """Comparable form of a name: "Kim Jong-un" and "Kim Jong Un" → (kim, jong, un)."""
    out: list[str] = []
    for w in words:
        out.extend(p for p in w.lower().replace("-", " ").split() if p)
    return tuple(out)


def _strip_genitive(words: list[str], known_last: set[str]) -> list[str]:
    last = words[-1]
    if last.endswith("s") and last not in known_last and last[:-1] in known_last:
        return [*words[:-1], last[:-1]]
    return words


def canonical_names(doc: Doc) -> dict[tuple[int, int], str]:
    """Canonical form of every entity, keyed by its (start_char, end_char).

    Persons: the fullest form of the name in the doc ("Blinken" → "Antony
    Blinken", "Herr Austin" → "Lloyd Austin", "Putins" → "Wladimir Putin" if
    named so); spelling variants of one name ("Kim Jong Un"/"Kim Jong-un")
    share the first-seen full form. Places/organisations: the name without a
    genitive "-s" when the base is known ("Nordkoreas" → "Nordkorea").
    """
    full = _full_forms(doc)
    out = {}
    gaz = _gazetteer()
    texts, idx, _spaces = token_view(doc)
    doc_str = doc_text(doc)  # offsets and texts from the token view, not from Span objects
    for ent in entity_index(doc)[1]:
        key = (idx[ent.start], idx[ent.end - 1] + len(texts[ent.end - 1]))
        if ent.label_ == PER:
            out[key] = _resolve(texts[ent.start : ent.end], full) or doc_str[key[0] : key[1]]
        else:
            text = doc_str[key[0] : key[1]]
            if ent.end - ent.start == 1 and text.endswith("s") and text not in gaz:
                if text[:-1] in gaz:
                    text = text[:-1]  # "Nordkoreas" → "Nordkorea"
                elif text.endswith("es") and text[:-2] in gaz:
                    text = text[:-2]  # "UN-Sicherheitsrates" → "UN-Sicherheitsrat"
            out[key] = text
    return out


def _full_forms(doc: Doc) -> list[tuple[tuple[str, ...], str]]:
    cached = doc.user_data.get("kit_full_names")
    if cached is not None:
        return cached
    forms: list[tuple[tuple[str, ...], str]] = []
    seen: set[tuple[str, ...]] = set()
    texts, idx, _spaces = token_view(doc)
    doc_str = doc_text(doc)
    for ent in entity_index(doc)[1]:
        if ent.end - ent.start < 2 or ent.label_ != PER:
            continue
        k = _key(texts[ent.start : ent.end])
        if k not in seen:
            seen.add(k)
            forms.append((k, doc_str[idx[ent.start] : idx[ent.end - 1] + len(texts[ent.end - 1])]))
    # fullest first, then first seen
    forms.sort(key=lambda f: -len(f[0]))
    doc.user_data["kit_full_names"] = forms
    return forms


class _FullIndex:
    """Look-ups into the full forms of a doc: exact key, key as the end of a longer
    name, and first word (East Asian family names); each the first in ``full`` order.
    Made once per list of full forms, so resolving a mention never loops over them all."""

    def __init__(self, full: list[tuple[tuple[str, ...], str]]) -> None:
        self.full = full
        last_words = {k[-1] for k, _ in full}
        self.known = {w.capitalize() for w in last_words} | set(last_words) | _words()["surnames"]
        self.exact: dict[tuple[str, ...], str] = {}
        self.suffix: dict[tuple[str, ...], str] = {}
        self.first: dict[str, list[str]] = {}
        for k, text in full:
            self.exact.setdefault(k, text)
            for cut in range(1, len(k)):
                self.suffix.setdefault(k[cut:], text)
            if k:
                self.first.setdefault(k[0], []).append(text)


def _full_index(full: list[tuple[tuple[str, ...], str]]) -> _FullIndex:
    cached = _FULL_INDEX.get(id(full))
    if cached is None or cached.full is not full:
        if len(_FULL_INDEX) > 64:
            _FULL_INDEX.clear()
        cached = _FULL_INDEX[id(full)] = _FullIndex(full)
    return cached


_FULL_INDEX: dict[int, _FullIndex] = {}


def _resolve(words: list[str], full: list[tuple[tuple[str, ...], str]]) -> str:
    index = _full_index(full)
    words = _strip_genitive(words, index.known)
    key = _key(words)
    if not key:
        return ""
    if key in index.exact:
        return index.exact[key]
    if key in index.suffix:
        return index.suffix[key]
    # East Asian names: the family name comes first ("Kim" → "Kim Jong-un") if unique
    hits = index.first.get(key[0], []) if len(key) == 1 else []
    if len(hits) == 1:
        return hits[0]
    return " ".join(words)


def canonical_name(doc: Doc, start_char: int, end_char: int) -> str:
    """Canonical person name for any mention span of ``doc`` (character offsets).

    For the quote extractor's speakers: "Blinken" → "Antony Blinken" when the
    article names him in full; role words before the name are dropped
    ("US-Außenminister Antony Blinken" → "Antony Blinken"). Returns the
    mention text when nothing fuller is known.
    """
    span = doc.char_span(start_char, end_char, alignment_mode="expand")
    if span is None:
        return doc.text[start_char:end_char]
    words = [t.text for t in span if t.text[:1].isupper() and not is_role(t.text, t.lemma_)]
    words = [w for w in words if w not in _NOT_NAMES]
    if not words:
        return span.text
    return _resolve(words, _full_forms(doc)) or span.text
