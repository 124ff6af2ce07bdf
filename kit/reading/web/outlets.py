"""Outlet names: aliases, host names and site names → one canonical name.

``kit/resources/outlets.tsv`` (``alias <TAB> outlet``, the file the chart
source lines use too) maps "DER SPIEGEL", "spiegel.de" and "SPIEGEL" to one
name; a host name is also looked up by its registrable domain
("sport.sueddeutsche.de" → "sueddeutsche.de"). :func:`choose_outlet` never
returns a URL or a name with an underscore ("Handelsblatt_De"), nor a
publisher's company ("… GmbH") or a platform ("Blogger").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from kit.reading.web.strings import norm_space
from kit.reading.web.structured import Structured, ld_text
from kit.reading.web.words import entries
from kit.wordlists import rows

OUTLETS = "outlets.tsv"


def outlet_key(s: str) -> str:
    """Lookup key of an alias: lower case, spaces collapsed, no scheme, "www." or final "/"."""
    s = norm_space(s).casefold()
    s = re.sub(r"^https?://", "", s)
    return re.sub(r"^www\.", "", s).rstrip("/")


@cache
def _outlets() -> dict[str, str]:
    table: dict[str, str] = {}
    for row in rows(OUTLETS):
        if (
            len(row) < 2
            or not row[0]
            or (row[0].casefold(), row[1].casefold()) == ("alias", "outlet")
        ):
            continue
        table.setdefault(outlet_key(row[0]), row[1])
        table.setdefault(outlet_key(row[1]), row[1])
    return table


def lookup_outlet(name: str) -> str | None:
    """Canonical outlet name for an alias, host name or URL, else None."""
    if not name:
        return None
    table = _outlets()
    key = outlet_key(name)
    if key in table:
        return table[key]
    if re.match(r"^[\w.-]+\.[a-z]{2,}(/.*)?$", key):  # host name or URL
        labels = key.split("/")[0].split(".")
        for i in range(len(labels) - 1):
            cand = ".".join(labels[i:])
            if cand in table:
                return table[cand]
    return None


@cache
def _not_outlet() -> tuple[re.Pattern[str], frozenset[str]]:
    legal = re.compile(r"\b(" + "|".join(entries("legal_form")) + r")\b\.?")
    return legal, frozenset(e.casefold() for e in entries("platform"))


def choose_outlet(
    st: Structured, host: str, traf_sitename: Callable[[], str | None]
) -> tuple[str, str, set[str]]:
    """(outlet, source, names): the outlet from og:site_name, the JSON-LD publisher,
    application-name and the host name (a known alias anywhere wins, in that order),
    and every name the page uses for itself (to recognise " | Outlet" title suffixes)."""
    pub: Any = st.ld("publisher")
    pub = st.resolve(pub[0] if isinstance(pub, list) and pub else pub)
    cands = [
        ("og", st.first("og:site_name")),
        ("json-ld", ld_text(pub) if isinstance(pub, (dict, str)) else ""),
        (
            "meta",
            st.first(
                "application-name",
                "apple-mobile-web-app-title",
                "publisher",
                "dc.publisher",
                "twitter:site",
            ),
        ),
        ("url", host),
    ]
    if not any(v for _, v in cands):
        cands.append(("trafilatura", traf_sitename() or ""))
    outlet, osrc = "", ""
    for s, v in cands:
        c = lookup_outlet(v.lstrip("@")) if v else None
        if c:
            outlet, osrc = c, s
            break
    if not outlet:
        legal, platforms = _not_outlet()
        for s, v in cands:
            v = v.lstrip("@").strip()
            if not v or legal.search(v) or v.casefold() in platforms:
                continue
            if re.match(r"^(https?://|www\.)", v) or "/" in v:
                v = urlsplit(v if "//" in v else "//" + v).netloc.removeprefix("www.")
            v = v.replace("_", " ").strip()
            if v:
                outlet, osrc = v, s
                break
    names = {outlet_key(x) for _, x in cands if x} | ({outlet_key(outlet)} if outlet else set())
    if host:
        names |= {host, host.split(".")[0]}
    names.discard("")
    return outlet, osrc, names
