"""Articles from the web in a corpus: saved pages, web archives, mixed folders, bad pages.

Every page and archive here is written by the tests (tiny HTML, WARCs made
with warcio in a fixture); no real page is copied.
"""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from test_webpage import PARAS, ld, page

import kit
from kit.reading.load import load_articles
from kit.reading.web.archive import read_archive
from kit.reading.web.articles import url_id

warcio = pytest.importorskip("warcio")

ENGLISH = [
    "The city council decided on Tuesday evening, after a long debate, to extend the tram line to "
    "the new housing estate in the north. Construction is due to begin next spring.",
    "According to the administration the project will cost around 48 million euros, most of it "
    "paid for by grants from the state and the federal government.",
]


def article_page(
    title: str,
    date: str,
    paras: list[str] = PARAS,
    author: str = "Erika Musterfrau",
    outlet: str = "Rheinische Post",
    url: str = "",
    lang: str = "de",
) -> bytes:
    head = ld({
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
        "datePublished": date, "author": {"@type": "Person", "name": author},
        "publisher": {"@type": "NewsMediaOrganization", "name": outlet},
    })  # fmt: skip
    if url:
        head += f'<link rel="canonical" href="{url}">'
    return page(head, f"<h1>{title}</h1>", paras, lang=lang)


def write_warc(
    path: Path, records: list[tuple[str, str, bytes, str, str]], gz: bool = True
) -> Path:
    """records: (kind, url, body, status, content type); kind "response" or "request"."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=gz)
        for kind, url, body, status, ctype in records:
            if kind == "request":
                http = StatusAndHeaders(
                    "GET / HTTP/1.1", [("Host", "example.de")], is_http_request=True
                )
                rec = w.create_warc_record(
                    url, "request", payload=io.BytesIO(b""), http_headers=http
                )
            else:
                http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
                rec = w.create_warc_record(
                    url, "response", payload=io.BytesIO(body), http_headers=http
                )
            w.write_record(rec)
    return path


def german(n: int) -> list[str]:
    """Paragraphs of page n: the shared ones with a sentence of its own in front."""
    return [
        f"Am {n}. Verhandlungstag äußerte sich die Stadtverwaltung erneut zu den Plänen. "
        + PARAS[0]
    ] + PARAS[1:]


HTML = "text/html; charset=utf-8"


@pytest.fixture
def warc(tmp_path: Path) -> Path:
    recs = [
        ("request", "https://www.example-zeitung.de/a1.html", b"", "", ""),
        ("response", "https://www.example-zeitung.de/a1.html", article_page("Tram fährt bis in den Norden", "2024-03-05T18:30:00+01:00", german(1)), "200 OK", HTML),
        ("response", "https://www.example-zeitung.de/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(300), "200 OK", "image/png"),
        ("response", "https://www.example-zeitung.de/weg.html", b"<html><body>Not found</body></html>", "404 Not Found", HTML),
        ("response", "https://www.example-zeitung.de/en.html", article_page("Tram line extended", "2024-03-05", ENGLISH, lang="en"), "200 OK", HTML),
        ("response", "https://www.example-zeitung.de/a2.html", article_page("Stadtrat streitet über Kosten", "2024-03-06", german(2)), "200 OK", HTML),
        ("response", "https://www.example-zeitung.de/a2-kopie.html", article_page("Stadtrat streitet über Kosten", "2024-03-06", german(2)), "200 OK", HTML),
        ("response", "https://www.example-zeitung.de/leer.html", b"<html><body><nav><a href='/'>Start</a></nav></body></html>", "200 OK", HTML),
    ]  # fmt: skip
    return write_warc(tmp_path / "crawl.warc.gz", recs)


# ------------------------------------------------------------------ saved pages


def test_page_in_a_folder_loads_with_its_metadata_and_sources(tmp_path: Path) -> None:
    raw = article_page("Straßenbahn wird verlängert", "2024-03-05T18:30:00+01:00",
                       url="https://www.rp-online.de/stadt/tram-1.html")  # fmt: skip
    (tmp_path / "tram.html").write_bytes(raw)
    result = load_articles(tmp_path)
    (art,) = result.articles
    assert art.id == "tram" and art.source == str(tmp_path / "tram.html")
    assert art.text.split("\n\n")[0] == "Straßenbahn wird verlängert"
    assert PARAS[2] in art.text
    assert art.meta["date"] == "2024-03-05" and art.meta["datetime"] == "2024-03-05T18:30:00+01:00"
    assert art.meta["authors"] == "Erika Musterfrau"
    assert art.meta["outlet"] == "Rheinische Post"
    assert art.meta["url"] == "https://www.rp-online.de/stadt/tram-1.html"
    assert art.meta["language"] == "de"
    assert result.field_sources["tram"]["title"] == "json-ld"
    assert result.field_sources["tram"]["url"] == "meta"
    report = result.report()
    assert "metadata of 1 web page, by field and source:" in report
    assert "    date: json-ld 1" in report
    assert (tmp_path / "tram.html").read_bytes() == raw  # the raw page is untouched


def test_manifest_wins_over_the_page_and_the_report_says_so(tmp_path: Path) -> None:
    (tmp_path / "tram.html.gz").write_bytes(
        gzip.compress(article_page("Straßenbahn wird verlängert", "2024-03-05"))
    )
    (tmp_path / "manifest.csv").write_text(
        "id,title,outlet\ntram,Die Tram kommt,Lokalblatt\n", encoding="utf-8"
    )
    result = load_articles(tmp_path)
    (art,) = result.articles
    assert art.id == "tram"  # .html.gz: the stem without both suffixes
    assert art.meta["title"] == "Die Tram kommt" and art.meta["outlet"] == "Lokalblatt"
    assert art.meta["date"] == "2024-03-05"  # not in the manifest: the page's
    sources = result.field_sources["tram"]
    assert sources["title"] == "manifest" and sources["outlet"] == "manifest"
    assert sources["date"] == "json-ld"
    assert "title: manifest 1" in result.report()


def test_fetch_log_gives_a_page_without_canonical_url_its_url(tmp_path: Path) -> None:
    (tmp_path / "p1.html").write_bytes(article_page("Straßenbahn wird verlängert", "2024-03-05"))
    (tmp_path / "fetch_log.csv").write_text(
        "url,status,file,time,final_url,bytes,message\n"
        "https://www.example.de/p1,200,p1.html,2024-03-06T10:00:00+00:00,https://www.example.de/p1.html,100,\n",
        encoding="utf-8",
    )
    result = load_articles(tmp_path)
    (art,) = result.articles  # the log itself is no article
    assert art.meta["url"] == "https://www.example.de/p1.html"
    assert result.field_sources["p1"]["url"] == "argument"
    assert not result.problems


def test_mixed_folder_of_txt_jsonl_and_html_builds_in_one_run(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "Der Bürgermeister sagte, die Stadt werde 3.000 neue Wohnungen bauen.\n", encoding="utf-8"
    )
    recs = [
        {"id": "b1", "text": "„Wir brauchen mehr Busse“, sagte die Verkehrsministerin am Montag.", "date": "2024-03-01"},
        {"id": "b2", "text": "Laut Polizei wurden 12 Menschen verletzt.", "outlet": "dpa"},
    ]  # fmt: skip
    (tmp_path / "b.jsonl").write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in recs), encoding="utf-8"
    )
    (tmp_path / "c.html").write_bytes(
        article_page("Straßenbahn wird verlängert", "2024-03-05T18:30:00+01:00")
    )
    corpus = kit.build(tmp_path, cache=False, progress=False, corrections_dir=tmp_path / "corr")
    arts = corpus.articles.set_index("id")
    assert list(arts.index) == ["a", "b1", "b2", "c"]
    assert arts.loc["c", "date"] == "2024-03-05" and arts.loc["c", "outlet"] == "Rheinische Post"
    assert arts.loc["c", "authors"] == "Erika Musterfrau" and arts.loc["a", "authors"] == ""
    assert "title=json-ld" in arts.loc["c", "meta_sources"]
    assert corpus.texts["c"].startswith("Straßenbahn wird verlängert\n\n")
    for q in corpus.quotes.itertuples():  # every offset points into the analysed text
        assert corpus.texts[q.article_id][q.quote_start : q.quote_end] == q.quote_text
    written = corpus.to_csv(tmp_path / "out")
    texts = {
        json.loads(x)["id"]: json.loads(x)["text"]
        for x in (tmp_path / "out" / "texts.jsonl").read_text("utf-8").splitlines()
    }
    assert texts["c"] == corpus.texts["c"] and tmp_path / "out" / "texts.jsonl" in written


def test_article_browser_header_shows_title_date_outlet_and_url(tmp_path: Path) -> None:
    from kit.workbench.html import render_article

    (tmp_path / "c.html").write_bytes(article_page("Straßenbahn wird verlängert", "2024-03-05",
                                                   url="https://www.rp-online.de/tram-1.html"))  # fmt: skip
    corpus = kit.build(tmp_path, cache=False, progress=False, corrections_dir=tmp_path / "corr")
    head = render_article(corpus, "c").split('<div class="kit-head">', 1)[1].split("</div>", 1)[0]
    assert "c · Straßenbahn wird verlängert" in head
    assert "2024-03-05 · Rheinische Post · Erika Musterfrau" in head
    assert '<a href="https://www.rp-online.de/tram-1.html"' in head


# -------------------------------------------------------------------- bad pages


def _bad_pages(folder: Path) -> dict[str, bytes]:
    moji = page(
        '<meta property="og:title" content="Straßenbahn wird verlängert">',
        "<h1>Straßenbahn wird verlängert</h1>",
    ).decode()
    moji = moji.replace("größte", "größte".encode().decode("cp1252")).replace(
        "Straßenbahn", "Straßenbahn".encode().decode("cp1252")
    )
    moji = moji.replace("Bauarbeiten", "Ã¼berall Ã¤hnlich Bauarbeiten")
    return {
        "empty.html": b"",
        "binary.html": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
        "notes.html": b"Nur ein bisschen Text ohne jedes Markup, wie in einer Notiz.",
        "big.html": b"<html><body><p>" + b"Wort " * (4 * 1024 * 1024) + b"</p></body></html>",
        "start.htm": b"<html><head><title>Startseite</title></head><body><nav><a href='/a'>Politik</a></nav></body></html>",
        "moji.html": moji.encode("utf-8"),
        "good.html": article_page("Straßenbahn wird verlängert", "2024-03-05"),
    }


@pytest.mark.parametrize(
    ("name", "severity", "reason"),
    [
        ("empty.html", "skipped", "empty file"),
        ("binary.html", "skipped", "binary content: PNG image"),
        ("notes.html", "skipped", "not HTML: no HTML tags found (looks like plain text)"),
        ("big.html", "skipped", "too large: 21.0 MB (limit 10.0 MB"),
        ("start.htm", "skipped", "no article text found"),
        ("moji.html", "warning", "broken encoding: "),
    ],
)
def test_bad_pages_get_a_reason_and_never_stop_the_load(
    tmp_path: Path, name: str, severity: str, reason: str
) -> None:
    for fname, data in _bad_pages(tmp_path).items():
        (tmp_path / fname).write_bytes(data)
    result = load_articles(tmp_path)
    assert sorted(a.id for a in result) == ["good", "moji"]
    (problem,) = [p for p in result.problems if p.source == str(tmp_path / name)]
    assert problem.severity == severity and reason in problem.message
    assert f"{severity}: {tmp_path / name}: {problem.message}" in result.report()


def test_repaired_mojibake_page_reads_right(tmp_path: Path) -> None:
    for fname, data in _bad_pages(tmp_path).items():
        (tmp_path / fname).write_bytes(data)
    art = {a.id: a for a in load_articles(tmp_path)}["moji"]
    assert "größte" in art.text and "Ã" not in art.text


# ---------------------------------------------------------------------- archives


def test_warc_records_become_articles_with_url_ids(warc: Path) -> None:
    result = load_articles(warc)
    ids = [a.id for a in result]
    assert ids == ["example-zeitung.de_a1", "example-zeitung.de_a2"]
    first = result.articles[0]
    assert (
        first.meta["date"] == "2024-03-05"
        and first.meta["url"] == "https://www.example-zeitung.de/a1.html"
    )
    assert first.meta["outlet"] == "Rheinische Post"
    assert first.text.startswith("Tram fährt bis in den Norden\n\n")
    # the source names the archive and the record's byte offset: the raw record is there
    path, offset = first.source.rsplit("@", 1)
    from warcio.archiveiterator import ArchiveIterator

    with open(path, "rb") as fh:
        fh.seek(int(offset))
        rec = next(iter(ArchiveIterator(fh)))
        assert (
            rec.rec_headers.get_header("WARC-Target-URI")
            == "https://www.example-zeitung.de/a1.html"
        )
    (note,) = [p for p in result.problems if p.severity == "note"]
    assert note.message.startswith("web archive: 8 records, 2 articles")
    for part in ("1 in other languages (en 1)", "1 identical to an earlier record", "1 no usable article",
                 "1 not HTML", "1 HTTP status other than 200", "1 requests"):  # fmt: skip
        assert part in note.message
    (bad,) = [p for p in result.problems if p.severity == "skipped"]
    assert "leer.html: no article text found" in bad.message


def test_warc_languages_none_keeps_every_language(warc: Path) -> None:
    res = read_archive(warc, languages=None)
    assert [a.id for a in res.articles] == [
        "example-zeitung.de_a1",
        "example-zeitung.de_en",
        "example-zeitung.de_a2",
    ]


@pytest.mark.parametrize("gz", [True, False])
def test_warc_cut_off_mid_record_keeps_the_records_before(tmp_path: Path, gz: bool) -> None:
    recs = [
        (
            "response",
            f"https://www.example.de/{i}.html",
            article_page(f"Meldung Nummer {i} aus dem Rathaus", "2024-03-05", german(i)),
            "200 OK",
            HTML,
        )
        for i in range(3)
    ]
    whole = write_warc(tmp_path / "whole.warc", recs, gz=gz).read_bytes()
    cut = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    cut.write_bytes(whole[: int(len(whole) * 0.8)])  # the last record loses its end
    (tmp_path / "whole.warc").unlink()
    result = load_articles(tmp_path)
    assert [a.id for a in result] == ["example.de_0", "example.de_1"]
    msgs = [p.message for p in result.problems if p.severity == "skipped"]
    assert any("cut off" in m for m in msgs), msgs


def test_not_a_warc_is_named(tmp_path: Path) -> None:
    (tmp_path / "fake.warc").write_bytes(b"<html><body><p>Kein Archiv</p></body></html>")
    (tmp_path / "a.txt").write_text(
        "Der Bürgermeister sagte, es gebe 3.000 Wohnungen.", encoding="utf-8"
    )
    result = load_articles(tmp_path)
    assert [a.id for a in result] == ["a"]
    assert any(
        p.source.startswith(str(tmp_path / "fake.warc")) and p.severity == "skipped"
        for p in result.problems
    )


def test_url_ids_are_readable_file_safe_and_distinct() -> None:
    assert (
        url_id("https://www.example.de/politik/stadtrat-123.html")
        == "example.de_politik_stadtrat-123"
    )
    a, b = url_id("https://example.de/a?id=1"), url_id("https://example.de/a?id=2")
    assert a != b and a.startswith("example.de_a-") and "/" not in a and "?" not in a
    assert len(url_id("https://example.de/" + "x" * 500)) <= 110


def test_page_extraction_is_cached_by_raw_page(tmp_path: Path, warc: Path, monkeypatch) -> None:
    from kit.reading.web import cache as page_cache

    corpus = warc.parent  # the archive's folder, plus a page; the cache lives elsewhere
    cache_dir = tmp_path.parent / f"{tmp_path.name}-cache"
    (corpus / "c.html").write_bytes(article_page("Straßenbahn wird verlängert", "2024-03-05"))
    calls = []
    real = page_cache.extract
    monkeypatch.setattr(page_cache, "extract", lambda *a, **k: calls.append(1) or real(*a, **k))
    first = load_articles(corpus, page_cache=cache_dir)
    n = len(calls)
    assert n == 6  # the page and the archive's five HTML 200 responses
    second = load_articles(corpus, page_cache=cache_dir)
    assert len(calls) == n  # nothing extracted again
    assert [(a.id, a.text, a.meta) for a in second] == [(a.id, a.text, a.meta) for a in first]
    assert second.report() == first.report()
    for entry in cache_dir.rglob("*.json"):  # a corrupt entry is a miss
        entry.write_text("{", encoding="utf-8")
    assert [a.text for a in load_articles(corpus, page_cache=cache_dir)] == [a.text for a in first]
    assert len(calls) == 2 * n


def test_eval_html_skips_with_a_clear_message_without_the_benchmark(tmp_path: Path, capsys) -> None:
    from kit.cli import main

    assert main(["eval", "html", "--bench", str(tmp_path / "absent")]) == 0
    out = capsys.readouterr().out
    assert "benchmark not found" in out and "skipping" in out


def test_cli_build_reads_pages_and_prints_where_metadata_came_from(tmp_path: Path, capsys) -> None:
    from kit.cli import main

    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "c.html").write_bytes(
        article_page("Straßenbahn wird verlängert", "2024-03-05")
    )
    (tmp_path / "pages" / "leer.html").write_bytes(b"")
    code = main(
        ["build", str(tmp_path / "pages"), "--out", str(tmp_path / "out"), "--no-cache", "--quiet"]
    )
    err = capsys.readouterr().err
    assert code == 0
    assert "metadata of 1 web page, by field and source:" in err and "leer.html: empty file" in err
    assert (tmp_path / "out" / "texts.jsonl").is_file()
