"""The article's title: structured titles, the visible headline, kickers and outlet suffixes.

Pages title themselves several times (JSON-LD headline, og:title,
twitter:title, ``<title>``, the ``<h1>``), often with the outlet or a date
appended (" | DER SPIEGEL", " – DW – 13.06.2023") or a kicker (Dachzeile)
in front ("Verkehrswende: Straßenbahn wird verlängert"). :func:`choose_title`
takes the first structured title unless the page visibly shows another one,
and splits off a kicker when another source gives the headline alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from kit.reading.web.dom import attrs, in_skipped_box, visible_text
from kit.reading.web.outlets import lookup_outlet, outlet_key
from kit.reading.web.strings import fold, norm_space
from kit.reading.web.words import pattern

#: (full text, kicker, main headline, element) of one visible headline
Headline = tuple[str, str, str, Any]


def _headline_parts(el: Any) -> tuple[str, str, str]:
    """(full text, kicker, main headline) of a heading element that may hold a kicker
    (Dachzeile) and the headline proper as separate child elements."""
    full = visible_text(el)
    kicker = ""
    kicker_cls = pattern("kicker_class")
    for c in el.iter():
        if c is el or not isinstance(c.tag, str):
            continue
        if kicker_cls.search(c.get("class", "") or ""):
            k = visible_text(c)
            if k and len(k) < len(full) and full.startswith(k):
                kicker = k
                break
    main = full
    if kicker:
        main = full[len(kicker) :].lstrip(" :|–-·").strip()
    return full, kicker, main


def visible_headlines(doc: Any) -> tuple[list[Headline], list[Headline]]:
    """Headline elements a reader sees: (1) ``<h1>`` elements, (2) ``<h2>`` elements marked
    as a headline (class "…headline/title…" on the element or inside it) and
    itemprop=headline elements. Anything inside nav/footer/aside/breadcrumb is skipped."""
    h1s: list[Headline] = []
    others: list[Headline] = []
    not_headline, headline_cls = pattern("not_headline_class"), pattern("headline_class")
    subtitle = pattern("subtitle_class")
    for el in doc.xpath('//h1 | //h2 | //*[@itemprop="headline"][not(self::meta)]'):
        if not_headline.search(attrs(el)) or in_skipped_box(el):
            continue
        if el.tag == "h2" and el.get("itemprop") != "headline":
            marks = [attrs(el)] + [attrs(c) for c in el.iterdescendants() if isinstance(c.tag, str)]
            if not any(
                headline_cls.search(m or "") and not subtitle.search(m or "") for m in marks
            ):
                continue
        parts = _headline_parts(el)
        if not parts[0] or not 3 < len(parts[0]) < 400:
            continue
        (h1s if el.tag == "h1" else others).append((*parts, el))
        if len(h1s) + len(others) >= 12:
            break
    return h1s, others


_SEP_RE = re.compile(r"\s+(?:\||–|—|-|·|•|::|»|/|~)\s+")
_DATE_SEG = re.compile(r"^\s*(\d{1,2}\.\d{1,2}\.\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}\. \w+ \d{4})\s*$")
_DOMAIN = re.compile(
    r"[\w-]+(\.[\w-]+)*\.(de|com|net|org|at|ch|eu|info|online|news|tv|fm|io|co\.uk)"
)


def _is_outlet_segment(seg: str, names: set[str]) -> bool:
    s = outlet_key(seg)
    if not s:
        return False
    if s in names or lookup_outlet(seg):
        return True
    if _DOMAIN.fullmatch(s):
        return True
    return any(len(n) >= 3 and (s.startswith(n + " ") or s.endswith(" " + n)) for n in names)


def strip_title_affixes(title: str, names: set[str], loose: bool = False) -> str:
    """Remove " | Outlet", " - Outlet", " – DW – 13.06.2023", ", Tageszeitung junge Welt,
    26.04.2024" and "Outlet: " affixes. With ``loose`` (for the ``<title>`` element), short
    section segments ("Sport", "Europa") before an outlet segment are removed too."""
    t = norm_space(title)
    if not t:
        return t
    for _ in range(6):
        segs = _SEP_RE.split(t)
        if len(segs) < 2:
            break
        seps = _SEP_RE.findall(t)
        # the first segment (from the left, index >= 1) from which all are strippable
        cut = None
        for i in range(1, len(segs)):
            rest = segs[i:]
            flags = [_is_outlet_segment(x, names) or bool(_DATE_SEG.match(x)) for x in rest]
            if flags[-1] and (
                all(flags)
                or (
                    loose
                    and all(f or len(x.split()) <= 3 for f, x in zip(flags, rest, strict=True))
                )
            ):
                cut = i
                break
        if cut is None:
            break
        head = segs[0]
        for sep, seg in zip(seps[: cut - 1], segs[1:cut], strict=True):
            head += sep + seg
        if len(head) < 3:
            break
        t = head.strip()
    # comma-separated tail: "Title, Tageszeitung junge Welt, 26.04.2024"
    while True:
        m = re.match(r"^(.{10,}?),\s*([^,]{2,60})$", t)
        if not m or not (_is_outlet_segment(m.group(2), names) or _DATE_SEG.match(m.group(2))):
            break
        t = m.group(1).strip()
    # prefix "Outlet: Title" / "Outlet | Title"
    m = re.match(r"^([^:|]{2,40})\s*(?::|\|)\s+(.{10,})$", t)
    if m and _is_outlet_segment(m.group(1), names):
        t = m.group(2).strip()
    return t


def kicker_split(longer: str, shorter: str) -> str | None:
    """If ``longer`` is ``shorter`` with a kicker in front ("Kicker: Title"), the kicker."""
    if not longer or not shorter or len(longer) <= len(shorter) or not longer.endswith(shorter):
        return None
    k = longer[: -len(shorter)].rstrip()
    k2 = k.rstrip(":|–-·").rstrip()
    if not k2 or len(k2.split()) > 8:
        return None
    if k2 != k or longer[len(k)] == " ":  # separated by punctuation or at least a space
        return k2
    return None


def choose_title(
    tcands: list[tuple[str, str]],
    vis_h1: list[Headline],
    vis_other: list[Headline],
    names: set[str],
    title_tag: str,
    traf_title: Callable[[], str | None] | None,
) -> tuple[str, str]:
    """(source, title). Rules, in order:

    (1) the first structured title (JSON-LD headline, og:title, twitter:title, meta
        title; outlet affixes removed) -- unless the page shows another of them as
        its visible headline, then that one;
    (2) if the page shows none of them and its first ``<h1>`` is a plain headline
        (no kicker element), that ``<h1>``;
    (3) "Kicker: Headline" while another structured source gives "Headline" alone
        → the headline alone;
    (4) without structured titles: the ``<h1>``, else ``<title>``, else trafilatura's."""
    shown = set()
    for full, _kicker, main, _el in vis_h1 + vis_other:
        shown.add(fold(strip_title_affixes(full, names)))
        shown.add(fold(main))
    shown.discard("")

    def is_shown(t: str) -> bool:
        ft = fold(t)
        if ft in shown:
            return True
        return any(len(x) >= 12 and (ft.endswith(" " + x) or x.endswith(" " + ft)) for x in shown)

    if tcands:
        tsrc, title = tcands[0]
        if shown and not is_shown(title):
            hit = next(((s, v) for s, v in tcands[1:] if is_shown(v)), None)
            if hit:
                tsrc, title = hit
            elif vis_h1 and not vis_h1[0][1] and len(vis_h1[0][0].split()) >= 3:
                tsrc, title = "html", strip_title_affixes(vis_h1[0][0], names)
        for s, v in tcands:
            if kicker_split(title, v):
                tsrc, title = s, v
                break
        return tsrc, title
    if vis_h1:
        return "html", strip_title_affixes(vis_h1[0][0], names)
    if title_tag:
        return "html", strip_title_affixes(title_tag, names, loose=True)
    t = traf_title() if traf_title else None
    if t:
        return "trafilatura", strip_title_affixes(t, names)
    return "", ""
