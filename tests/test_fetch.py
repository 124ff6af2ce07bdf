"""``kit fetch`` against a local HTTP server on 127.0.0.1 that the test starts (no other host).

The server has a robots.txt, pages, a 404, a redirect, a slow page, a page that
fails once with 503, an oversized page and an RSS feed; two rounds of fetching
show that a rerun skips what is already there. Waits are recorded, not slept,
where the test checks politeness (``sleep=`` hook).
"""

from __future__ import annotations

import csv
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from test_webpage import PARAS, page

from kit.cli import main
from kit.reading.load import load_articles
from kit.reading.web.fetch import FetchOptions, feed_links, fetch

pytest.importorskip("protego")
pytest.importorskip("feedparser")

HITS: list[tuple[float, str]] = []


def article(title: str) -> bytes:
    return page(f"<title>{title}</title>", f"<h1>{title}</h1>", PARAS)


class Handler(BaseHTTPRequestHandler):
    flaky = {"n": 0}

    def log_message(self, *args) -> None:  # quiet
        pass

    def send(
        self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8", **headers
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers.items():
            self.send_header(k.replace("_", "-"), v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        HITS.append((time.monotonic(), self.path))
        base = f"http://{self.headers['Host']}"
        if self.path == "/robots.txt":
            self.send(200, b"User-agent: *\nDisallow: /privat/\n", "text/plain")
        elif self.path in ("/a.html", "/b.html", "/c.html", "/privat/geheim.html"):
            self.send(200, article(f"Seite {self.path} im Stadtrat"))
        elif self.path == "/umzug.html":
            self.send(301, b"", Location=f"{base}/c.html")
        elif self.path == "/langsam.html":
            time.sleep(1.5)
            self.send(200, article("Langsame Seite"))
        elif self.path == "/wackel.html":
            Handler.flaky["n"] += 1
            if Handler.flaky["n"] == 1:
                self.send(503, b"busy", Retry_After="0")
            else:
                self.send(200, article("Wackelige Seite"))
        elif self.path == "/gross.html":
            self.send(200, b"<html><body>" + b"x" * 300_000 + b"</body></html>")
        elif self.path == "/bild.png":
            self.send(200, b"\x89PNG\r\n\x1a\n" + bytes(100), "image/png")
        elif self.path == "/feed.xml":
            items = "".join(
                f"<item><title>{p}</title><link>{base}/{p}</link></item>"
                for p in ("a.html", "b.html")
            )
            rss = f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{items}</channel></rss>'
            self.send(200, rss.encode(), "application/rss+xml")
        else:
            self.send(404, b"<html><body>nicht gefunden</body></html>")


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


FAST = FetchOptions(delay=0.0, retries=1, backoff=0.01, timeout=0.5, max_bytes=200_000)


def log_rows(folder: Path) -> dict[str, dict[str, str]]:
    with open(folder / "fetch_log.csv", encoding="utf-8", newline="") as fh:
        return {r["url"].rsplit("/", 1)[-1]: r for r in csv.DictReader(fh)}


def test_fetch_url_list_then_rerun(server: str, tmp_path: Path) -> None:
    names = ["a.html", "privat/geheim.html", "fehlt.html", "umzug.html", "langsam.html",
             "wackel.html", "gross.html", "bild.png"]  # fmt: skip
    urls = tmp_path / "urls.txt"
    urls.write_text(
        "# Stadtrat\n" + "\n".join(f"{server}/{n}" for n in names) + "\n\n", encoding="utf-8"
    )
    out = tmp_path / "pages"
    report = fetch(urls, out, options=FAST, progress=False)
    rows = log_rows(out)
    assert rows["a.html"]["status"] == "200" and (out / rows["a.html"]["file"]).is_file()
    assert rows["geheim.html"]["status"] == "robots" and rows["geheim.html"]["file"] == ""
    assert rows["fehlt.html"]["status"] == "404"
    assert (
        rows["umzug.html"]["status"] == "200"
        and rows["umzug.html"]["final_url"] == f"{server}/c.html"
    )
    assert rows["langsam.html"]["status"] == "timeout"
    assert rows["wackel.html"]["status"] == "200"  # 503 once, then retried
    assert rows["gross.html"]["status"] == "too large"
    assert rows["bild.png"]["status"] == "not HTML"
    assert report.saved == 3 and report.already == 0
    assert report.failed == {
        "HTTP 404": 1,
        "not HTML": 1,
        "robots": 1,
        "timeout": 1,
        "too large": 1,
    }
    saved = {p.name: p.read_bytes() for p in out.glob("*.html")}
    assert saved[rows["a.html"]["file"]] == article("Seite /a.html im Stadtrat")  # raw, untouched
    assert not any("geheim" in n for n in saved)

    # rerun: the saved pages are not requested again, failures are retried
    HITS.clear()
    again = fetch(urls, out, options=FAST, progress=False)
    paths = [p for _, p in HITS]
    assert "/a.html" not in paths and "/wackel.html" not in paths and "/umzug.html" not in paths
    assert "/fehlt.html" in paths
    assert again.already == 3 and again.saved == 0
    assert {p.name: p.read_bytes() for p in out.glob("*.html")} == saved

    # the folder builds: pages load with the URL they were fetched from
    result = load_articles(out)
    assert sorted(a.meta["url"] for a in result) == sorted(
        [f"{server}/a.html", f"{server}/c.html", f"{server}/wackel.html"]
    )
    assert not [p for p in result.problems if p.severity == "skipped"]


def test_polite_delay_per_host(server: str, tmp_path: Path) -> None:
    waits: list[float] = []

    def record(seconds: float) -> None:
        waits.append(seconds)
        time.sleep(seconds)

    urls = tmp_path / "urls.txt"
    urls.write_text(f"{server}/a.html\n{server}/b.html\n", encoding="utf-8")
    opts = FetchOptions(delay=0.3, retries=0, timeout=2.0)
    HITS.clear()
    fetch(urls, tmp_path / "pages", options=opts, progress=False, sleep=record)
    times = [t for t, p in HITS]
    assert [p for _, p in HITS] == ["/robots.txt", "/a.html", "/b.html"]
    assert all(b - a >= 0.25 for a, b in zip(times, times[1:], strict=False))
    assert waits and all(0 < w <= 0.3 for w in waits)


def test_feed_url_and_feed_file(server: str, tmp_path: Path) -> None:
    report = fetch(f"{server}/feed.xml", tmp_path / "pages", options=FAST, progress=False)
    assert report.urls == 2 and report.saved == 2
    rss = b'<?xml version="1.0"?><rss version="2.0"><channel><item><link>https://example.de/x</link></item></channel></rss>'
    assert feed_links(rss, "t") == ["https://example.de/x"]
    atom = b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry><link href="https://example.de/y"/></entry></feed>'
    assert feed_links(atom, "t") == ["https://example.de/y"]


def test_cli_fetch(server: str, tmp_path: Path, capsys) -> None:
    urls = tmp_path / "urls.txt"
    urls.write_text(f"{server}/a.html\n{server}/fehlt.html\n", encoding="utf-8")
    code = main(
        [
            "fetch",
            str(urls),
            "--out",
            str(tmp_path / "p"),
            "--delay",
            "0",
            "--retries",
            "0",
            "--quiet",
        ]
    )
    err = capsys.readouterr().err
    assert code == 0
    assert "2 URLs: 1 pages saved" in err and "1 HTTP 404" in err and "kit build" in err
    assert main(["fetch", str(tmp_path / "nope.txt"), "--out", str(tmp_path / "p")]) == 2
