"""Hand-checked samples of figures: dev articles drawn from the kit's output, train figures picked by hand.

    python -m kit.tools.figure_sample draw  [--n 110] [--seed 20241118] [--template PATH]
    python -m kit eval figures           [--verdicts docs/figure_sample.csv]

``draw`` runs the kit (tag → quotes → figures) on every dev article, draws a
reproducible random sample of figures and prints each with its sentence for
checking by hand (to the terminal only: the benchmark is CC BY-NC-SA and its
text never goes into the repository). ``--template`` writes a verdict file
pre-filled with the kit's answers, one row per figure, keyed by document id
and character offsets; the checker corrects every field that is wrong.

``score`` re-runs the kit and compares it with the verdicts: per field
(value incl. range end, qualifier, unit, category, source, phrase) the share
of sampled figures the kit gets right. A verdict row whose figure the kit no
longer finds counts as wrong in every field. The verdict file holds ids,
offsets and our own per-field answers only, never benchmark sentences.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import random
import sys
from pathlib import Path

from kit import config
from kit.figures.extract import extract_figures
from kit.german.pipeline import get_nlp, tag_article
from kit.quotes.extract import extract_quotes
from kit.records import Article

FIELDS = ("value", "qualifier", "unit", "category", "source", "phrase")
COLUMNS = ("doc_id", "start", "end", "is_figure", "value", "value_high", "qualifier", "unit", "category",
           "source", "phrase_start", "phrase_end", "phrase_label", "note")  # fmt: skip


def dev_articles(split: str = "dev") -> list[Article]:
    """The benchmark articles of ``split`` (read at run time, never copied)."""
    path = config.BENCHMARK_DIR / f"{split}.jsonl.gz"
    if not path.exists():
        sys.exit(f"benchmark {split} split not found at {path}; set KIT_BENCHMARK")
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        docs = [json.loads(line) for line in fh]
    return [Article(d["documentName"].split(" - ", 1)[0], d["originalText"]) for d in docs]


def run_kit(articles: list[Article]) -> dict[str, list]:
    """Figures per article id, through the kit's own pipeline and quote stage."""

    nlp = get_nlp()
    out = {}
    for article in articles:
        doc = tag_article(article, nlp)
        out[article.id] = list(extract_figures(doc, quotes=list(extract_quotes(doc))))
    return out


def _fmt(v: float | None) -> str:
    return "" if v is None else f"{v:g}"


def draw(n: int, seed: int, template: Path | None) -> None:
    articles = dev_articles()
    texts = {a.id: a.text for a in articles}
    figures = run_kit(articles)
    pool = [f for aid in sorted(figures) for f in figures[aid]]
    sample = sorted(random.Random(seed).sample(pool, min(n, len(pool))),
                    key=lambda f: (int(f.article_id), f.start))  # fmt: skip
    rows = []
    for k, f in enumerate(sample):
        text = texts[f.article_id]
        s_start = text.find(f.sentence) if f.sentence else -1
        p_start = text.find(f.phrase, s_start if s_start >= 0 else 0) if f.phrase else -1
        print(f"#{k} {f.article_id} {f.start}-{f.end} [{f.text}] value={_fmt(f.value)} high={_fmt(f.value_high)} "
              f"q={f.qualifier} unit={f.unit} cat={f.category} src={f.source!r} phrase={f.phrase!r}\n"
              f"    {f.sentence}\n")  # fmt: skip
        rows.append({
            "doc_id": f.article_id, "start": f.start, "end": f.end, "is_figure": 1,
            "value": _fmt(f.value), "value_high": _fmt(f.value_high), "qualifier": f.qualifier,
            "unit": f.unit, "category": f.category, "source": f.source,
            "phrase_start": p_start if p_start >= 0 else "", "phrase_end": p_start + len(f.phrase) if p_start >= 0 else "",
            "phrase_label": f.phrase if f.phrase and p_start < 0 else "", "note": "",
        })  # fmt: skip
    print(
        f"{len(sample)} of {len(pool)} figures in {len(articles)} dev articles (seed {seed})",
        file=sys.stderr,
    )
    if template is not None:
        with template.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)


def _num(s: str) -> float | None:
    return float(s) if s.strip() else None


def _same_number(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 1e-6 * max(1.0, abs(b))


def _same_source(pred: str, gold: str) -> bool:
    pred, gold = pred.strip().lower(), gold.strip().lower()
    if not pred or not gold:
        return pred == gold
    return gold in pred or pred in gold


def _ok(f, r: dict[str, str], text: str) -> dict[str, bool]:
    """Which fields of kit figure ``f`` agree with the verdict row ``r``."""
    # the phrase as offsets into the article, or a label of ours ("Alter" for ages)
    gold_phrase = (
        text[int(r["phrase_start"]) : int(r["phrase_end"])]
        if r["phrase_start"]
        else r["phrase_label"]
    )
    return {
        "value": _same_number(f.value, _num(r["value"])) and _same_number(f.value_high, _num(r["value_high"])),
        "qualifier": f.qualifier == r["qualifier"],
        "unit": f.unit == r["unit"],
        "category": f.category == r["category"],
        "source": _same_source(f.source, r["source"]),
        "phrase": f.phrase == gold_phrase,
    }  # fmt: skip


def _overlapping(figures: list, start: int, end: int):
    """The kit figure that overlaps [start, end) most (hand-picked rows span the number only)."""
    best, best_len = None, 0
    for f in figures:
        n = min(f.end, end) - max(f.start, start)
        if n > best_len:
            best, best_len = f, n
    return best


def score(verdicts: Path) -> dict[str, float]:
    """Per-field accuracy of the kit against a verdict file.

    The dev sample (``figure_sample.csv``) was drawn from the kit's own output:
    rows are matched on exact offsets and ``detection_precision`` is the share
    of real figures among them. A hand-picked file with a ``set`` column
    (``figure_sample_train.csv``, train split) spans only the number: a row is
    matched to the kit figure overlapping it most, ``detection_recall`` is the
    share the kit finds, and the fields are scored per set (the phrase is not).
    """
    with verdicts.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    picked = bool(rows) and "set" in rows[0]
    articles = dev_articles("train" if picked else "dev")
    texts = {a.id: a.text for a in articles}
    wanted = {r["doc_id"] for r in rows}
    figures = run_kit([a for a in articles if a.id in wanted])
    if not picked:
        index = {(f.article_id, f.start, f.end): f for fs in figures.values() for f in fs}
        real = [r for r in rows if r["is_figure"] == "1"]
        right = dict.fromkeys(FIELDS + ("all",), 0)
        for r in real:
            f = index.get((r["doc_id"], int(r["start"]), int(r["end"])))
            if f is None:
                continue
            ok = _ok(f, r, texts[r["doc_id"]])
            for field, good in ok.items():
                right[field] += good
            right["all"] += all(ok.values())
        result: dict[str, float] = {
            "sampled": len(rows),
            "real_figures": len(real),
            "detection_precision": len(real) / max(1, len(rows)),
        }
        result |= {f"{field}_accuracy": right[field] / max(1, len(real)) for field in right}
        return result
    result = {}
    fields = FIELDS[:-1]
    for name in sorted({r["set"] for r in rows}):
        sub = [r for r in rows if r["set"] == name]
        right = dict.fromkeys(fields + ("all", "found"), 0)
        for r in sub:
            f = _overlapping(figures.get(r["doc_id"], []), int(r["start"]), int(r["end"]))
            if f is None:
                continue
            right["found"] += 1
            ok = {k: v for k, v in _ok(f, r, texts[r["doc_id"]]).items() if k in fields}
            for field, good in ok.items():
                right[field] += good
            right["all"] += all(ok.values())
        result[f"{name}.rows"] = len(sub)
        result[f"{name}.detection_recall"] = right["found"] / max(1, len(sub))
        result |= {
            f"{name}.{field}_accuracy": right[field] / max(1, len(sub))
            for field in fields + ("all",)
        }
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("draw")
    d.add_argument("--n", type=int, default=110)
    d.add_argument("--seed", type=int, default=20241118)
    d.add_argument("--template", type=Path)
    s = sub.add_parser("score")
    s.add_argument(
        "--verdicts",
        type=Path,
        action="append",
        help="verdict file (repeatable; default: docs/figure_sample.csv and docs/figure_sample_train.csv)",
    )
    args = parser.parse_args(argv)
    if args.cmd == "draw":
        draw(args.n, args.seed, args.template)
        return 0
    files = args.verdicts or [
        config.DOCS_DIR / "figure_sample.csv",
        config.DOCS_DIR / "figure_sample_train.csv",
    ]
    for path in files:
        if not path.exists():
            print(f"verdict file not found: {path}", file=sys.stderr)
            continue
        print(f"# {path.name}")
        for key, value in score(path).items():
            print(f"{key:36} {value:.3f}" if isinstance(value, float) else f"{key:36} {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
