"""``python -m kit eval html``: the page reader on the German news HTML benchmark, beside
trafilatura alone (measured in the same run).

    python -m kit eval html [--bench DIR] [--details FILE] [--only SUBSTRING] [--repeats N]

Benchmark: ``../shared/benchmarks/german-news-html/`` next to the checkout (or
``KIT_HTML_BENCHMARK``; pages/*.html.gz, expected.jsonl), read at run time;
skips with a message when it is absent. CC BY-NC-SA / publishers' pages: never
copied into the repository.

Definitions (applied identically to both systems)
-------------------------------------------------
normalise(s): Unicode NFC, soft hyphen and zero-width characters removed, all
    whitespace runs -> one space, stripped.  Case and quotation marks are kept.
    Extracted lines also lose a leading list bullet ("- ", "• ", "* ").

paragraph recall: an expected paragraph (normalised, non-empty) is *found* when
    (a) it is a substring of the normalised extracted text (all lines joined
    by one space), or (b) some extracted line has difflib ratio >= 0.95 with it
    (tolerates a dropped "(öffnet im neuen Fenster)" or a stray quote mark).
    Recall = found / expected, summed over all pages (micro average).

outside share: the extracted text is split into lines; the module's first line
    (the title, scored separately) is skipped.  A line is *inside* when it is a
    substring of the expected text (expected paragraphs joined by one space) or
    has difflib ratio >= 0.95 with one expected paragraph; otherwise all its
    characters are *outside*.  Share = outside chars / all chars, micro average.

date: "exact" = same calendar date and time to the minute; when both sides carry
    a UTC offset they are compared as instants, otherwise as wall-clock times.
    An expectation without offset at 00:00:00 is a date-only expectation and is
    exact when the calendar date matches.  "date only" = same calendar date
    (extracted value converted into the expectation's offset when both have one).

title: exact equality after normalise().
authors: a page counts when at least one extracted author equals an expected one
    after normalise() and casefold(); pages with no expected authors are skipped.
outlet: reported are names that look like a URL (scheme, "www.", or a "/")
    or contain an underscore.
speed: CPU time (time.process_time, one process = one core) of the extraction
    call per page, best of --repeats runs (default 3) to damp the noise of other
    load on the machine; median, pages/s at the median, and mean.  Wall time is
    shown too but depends on what else the machine is running.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import gzip
import json
import os
import re
import statistics
import sys
import time
import unicodedata
from pathlib import Path
from typing import Any

from kit import config

DEFAULT_BENCH = Path(
    os.environ.get("KIT_HTML_BENCHMARK", "").strip()
    or config.ROOT.parent / "shared" / "benchmarks" / "german-news-html"
)

_ZW = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
FUZZ = 0.95


def normalise(s: str) -> str:
    s = unicodedata.normalize("NFC", s or "").translate(_ZW)
    return re.sub(r"\s+", " ", s).strip()


def norm_line(s: str) -> str:
    return re.sub(r"^(?:[-•*▪◦]\s+)", "", normalise(s))


def _fuzzy_in(p: str, lines: list[str]) -> bool:
    for line in lines:
        sm = difflib.SequenceMatcher(None, p, line, autojunk=False)
        if sm.real_quick_ratio() >= FUZZ and sm.quick_ratio() >= FUZZ and sm.ratio() >= FUZZ:
            return True
    return False


def text_scores(text: str, paragraphs: list[str], skip_first_line: bool):
    lines = [norm_line(x) for x in (text or "").split("\n")]
    lines = [x for x in lines if x]
    if skip_first_line and lines:
        lines = lines[1:]
    joined = " ".join(lines)
    paras = [normalise(p) for p in paragraphs]
    paras = [p for p in paras if p]
    found = sum(1 for p in paras if p in joined or _fuzzy_in(p, lines))
    full = " ".join(paras)
    out = tot = 0
    outside_lines = []
    for line in lines:
        tot += len(line)
        if line in full or _fuzzy_in(line, paras):
            continue
        out += len(line)
        outside_lines.append(line)
    return found, len(paras), out, tot, outside_lines


def parse_expected_date(s: str):
    if not s:
        return None
    d = dt.datetime.fromisoformat(s)
    date_only = d.tzinfo is None and d.time() == dt.time(0, 0)
    return d, date_only


def parse_extracted(s: str):
    if not s:
        return None
    try:
        if len(s) == 10:
            return dt.date.fromisoformat(s)
        return dt.datetime.fromisoformat(s)
    except ValueError:
        return None


def date_scores(extracted: str, expected: str):
    """(exact, date_only) booleans."""
    e = parse_expected_date(expected)
    x = parse_extracted(extracted)
    if e is None or x is None:
        return False, False
    ed, date_only = e
    if isinstance(x, dt.datetime):
        xd = x
        if xd.tzinfo is not None and ed.tzinfo is not None:
            xd_local = xd.astimezone(ed.tzinfo)
        else:
            xd_local = xd
        same_day = xd_local.date() == ed.date()
        if date_only:
            return same_day, same_day
        if xd.tzinfo is not None and ed.tzinfo is not None:
            a = xd.astimezone(dt.UTC).replace(second=0, microsecond=0)
            b = ed.astimezone(dt.UTC).replace(second=0, microsecond=0)
            exact = a == b
        else:
            exact = xd.replace(tzinfo=None, second=0, microsecond=0) == ed.replace(
                tzinfo=None, second=0, microsecond=0
            )
        return exact, same_day
    same_day = x == ed.date()
    return (same_day if date_only else False), same_day


def author_key(s: str) -> str:
    return normalise(s).casefold()


def bad_outlet(name: str) -> bool:
    return bool(name) and bool(re.search(r"://|^www\.|/|_", name))


# ---------------------------------------------------------------- systems


def run_module(raw: bytes) -> dict[str, Any]:
    from kit.reading.web.page import extract

    p = extract(raw)
    return {
        "text": p.text,
        "title": p.meta.get("title", ""),
        "date": p.meta.get("datetime") or p.meta.get("date", ""),
        "authors": p.meta.get("authors", []),
        "outlet": p.meta.get("outlet", ""),
        "problems": p.problems,
        "sources": p.field_sources,
        "teaser": p.meta.get("teaser", ""),
        "language": p.meta.get("language", ""),
    }


def run_trafilatura(raw: bytes):
    import trafilatura

    d = trafilatura.bare_extraction(raw, with_metadata=True, include_comments=False)
    if d is None:
        return {"text": "", "title": "", "date": "", "authors": [], "outlet": ""}
    authors = [a.strip() for a in (d.author or "").split(";") if a.strip()]
    return {
        "text": d.text or "",
        "title": d.title or "",
        "date": d.date or "",
        "authors": authors,
        "outlet": d.sitename or "",
    }


def evaluate(
    bench: str, details: str | None = None, only: str | None = None, repeats: int = 3
) -> dict[str, Any]:
    exp_path = os.path.join(bench, "expected.jsonl")
    if not os.path.exists(exp_path):
        print(
            f"kit eval html: benchmark not found at {bench} (expected.jsonl and pages/); "
            "skipping. Point --bench or KIT_HTML_BENCHMARK at the german-news-html folder."
        )
        return {}
    rows = [json.loads(x) for x in open(exp_path, encoding="utf-8")]
    if only:
        rows = [r for r in rows if only in r["file"]]
    systems = {"kit": run_module, "trafilatura": run_trafilatura}
    agg = {
        k: dict(
            found=0,
            paras=0,
            out=0,
            tot=0,
            dexact=0,
            dday=0,
            title=0,
            auth=0,
            auth_n=0,
            badout=0,
            times=[],
            cpu=[],
        )
        for k in systems
    }
    detail_rows = []
    # warm up imports / caches outside the timing
    first = gzip.open(os.path.join(bench, "pages", rows[0]["file"])).read()
    for f in systems.values():
        f(first)
    for r in rows:
        raw = gzip.open(os.path.join(bench, "pages", r["file"])).read()
        det = {"file": r["file"]}
        for name, f in systems.items():
            el = cpu = float("inf")
            for _ in range(repeats):  # min of repeats: robust against other load
                t0, c0 = time.perf_counter(), time.process_time()
                res = f(raw)
                el = min(el, time.perf_counter() - t0)
                cpu = min(cpu, time.process_time() - c0)
            a = agg[name]
            a["times"].append(el)
            a["cpu"].append(cpu)
            found, n, out, tot, outside = text_scores(
                res["text"], r["paragraphs"], skip_first_line=(name == "kit")
            )
            a["found"] += found
            a["paras"] += n
            a["out"] += out
            a["tot"] += tot
            exact, day = date_scores(res["date"], r["publishing_date"])
            a["dexact"] += exact
            a["dday"] += day
            t_ok = normalise(res["title"]) == normalise(r["title"])
            a["title"] += t_ok
            au_ok = None
            if r.get("authors"):
                a["auth_n"] += 1
                ex = {author_key(x) for x in r["authors"]}
                au_ok = any(author_key(x) in ex for x in res["authors"])
                a["auth"] += au_ok
            a["badout"] += bad_outlet(res["outlet"])
            det[name] = {
                "paras": f"{found}/{n}",
                "outside_chars": out,
                "outside_lines": outside[:40],
                "missed": [
                    p[:120]
                    for p in map(normalise, r["paragraphs"])
                    if p and (p not in " ".join(norm_line(x) for x in res["text"].split("\n")))
                ][:20],
                "date": res["date"],
                "date_exact": exact,
                "date_day": day,
                "title": res["title"],
                "title_ok": t_ok,
                "authors": res["authors"],
                "authors_ok": au_ok,
                "outlet": res["outlet"],
                "ms": round(el * 1000, 1),
            }
            if name == "kit":
                det[name].update(
                    problems=res["problems"],
                    sources=res["sources"],
                    teaser=res["teaser"][:150],
                    language=res["language"],
                )
        det["expected"] = {
            "title": r["title"],
            "date": r["publishing_date"],
            "authors": r["authors"],
        }
        detail_rows.append(det)
    n_pages = len(rows)
    n_auth = agg["kit"]["auth_n"]
    print(
        f"German news HTML benchmark: {n_pages} pages, {agg['kit']['paras']} expected "
        f"paragraphs, {n_auth} pages with authors"
    )
    print(f"{'':<34} {'kit':>14} {'trafilatura alone':>18}")

    def row(label: str, fn: Any) -> None:
        print(f"{label:<34} {fn(agg['kit']):>14} {fn(agg['trafilatura']):>18}")

    row("paragraph recall", lambda a: f"{a['found'] / max(1, a['paras']):.4f}")
    row("extracted chars outside expected", lambda a: f"{100 * a['out'] / max(1, a['tot']):.2f}%")
    row("date exact (date+time to minute)", lambda a: f"{a['dexact']}/{n_pages}")
    row("date, calendar day only", lambda a: f"{a['dday']}/{n_pages}")
    row("title exact", lambda a: f"{a['title']}/{n_pages}")
    row("author right", lambda a: f"{a['auth']}/{a['auth_n']}")
    row("outlet is URL / has underscore", lambda a: f"{a['badout']}")
    row("median CPU ms/page", lambda a: f"{1000 * statistics.median(a['cpu']):.1f}")
    row("pages/s at the median (CPU)", lambda a: f"{1 / statistics.median(a['cpu']):.1f}")
    row("mean CPU ms/page", lambda a: f"{1000 * statistics.mean(a['cpu']):.1f}")
    row("median wall ms/page", lambda a: f"{1000 * statistics.median(a['times']):.1f}")
    if details:
        with open(details, "w", encoding="utf-8") as fh:
            json.dump(detail_rows, fh, ensure_ascii=False, indent=1)
        print("details written to", details)
    return {
        name: {
            "paragraph_recall": round(a["found"] / max(1, a["paras"]), 4),
            "outside_share": round(a["out"] / max(1, a["tot"]), 4),
            "date_exact": a["dexact"],
            "date_day": a["dday"],
            "title_exact": a["title"],
            "author_right": a["auth"],
            "pages_with_authors": a["auth_n"],
            "bad_outlets": a["badout"],
            "pages": n_pages,
            "median_cpu_ms": round(1000 * statistics.median(a["cpu"]), 1),
        }
        for name, a in agg.items()
    }


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bench", default=str(DEFAULT_BENCH))
    ap.add_argument("--details", default=None, help="write per-page results (JSON) here")
    ap.add_argument("--only", default=None, help="only pages whose file name contains this")
    ap.add_argument(
        "--repeats", type=int, default=3, help="timing: best of N runs per page (default 3)"
    )
    args = ap.parse_args(argv)
    evaluate(args.bench, args.details, args.only, max(1, args.repeats))
    return 0


if __name__ == "__main__":
    sys.exit(main())
