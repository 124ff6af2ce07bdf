"""One canonical name per speaker across the corpus, analyst corrections, and quote reuse.

:func:`kit.quotes.extract.extract_quotes` names the speaker of each quote as the
article knows it ("US-Außenminister Antony Blinken", "Blinken", "Herr
Austin"). Here, across all articles:

1. **Name and role.** Honorifics are dropped ("Herr Austin" → "Austin") and a
   leading title becomes the role ("US-Außenminister Antony Blinken" → role
   "US-Außenminister", name "Antony Blinken"; "Sprecher des
   US-Außenministeriums Matthew Miller" → role "Sprecher des
   US-Außenministeriums"). The mention can correct the article-level name:
   a fuller name wins ("Antony" + mention "Antony Blinken"), and a name that
   belongs to someone else is not the speaker ("der Stabschef von Herrn
   Selenskyj", "Washingtons Verbündete"). A bare description ("der Sender")
   goes to the article's one named speaker with that role ("der japanische
   Sender NHK").
2. **Full names** (two words or more) are one speaker when they agree up to case
   and hyphens ("Kim Jong-un" = "Kim Jong Un").
3. **One-word names** ("Blinken", "Kim") join the full name containing that word
   as its first or last word, first among the full names of the same article
   (quote speakers and PER entities), then across the corpus, and only where
   that full name is unique: in an article that names both Kim Jong-un and
   Kim Yong-hyun, "Kim" stays "Kim" (no evidence, no merge).
4. **Corrections** by the analyst (``data/speaker_corrections.csv``, format and
   functions in :mod:`kit.corpus.corrections`, re-exported here) are applied
   last, so they survive rebuilds.
5. **Reuse.** The same quote (same words, ignoring case, punctuation and
   spacing; or a quote of six words or more found whole inside a longer one)
   in several articles gets ``n_articles`` and ``first_seen_in`` (the article
   with the earliest date, then the smallest id). Given the article texts, a
   quote also counts every article that carries its whole sentence (seeds
   001 and 002 share paragraphs), even where the extractor found no quote
   there.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from kit.corpus.corrections import (
    ACTIONS,
    CORRECTION_FIELDS,
    Correction,
    add_correction,
    apply_corrections,
    load_corrections,
    merge_map,
    remove_correction,
)
from kit.corpus.names import (
    DETERMINERS,
    HONORIFICS,
    PARTICLES,
    PRONOUNS,
    ROLE_STEMS,
    has_role_stem,
    joint_parts,
    name_key,
    parse_phrase,
    split_role,
)
from kit.records import QUOTE_COLUMNS, QUOTE_EXTRA_COLUMNS, SPEAKER_COLUMNS

__all__ = [
    "ACTIONS",
    "CORRECTION_FIELDS",
    "DETERMINERS",
    "HONORIFICS",
    "MIN_CONTAINED_WORDS",
    "ROLE_STEMS",
    "Correction",
    "SpeakerResolution",
    "add_correction",
    "apply_corrections",
    "link_reuse",
    "load_corrections",
    "name_key",
    "quote_key",
    "remove_correction",
    "resolve_corpus",
    "speakers_table",
    "split_role",
]

# ------------------------------------------------------------------ resolution


@dataclass
class SpeakerResolution:
    """The corpus-level quotes and speakers tables, and the name map behind them."""

    quotes: pd.DataFrame
    speakers: pd.DataFrame
    names: dict[tuple[str, str], str] = field(default_factory=dict, repr=False)

    def canonical(self, article_id: str, name: str) -> str:
        """The corpus name of a speaker named ``name`` in article ``article_id``.

        Used for figure sources: ``canonical("002_…", "Blinken") -> "Antony Blinken"``.
        Unknown names come back unchanged (with role and honorific removed).
        """
        if not isinstance(name, str) or not name:
            return name
        for key in (name_key(name), name_key(split_role(name)[1])):
            if (article_id, key) in self.names:
                return self.names[(article_id, key)]
            if ("", key) in self.names:
                return self.names[("", key)]
        return split_role(name)[1]


def _entity_names(entities: pd.DataFrame | None) -> dict[str, list[tuple[str, str]]]:
    """article id → [(name, label)] of its entities (canonical text where given)."""
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    if entities is None or not len(entities) or "article_id" not in entities:
        return out
    canon = entities["canonical"] if "canonical" in entities else entities["text"]
    for art, text, can, label in zip(
        entities["article_id"], entities["text"], canon, entities["label"], strict=True
    ):
        name = str(can or text or "").strip()
        if name:
            out[str(art)].append((split_role(name)[1], str(label)))
    return out


_KIND_OF_LABEL = {"PER": "person", "ORG": "organisation", "LOC": "country"}


def resolve_corpus(
    quotes: list[dict[str, Any]],
    entities: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    corrections: Path | None = None,
    texts: dict[str, str] | None = None,
) -> SpeakerResolution:
    """Canonical speakers, corrections and reuse for the corpus (see the module docstring).

    ``texts`` (article id → text) lets reuse see shared paragraphs too.
    """
    frame = pd.DataFrame(quotes, columns=list(QUOTE_COLUMNS) + list(QUOTE_EXTRA_COLUMNS))
    for col in ("speaker", "speaker_mention", "role", "speaker_kind", "quote_text"):
        frame[col] = frame[col].fillna("").astype(str)
    frame["article_id"] = frame["article_id"].astype(str)
    # spans as in the records, whether the payload came fresh (tuples) or from the cache (lists)
    for col in ("quote_spans", "cue_spans", "frame_spans", "addressee_spans"):
        frame[col] = [
            tuple(tuple(s) for s in v) if isinstance(v, (list, tuple)) else () for v in frame[col]
        ]
    dates = _article_dates(articles)
    ents = _entity_names(entities)

    # 1. name and role of every quote's speaker
    frame["speaker_name"] = frame["speaker"]
    bare, roles = _names_and_roles(frame)
    frame["role"] = roles

    # 2. full-name clusters: key → surface forms (quotes and PER entities count)
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    article_full: dict[str, set[str]] = defaultdict(set)
    kinds_of: dict[str, Counter[str]] = defaultdict(Counter)
    for art, name in zip(frame["article_id"], bare, strict=True):
        # a description ("hochrangige russische Beamte") is no full name that "Beamte" or
        # "Russland" could be short for: only runs of capitalised words (and particles)
        if len(name.split()) >= 2 and all(w[:1].isupper() or w in PARTICLES for w in name.split()):
            forms[name_key(name)][name] += 1
            article_full[art].add(name_key(name))
    for art, names in ents.items():
        for name, label in names:
            if label == "PER" and len(name.split()) >= 2 and name.split()[0][:1].isupper():
                forms[name_key(name)][name] += 1
                article_full[art].add(name_key(name))
            kinds_of[name_key(name)][_KIND_OF_LABEL.get(label, "")] += 1
    display = {k: max(c, key=lambda s: (c[s], "-" in s, len(s), s)) for k, c in forms.items()}
    by_word: dict[str, set[str]] = defaultdict(set)  # one word → full-name keys it starts/ends
    for key in forms:
        parts = key.split()
        by_word[parts[0]].add(key)
        by_word[parts[-1]].add(key)

    # 3. every (article, name) → canonical
    names: dict[tuple[str, str], str] = {}

    def resolve(art: str, name: str, role: str = "", kind: str = "") -> str:
        key = name_key(name)
        if not key or key in PRONOUNS:
            return name
        if key in display:
            return display[key]
        if len(key.split()) == 1:
            local = by_word.get(key, set()) & article_full.get(art, set())
            if len(local) == 1:
                return display[next(iter(local))]
            # another article's full name only by its family name ("Blinken"), never by a
            # first name ("Nicolas" is no Nicolás Maduro) or a description ("der Trainer")
            full = by_word.get(key, set())
            if not local and len(full) == 1 and not has_role_stem(name) and kind in {"", "person"}:
                only = next(iter(full))
                if only.split()[-1] == key and not (role and name_key(role).split()[-1:] == [key]):
                    return display[only]
        return name

    def resolve_joint(art: str, name: str, role: str = "", kind: str = "") -> str:
        if parts := joint_parts(name):
            return " und ".join(resolve(art, p) for p in parts)
        return resolve(art, name, role, kind)

    canon = [
        resolve_joint(art, name, role, kind) if name else ""
        for art, name, role, kind in zip(
            frame["article_id"], bare, roles, frame["speaker_kind"], strict=True
        )
    ]
    canon = _resolve_descriptions(frame["article_id"].tolist(), bare, roles, canon)
    for art, raw, name, c in zip(frame["article_id"], frame["speaker"], bare, canon, strict=True):
        if raw:
            names[(art, name_key(raw))] = c
            names[(art, name_key(name))] = c
    for key, disp in display.items():
        names[("", key)] = disp
    for key, fulls in by_word.items():
        if len(fulls) == 1:
            names.setdefault(("", key), display[next(iter(fulls))])
    frame["speaker"] = canon

    # 4. corrections (after all automatic steps, so they survive rebuilds)
    fixes = load_corrections(corrections)
    if fixes:
        follow = merge_map(
            frame["speaker"].tolist(),
            frame["speaker_name"].tolist(),
            frame["speaker_mention"].tolist(),
            fixes,
        )
        frame = apply_corrections(frame, fixes)
        names = {k: follow(v) for k, v in names.items()}
        for art, raw, name, sp in zip(
            frame["article_id"], frame["speaker_name"], bare, frame["speaker"], strict=True
        ):
            if raw:
                names[(art, name_key(raw))] = sp
                names[(art, name_key(name))] = sp
    frame["speaker_kind"] = [
        k or _guess_kind(s, kinds_of)
        for k, s in zip(frame["speaker_kind"], frame["speaker"], strict=True)
    ]

    # 5. reuse
    frame = link_reuse(frame, dates, texts=texts)
    speakers = speakers_table(frame, dates)
    out = frame.drop(columns=["speaker_name"]).reindex(
        columns=list(QUOTE_COLUMNS) + list(QUOTE_EXTRA_COLUMNS)
    )
    return SpeakerResolution(out, speakers, names)


def _guess_kind(name: str, kinds_of: dict[str, Counter[str]]) -> str:
    if not name:
        return ""
    counts = kinds_of.get(name_key(name))
    if counts:
        kind, _ = counts.most_common(1)[0]
        if kind:
            return kind
    return ""


def _names_and_roles(frame: pd.DataFrame) -> tuple[list[str], list[str]]:
    """Bare name and role per quote, from the article-level name and the mention.

    The mention can show that the name belongs to someone else ("der Stabschef
    von Herrn Selenskyj", "Washingtons Verbündete"); the speaker is then the
    described person, also for the article's other quotes given the same name
    and role (pronoun mentions resolved to it).
    """
    bare: list[str] = []
    roles: list[str] = []
    override: dict[tuple[str, str, str], tuple[str, str]] = {}
    rows = list(
        zip(
            frame["article_id"],
            frame["speaker"],
            frame["speaker_mention"],
            frame["role"],
            strict=True,
        )
    )
    for (art, raw, mention, role), kind in zip(rows, frame["speaker_kind"], strict=True):
        if not raw.strip():
            bare.append("")
            roles.append(role)
            continue
        if kind in {"organisation", "document"}:
            # the article named it from the tags: "Bayerische Landesanstalt für Weinbau und
            # Gartenbau" is no person "Gartenbau", a spokesperson's body no description
            bare.append(raw.strip())  # as the article named it ("Die Mitte" keeps its article)
            roles.append(role or (parse_phrase(mention)[0] if mention.strip() else ""))
            continue
        if parts := joint_parts(raw):
            # two who speak together: each part keeps its name without role words
            bare.append(" und ".join(split_role(p)[1] for p in parts))
            roles.append(role)
            continue
        r, name = split_role(raw)
        m_role, m_name, someone_else = parse_phrase(mention) if mention.strip() else ("", "", False)
        m_words = [w for w in mention.split() if w.casefold() not in DETERMINERS]
        n_words, m_name_words = name_key(name).split(), name_key(m_name).split()
        if someone_else and n_words and n_words[-1] in m_name_words:
            r, name = m_role, m_name
            override[(art, name_key(raw), role)] = (r, name)
        elif (
            not someone_else
            and len(m_name_words) > len(n_words) == 1
            and m_name_words[: len(n_words)] == n_words
            and not set(m_name_words) & set(name_key(role).split())
            and not {"und", "sowie", "oder"} & set(name_key(mention).split())
        ):
            # the mention names the speaker more fully, the article name first ("Antony" →
            # "Antony Blinken"; not "Verdi" → "Gewerkschaften Verdi"); a
            # name of two words or more is the article's reading (it saw the tags: not
            # "Klimaforscher Karsten Haustein", "Johanna Baehr von der Universität Hamburg"),
            # and the article's role words are never part of the name
            r, name = r or m_role, m_name
            override[(art, name_key(raw), role)] = (r, name)
        elif (
            len(raw.split()) == 1 and raw.endswith("s") and 2 <= len(m_words) <= 4
            and m_words[0] == raw and not has_role_stem(m_words[0])
        ):  # fmt: skip
            # prenominal genitive: "Washingtons Verbündete" are not Washington
            r, name = "", " ".join(m_words)
            override[(art, name_key(raw), role)] = (r, name)
        elif not someone_else and name_key(m_name) == name_key(name):
            r = r or m_role
        bare.append(name)
        roles.append(role or r)
    for i, ((art, raw, _mention, role), kind) in enumerate(
        zip(rows, frame["speaker_kind"], strict=True)
    ):
        fix = override.get((art, name_key(raw), role))
        if raw.strip() and fix and bare[i] != fix[1] and kind not in {"organisation", "document"}:
            roles[i], bare[i] = fix[0] or role, fix[1]
    return bare, roles


def _resolve_descriptions(
    articles: Sequence[str], bare: Sequence[str], roles: Sequence[str], canon: Sequence[str]
) -> list[str]:
    """A one-word description ("der Sender", "Kreml-Sprecher") → the article's unique
    named speaker whose role ends in that word ("der japanische Sender NHK"); another
    description ("hochrangige russische Beamte") is no name for "die Beamten"."""
    holders: dict[tuple[str, str], set[str]] = defaultdict(set)
    for art, role, c in zip(articles, roles, canon, strict=True):
        named = all(w[:1].isupper() or w in PARTICLES for w in c.split())
        if role and c and named and name_key(c) != name_key(role):
            holders[(art, name_key(role.split()[-1]))].add(c)
            holders[(art, name_key(role))].add(c)
    out = list(canon)
    for i, (art, name) in enumerate(zip(articles, bare, strict=True)):
        if name and len(name.split()) == 1 and has_role_stem(name):
            found = holders.get((art, name_key(name)), set())
            if len(found) == 1:
                out[i] = next(iter(found))
    return out


def _article_dates(articles: pd.DataFrame | None) -> dict[str, str]:
    if articles is None or not len(articles) or "id" not in articles:
        return {}
    dates = articles["date"] if "date" in articles else [""] * len(articles)
    return {
        str(i): ("" if pd.isna(d) else str(d)) for i, d in zip(articles["id"], dates, strict=True)
    }


def quote_key(text: str) -> str:
    """Reuse key of a quote: its words, lower-cased, punctuation and spacing ignored."""
    return " ".join(re.findall(r"\w+", text.casefold()))


#: a quote of at least this many words also matches a longer quote that contains it
#: (one outlet cut the quote short); shorter ones must match exactly
MIN_CONTAINED_WORDS = 6


def _reuse_groups(keys: Sequence[str]) -> dict[str, str]:
    """Quote key → representative key: identical keys, plus a key of at least
    :data:`MIN_CONTAINED_WORDS` words contained (whole words) in a longer one."""
    parent = {k: k for k in set(keys) if k}

    def find(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    n = MIN_CONTAINED_WORDS
    by_shingle: dict[str, set[str]] = defaultdict(set)  # every n words of a key → keys
    for k in parent:
        words = k.split()
        for i in range(len(words) - n + 1):
            by_shingle[" ".join(words[i : i + n])].add(k)
    for k in parent:
        words = k.split()
        if len(words) < n:
            continue
        # a key that contains k contains every n-gram of k: its rarest one gives the fewest
        # candidates (a common opening such as "die zahl der … ist seit" would give all)
        rarest = min(
            (by_shingle[" ".join(words[i : i + n])] for i in range(len(words) - n + 1)), key=len
        )
        for other in rarest:
            if other != k and len(other) > len(k) and f" {k} " in f" {other} ":
                parent[find(k)] = find(other)
    return {k: find(k) for k in parent}


def _carriers(sentences: Sequence[str], texts: dict[str, str]) -> list[set[str]]:
    """For each sentence, the articles whose text carries it whole (words compared).

    One pass over the corpus: every article's word 6-grams are looked up in
    the (small) set of the sentences' first 6-grams, and only those candidates
    are checked in full, so memory stays with the quotes, not the corpus.
    """
    n = MIN_CONTAINED_WORDS
    keys = [quote_key(s) for s in sentences]
    heads: dict[str, list[int]] = defaultdict(list)
    for i, key in enumerate(keys):
        words = key.split()
        if len(words) >= n:
            heads[" ".join(words[:n])].append(i)
    found: list[set[str]] = [set() for _ in keys]
    if not heads:
        return found
    key_words = [k.split() for k in keys]
    firsts = {head.split(" ", 1)[0] for head in heads}  # most places open no sentence
    for article_id, text in texts.items():
        words = quote_key(text).split()
        aid = str(article_id)
        for j in range(len(words) - n + 1):
            if words[j] not in firsts:
                continue
            hits = heads.get(" ".join(words[j : j + n]))
            if not hits:
                continue
            # the sentence's words at this place (not a search of the whole article per hit,
            # which is quadratic on a long article that carries its own quotes' sentences)
            for i in hits:
                kw = key_words[i]
                if aid not in found[i] and words[j : j + len(kw)] == kw:
                    found[i].add(aid)
    return found


def link_reuse(
    quotes: pd.DataFrame, dates: dict[str, str], *, texts: dict[str, str] | None = None
) -> pd.DataFrame:
    """Set ``first_seen_in`` and ``n_articles`` from the same quote in other articles.

    "The same" is an equal :func:`quote_key`, or a quote of at least
    :data:`MIN_CONTAINED_WORDS` words found whole inside a longer one; with
    ``texts``, also every article that carries the quote's whole sentence
    (a shared agency paragraph, whether or not a quote was extracted there).
    The first article is the one with the earliest date (undated articles
    last), then the smallest id.
    """
    out = quotes.copy()
    keys = [quote_key(t) for t in out["quote_text"].fillna("").astype(str)]
    group = _reuse_groups(keys)
    keys = [group.get(k, "") for k in keys]
    arts: dict[str, set[str]] = defaultdict(set)
    for k, a in zip(keys, out["article_id"], strict=True):
        if k:
            arts[k].add(str(a))
    if texts:
        sentences = out["sentence"].fillna("").astype(str).tolist()
        for i, (a, carriers) in enumerate(
            zip(out["article_id"], _carriers(sentences, texts), strict=True)
        ):
            if len(carriers | {str(a)}) > 1:
                if not keys[i]:
                    keys[i] = f"\0{i}"  # a quote without words still gets its sentence's articles
                arts[keys[i]] |= carriers | {str(a)}

    def order(a: str) -> tuple[int, str, str]:
        d = dates.get(a, "")
        return (0 if d else 1, d, a)

    first = {k: min(v, key=order) for k, v in arts.items()}
    out["first_seen_in"] = [
        first.get(k, str(a)) for k, a in zip(keys, out["article_id"], strict=True)
    ]
    out["n_articles"] = [len(arts[k]) if k else 1 for k in keys]
    return out


def _joined(values: Iterable[str], exclude: str = "") -> str:
    counts = Counter(v for v in values if v and v != exclude)
    return "; ".join(v for v, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def speakers_table(quotes: pd.DataFrame, dates: dict[str, str]) -> pd.DataFrame:
    """One row per canonical speaker: kind, roles, aliases, counts, first and last date."""
    rows = []
    named = quotes[quotes["speaker"].fillna("").astype(str) != ""]
    # the groups as plain lists (one pass), not a pandas group per speaker
    columns = {
        col: named[col].tolist()
        for col in ("speaker", "speaker_kind", "article_id", "speaker_mention", "role")
    }
    names_col = named["speaker_name"].tolist() if "speaker_name" in named else columns["speaker"]
    members: dict[Any, list[int]] = defaultdict(list)
    for k, sp in enumerate(columns["speaker"]):
        members[sp].append(k)
    for speaker in sorted(members):
        group = members[speaker]
        kinds = Counter(k for k in (columns["speaker_kind"][m] for m in group) if k)
        arts = sorted({str(columns["article_id"][m]) for m in group})
        days = sorted(d for a in arts if (d := dates.get(a, "")))
        alias_src = [names_col[m] for m in group] + [columns["speaker_mention"][m] for m in group]
        aliases = [
            bare
            for a in alias_src
            if (bare := split_role(str(a))[1]) and name_key(bare) not in PRONOUNS
            and name_key(bare) != name_key(str(speaker))
            and not all(w[:1].islower() or has_role_stem(w) for w in bare.split())  # a description
        ]  # fmt: skip
        rows.append({
            "speaker": speaker,
            "kind": kinds.most_common(1)[0][0] if kinds else "",
            "roles": _joined(columns["role"][m] for m in group),
            "aliases": _joined(aliases),
            "n_quotes": len(group),
            "n_articles": len(arts),
            "first_date": days[0] if days else "",
            "last_date": days[-1] if days else "",
        })  # fmt: skip
    table = pd.DataFrame(rows, columns=list(SPEAKER_COLUMNS))
    return table.sort_values(["n_quotes", "speaker"], ascending=[False, True], ignore_index=True)
