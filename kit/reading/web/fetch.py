"""``kit fetch URLS.txt|FEED_URL --out pages/``: download pages into a folder ``kit build`` reads.

A corpus fetched once is reproducible offline: the raw pages are saved as
they came (``<id>.html``, the id made from the URL by
:func:`kit.reading.web.articles.url_id`), and ``fetch_log.csv`` records every
attempt (url, status, file, time, final URL after redirects, bytes, message);
the loader reads the log to give each page its URL. Polite by default:

- **robots.txt** of every host is read first (protego, the parser Scrapy uses:
  wildcards, ``Allow``, ``Crawl-delay``) and respected; an unreachable one
  means "disallow" (RFC 9309), a missing one (4xx) "allow";
- **one request per host per ``delay`` seconds** (or the host's Crawl-delay);
- **timeouts** (connect and read, and a whole-download deadline), **retries
  with back-off** on timeouts, connection errors, 429 and 5xx (``Retry-After``
  honoured up to a minute), a **size cap** (pages above it are not saved);
- only HTML is saved; already downloaded pages (in the log with status 200 and
  on disk) are skipped on a rerun, so an interrupted fetch just continues.

The source is a text file of URLs (one per line, ``#`` comments), a feed
file, or the URL of an RSS/Atom feed (feedparser: RSS 0.9x–2.0, RDF, Atom,
broken XML tolerated), whose entry links are fetched.
"""

from __future__ import annotations

import csv
import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from kit.files import atomic_write_bytes
from kit.reading.web.articles import url_id
from kit.reading.web.fetchlog import COLUMNS, FETCH_LOG, read_log
from kit.reading.web.rawpage import MAX_PAGE_BYTES

USER_AGENT = "kit-fetch/0.1 (German news analysis kit; honours robots.txt)"
_RETRY_STATUS = {429, 500, 502, 503, 504}
_HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass
class FetchOptions:
    delay: float = 1.0  # seconds between two requests to one host
    retries: int = 3  # further attempts after a timeout, connection error, 429 or 5xx
    backoff: float = 1.0  # first wait before a retry; doubles each time
    timeout: float = 20.0  # connect and read timeout (the whole download: 3×)
    max_bytes: int = MAX_PAGE_BYTES
    user_agent: str = USER_AGENT
    robots: bool = True


@dataclass
class FetchReport:
    out_dir: Path
    urls: int = 0
    saved: int = 0
    already: int = 0
    failed: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        fails = ", ".join(f"{n} {k}" for k, n in sorted(self.failed.items()))
        line = (
            f"{self.urls} URLs: {self.saved} pages saved into {self.out_dir}, "
            f"{self.already} already there"
        )
        if fails:
            line += f"; not saved: {fails} (see {self.out_dir / FETCH_LOG})"
        return line


class _Fetcher:
    """One requests session, robots.txt per host, the polite clock per host."""

    def __init__(self, opts: FetchOptions, sleep: Callable[[float], None] = time.sleep) -> None:
        import requests

        self.requests = requests
        self.opts = opts
        self.session = requests.Session()
        self.session.headers["User-Agent"] = opts.user_agent
        self.last: dict[str, float] = {}
        self.robots: dict[str, Any] = {}
        self.sleep = sleep

    def _wait(self, host: str, delay: float) -> None:
        last = self.last.get(host)
        if last is not None:
            gap = last + delay - time.monotonic()
            if gap > 0:
                self.sleep(gap)
        self.last[host] = time.monotonic()

    def _delay(self, url: str) -> float:
        host = urlsplit(url).netloc
        rp = self.robots.get(host)
        crawl = rp.crawl_delay(self.opts.user_agent) if rp is not None and rp is not False else None
        return max(self.opts.delay, float(crawl or 0))

    def allowed(self, url: str) -> tuple[bool, str]:
        """(allowed, reason) by the host's robots.txt (read once per host)."""
        if not self.opts.robots:
            return True, ""
        from protego import Protego

        parts = urlsplit(url)
        host = parts.netloc
        if host not in self.robots:
            robots_url = f"{parts.scheme}://{host}/robots.txt"
            status, body, _, msg = self.get(robots_url, robots=True)
            if isinstance(status, int) and 200 <= status < 300:
                self.robots[host] = Protego.parse(body.decode("utf-8", "replace"))
            elif isinstance(status, int) and 400 <= status < 500:
                self.robots[host] = None  # no robots.txt: everything allowed
            else:
                self.robots[host] = False  # unreachable: complete disallow (RFC 9309)
                self.robots[host + "#msg"] = f"robots.txt unreachable ({status}: {msg})"
        rp = self.robots[host]
        if rp is False:
            return False, self.robots[host + "#msg"]
        if rp is not None and not rp.can_fetch(url, self.opts.user_agent):
            return False, "disallowed by robots.txt"
        return True, ""

    def get(self, url: str, robots: bool = False) -> tuple[int | str, bytes, str, str]:
        """(status, body, final url, message); status is an int or "timeout"/"error"/"too large"."""
        o = self.opts
        host = urlsplit(url).netloc
        status: int | str = "error"
        msg = ""
        for attempt in range(o.retries + 1):
            self._wait(host, o.delay if robots else self._delay(url))
            try:
                status, body, final, msg = self._once(url)
            except self.requests.Timeout as exc:
                status, body, final, msg = (
                    "timeout",
                    b"",
                    url,
                    f"no answer within {o.timeout:g} s ({type(exc).__name__})",
                )
            except self.requests.RequestException as exc:
                status, body, final, msg = "error", b"", url, f"{type(exc).__name__}: {exc}"[:200]
            retry = status in ("timeout", "error") or status in _RETRY_STATUS
            if not retry or attempt == o.retries:
                return status, body, final, msg
            wait = o.backoff * 2**attempt
            if isinstance(status, int) and self._retry_after is not None:
                wait = max(wait, min(60.0, self._retry_after))
            self.sleep(wait)
        return status, b"", url, msg  # pragma: no cover - the loop always returns

    _retry_after: float | None = None

    def _once(self, url: str) -> tuple[int | str, bytes, str, str]:
        o = self.opts
        self._retry_after = None
        start = time.monotonic()
        with self.session.get(
            url, timeout=(o.timeout, o.timeout), stream=True, allow_redirects=True
        ) as r:
            ra = r.headers.get("Retry-After", "")
            self._retry_after = float(ra) if ra.strip().isdigit() else None
            declared = r.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > o.max_bytes:
                return (
                    "too large",
                    b"",
                    r.url,
                    f"{int(declared):,} bytes announced (limit {o.max_bytes:,})",
                )
            chunks, size = [], 0
            for chunk in r.iter_content(65536):
                chunks.append(chunk)
                size += len(chunk)
                if size > o.max_bytes:
                    return "too large", b"", r.url, f"more than {o.max_bytes:,} bytes (limit)"
                if time.monotonic() - start > 3 * o.timeout:
                    raise self.requests.Timeout(f"download took longer than {3 * o.timeout:g} s")
            ctype = r.headers.get("Content-Type", "")
            return r.status_code, b"".join(chunks), r.url, ctype


def read_targets(source: str, fetcher: _Fetcher | None = None) -> list[str]:
    """The URLs to fetch: lines of a URL list, or the entry links of a feed (file or URL)."""
    if source.startswith(("http://", "https://")):
        assert fetcher is not None
        status, body, _, msg = fetcher.get(source)
        if status != 200:
            raise ValueError(f"feed {source} could not be read ({status} {msg})")
        return feed_links(body, source)
    path = Path(source)
    data = path.read_bytes()
    head = data[:512].lstrip().lower()
    if head.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf")):
        return feed_links(data, source)
    urls: dict[str, None] = {}
    for line in data.decode("utf-8-sig", "replace").splitlines():
        line = line.split("#", 1)[0].strip() if not line.lstrip().startswith("#") else ""
        if line.startswith(("http://", "https://")):
            urls.setdefault(line, None)
    return list(urls)


def feed_links(data: bytes, where: str) -> list[str]:
    """Entry links of an RSS/Atom feed (feedparser), in feed order, each once."""
    import feedparser

    parsed = feedparser.parse(data)
    links: dict[str, None] = {}
    for e in parsed.entries:
        link = e.get("link") or ""
        if link.startswith(("http://", "https://")):
            links.setdefault(link, None)
    if not links and parsed.get("bozo"):
        raise ValueError(f"{where} is no readable feed ({parsed.get('bozo_exception')})")
    return list(links)


def fetch(
    source: str | Path,
    out_dir: str | Path,
    *,
    options: FetchOptions | None = None,
    progress: bool = True,
    sleep: Callable[[float], None] = time.sleep,
) -> FetchReport:
    """Download the pages of ``source`` (URL list, feed file or feed URL) into ``out_dir``."""
    from tqdm.auto import tqdm

    opts = options or FetchOptions()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    fetcher = _Fetcher(opts, sleep=sleep)
    urls = read_targets(str(source), fetcher)
    done = read_log(out)
    report = FetchReport(out, urls=len(urls))
    log_path = out / FETCH_LOG
    new_log = not log_path.exists()
    with open(log_path, "a", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS)
        if new_log:
            writer.writeheader()
        for url in tqdm(urls, desc="fetching", unit="page", disable=not progress or len(urls) < 2):
            prev = done.get(url)
            if (
                prev
                and prev.get("status") == "200"
                and prev.get("file")
                and (out / prev["file"]).is_file()
            ):
                report.already += 1
                continue
            row = _fetch_one(url, out, fetcher)
            writer.writerow(row)
            fh.flush()
            if row["status"] == "200" and row["file"]:
                report.saved += 1
            else:
                key = row["status"] if not row["status"].isdigit() else f"HTTP {row['status']}"
                report.failed[key] = report.failed.get(key, 0) + 1
    return report


def _fetch_one(url: str, out: Path, fetcher: _Fetcher) -> dict[str, str]:
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    row = dict.fromkeys(COLUMNS, "")
    row.update(url=url, time=now)
    ok, why = fetcher.allowed(url)
    if not ok:
        row.update(status="robots", message=why)
        return row
    status, body, final, msg = fetcher.get(url)
    row.update(status=str(status), final_url=final, bytes=str(len(body)))
    if status != 200:
        row["message"] = msg
        return row
    if msg and msg.split(";", 1)[0].strip().lower() not in _HTML_TYPES:
        row.update(status="not HTML", message=f"Content-Type {msg}")
        return row
    name = url_id(url) + ".html"
    atomic_write_bytes(out / name, body)
    row.update(file=name, message=msg)
    return row
