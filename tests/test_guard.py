"""The time budget per article: an article over it is named and left out, the rest is built.

A deliberately slow fake stage (monkeypatched) stands in for a slow article; no
test measures speed. Texts are written for these tests.
"""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import pytest

import kit
import kit.corpus.article as article_mod
from kit.corpus.engine_dask import OVER_BUDGET, _process_batch
from kit.corpus.guard import ArticleTimeout, SlowNotice, time_limit
from kit.records import Article

TEXTS = {
    "hafen": "„Der Hafen wird bis 2026 ausgebaut“, sagte Bürgermeisterin Anna Kramer. "
    "Die Stadt gibt dafür 12 Millionen Euro aus.",
    "langsam": "LANGSAM: Der Bericht nennt 300 Fälle. „Wir prüfen jeden davon“, sagte "
    "Staatsanwalt Peter Lindner.",
    "schule": "Laut Schulamt fehlen 40 Lehrer. „Das ist zu viel“, sagte Elternsprecher "
    "Jonas Weber am Montag.",
}
#: a fake stage gives up after this long if the guard failed to stop it (the test then fails)
SAFETY = 20.0


def _corpus_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "texte"
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def _slow_quotes(real, *, busy: bool):
    """extract_quotes that never finishes on the article marked LANGSAM."""

    def fake(doc, *args, **kwargs):
        if "LANGSAM" in doc.text:
            stop = time.monotonic() + SAFETY
            while time.monotonic() < stop:
                if not busy:
                    time.sleep(0.05)
        return real(doc, *args, **kwargs)

    return fake


def test_an_article_over_budget_is_named_and_the_rest_is_built(tmp_path, monkeypatch) -> None:
    folder = _corpus_dir(tmp_path)
    monkeypatch.setattr(
        article_mod, "extract_quotes", _slow_quotes(article_mod.extract_quotes, busy=True)
    )
    corpus = kit.build(folder, cache=tmp_path / "cache", progress=False, article_timeout=1)
    assert sorted(corpus.articles["id"]) == ["hafen", "schule"]
    assert set(corpus.quotes["article_id"]) == {"hafen", "schule"}
    assert corpus.stats["over_budget"] == 1
    report = corpus.load.report()
    line = next(x for x in report.splitlines() if "langsam.txt" in x)
    assert "skipped" in line and "over the time budget of 1 s" in line
    assert "extracting quotes" in line and "--article-timeout" in line
    assert "1 skipped" in report.splitlines()[0]

    # nothing of the cut-short build was kept: without the slow stage all three come back
    monkeypatch.undo()
    again = kit.build(folder, cache=tmp_path / "cache", progress=False, article_timeout=1)
    assert sorted(again.articles["id"]) == ["hafen", "langsam", "schule"]
    assert again.stats["tagged"] == 1 and again.stats["from_cache"] == 2


def test_off_the_main_thread_the_budget_is_checked_between_stages(tmp_path, monkeypatch) -> None:
    # no SIGALRM outside the main thread: the stage runs to its end, the next stage stops it
    folder = _corpus_dir(tmp_path)
    real = article_mod.extract_quotes

    def slow_once(doc, *args, **kwargs):
        if "LANGSAM" in doc.text:
            time.sleep(1.5)
        return real(doc, *args, **kwargs)

    monkeypatch.setattr(article_mod, "extract_quotes", slow_once)
    out: dict = {}
    worker = threading.Thread(
        target=lambda: out.update(
            corpus=kit.build(folder, cache=False, progress=False, article_timeout=0.5)
        )
    )
    worker.start()
    worker.join(SAFETY)
    corpus = out["corpus"]
    assert sorted(corpus.articles["id"]) == ["hafen", "schule"]
    assert "stopped while extracting quotes" in corpus.load.report()  # the stage that overran


def test_no_budget_means_no_limit(tmp_path) -> None:
    corpus = kit.build(_corpus_dir(tmp_path), cache=False, progress=False, article_timeout=None)
    assert len(corpus.articles) == 3 and corpus.stats["over_budget"] == 0


def test_a_dask_batch_reports_the_article_over_budget(nlp, monkeypatch) -> None:
    real = article_mod.extract_figures

    def slow(doc, *args, **kwargs):
        if "LANGSAM" in doc.text:
            time.sleep(1.0)
        return real(doc, *args, **kwargs)

    monkeypatch.setattr(article_mod, "extract_figures", slow)
    batch = [Article(name, text, f"{name}.txt", {}, []) for name, text in TEXTS.items()]
    out: dict = {}
    worker = threading.Thread(  # a Dask worker runs tasks in a thread like this one
        target=lambda: out.update(result=_process_batch(batch, None, 0.3))
    )
    worker.start()
    worker.join(SAFETY)
    _, payloads = out["result"]
    assert [isinstance(p, dict) and OVER_BUDGET in p for p in payloads] == [False, True, False]
    assert "extracting figures" in payloads[1][OVER_BUDGET]
    assert json.loads(payloads[0])["quotes"] and json.loads(payloads[2])["quotes"]


def test_time_limit_interrupts_a_stage_in_the_main_thread() -> None:
    with pytest.raises(ArticleTimeout, match="while waiting"):
        with time_limit(0.2) as budget:
            budget.stage("waiting")
            stop = time.monotonic() + SAFETY
            while time.monotonic() < stop:
                pass


class _Bar:
    disable = False

    def __init__(self) -> None:
        self.postfix: list[str] = []
        self.shown = threading.Event()

    def set_postfix_str(self, text: str, refresh: bool = True) -> None:
        self.postfix.append(text)
        if text:
            self.shown.set()


def test_the_progress_bar_names_the_slow_article() -> None:
    bar = _Bar()
    with SlowNotice(bar, after=0.0) as notice:
        notice.start("protokoll.txt")
        assert bar.shown.wait(SAFETY)
        notice.stop()
    assert bar.postfix[0].startswith("protokoll.txt: ")
    assert bar.postfix[-1] == ""  # cleared when the article is done


def test_the_cli_passes_the_budget(tmp_path, monkeypatch) -> None:
    from kit import cli

    seen: dict = {}

    def fake_build(paths, **kwargs):
        seen.update(kwargs)
        raise cli.UserError("stop here")

    monkeypatch.setattr("kit.corpus.builder.build", fake_build)
    folder = _corpus_dir(tmp_path)
    assert (
        cli.main(["build", str(folder), "--out", str(tmp_path / "o"), "--article-timeout", "90"])
        == 2
    )
    assert seen["article_timeout"] == 90.0
