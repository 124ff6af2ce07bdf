"""Publishing and modified dates: parsing the forms pages use, choosing among candidates.

:func:`parse_date` reads ISO 8601 variants, RFC 2822, Java's ``Date.toString``
and German "28.04.2023, 19:20 Uhr" / "28. April 2023". :func:`pick_when`
takes the first candidate (the sources are tried in order of trust) and
completes it from a later one that agrees on the day (and hh:mm) but adds a
time or a UTC offset; :func:`dateline_time` finds the time printed next to
the date in the visible page ("Do 25.04.24 | 14:07 Uhr").
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from kit.reading.web.dom import SKIP_TAGS
from kit.reading.web.strings import norm_space
from kit.reading.web.words import entries, values

_TZ_ABBR = {
    "UTC": 0, "GMT": 0, "Z": 0, "UT": 0, "WET": 0, "WEST": 60, "BST": 60, "CET": 60, "MEZ": 60,
    "CEST": 120, "MESZ": 120, "EET": 120, "EEST": 180, "MSK": 180, "EST": -300, "EDT": -240,
    "CST": -360, "CDT": -300, "MST": -420, "MDT": -360, "PST": -480, "PDT": -420,
}  # fmt: skip

#: <meta> names of the publishing date, in order of trust (compared squashed, see structured.squash)
PUB_META = (
    "article:published_time", "og:article:published_time", "article:published", "og:published_time",
    "published_time", "article.published", "datepublished", "parsely-pub-date", "sailthru.date",
    "dc.date.issued", "dcterms.issued", "dc.date.created", "dcterms.created", "date.available",
    "cxenseparse:recs:publishtime", "publishdate", "publish-date", "publish_date", "pubdate",
    "article_date_original", "date", "dc.date", "dcterms.date", "date.created", "og:updated_time",
)  # fmt: skip
#: <meta> names of the modified date
MOD_META = (
    "article:modified_time", "og:article:modified_time", "modified_time", "article.updated",
    "datemodified", "dc.date.modified", "dcterms.modified", "date.modified", "last-modified",
    "og:updated_time", "lastmod", "date.updated",
)  # fmt: skip

URL_DATE_RE = re.compile(r"/(20\d{2}|19\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|[^\d])")


@cache
def _months() -> dict[str, int]:
    months = {k: int(v) for k, v in values("month").items()}
    for m, i in list(months.items()):
        months.setdefault(m[:3], i)
    return months


@dataclass(frozen=True)
class When:
    """A date, maybe with a time of day and a UTC offset."""

    date: dt.date
    hms: tuple[int, int, int] | None = None
    tz: dt.timezone | None = None

    def iso(self) -> str:
        if self.hms is None:
            return self.date.isoformat()
        return dt.datetime.combine(self.date, dt.time(*self.hms), self.tz).isoformat()

    def precision(self) -> int:
        return (self.hms is not None) + (self.tz is not None)


def _mk_tz(sign: str, hh: str, mm: str) -> dt.timezone:
    off = int(hh) * 60 + int(mm or 0)
    return dt.timezone(dt.timedelta(minutes=-off if sign == "-" else off))


_ISO_RE = re.compile(
    r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?"
    r"\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2}(?!\d)|[+-]\d{2}(?![\d:]))?"
)
_JAVA_RE = re.compile(r"^\w{3},? (\w{3}) (\d{1,2}) (\d{1,2}):(\d{2}):(\d{2}) ([A-Z]{2,5}) (\d{4})$")


@cache
def _german_res() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    um, uhr = "|".join(entries("time_before")), "|".join(entries("time_word"))
    de = re.compile(
        rf"(?<!\d)(\d{{1,2}})\.\s?(\d{{1,2}})\.\s?(\d{{4}})(?:,?\s*(?:(?:{um})\s*)?(\d{{1,2}})[:.](\d{{2}})(?:\s*(?:{uhr}))?)?"
    )
    de_long = re.compile(
        rf"(?<!\d)(\d{{1,2}})\.?\s+([A-Za-zäöüÄÖÜ]{{3,9}})\.?\s+(\d{{4}})(?:,?\s*(?:(?:{um})\s*)?(\d{{1,2}})[:.](\d{{2}}))?"
    )
    dateline = re.compile(
        rf"(?<!\d)(\d{{1,2}})\.\s?(\d{{1,2}})\.\s?(\d{{4}}|\d{{2}})(?!\d)\s*(?:[|,/–-]|{um})?\s*(?:(?:{um})\s*)?(\d{{1,2}})[:.](\d{{2}})\s*(?:{uhr})"
    )
    return de, de_long, dateline


def parse_date(s: str) -> When | None:
    """Parse the date formats seen in meta tags and JSON-LD; None if there is none."""
    if not s or not isinstance(s, str):
        return None
    s = s.strip()
    de_re, de_long_re, _ = _german_res()
    try:
        m = _ISO_RE.search(s)
        if m:
            y, mo, d, h, mi, sec, tz = m.groups()
            date = dt.date(int(y), int(mo), int(d))
            hms = (int(h), int(mi), int(sec or 0)) if h is not None else None
            tzinfo = None
            if tz:
                if tz in ("Z", "UTC", "GMT"):
                    tzinfo = dt.UTC
                else:
                    t = tz.replace(":", "")
                    tzinfo = _mk_tz(t[0], t[1:3], t[3:5] or "0")
            if hms is None:
                tzinfo = None
            elif hms[0] > 23 or hms[1] > 59:
                hms, tzinfo = None, None
            return When(date, hms, tzinfo)
        m = _JAVA_RE.match(s)
        if m:
            mon, d, h, mi, sec, tzn, y = m.groups()
            off = _TZ_ABBR.get(tzn)
            tzinfo = dt.timezone(dt.timedelta(minutes=off)) if off is not None else None
            return When(
                dt.date(int(y), _months()[mon.casefold()], int(d)),
                (int(h), int(mi), int(sec)),
                tzinfo,
            )
        if re.match(r"^[A-Z][a-z]{2}, \d", s):
            d = email.utils.parsedate_to_datetime(s)
            return When(d.date(), (d.hour, d.minute, d.second), d.tzinfo)
        m = de_re.search(s)
        if m:
            d, mo, y, h, mi = m.groups()
            hms = (int(h), int(mi), 0) if h is not None and int(h) < 24 else None
            return When(dt.date(int(y), int(mo), int(d)), hms)
        m = de_long_re.search(s)
        if m and m.group(2).casefold() in _months():
            d, mon, y, h, mi = m.groups()
            hms = (int(h), int(mi), 0) if h is not None and int(h) < 24 else None
            return When(dt.date(int(y), _months()[mon.casefold()], int(d)), hms)
        m = re.fullmatch(r"(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?", s)
        if m:
            y, mo, d, h, mi, sec = m.groups()
            hms = (int(h), int(mi), int(sec or 0)) if h else None
            return When(dt.date(int(y), int(mo), int(d)), hms)
    except (ValueError, KeyError, TypeError, IndexError, OverflowError):
        return None
    return None


def pick_when(cands: list[tuple[str, When]]) -> tuple[str, When] | tuple[None, None]:
    """First candidate wins; it is completed from a later one that agrees with it
    (same local date and, where given, same hour:minute) but has a time or an offset."""
    if not cands:
        return None, None
    src, w = cands[0]
    if w.precision() < 2:
        for _, o in cands[1:]:
            if o.date != w.date or o.precision() <= w.precision():
                continue
            if w.hms is not None and (o.hms is None or o.hms[:2] != w.hms[:2]):
                continue
            w = o
            if w.precision() == 2:
                break
    return src, w


def dateline_time(doc: Any, date: dt.date) -> tuple[int, int, int] | None:
    """Time of day printed next to the publication date in the visible page
    ("Do 25.04.24 | 14:07 Uhr"), for pages whose metadata give the date only."""
    _, _, dateline_re = _german_res()
    word = entries("time_word")[0]
    for t in doc.xpath(f'//body//text()[contains(., "{word}")]')[:400]:
        par = t.getparent()
        if par is None or not isinstance(par.tag, str) or par.tag in SKIP_TAGS:
            continue
        txt = norm_space(par.text_content()) if len(par) < 12 else norm_space(str(t))
        for m in dateline_re.finditer(txt[:300]):
            d, mo, y, h, mi = m.groups()
            year = int(y) + (2000 if len(y) == 2 else 0)
            try:
                if dt.date(year, int(mo), int(d)) == date and int(h) < 24 and int(mi) < 60:
                    return (int(h), int(mi), 0)
            except ValueError:
                continue
    return None
