"""Command line: ``python -m kit build PATH... --out DIR`` (also the ``kit`` script).

User errors (no such path, nothing readable, bad manifest) print one clear
line to stderr and exit non-zero; tracebacks are for bugs.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path


class UserError(Exception):
    """A problem the user can fix; printed as one line, exit code 2."""


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="kit", description="German news: who said what, which figures."
    )
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="tag articles and write the tables as CSV")
    b.add_argument(
        "paths",
        nargs="+",
        help="folders or files (.txt, .md, .json, .jsonl, .ndjson, .csv, .tsv, "
        ".html/.htm/.xhtml (.gz), .warc(.gz))",
    )
    b.add_argument("--out", required=True, help="output folder for the CSV tables")
    b.add_argument("--manifest", help="CSV with id,date,outlet,title,url,... per article")
    b.add_argument("--model", help="trained spaCy pipeline name or path (default: auto)")
    b.add_argument("--no-cache", action="store_true", help="re-tag everything")
    b.add_argument("--html", action="store_true", help="also write OUT/html/<article_id>.html")
    b.add_argument("--engine", choices=("local", "dask"), default="local")
    b.add_argument("--scheduler", help="address of a running Dask scheduler (engine dask)")
    b.add_argument(
        "--charts", action="store_true", help="also export the default charts (see --exports)"
    )
    b.add_argument(
        "--exports",
        help="folder for the charts of --charts (default: OUT/exports next to the tables)",
    )
    b.add_argument(
        "--parquet", help="also write the tables as partitioned Parquet into this folder"
    )
    b.add_argument("--quiet", action="store_true", help="no progress bar")
    b.add_argument(
        "--article-timeout",
        type=float,
        default=None,
        metavar="SECONDS",
        help="time budget per article (default 600; 0: none); an article over it is "
        "left out and named in the load report",
    )
    b.set_defaults(func=_cmd_build)

    e = sub.add_parser("eval", help="score the kit on annotated data")
    esub = e.add_subparsers(dest="what", required=True)
    q = esub.add_parser("quotes", help="quotation attribution on the WikiNews benchmark")
    q.add_argument("--dataset", required=True, help=".jsonl(.gz) file or folder of .json files")
    q.add_argument("--predictions-out", help="write predictions in the dataset's format")
    q.add_argument("--limit", type=int, help="only the first N documents")
    q.set_defaults(func=_cmd_eval_quotes)
    f = esub.add_parser("figures", help="the hand-checked figure sample (docs/figure_sample.csv)")
    f.add_argument("--verdicts", help="verdict file (default: docs/figure_sample.csv)")
    f.set_defaults(func=_cmd_eval_figures)
    h = esub.add_parser("html", help="web page reader on the German news HTML benchmark")
    h.add_argument(
        "--bench", help="benchmark folder (default ../shared/benchmarks/german-news-html)"
    )
    h.add_argument("--details", help="write per-page results (JSON) here")
    h.add_argument("--only", help="only pages whose file name contains this")
    h.add_argument("--repeats", type=int, default=3, help="timing: best of N runs per page")
    h.set_defaults(func=_cmd_eval_html)

    fe = sub.add_parser("fetch", help="download web pages (URL list or feed) into a folder")
    fe.add_argument("source", help="text file of URLs (one per line), a feed file, or a feed URL")
    fe.add_argument("--out", required=True, help="folder for the pages (kit build reads it)")
    fe.add_argument("--delay", type=float, default=1.0, help="seconds between requests to a host")
    fe.add_argument("--retries", type=int, default=3, help="retries after timeouts and 5xx")
    fe.add_argument("--timeout", type=float, default=20.0, help="seconds to wait for a server")
    fe.add_argument("--max-mb", type=float, default=10.0, help="largest page to save (MB)")
    fe.add_argument("--quiet", action="store_true", help="no progress bar")
    fe.set_defaults(func=_cmd_fetch)
    s = esub.add_parser("speakers", help="speakers on real web news against the hand-written list")
    s.add_argument("--list", help="speaker list (default: tests/data/web_speakers.tsv)")
    s.add_argument("--pages", help="expected.jsonl of ../shared/benchmarks/german-news-html")
    s.add_argument("--no-cache", action="store_true", help="re-tag every page")
    s.add_argument("--json", action="store_true", help="the full result as JSON on stdout")
    s.set_defaults(func=_cmd_eval_speakers)

    bench = sub.add_parser("bench", help="throughput, cache, memory and interactivity figures")
    bench.add_argument("--quick", action="store_true", help="~100,000 words instead of ~1 million")
    bench.set_defaults(func=_cmd_bench)
    return p


def _cmd_build(args: argparse.Namespace) -> int:
    from kit.corpus.builder import build

    for path in args.paths:
        if not Path(path).exists():
            raise UserError(f"no such file or folder: {path}")
    if args.manifest and not Path(args.manifest).is_file():
        raise UserError(f"manifest not found: {args.manifest}")
    corpus = build(
        args.paths,
        manifest=args.manifest,
        model=args.model,
        cache=not args.no_cache,
        progress=not args.quiet,
        engine=args.engine,
        scheduler=args.scheduler,
        **({} if args.article_timeout is None else {"article_timeout": args.article_timeout}),
    )
    if corpus.load is not None:
        print(corpus.load.report(), file=sys.stderr)
    if len(corpus.articles) == 0:
        raise UserError(
            "nothing readable in " + ", ".join(args.paths) + " (see the load report above)"
        )
    written = corpus.to_csv(args.out)
    if args.html:
        from kit.workbench.html import write_html

        written += write_html(corpus, Path(args.out) / "html")
    if args.parquet:
        from kit.corpus.engine_dask import write_parquet

        written += write_parquet(corpus, Path(args.parquet))
    if args.charts:
        from kit.workbench.export import export_default_charts

        exports = Path(args.exports) if args.exports else Path(args.out) / "exports"
        charts = export_default_charts(corpus, exports)
        written += charts
        print(f"charts: {len(charts)} files in {exports.resolve()}", file=sys.stderr)
    info = corpus.pipeline
    print(
        f"pipeline: {info.get('name')} {info.get('version')} ({info.get('kind')}); "
        f"{corpus.stats.get('tagged', 0)} tagged, {corpus.stats.get('from_cache', 0)} from cache",
        file=sys.stderr,
    )
    for path in written:
        print(f"wrote {path}", file=sys.stderr)
    return 0


def _cmd_eval_quotes(args: argparse.Namespace) -> int:
    import json

    from kit.tools.evaluate import evaluate_quotes

    if not Path(args.dataset).exists():
        raise UserError(f"dataset not found: {args.dataset}")
    scores = evaluate_quotes(args.dataset, predictions_out=args.predictions_out, limit=args.limit)
    print(json.dumps(scores, indent=2, ensure_ascii=False))
    return 0


def _cmd_eval_figures(args: argparse.Namespace) -> int:
    from kit.tools import figure_sample

    return figure_sample.main(["score"] + (["--verdicts", args.verdicts] if args.verdicts else []))


def _cmd_eval_html(args: argparse.Namespace) -> int:
    from kit.tools import eval_html

    argv = ["--repeats", str(args.repeats)]
    for flag in ("bench", "details", "only"):
        if getattr(args, flag):
            argv += [f"--{flag}", getattr(args, flag)]
    return eval_html.main(argv)


def _cmd_fetch(args: argparse.Namespace) -> int:
    from kit.reading.web.fetch import FetchOptions, fetch

    if not args.source.startswith(("http://", "https://")) and not Path(args.source).is_file():
        raise UserError(f"no such URL list or feed file: {args.source}")
    opts = FetchOptions(
        delay=args.delay, retries=args.retries, timeout=args.timeout,
        max_bytes=int(args.max_mb * 1_000_000),
    )  # fmt: skip
    try:
        report = fetch(args.source, args.out, options=opts, progress=not args.quiet)
    except ValueError as exc:
        raise UserError(str(exc)) from exc
    print(report.summary(), file=sys.stderr)
    print(f"next: kit build {args.out} --out data/processed", file=sys.stderr)
    return 0


def _cmd_eval_speakers(args: argparse.Namespace) -> int:
    from kit.tools import speaker_eval

    for path in (args.list or speaker_eval.DEFAULT_LIST, args.pages or speaker_eval.DEFAULT_PAGES):
        if not Path(path).is_file():
            raise UserError(
                f"not found: {path} (the web pages live in ../shared, never in the repo)"
            )
    argv = ["--list", str(args.list or speaker_eval.DEFAULT_LIST)]
    argv += ["--pages", str(args.pages or speaker_eval.DEFAULT_PAGES)]
    argv += ["--no-cache"] * args.no_cache + ["--json"] * args.json
    return speaker_eval.main(argv)


def _cmd_bench(args: argparse.Namespace) -> int:
    import json

    from kit.tools.bench import run_bench

    print(json.dumps(run_bench(quick=args.quick), indent=2))
    return 0


def _user_errors() -> tuple[type[BaseException], ...]:
    """Exception types that mean "the input is wrong", not "the kit is broken"."""
    from kit.reading import load

    return (UserError, getattr(load, "LoadError", UserError))


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return args.func(args)
    except _user_errors() as exc:
        print(f"kit: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("kit: interrupted; finished articles are cached, re-run to continue", file=sys.stderr)
        return 130
