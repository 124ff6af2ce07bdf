"""The benchmark corpus, made at run time: about 1M words of fresh German news text.

The corpus (about 1 million words; ``--quick``: about 100,000) is made at run
time from the WikiNews benchmark's dev texts (read from
:data:`kit.config.BENCHMARK_DIR`, never copied) and the seed articles. Copy 0
is the original text; every further copy is perturbed so that the corpus has
many more distinct words than plain repetition (spaCy's tokenizer caches
whitespace-separated chunks, and per-word caches in the pipeline would be
flattered by repetition), while the kit still finds the same quotes, speakers
and figures in it (reported per 1,000 words, originals vs copies):

- numbers get new values of the same shape (``318`` → ``742``, ``1.234,5``
  keeps its separators; years move by a few years: ``2005`` → ``2009``;
  dates and clock times keep day, month and time);
- surnames, places and organisations get a freshly composed name per copy
  (``Putin`` → ``Korovenko``; syllables of our own, one map per copy so a
  person keeps one name throughout it; first names such as ``Antony`` in
  ``Antony Blinken`` stay, as do names after a determiner: ``die Ukraine``);
- a share of the common nouns becomes a compound with a common first element
  (``Regierung`` → ``Landesregierung``, ``Soldaten`` → ``Grenzsoldaten``),
  and the same share of attributive adjectives gets a prefix
  (``russischen`` → ``nordrussischen``, ``wichtigen`` → ``hochwichtigen``).
  German forms new words exactly this way.

Word classes come from spelling, the texts themselves and spaCy's German
lookup lemmatizer, never from the kit's own tagger, so the corpus does not
change with the pipeline; everything is seeded. The share aims at the number
of distinct chunks Heaps' law (V = K·nᵝ, fitted on the original texts)
predicts for the corpus size, capped at :data:`MAX_SHARE` so the text stays
readable; the figures report the target and what was reached. As a
cross-check, ``tokenizer_words_per_s_fresh`` is the bare tokenizer on the
original texts alone (median of three), and ``ratio_fresh`` the kit's rate
over it.
"""

from __future__ import annotations

import gzip
import json
import math
import random
import re
import statistics
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kit import config

#: at most this share of nouns becomes a compound (more reads unnaturally)
MAX_SHARE = 0.7

# First elements of German compounds, for the per-copy perturbation (ours).
_COMPOUND_HEADS = (
    "Bundes", "Landes", "Staats", "Stadt", "Grenz", "Haupt", "Gesamt", "Sonder", "Kern",
    "Teil", "Ober", "Nachbar", "Regional", "Militär", "Wirtschafts", "Zentral", "Übergangs",
    "Auslands", "Kommunal", "Europa", "Welt", "Jahres", "Monats", "Sicherheits", "Kriegs",
    "Friedens", "Regierungs", "Partei", "Presse", "Polizei", "Verkehrs", "Energie", "Klima",
    "Finanz", "Gesundheits", "Bildungs", "Justiz", "Außen", "Innen", "Verteidigungs",
    "Bezirks", "Kreis", "Gemeinde", "Dorf", "Küsten", "Insel", "Berg", "Fluss", "Hafen",
    "Flughafen", "Bahn", "Straßen", "Schul", "Hochschul", "Kinder", "Jugend", "Familien",
    "Frauen", "Senioren", "Arbeits", "Betriebs", "Unternehmens", "Konzern", "Banken",
    "Steuer", "Haushalts", "Wahl", "Parlaments", "Fraktions", "Koalitions", "Oppositions",
    "Kabinetts", "Ministerial", "Verwaltungs", "Gerichts", "Straf", "Zivil", "Menschenrechts",
    "Flüchtlings", "Migrations", "Asyl", "Handels", "Export", "Import", "Zoll", "Agrar",
    "Umwelt", "Wasser", "Wald", "Strom", "Gas", "Öl", "Atom", "Kohle", "Solar", "Wind",
    "Medien", "Fernseh", "Radio", "Internet", "Daten", "Computer", "Technik", "Forschungs",
    "Wissenschafts", "Kultur", "Sport", "Fußball", "Olympia", "Tourismus", "Hotel", "Bau",
    "Wohnungs", "Miet", "Nord", "Süd", "Ost", "West", "Früh", "Spät", "Sommer", "Winter",
    "Herbst", "Frühjahrs", "Nacht", "Abend", "Not", "Krisen", "Katastrophen", "Hilfs",
    "Schutz", "Kontroll", "Test", "Pilot", "Reform", "Rekord", "Mindest", "Höchst",
)  # fmt: skip
# Prefixes for attributive adjectives (ours): relational ones (``russischen`` →
# ``nordrussischen``, ``nationalen`` → ``übernationalen``) and grading ones
# (``wichtigen`` → ``hochwichtigen``, ``staatlichen`` → ``halbstaatlichen``).
_ADJ_PREFIXES = (
    "nord", "süd", "ost", "west", "nordost", "südwest", "zentral", "pro", "anti", "halb",
    "teil", "gesamt", "inner", "außer", "über", "nicht", "ultra", "post", "prä", "pan",
)  # fmt: skip
_GRADE_PREFIXES = (
    "hoch", "höchst", "über", "halb", "teil", "voll", "schein", "un", "ur", "tief", "nicht",
    "erz", "grund", "extra",
)  # fmt: skip
# Syllables for freshly composed surnames and place names (ours, not from any data set).
_NAME_ONSETS = (
    "Bor", "Kal", "Mer", "Tan", "Wol", "Res", "Lin", "Dar", "Fen", "Gor", "Hal", "Jas",
    "Kor", "Lud", "Mar", "Nor", "Pel", "Rad", "Sel", "Tor", "Ul", "Ver", "Wen", "Zor", "Al",
    "Bren", "Cas", "Del", "Er", "Fal", "Gun", "Har", "Il", "Kes", "Lor", "Mo", "Nik", "Pa",
    "Ro", "Sa", "Ta", "Vi", "Wi", "Ze", "Brau", "Stein", "Hof", "Kra", "Schul", "Tre",
)  # fmt: skip
_NAME_NUCLEI = (
    "", "a", "e", "i", "o", "u", "an", "en", "in", "ol", "er", "ar", "el", "ir", "or", "ov",
    "ow", "ak", "it", "us",
)  # fmt: skip
_NAME_CODAS = (
    "berg", "mann", "ski", "ow", "enko", "ic", "ovic", "ani", "ard", "ert", "inger", "haus",
    "eck", "ez", "ina", "ova", "er", "en", "ek", "ut", "ay", "heim", "dorf", "ien", "stan",
)  # fmt: skip
# derivational endings that mark (almost only) common nouns, never names
_NOUN_SUFFIX = re.compile(
    r"(?:ungen|ung|heiten|heit|keiten|keit|schaften|schaft|tionen|tion|itäten|ität|nisse|nis"
    r"|ismus|ment|mente|tum|lage|politik|zahlen|zahl)$"
)
# attributive adjective forms: derivational ending plus an inflection ending
_ADJ_FORM = re.compile(r"^[a-zäöüß]{3,}(?:isch|lich|ig|al|iv|ell|ar)(?:e|en|er|es|em)$")
_CAPITALISED = re.compile(r"(?<![\w-])([A-ZÄÖÜ][a-zäöüß]{2,})(?![\w-])")
_AFTER_DETERMINER = re.compile(
    r"(?<![\w-])(?:[Dd](?:er|ie|as|en|em|es)|[Ee]in(?:e|en|em|er|es)?|[Ii]m|[Aa]m|[Zz]um|[Zz]ur"
    r"|[Vv]om|[Bb]eim|[Ii]ns|[Kk]ein\w*|[Dd]ies\w*|[Jj]ed\w*|[Ss]ein\w*|[Ii]hr\w*|[Uu]nser\w*)"
    r" (?:[a-zäöüß]+(?:e|en|er|es|em) )?([A-ZÄÖÜ][a-zäöüß]{2,})(?![\w-])"
)
_RELATIONAL_ADJ = re.compile(r"(?:isch|al|ell|iv)(?:e|en|er|es|em)$")
# adjectives of time and quantity that take no prefix
_NOT_PREFIXED = frozenset(
    "einige einigen einiger einiges wenige wenigen weniger heutige heutigen heutiger damalige"
    " damaligen bisherige bisherigen ehemalige ehemaligen ehemaliger übrige übrigen übriges"
    " jeweilige jeweiligen derartige derartigen sämtliche sämtlichen künftige künftigen"
    " zukünftige zukünftigen vorige vorigen völlige völligen ähnliche ähnlichen möglichen"
    " mögliche endgültige endgültigen".split()
)
_ADJ_LEMMA = re.compile(r"(?:isch|al|ell|iv|lich|ig|bar|los|haft|sam)$")
# months and weekdays stay: dates must still parse
_CALENDAR = frozenset(
    "Januar Jänner Februar März April Mai Juni Juli August September Oktober November Dezember"
    " Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonnabend Sonntag".split()
)
_LOWER = re.compile(r"(?<![\w-])([a-zäöüß]{6,})(?![\w-])")
# dates ("05.11.2024") and clock times ("14:30") keep their shape; other digit runs vary
_NUMBER = re.compile(r"\b\d{1,2}\.\d{1,2}\.(?:\d{4})?|\b\d{1,2}:\d{2}\b|\d+")
_WORD = re.compile(r"\S+")


# ------------------------------------------------------------------ corpus


def peak_rss_mb() -> float:
    """Peak resident memory of this process in MB (Linux: ``VmHWM`` of /proc/self/status).

    ``getrusage``'s ``ru_maxrss`` survives ``fork`` and ``exec``: a benchmark child
    started by a parent of 800 MB reported 800 MB before doing anything. ``VmHWM``
    belongs to the process's own address space, which ``exec`` makes new. Elsewhere
    ``ru_maxrss`` is the fallback.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def _base_texts() -> tuple[list[dict[str, str]], str]:
    """Dev texts of the benchmark (read now, never stored) plus the seeds."""
    docs: list[dict[str, str]] = []
    path = config.BENCHMARK_DIR / "dev.jsonl.gz"
    if path.exists():
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                d = json.loads(line)
                name = d.get("documentName", "")
                m = re.match(r"(\d+)\s*-\s*(.*?)\s*\((\d{4}-\d{2}-\d{2})\)\s*$", name)
                doc_id, title, date = m.groups() if m else (str(len(docs)), name, "")
                docs.append(
                    {"id": f"wn{doc_id}", "text": d["originalText"], "title": title, "date": date}
                )
        source = "WikiNews dev texts + seeds"
    else:
        source = f"seeds only (benchmark data not found at {path})"
        print(f"kit bench: {source}", file=sys.stderr)
    for p in sorted(config.SEEDS_DIR.glob("*.txt")):
        docs.append({"id": p.stem, "text": p.read_text(encoding="utf-8"), "title": "", "date": ""})
    return docs, source


def _perturb(
    text: str,
    rng: random.Random,
    share: float,
    nouns: set[str] | frozenset[str],
    *,
    names: dict[str, str] | None = None,
    adjectives: set[str] | frozenset[str] = frozenset(),
) -> str:
    """One perturbed copy of ``text`` (see the module docstring).

    ``names`` maps each replaceable name of this copy to its fresh name (the
    caller keeps one map per copy, so a person keeps one name in every article
    of the copy); a genitive ``-s`` form follows its name (``Merkels``).
    ``share`` of the ``nouns`` become compounds and ``share`` of the
    ``adjectives`` get a prefix; numbers always get new values.
    """

    def year(s: str) -> str:  # move a year a little
        return str(min(2099, max(1900, int(s) + rng.randint(-6, 6))))

    def number(m: re.Match[str]) -> str:
        s = m.group(0)
        if ":" in s or "." in s:  # a date or a time: only the year moves
            return s if ":" in s or s.endswith(".") else s[:-4] + year(s[-4:])
        if len(s) == 4 and s[:2] in ("19", "20"):
            return year(s)
        first = "0" if s[0] == "0" else str(rng.randint(1, 9))  # "05." stays a date part
        return first + "".join(str(rng.randint(0, 9)) for _ in s[1:])

    def capitalised(m: re.Match[str]) -> str:
        word = m.group(1)
        if names:
            if word in names:
                return names[word]
            if word.endswith("s") and word[:-1] in names:  # genitive of a name
                return names[word[:-1]] + "s"
        if word not in nouns or rng.random() >= share:
            return word
        return rng.choice(_COMPOUND_HEADS) + word.lower()

    def adjective(m: re.Match[str]) -> str:
        word = m.group(1)
        if word not in adjectives or rng.random() >= share:
            return word
        relational = _RELATIONAL_ADJ.search(word)
        return rng.choice(_ADJ_PREFIXES if relational else _GRADE_PREFIXES) + word

    text = _CAPITALISED.sub(capitalised, _NUMBER.sub(number, text))
    return _LOWER.sub(adjective, text) if adjectives else text


def _fresh_name(rng: random.Random, taken: set[str]) -> str:
    """A plausible, new surname or place name composed of our syllables (``Korovenko``)."""
    while True:
        name = rng.choice(_NAME_ONSETS) + rng.choice(_NAME_NUCLEI)
        if rng.random() < 0.6:
            name += rng.choice(_NAME_ONSETS).lower() + rng.choice(_NAME_NUCLEI)
        name += rng.choice(_NAME_CODAS)
        if name not in taken and not re.search(r"(.)\1\1|[aeiouy]{3}", name, re.I):
            taken.add(name)
            return name


def _lemma_table() -> dict[str, str] | None:
    try:
        from spacy.lookups import load_lookups

        return load_lookups("de", ["lemma_lookup"]).get_table("lemma_lookup")  # type: ignore[return-value]
    except (ImportError, ValueError, KeyError):  # spacy-lookups-data not installed
        return None


def _word_classes(texts: Sequence[str]) -> tuple[set[str], set[str], set[str]]:
    """(common nouns, replaceable names, attributive adjectives) of ``texts``.

    Told apart without the kit's tagger, so the corpus stays the same while
    the pipeline changes:

    - a capitalised word is a common noun by a derivational ending (``-ung``,
      ``-schaft``, …) or as a form of a capitalised lemma in spaCy's German
      lookup lemmatizer (``Soldaten`` → ``Soldat``, ``Krieg``); genitive
      ``-s`` forms are left out because names have them too (``Merkels``),
      and so are words that also occur in lower case (``Vereinigten`` in
      ``Vereinigten Staaten``);
    - a capitalised word is a name if the lookup table does not know it in
      either spelling, not even as the start or end of a compound, nor
      occurs in lower case in the texts (``Putin``,
      ``Russland``, ``Blinken``; not ``Krieg``, ``Aktienmärkten`` or a
      sentence-initial ``Nach``), and it never follows a determiner, with or
      without an adjective (``die Ukraine``, ``dem neuen Hochhaus``: kept); a name directly followed by
      another capitalised word (``Antony`` in ``Antony Blinken``) is kept as
      it is, so first names (which the pipeline uses to find persons) stay
      real and only surnames, places and organisations are replaced;
    - an adjective is a known inflected form with a derivational ending and an
      inflection (``russischen``, ``nationale``, ``offiziellen``, ``wichtigen``,
      ``staatliche``), except a few of time and quantity (``einigen``, ``ehemaligen``).
    """
    words = {m.group(1) for text in texts for m in _CAPITALISED.finditer(text)}
    nouns = {w for w in words if _NOUN_SUFFIX.search(w)}
    table = _lemma_table()
    if table is None:
        return nouns, set(), set()
    lowercase = {m.group(0) for text in texts for m in re.finditer(r"(?<![\w-])[a-zäöüß]+", text)}
    for w in words:
        lemma = table.get(w)
        if lemma and lemma[:1].isupper() and w != lemma + "s" and w.lower() not in lowercase:
            nouns.add(w)  # not "Vereinigten" (Staaten), "Weißen" (Haus): adjectives in names
    lemmas = {v for v in table.values() if isinstance(v, str)}

    def known(w: str) -> bool:  # the table's keys are hashes: ask it, or look among lemmas
        return w in table or w in lemmas

    after_article = {
        m.group(1) for text in texts for m in _AFTER_DETERMINER.finditer(text)
    }  # "die Regierung", "dem Hochhaus": nouns (and a few names, which then stay)
    names = {
        w
        for w in words - nouns - after_article
        if not known(w)
        and not known(w.lower())
        and w.lower() not in lowercase  # "Außerdem" at a sentence start
        and not any(known(w[i:].capitalize()) for i in range(2, len(w) - 3))
        and not any(known(w[:i]) or known(w[: i - 1]) for i in range(5, len(w) - 2))
    }
    names = {w for w in names if not (w.endswith("s") and w[:-1] in names)} - _CALENDAR
    nouns |= {  # compounds the table knows the last part of: "Aktienmärkten", "Klimakongress"
        w
        for w in words - names
        if w.lower() not in lowercase
        and len(w) >= 8
        and not w.endswith(("land", "lands", "reich", "reichs", "burg", "stadt"))  # places
        and any(known(w[i:].capitalize()) for i in range(3, len(w) - 3))
    }
    in_names = re.compile(  # multi-word names: "Vereinigten Staaten", "Weißen Haus"
        r"(?<![\w-])([A-ZÄÖÜ][a-zäöüß]{2,}(?:e|en|er|es)) ([A-ZÄÖÜ][a-zäöüß]{2,})(?![\w-])"
    )
    nouns = {w for w in nouns if not known(w.lower())}  # "Demokratische" (Volksrepublik)
    for text in texts:
        for m in in_names.finditer(text):
            if (table.get(m.group(1)) or "").endswith("e") or m.group(1).lower() in lowercase:
                nouns -= {m.group(1), m.group(2)}
                names.discard(m.group(2))  # "Europäischen Union" stays
    first = re.compile(r"(?<![\w-])([A-ZÄÖÜ][a-zäöüß]{2,}) (?=[A-ZÄÖÜ][a-zäöüß]{2,})")
    names -= {m.group(1) for text in texts for m in first.finditer(text)}
    adj_form = re.compile(
        r"^[a-zäöüß]{4,}(?:isch|al|ell|iv|lich|ig|bar|los|haft|sam)(?:e|en|er|es|em)$"
    )
    adjectives = {
        m.group(1)
        for text in texts
        for m in _LOWER.finditer(text)
        if adj_form.match(m.group(1))
        and _ADJ_LEMMA.search(table.get(m.group(1)) or "")  # not "sicherzustellen"
        and m.group(1) not in _NOT_PREFIXED
    }
    return nouns, names, adjectives


def _heaps_target(texts: Sequence[str], n_words: int) -> int:
    """Distinct chunks a real corpus of ``n_words`` would have (Heaps' law fitted on ``texts``)."""
    seen: set[str] = set()
    points = []
    n, mark = 0, 1000
    for text in texts:
        for chunk in text.split():
            n += 1
            seen.add(chunk)
            if n == mark:
                points.append((math.log(n), math.log(len(seen))))
                mark *= 2
    if len(points) < 3:
        return len(seen)
    xs, ys = zip(*points, strict=True)
    beta, log_k = statistics.linear_regression(xs, ys)
    return int(math.exp(log_k) * n_words**beta)


def make_corpus(words: int, *, seed: int = 7) -> tuple[list[dict[str, str]], dict[str, Any]]:
    """About ``words`` words of realistic, non-repeating German news (see module docstring)."""
    base, source = _base_texts()
    if sum(len(d["text"].split()) for d in base) > words:  # a small corpus: a prefix of the texts
        rng = random.Random(seed)
        rng.shuffle(base)
        kept, n = [], 0
        while base and n < words:
            kept.append(base.pop())
            n += len(kept[-1]["text"].split())
        base = kept
    base_words = sum(len(d["text"].split()) for d in base)
    copies = max(1, math.ceil(words / base_words))
    target = _heaps_target([d["text"] for d in base], base_words * copies)
    nouns, names, adjectives = _word_classes([d["text"] for d in base])

    def generate(share: float) -> list[dict[str, str]]:
        rng = random.Random(seed)
        out, taken = [], set(names)  # a fresh name is never reused, nor an original one
        for k in range(copies):
            # one name map per copy: a person keeps one (new) name in every article of it
            fresh = {n: _fresh_name(rng, taken) for n in sorted(names)} if k else {}
            for d in base:
                text = (
                    d["text"]
                    if k == 0
                    else _perturb(d["text"], rng, share, nouns, names=fresh, adjectives=adjectives)
                )
                out.append({**d, "id": f"{d['id']}~{k:03d}", "text": text})
        return out

    def distinct(docs: list[dict[str, str]]) -> int:
        return len({c for d in docs for c in d["text"].split()})

    low, high = distinct(generate(0.0)), distinct(generate(1.0))
    share = MAX_SHARE if high <= low else min(MAX_SHARE, max(0.0, (target - low) / (high - low)))
    docs = generate(share)
    info = {
        "source": source,
        "copies": copies,
        "articles": len(docs),
        "words": sum(len(d["text"].split()) for d in docs),
        "distinct_chunks": distinct(docs),
        "distinct_chunks_heaps_target": target,
        "compound_share": round(share, 3),
        "word_classes": {"nouns": len(nouns), "names": len(names), "adjectives": len(adjectives)},
    }
    return docs, info


def _write_jsonl(docs: Sequence[dict[str, str]], path: Path) -> Path:
    with open(path, "w", encoding="utf-8") as fh:
        for d in docs:
            fh.write(json.dumps(d, ensure_ascii=False) + "\n")
    return path
