"""Score the kit's speakers on real web news against a speaker list written by hand.

``python -m kit eval speakers`` reads the body text of the real pages at run
time (``../shared/benchmarks/german-news-html/expected.jsonl``: title and
paragraphs joined by blank lines, the same text as ``/tmp/devpages/<stem>.txt``),
builds the pages listed in ``tests/data/web_speakers.tsv`` with the kit
(``kit.corpus.builder.build``: per-article extraction, then the corpus-level
canonical speakers, no analyst corrections) and compares every quote's
canonical speaker with the page's list.

Definitions (one page at a time, then summed over the pages):

- a *form* of a listed speaker matches a name when both have the same
  :func:`kit.corpus.names.name_key` (case, hyphens, apostrophes, full stops,
  accents and spacing ignored: "Weiße Haus" = "weiße haus", "Kim Jong-un" =
  "Kim Jong Un"); nothing else is fuzzy.
- **precision** = attributed quotes (non-empty ``speaker``) whose speaker
  matches a form of some speaker on the page's list / all attributed quotes; a joint
  speaker ("China und Russland") matches when each of its two parts does;
- **recall** = listed speakers that are the speaker (or a part of a joint speaker) of
  at least one quote of their page / all listed speakers;
- **unlisted** = the speaker names of the page's quotes that match no form
  (with their counts): each one is a quote given to someone the list does not
  have as saying anything in that article;
- **role-word names** = canonical speakers (of any page) whose first word is a
  role word — a role title of the kit's data (``kit/resources/roles.txt``,
  ``speaker_titles.txt``) or a word of a role written in the list — followed
  by a name ("Philosoph Richard David Precht", "Virologe Christian Drosten").

The benchmark text is CC BY-NC-SA and the pages belong to their publishers:
it is read at run time, never copied; the list holds names only.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kit import config
from kit.corpus.names import has_role_stem, joint_parts, name_key

#: the hand-written speaker list and the pages' expected text
DEFAULT_LIST = config.ROOT / "tests" / "data" / "web_speakers.tsv"
DEFAULT_PAGES = config.ROOT.parent / "shared" / "benchmarks" / "german-news-html" / "expected.jsonl"


@dataclass(frozen=True)
class Listed:
    """One row of the list: a speaker of one page and the forms the text uses."""

    speaker: str
    kind: str
    forms: tuple[str, ...]
    role: str

    def keys(self) -> set[str]:
        return {name_key(f) for f in (self.speaker, *self.forms) if f} - {""}


def read_list(path: Path | str = DEFAULT_LIST) -> dict[str, list[Listed]]:
    """Page stem → listed speakers (a page marked ``- - - -`` has an empty list)."""
    out: dict[str, list[Listed]] = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if cells[0] == "file":
            continue  # the header
        cells += [""] * (5 - len(cells))
        stem = cells[0].split(".", 1)[0]
        rows = out.setdefault(stem, [])
        if cells[1] == "-":
            continue
        forms = tuple(f.strip() for f in cells[3].split(";") if f.strip())
        rows.append(Listed(cells[1].strip(), cells[2].strip(), forms, cells[4].strip()))
    return out


def page_texts(path: Path | str = DEFAULT_PAGES) -> dict[str, str]:
    """Page stem → body text (title and paragraphs joined by blank lines)."""
    out = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                d = json.loads(line)
                stem = d["file"].split(".", 1)[0]
                out[stem] = "\n\n".join([d.get("title") or "", *d.get("paragraphs", [])]).strip()
    return out


@dataclass
class PageScore:
    page: str
    n_quotes: int = 0  # attributed quotes
    n_correct: int = 0
    n_listed: int = 0
    found: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    unlisted: Counter[str] = field(default_factory=Counter)


def _role_words(listing: dict[str, list[Listed]]) -> set[str]:
    words = set()
    for rows in listing.values():
        for row in rows:
            for role in row.role.split(";"):
                for w in role.split():
                    if w[:1].isupper():
                        words.add(name_key(w))
    return words


def starts_with_role(name: str, role_words: set[str] = frozenset()) -> bool:
    """ "Philosoph Richard David Precht", "Liverpools Trainer Jürgen Klopp", "Osnabrücker
    Leseforscher Christian Dawidowski" → True; "Richard David Precht", "Kreml-Sprecher",
    "Sprecher des Ministeriums" (a description, no name after it) → False.

    A role word is a role title of the kit's data or a word (also the last part of a
    compound: "Mitschüler" for "Schüler") of a role written in the list; a place
    adjective or genitive before it ("Osnabrücker", "Liverpools") belongs to the role."""
    from kit.quotes.mentions import is_role

    def role_like(w: str) -> bool:
        key = name_key(w)
        if key.endswith("s") and key[:-1] in role_words:
            return True  # a genitive: "des EPI-Managers Chris Scheuermann"
        return (
            is_role(w)
            or has_role_stem(w)
            or key in role_words
            or any(len(r) >= 4 and key.endswith(r) for r in role_words)
        )

    parts = name.split()
    k = 0
    while k < len(parts) - 1 and (
        role_like(parts[k])
        or (parts[k][:1].isupper() and parts[k].endswith(("er", "s")) and role_like(parts[k + 1]))
    ):
        k += 1
    rest = parts[k:]
    if k == 0 or not rest:
        return False
    # a name follows: capitalised words (and name particles) that are no role words
    return rest[0][:1].isupper() and all(
        (w[:1].isupper() and not role_like(w)) or w in {"von", "van", "de", "der", "da", "di"}
        for w in rest
    )


def _listed(speaker: str, keys: list[set[str]]) -> set[int]:
    """The rows of the list that ``speaker`` names: a form of one row, or for a joint
    speaker ("Verfassungsschutz und Bundesnachrichtendienst", see
    :meth:`kit.quotes.naming.NameRules._joint`) a form of a row for each part
    (empty if any part is not listed: the quote is then given to someone unlisted)."""
    k = name_key(speaker)
    hits = {i for i, ks in enumerate(keys) if k in ks}
    parts = joint_parts(speaker)
    if hits or not parts:
        return hits
    found = [{i for i, ks in enumerate(keys) if name_key(p) in ks} for p in parts]
    return set().union(*found) if all(found) else set()


def score_quotes(
    quotes: Sequence[dict[str, Any]], listing: dict[str, list[Listed]]
) -> dict[str, Any]:
    """Precision, recall and unlisted names of ``quotes`` (dicts with article_id, speaker)."""
    by_page: dict[str, list[str]] = defaultdict(list)
    for q in quotes:
        sp = str(q.get("speaker") or "").strip()
        if sp:
            by_page[str(q["article_id"])].append(sp)
    pages: list[PageScore] = []
    for page, rows in sorted(listing.items()):
        ps = PageScore(page, n_listed=len(rows))
        keys = [row.keys() for row in rows]
        said: set[int] = set()
        for sp in by_page.get(page, []):
            hits = _listed(sp, keys)
            ps.n_quotes += 1
            if hits:
                ps.n_correct += 1
                said.update(hits)
            else:
                ps.unlisted[sp] += 1
        ps.found = [rows[i].speaker for i in sorted(said)]
        ps.missed = [row.speaker for i, row in enumerate(rows) if i not in said]
        pages.append(ps)
    n_q = sum(p.n_quotes for p in pages)
    n_c = sum(p.n_correct for p in pages)
    n_l = sum(p.n_listed for p in pages)
    n_f = sum(len(p.found) for p in pages)
    role_words = _role_words(listing)
    # a name the list itself gives as a form ("Thüringer Familienunternehmer") is the text's
    # own name for a group, not a person's name behind a role word
    role_named = sorted(
        {
            sp
            for page, rows in listing.items()
            for sp in by_page.get(page, [])
            if starts_with_role(sp, role_words)
            and not any(name_key(sp) in row.keys() for row in rows)
        }
    )
    return {
        "pages": len(pages),
        "attributed_quotes": n_q,
        "correct_quotes": n_c,
        "precision": round(n_c / n_q, 3) if n_q else None,
        "listed_speakers": n_l,
        "found_speakers": n_f,
        "recall": round(n_f / n_l, 3) if n_l else None,
        "role_word_names": role_named,
        "per_page": [
            {
                "page": p.page,
                "attributed": p.n_quotes,
                "correct": p.n_correct,
                "listed": p.n_listed,
                "missed": p.missed,
                "unlisted": dict(p.unlisted.most_common()),
            }
            for p in pages
        ],
    }


def build_pages(
    texts: dict[str, str], *, cache: bool = True, progress: bool = False
) -> list[dict[str, Any]]:
    """Build the pages with the kit (as ``kit build`` would, without corrections);
    the quotes table as a list of dicts."""
    from kit.corpus.builder import build

    with tempfile.TemporaryDirectory(prefix="kit-speakers-") as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        for stem, text in texts.items():
            (folder / f"{stem}.txt").write_text(text, encoding="utf-8")
        corpus = build(
            [folder],
            cache=cache,
            progress=progress,
            corrections_dir=Path(tmp) / "no-corrections",
        )
    return corpus.quotes.to_dict("records")


def evaluate_speakers(
    list_path: Path | str = DEFAULT_LIST,
    pages_path: Path | str = DEFAULT_PAGES,
    *,
    cache: bool = True,
    progress: bool = False,
) -> dict[str, Any]:
    listing = read_list(list_path)
    texts = page_texts(pages_path)
    missing = sorted(set(listing) - set(texts))
    if missing:
        raise FileNotFoundError(
            f"{pages_path} has no page {missing[0]!r} of {list_path} ({len(missing)} missing)"
        )
    quotes = build_pages({p: texts[p] for p in listing}, cache=cache, progress=progress)
    return score_quotes(quotes, listing)


def summary(result: dict[str, Any], *, pages: bool = True) -> str:
    """A screen of text: one line per page with errors, then the totals."""
    out = []
    if pages:
        for p in result["per_page"]:
            if not p["unlisted"] and not p["missed"]:
                continue
            out.append(f"{p['page']}: {p['correct']}/{p['attributed']} quotes right")
            if p["unlisted"]:
                names = ", ".join(f"{n} ({c})" for n, c in p["unlisted"].items())
                out.append(f"    not on the list: {names}")
            if p["missed"]:
                out.append(f"    listed, no quote: {', '.join(p['missed'])}")
    out.append(
        f"precision {result['precision']} ({result['correct_quotes']}/"
        f"{result['attributed_quotes']} attributed quotes), recall {result['recall']} "
        f"({result['found_speakers']}/{result['listed_speakers']} listed speakers), "
        f"{result['pages']} pages"
    )
    role = result["role_word_names"]
    out.append(
        f"names starting with a role word: {len(role)}" + (f" ({'; '.join(role)})" if role else "")
    )
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        prog="python -m kit eval speakers", description=__doc__.split("\n")[0]
    )
    p.add_argument("--list", default=str(DEFAULT_LIST), help="the hand-written speaker list (TSV)")
    p.add_argument("--pages", default=str(DEFAULT_PAGES), help="expected.jsonl of the web pages")
    p.add_argument("--no-cache", action="store_true", help="re-tag every page")
    p.add_argument("--json", action="store_true", help="the full result as JSON on stdout")
    args = p.parse_args(argv)
    result = evaluate_speakers(args.list, args.pages, cache=not args.no_cache)
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    print(summary(result, pages=not args.json), file=sys.stderr if args.json else sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
