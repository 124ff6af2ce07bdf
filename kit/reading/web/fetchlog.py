"""``fetch_log.csv``: what ``kit fetch`` did, one row per URL; the loader reads it for URLs.

Columns: ``url`` (as listed), ``status`` (HTTP status, or ``robots``, ``timeout``,
``error``, ``too large``, ``skipped``), ``file`` (the saved page, relative to the
folder; empty if none), ``time`` (UTC, ISO 8601), ``final_url`` (after
redirects), ``bytes``, ``message``. A rerun appends rows; the last row of a URL
counts. The loader never reads the log as an article; it gives each saved page
its URL (the page's own canonical URL still wins).
"""

from __future__ import annotations

import csv
from pathlib import Path

FETCH_LOG = "fetch_log.csv"
COLUMNS = ("url", "status", "file", "time", "final_url", "bytes", "message")


def read_log(folder: Path) -> dict[str, dict[str, str]]:
    """url → its last row in ``folder/fetch_log.csv`` (empty if there is none)."""
    path = Path(folder) / FETCH_LOG
    out: dict[str, dict[str, str]] = {}
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                if row.get("url"):
                    out[row["url"]] = row
    except (OSError, csv.Error, UnicodeDecodeError):
        return out
    return out


def url_for(path: Path, cache: dict[Path, dict[str, str]]) -> str | None:
    """The URL ``kit fetch`` saved ``path`` from, per the log in its folder (or None)."""
    folder = path.parent
    if folder not in cache:
        cache[folder] = {
            row["file"]: row.get("final_url") or url
            for url, row in read_log(folder).items()
            if row.get("file")
        }
    return cache[folder].get(path.name)
