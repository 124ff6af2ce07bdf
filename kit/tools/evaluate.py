"""Score the kit's quotation attribution on the WikiNews benchmark with its official metric.

The benchmark (Petersen-Frey and Biemann, LREC-COLING 2024; see
``../shared/benchmarks/wikinews-quotes/README.md``) annotates every quotation
of a German WikiNews article as token ids of the dataset's own tokenization:
the quote itself plus the roles cue, frame, speaker and addressee, and its
type (Direct, Indirect, ...) and medium (Speech, Writing, ...).

Three layers, each usable on its own:

- :func:`score` — the metric as a pure function over gold and predicted
  annotations (lists of dicts in the dataset's format, one list per document).
  It follows the published evaluation script: per document, quotations are
  paired one-to-one by a Hungarian assignment that maximises the token-overlap
  F1 of the quote parts (+0.01 for the same type, +0.001 for the same medium,
  only where the quotes overlap); like the reference implementation, the
  assignment pairs ``min(n_gold, n_pred)`` quotations even where they share no
  token. Unpaired quotations are scored against an empty partner. Per pair and
  per part, token precision and recall are computed (undefined where the
  denominator is zero, and then left out), then averaged over all pairs:
  *messages* over the quote parts, *roles* over cue/frame/speaker/addressee,
  *joint* over all five; F1 is the harmonic mean of the averaged P and R.
  *Form* (type) and *medium* are micro-averaged over pairs.
- :func:`predict_document` — runs the kit on one benchmark document and maps
  each :class:`~kit.records.Quote` onto the dataset's tokens (a token belongs
  to a span if their characters overlap; whitespace at span edges ignored).
- :func:`evaluate_quotes` (``python -m kit eval quotes --dataset PATH``) and
  :func:`error_report` (``python -m kit.tools.evaluate errors PATH``): the runner and
  a listing of missed and spurious quotes with their sentences.

The data is CC BY-NC-SA: it is read at run time and never copied into the repo.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from scipy.optimize import linear_sum_assignment

from kit.files import atomic_write_text
from kit.german.pipeline import get_nlp, pipeline_info, tag_article
from kit.quotes.extract import extract_quotes
from kit.reading.boilerplate import mark_boilerplate
from kit.records import Article

#: parts of an annotation, quote first (the reference implementation's order)
PARTS = ("quote", "addressee", "cue", "frame", "speaker")
ROLES = PARTS[1:]
TYPES = ("Direct", "Indirect", "FreeIndirect", "IndirectFreeIndirect", "Reported")
MEDIUMS = ("Speech", "Thought", "Writing", "ST", "SW", "TW", "none")
#: the kit's medium names → the dataset's labels. The benchmark files the
#: thought verbs of news reports (befürchten, davon ausgehen) almost always under
#: "ST" (speech or thought), pure "Thought" is rare (1 of 653 in dev); a quote
#: of unclear medium ("") gets the most frequent label. Measured on train:
#: medium F1 0.360 with thought → Thought and "" → none, 0.411 with this map.
#: "speech or writing" (the cue does not tell, e.g. "laut X", "bestätigte") is the
#: benchmark's SW.
MEDIUM_LABELS = {
    "speech": "Speech",
    "writing": "Writing",
    "thought": "ST",
    "speech or writing": "SW",
    "": "Speech",
}

# ------------------------------------------------------------------ the metric


@dataclass(frozen=True)
class _Group:
    """One annotation reduced to what the metric looks at: sorted unique token ids per part."""

    parts: dict[str, tuple[int, ...]]
    type: str | None
    medium: str | None


_EMPTY = _Group({p: () for p in PARTS}, None, None)


def _group(annotation: dict[str, Any]) -> _Group:
    parts = {}
    for part in PARTS:
        value = annotation.get(part) or {}
        ids = value.get("tokenIds", []) if isinstance(value, dict) else list(value)
        parts[part] = tuple(sorted(set(int(i) for i in ids)))
    return _Group(parts, annotation.get("type"), annotation.get("medium"))


def token_f1(gold: Sequence[int], pred: Sequence[int]) -> float:
    """F1 of two token-id sets (0.0 when either is empty)."""
    both = len(set(gold) & set(pred))
    if both == 0:
        return 0.0
    p, r = both / len(set(pred)), both / len(set(gold))
    return 2 * p * r / (p + r)


def match_quotes(
    gold: Sequence[dict[str, Any]], pred: Sequence[dict[str, Any]]
) -> list[tuple[int | None, int | None]]:
    """Pair gold and predicted quotations of one document: ``[(gold_index, pred_index), ...]``.

    Hungarian assignment on quote-token F1 (+0.01 same type, +0.001 same
    medium where they overlap), then the unpaired predictions ``(None, j)``
    and the unpaired gold quotations ``(i, None)``.
    """
    g_groups = [_group(a) for a in gold]
    p_groups = [_group(a) for a in pred]
    pairs: list[tuple[int | None, int | None]] = []
    if g_groups and p_groups:
        scores = np.zeros((len(g_groups), len(p_groups)))
        for i, g in enumerate(g_groups):
            for j, s in enumerate(p_groups):
                overlap = token_f1(g.parts["quote"], s.parts["quote"])
                if overlap > 0:
                    overlap += 0.01 * (g.type == s.type) + 0.001 * (g.medium == s.medium)
                scores[i, j] = overlap
        rows, cols = linear_sum_assignment(scores, maximize=True)
        pairs = [(int(i), int(j)) for i, j in zip(rows, cols, strict=True)]
    paired_g = {i for i, _ in pairs}
    paired_p = {j for _, j in pairs}
    pairs += [(None, j) for j in range(len(p_groups)) if j not in paired_p]
    pairs += [(i, None) for i in range(len(g_groups)) if i not in paired_g]
    return pairs


@dataclass
class _Pair:
    """Token counts of one (gold, predicted) pair, per part, plus type/medium outcome."""

    counts: dict[str, tuple[int, int, int]]  # part -> (tp, fp, fn)
    gold_type: str | None
    pred_type: str | None
    gold_medium: str | None
    pred_medium: str | None

    def precision(self, part: str) -> float | None:
        tp, fp, _ = self.counts[part]
        return tp / (tp + fp) if tp + fp else None

    def recall(self, part: str) -> float | None:
        tp, _, fn = self.counts[part]
        return tp / (tp + fn) if tp + fn else None


def _score_pair(g: _Group, s: _Group) -> _Pair:
    counts = {}
    for part in PARTS:
        gold, pred = set(g.parts[part]), set(s.parts[part])
        counts[part] = (len(gold & pred), len(pred - gold), len(gold - pred))
    return _Pair(counts, g.type, s.type, g.medium, s.medium)


def _prf(p: float, r: float) -> dict[str, float]:
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def _macro(pairs: Sequence[_Pair], parts: Sequence[str]) -> dict[str, float]:
    ps = [v for pr in pairs for part in parts if (v := pr.precision(part)) is not None]
    rs = [v for pr in pairs for part in parts if (v := pr.recall(part)) is not None]
    return _prf(sum(ps) / len(ps) if ps else 0.0, sum(rs) / len(rs) if rs else 0.0)


def _micro_label(pairs: Sequence[_Pair], attr: str) -> dict[str, float]:
    tp = fp = fn = 0
    for pr in pairs:
        g, s = getattr(pr, "gold_" + attr), getattr(pr, "pred_" + attr)
        if g == s and g is not None:
            tp += 1
        else:
            fp += s is not None
            fn += g is not None
    return _prf(tp / (tp + fp) if tp + fp else 0.0, tp / (tp + fn) if tp + fn else 0.0)


def score(
    gold_docs: Iterable[Sequence[dict[str, Any]]], pred_docs: Iterable[Sequence[dict[str, Any]]]
) -> dict[str, Any]:
    """The official scores for parallel sequences of documents' annotation lists.

    Each document is a list of annotations in the dataset's format (``quote``,
    ``cue``, ... with ``tokenIds``; ``type``; ``medium``). Returns
    ``messages``/``roles``/``joint`` (macro over pairs), ``form``/``medium``
    (micro), ``per_role`` and ``per_type`` (pairs grouped by the gold type, or
    the predicted type for spurious quotes), each a dict of precision, recall, f1.
    """
    pairs: list[_Pair] = []
    n_docs = n_gold = n_pred = n_matched = 0
    for gold, pred in zip(gold_docs, pred_docs, strict=True):
        n_docs += 1
        n_gold += len(gold)
        n_pred += len(pred)
        for i, j in match_quotes(gold, pred):
            g = _group(gold[i]) if i is not None else _EMPTY
            s = _group(pred[j]) if j is not None else _EMPTY
            pair = _score_pair(g, s)
            n_matched += pair.counts["quote"][0] > 0
            pairs.append(pair)
    by_type: dict[str, list[_Pair]] = defaultdict(list)
    for pr in pairs:
        by_type[str(pr.gold_type if pr.gold_type is not None else pr.pred_type)].append(pr)
    return {
        "documents": n_docs,
        "gold_quotes": n_gold,
        "predicted_quotes": n_pred,
        "overlapping_pairs": n_matched,
        "messages": _macro(pairs, ("quote",)),
        "roles": _macro(pairs, ROLES),
        "joint": _macro(pairs, PARTS),
        "form": _micro_label(pairs, "type"),
        "medium": _micro_label(pairs, "medium"),
        "per_role": {
            role: _macro(pairs, (role,)) for role in ("cue", "frame", "speaker", "addressee")
        },
        "per_type": {
            t: {
                "gold": sum(pr.gold_type == t for pr in by_type[t]),
                "predicted": sum(pr.pred_type == t for pr in pairs),
                "messages": _macro(by_type[t], ("quote",)),
                "roles": _macro(by_type[t], ROLES),
                "joint": _macro(by_type[t], PARTS),
            }
            for t in TYPES
        },
    }


def score_files(gold: str | Path, predictions: str | Path) -> dict[str, Any]:
    """Score a predictions file (dataset format) against a gold dataset; documents by name."""
    gold_docs = {d["documentName"]: d["annotations"] for d in read_dataset(gold)}
    pred_docs = {d["documentName"]: d["annotations"] for d in read_dataset(predictions)}
    names = sorted(gold_docs)
    return score([gold_docs[n] for n in names], [pred_docs.get(n, []) for n in names])


# ----------------------------------------------------------------- the dataset


def read_dataset(path: str | Path, limit: int | None = None) -> Iterator[dict[str, Any]]:
    """Documents of a ``.jsonl``/``.jsonl.gz`` file or a folder of ``.json`` files (sorted by name)."""
    path = Path(path)
    n = 0
    if path.is_dir():
        for file in sorted(path.glob("*.json")):
            if limit is not None and n >= limit:
                return
            yield json.loads(file.read_text(encoding="utf-8"))
            n += 1
        return
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            if limit is not None and n >= limit:
                return
            yield json.loads(line)
            n += 1


class _TokenIndex:
    """Char-span → dataset token ids, by binary search over token starts/ends."""

    def __init__(self, tokens: Sequence[dict[str, Any]]) -> None:
        toks = sorted(tokens, key=lambda t: t["charBegin"])
        self.begins = [t["charBegin"] for t in toks]
        self.ends = [t["charEnd"] for t in toks]
        self.ids = [t["id"] for t in toks]
        self.ends_sorted = all(a <= b for a, b in zip(self.ends, self.ends[1:], strict=False))

    def ids_in(self, spans: Iterable[tuple[int, int]], text: str) -> list[int]:
        out: set[int] = set()
        for start, end in spans:
            if start is None or end is None:
                continue
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if start >= end:
                continue
            # tokens with begin < end and end > start
            hi = bisect_left(self.begins, end)
            lo = bisect_right(self.ends, start) if self.ends_sorted else 0
            out.update(self.ids[k] for k in range(lo, hi) if self.ends[k] > start)
        return sorted(out)


def _part(ids: list[int], text: str = "") -> dict[str, Any]:
    return {"text": text, "tokenIds": ids}


def quote_to_annotation(quote: Any, index: _TokenIndex, text: str) -> dict[str, Any]:
    """One kit Quote (record or dict) as a dataset annotation over ``index``'s tokens."""
    q = quote if isinstance(quote, dict) else quote.__dict__

    def spans(key: str, start: str | None = None, end: str | None = None) -> list[tuple[int, int]]:
        got = [tuple(s) for s in (q.get(key) or ())]
        if not got and start and q.get(start) is not None and q.get(end) is not None:
            got = [(q[start], q[end])]
        return got  # type: ignore[return-value]

    parts = {
        "quote": spans("quote_spans", "quote_start", "quote_end"),
        # the benchmark marks no cue on Reported quotes (the whole sentence is the speech
        # act); the kit names the verb for the analyst, the mapping leaves it out
        "cue": [] if q.get("type") == "Reported" else spans("cue_spans", "cue_start", "cue_end"),
        "frame": spans("frame_spans"),
        "speaker": [(q["speaker_start"], q["speaker_end"])]
        if q.get("speaker_start") is not None
        else [],
        "addressee": spans("addressee_spans"),
    }
    ann: dict[str, Any] = {}
    for part, sp in parts.items():
        ids = index.ids_in(sp, text)
        ann[part] = _part(ids, " ".join(text[a:b] for a, b in sp))
    medium = str(q.get("medium") or "")
    ann["type"] = q.get("type") or None
    ann["medium"] = MEDIUM_LABELS.get(medium.lower(), medium if medium in MEDIUMS else None)
    return ann


def doc_id(document: dict[str, Any]) -> str:
    """The numeric id of a benchmark document ("11059 - Title (date)" → "11059")."""
    return str(document["documentName"]).split(" - ", 1)[0].strip()


def predict_document(document: dict[str, Any], nlp: Any = None) -> list[dict[str, Any]]:
    """Run the kit on one benchmark document; its quotes as dataset annotations."""

    text = document["originalText"]
    article = Article(id=doc_id(document), text=text, boilerplate=mark_boilerplate(text))
    doc = tag_article(article, nlp if nlp is not None else get_nlp())
    index = _TokenIndex(document["tokens"])
    return [quote_to_annotation(q, index, text) for q in extract_quotes(doc)]


@dataclass
class Run:
    """Gold documents and the kit's predictions for them."""

    documents: list[dict[str, Any]] = field(default_factory=list)
    predictions: list[list[dict[str, Any]]] = field(default_factory=list)
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)


def run_kit(dataset: str | Path, limit: int | None = None, progress: bool = False) -> Run:
    """Predict every document of ``dataset`` (an extractor crash on one document is
    reported in ``failures`` and scored as no prediction, never stops the run)."""

    nlp = get_nlp()
    run = Run()
    docs = list(read_dataset(dataset, limit))
    t0 = time.perf_counter()
    iterable: Iterable[dict[str, Any]] = docs
    if progress:
        from tqdm.auto import tqdm

        iterable = tqdm(docs, desc="eval", unit="doc", file=sys.stderr)
    for document in iterable:
        try:
            pred = predict_document(document, nlp)
        except Exception as exc:  # noqa: BLE001 — one bad document must not hide the others' scores
            run.failures.append(f"{doc_id(document)}: {type(exc).__name__}: {exc}")
            pred = []
        run.documents.append(document)
        run.predictions.append(pred)
    run.seconds = time.perf_counter() - t0
    return run


def evaluate_quotes(
    dataset: str | Path, predictions_out: str | Path | None = None, limit: int | None = None
) -> dict[str, Any]:
    """Run the kit on the benchmark at ``dataset`` and return the official scores.

    ``predictions_out`` writes the predictions in the dataset's format (one
    JSON line per document), which :func:`score_files` or the reference
    script can score again. A one-screen summary goes to stderr.
    """

    run = run_kit(dataset, limit, progress=sys.stderr.isatty())
    if predictions_out:
        write_predictions(run, predictions_out)
    result = score([d["annotations"] for d in run.documents], run.predictions)
    result = {
        "dataset": str(dataset),
        "pipeline": pipeline_info(get_nlp()).get("name", ""),
        "seconds": round(run.seconds, 1),
        "failures": run.failures,
        **result,
    }
    print(summary(result), file=sys.stderr)
    return result


def write_predictions(run: Run, path: str | Path) -> None:
    lines = [
        json.dumps({"documentName": d["documentName"], "annotations": p}, ensure_ascii=False)
        for d, p in zip(run.documents, run.predictions, strict=True)
    ]

    Path(path).parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(Path(path), "\n".join(lines) + "\n")


def summary(result: dict[str, Any]) -> str:
    """The scores as a small fixed-width table."""
    rows = [f"{'':38} {'P':>6} {'R':>6} {'F1':>6}"]

    def row(name: str, s: dict[str, float]) -> str:
        return f"{name:38} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f}"

    for key in ("messages", "roles", "joint", "form", "medium"):
        rows.append(row(key, result[key]))
    for role, s in result["per_role"].items():
        rows.append(row("  role " + role, s))
    for t, s in result["per_type"].items():
        rows.append(row(f"  {t} ({s['gold']}/{s['predicted']}) joint", s["joint"]))
    rows.append(
        f"{result['documents']} documents, {result['gold_quotes']} gold, "
        f"{result['predicted_quotes']} predicted, {result['overlapping_pairs']} overlapping"
    )
    return "\n".join(rows)


# ------------------------------------------------------------- error analysis


def _sentence_of(document: dict[str, Any], ids: Sequence[int]) -> str:
    if not ids:
        return ""
    by_id = {t["id"]: t for t in document["tokens"]}
    start, end = by_id[min(ids)]["charBegin"], by_id[max(ids)]["charEnd"]
    texts = [s for s in document["sentences"] if s["charBegin"] < end and start < s["charEnd"]]
    return " ".join(s["text"].strip() for s in texts)


def _tokens_text(document: dict[str, Any], ids: Sequence[int]) -> str:
    by_id = {t["id"]: t["text"] for t in document["tokens"]}
    return " ".join(by_id[i] for i in sorted(ids) if i in by_id)


def collect_errors(run: Run) -> list[dict[str, Any]]:
    """Every missed quote, spurious quote and wrong role of a run, one dict each.

    ``kind`` is "missed" (gold quote with no overlapping prediction),
    "spurious" (prediction with no overlapping gold quote), "boundary" (paired,
    quote F1 < 1), "type"/"medium" (paired, wrong label) or "role:<name>"
    (paired, the role's tokens differ).
    """
    errors: list[dict[str, Any]] = []
    for document, pred in zip(run.documents, run.predictions, strict=True):
        gold = document["annotations"]
        did = doc_id(document)
        for i, j in match_quotes(gold, pred):
            g = _group(gold[i]) if i is not None else _EMPTY
            s = _group(pred[j]) if j is not None else _EMPTY
            f1 = token_f1(g.parts["quote"], s.parts["quote"])
            base = {"doc": did, "type": g.type or s.type, "gold_type": g.type, "pred_type": s.type}
            if f1 == 0:
                if i is not None:
                    errors.append({**base, "kind": "missed", "role": "quote",
                                   "gold": _tokens_text(document, g.parts["quote"]), "pred": "",
                                   "sentence": _sentence_of(document, g.parts["quote"])})  # fmt: skip
                if j is not None:
                    errors.append({**base, "type": s.type, "kind": "spurious", "role": "quote",
                                   "gold": "", "pred": _tokens_text(document, s.parts["quote"]),
                                   "sentence": _sentence_of(document, s.parts["quote"])})  # fmt: skip
                continue
            sentence = _sentence_of(document, g.parts["quote"])
            if f1 < 1:
                errors.append({**base, "kind": "boundary", "role": "quote", "f1": round(f1, 3),
                               "gold": _tokens_text(document, g.parts["quote"]),
                               "pred": _tokens_text(document, s.parts["quote"]), "sentence": sentence})  # fmt: skip
            for attr in ("type", "medium"):
                if getattr(g, attr) != getattr(s, attr):
                    errors.append({**base, "kind": attr, "role": attr, "gold": getattr(g, attr),
                                   "pred": getattr(s, attr), "sentence": sentence})  # fmt: skip
            for role in ROLES:
                if g.parts[role] != s.parts[role]:
                    errors.append({**base, "kind": "role:" + role, "role": role,
                                   "gold": _tokens_text(document, g.parts[role]),
                                   "pred": _tokens_text(document, s.parts[role]), "sentence": sentence})  # fmt: skip
    return errors


def error_report(
    dataset: str | Path | Run,
    n: int = 10,
    *,
    limit: int | None = None,
    types: Sequence[str] | None = None,
    kinds: Sequence[str] | None = None,
) -> str:
    """Missed/spurious quotes and wrong roles, grouped by kind and quote type, ``n`` examples each.

    ``dataset`` is a path (the kit is run on it) or a :class:`Run` from
    :func:`run_kit` (to look at one run several ways). ``kinds`` filters,
    e.g. ``["missed", "role:speaker"]``.
    """
    run = dataset if isinstance(dataset, Run) else run_kit(dataset, limit)
    errors = collect_errors(run)
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for e in errors:
        if types and e["type"] not in types:
            continue
        if kinds and e["kind"] not in kinds:
            continue
        groups[(e["kind"], str(e["type"]))].append(e)
    counts = Counter({k: len(v) for k, v in groups.items()})
    out = ["error counts (kind, type): "]
    out += [f"  {kind:16} {t:22} {c}" for (kind, t), c in sorted(counts.items())]
    for (kind, t), items in sorted(groups.items()):
        out.append(f"\n== {kind} / {t}: {len(items)}")
        for e in items[:n]:
            out.append(f"- [{e['doc']}] gold: {e['gold']!r}  pred: {e['pred']!r}")
            if e.get("sentence"):
                out.append(f"    {e['sentence'][:400]}")
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m kit.tools.evaluate errors DATASET`` / ``score GOLD PREDICTIONS`` / ``run DATASET``."""
    p = argparse.ArgumentParser(prog="python -m kit.tools.evaluate")
    sub = p.add_subparsers(dest="cmd", required=True)
    e = sub.add_parser("errors", help="list missed/spurious quotes and wrong roles")
    e.add_argument("dataset")
    e.add_argument("-n", type=int, default=10, help="examples per kind and type")
    e.add_argument("--limit", type=int, help="only the first N documents")
    e.add_argument("--type", action="append", help="only this quote type (repeatable)")
    e.add_argument(
        "--kind",
        action="append",
        help="missed, spurious, boundary, type, medium, role:speaker, ...",
    )
    s = sub.add_parser("score", help="score a predictions file against the gold dataset")
    s.add_argument("gold")
    s.add_argument("predictions")
    r = sub.add_parser("run", help="same as `python -m kit eval quotes`")
    r.add_argument("dataset")
    r.add_argument("--predictions-out")
    r.add_argument("--limit", type=int)
    args = p.parse_args(argv)
    if args.cmd == "errors":
        print(
            error_report(args.dataset, args.n, limit=args.limit, types=args.type, kinds=args.kind)
        )
    elif args.cmd == "score":
        result = score_files(args.gold, args.predictions)
        print(summary(result))
    else:
        print(json.dumps(evaluate_quotes(args.dataset, args.predictions_out, args.limit), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
