"""One saved news page → article text and metadata: :func:`extract`.

    >>> page = extract(open("page.html.gz", "rb").read())          # doctest: +SKIP
    >>> page.text.split("\\n\\n")[0], page.meta["date"], page.field_sources["date"]

The page's own structured data come first (schema.org JSON-LD, Open Graph,
``<meta>`` tags), the visible page (``<h1>``, lead paragraph) arbitrates
between them, trafilatura (https://trafilatura.readthedocs.io) supplies the
body text and fills metadata gaps. Field sources (``Page.field_sources``):
"json-ld", "og" (Open Graph / Twitter cards), "meta" (other ``<meta>`` tags,
``<link rel=canonical>``, ``<html lang>``), "html" (visible elements:
``<title>``, ``<h1>``, ``<time>``, the byline, the lead paragraph),
"trafilatura", "url", "langid" (py3langid on the text), "argument" (the url
passed by the caller).
"""

from __future__ import annotations

import datetime as dt
import re
from copy import deepcopy
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

import lxml.etree
import lxml.html

from kit.reading.web.authors import article_scope, choose_authors, dom_byline
from kit.reading.web.body import DomContext, blocks_from_body, filter_blocks
from kit.reading.web.dates import (
    MOD_META,
    PUB_META,
    URL_DATE_RE,
    When,
    dateline_time,
    parse_date,
    pick_when,
)
from kit.reading.web.dom import ClassIndex, visible_text
from kit.reading.web.outlets import choose_outlet
from kit.reading.web.rawpage import MAX_PAGE_BYTES, BadPage, decode_page
from kit.reading.web.strings import fold
from kit.reading.web.structured import Structured, ld_text, types
from kit.reading.web.teaser import descriptions, find_teaser
from kit.reading.web.titles import choose_title, strip_title_affixes, visible_headlines

__all__ = ["MAX_PAGE_BYTES", "META_KEYS", "Page", "detect_language", "extract"]

META_KEYS = (
    "title", "date", "datetime", "modified", "authors", "outlet", "url", "language", "teaser",
    "description",
)  # fmt: skip
#: problems that mean "no article here" (the others are warnings)
FATAL = ("empty", "too large", "binary", "not HTML", "no article text", "corrupt")


@dataclass
class Page:
    """Article text and metadata of one page.

    text:          title, teaser, then body paragraphs and in-body headings, joined by
                   blank lines ("\\n\\n"); the title is the first line.
    meta:          title, date (YYYY-MM-DD), datetime (ISO 8601, with offset when the
                   page gives one), modified, authors (list), outlet, url (canonical),
                   language (ISO 639-1), teaser (the summary as printed on the page, also
                   the second paragraph of ``text``), description (the page's own
                   summary, which may be an SEO text the page never shows). Missing
                   values are "" / [].
    field_sources: meta field → where it came from (see the module docstring).
    problems:      reasons why the page is bad or doubtful; empty for a clean page.
    """

    text: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    field_sources: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    encoding: str = ""  # the codec the page's bytes were decoded with

    @property
    def ok(self) -> bool:
        """True when article text was found (problems may still hold warnings)."""
        return bool(self.text) and not any(p.startswith(FATAL) for p in self.problems)


def extract(
    data: bytes | str | None,
    url: str | None = None,
    *,
    max_bytes: int = MAX_PAGE_BYTES,
    trafilatura_options: dict[str, Any] | None = None,
    trace: list[tuple[str, str]] | None = None,
) -> Page:
    """Article text and metadata of one saved web page; never raises for bad input.

    ``data``: the page as bytes (gzip is detected and unpacked) or str. ``url``: where
    the page came from, if known (used when the page names no canonical URL, and to
    resolve relative links). Pages above ``max_bytes`` (after gunzip) are refused.
    ``trafilatura_options`` go to ``trafilatura.bare_extraction``; ``trace`` receives
    (reason, text) for every body block dropped as boilerplate. A page that cannot be
    used comes back with empty text and a reason in ``problems``.
    """
    meta: dict[str, Any] = {k: ([] if k == "authors" else "") for k in META_KEYS}
    page = Page("", meta, {}, [])
    try:
        text, problems, page.encoding = decode_page(data, max_bytes)
    except BadPage as exc:
        page.problems.append(str(exc))
        return page
    page.problems.extend(problems)
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    try:
        doc = lxml.html.document_fromstring(text)
    except (lxml.etree.ParserError, ValueError) as exc:
        page.problems.append(f"not HTML: could not parse ({exc})")
        return page
    if doc is None or not len(doc):
        page.problems.append("not HTML: empty document tree")
        return page
    try:
        _fill(page, doc, url, trafilatura_options or {}, trace)
    except RecursionError:
        page.problems.append("not HTML: document nested too deeply to parse")
    return page


def _traf(doc: Any, url: str | None, opts: dict[str, Any]) -> Any:
    import trafilatura

    kw = dict(
        include_comments=False, include_links=False, include_tables=True, with_metadata=False,
        favor_recall=False, favor_precision=False, deduplicate=False,
    )  # fmt: skip
    kw.update(opts)
    try:
        return trafilatura.bare_extraction(doc, url=url, **kw)
    except Exception:  # trafilatura raises assorted errors on odd trees
        return None


class _LazyMeta:
    """trafilatura's metadata, computed only when a field is still missing
    (its date search is the slowest part of trafilatura)."""

    def __init__(self, doc: Any, url: str | None) -> None:
        self.doc, self.url, self._meta, self._done = doc, url, None, False

    def get(self, name: str) -> Any:
        if not self._done:
            self._done = True
            from trafilatura.metadata import extract_metadata

            try:
                self._meta = extract_metadata(deepcopy(self.doc), self.url)
            except Exception:  # same as above
                self._meta = None
        v = getattr(self._meta, name, None) if self._meta is not None else None
        return v or None


def _fill(page: Page, doc: Any, url_arg: str | None, topts: dict[str, Any], trace: Any) -> None:
    st = Structured(doc, url_arg)
    # scripts, styles and inline SVG are read by Structured (JSON-LD) and are no text:
    # removing them here makes every later pass (and trafilatura's tree copies) cheaper
    lxml.etree.strip_elements(doc, "script", "style", "svg", "template", with_tail=False)
    meta, src = page.meta, page.field_sources
    tdoc = _traf(doc, url_arg, topts)
    tmeta = _LazyMeta(doc, url_arg)

    _fill_url(meta, src, st, url_arg, tmeta)
    host = urlsplit(meta["url"]).netloc.casefold().removeprefix("www.") if meta["url"] else ""
    outlet, osrc, names = choose_outlet(st, host, lambda: tmeta.get("sitename"))
    meta["outlet"] = outlet
    if outlet:
        src["outlet"] = osrc

    # ---------------------------------------------------------- title
    vis_h1, vis_other = visible_headlines(doc)
    visible = vis_h1 + vis_other
    ld_head = ld_text(st.ld("headline")) or (
        ld_text(st.ld("name")) if st.article is not None else ""
    )
    tcands: list[tuple[str, str]] = []
    for s, v in (
        ("json-ld", ld_head),
        ("og", st.first("og:title")),
        ("og", st.first("twitter:title")),
        ("meta", st.first("title", "dc.title", "dcterms.title")),
    ):
        v = strip_title_affixes(v, names)
        if v and v not in [x for _, x in tcands]:
            tcands.append((s, v))
    tsrc, title = choose_title(
        tcands, vis_h1, vis_other, names, st.title_tag, lambda: tmeta.get("title")
    )
    meta["title"] = title
    if title:
        src["title"] = tsrc

    _fill_dates(meta, src, st, doc, tmeta)

    # ---------------------------------------------------------- body + teaser
    blocks = blocks_from_body(getattr(tdoc, "body", None))
    variants = [title, st.title_tag, ld_head] + [v for _, v in tcands]
    tfold = {fold(x) for x in variants if x}
    # every <h1> and every headline element that repeats a structured title is a
    # headline, not body text; so are their kickers
    for v in vis_h1 + [v for v in vis_other if fold(v[0]) in tfold or fold(v[2]) in tfold]:
        variants += [v[0], v[2], v[1] + " " + v[2], v[1] + ": " + v[2], v[1]]
    cindex = ClassIndex(doc)
    blocks = filter_blocks(blocks, variants, DomContext(doc, cindex), title, trace)

    ft_ = fold(title)
    head_el = next(
        (
            v[3]
            for v in visible
            if ft_
            and (
                fold(v[0]).endswith(ft_)
                or fold(v[2]) == ft_
                or fold(strip_title_affixes(v[0], names)) == ft_
            )
        ),
        None,
    )
    if head_el is None and vis_h1:
        head_el = vis_h1[0][3]
    if head_el is None:
        heads = doc.xpath("(//article//h1 | //article//h2)[1]")
        head_el = heads[0] if heads else None
    for s_, v in descriptions(st):
        if v:
            meta["description"], src["description"] = v, s_
            break
    teaser, tsrc2 = find_teaser(doc, st, blocks, head_el)
    if teaser:
        meta["teaser"], src["teaser"] = teaser, tsrc2
        ft = fold(teaser)
        # the body's copy of the teaser goes (it is printed as the teaser); a copy
        # with a little more text (a dateline) replaces the teaser
        for b in blocks[:4]:
            fb = fold(b.text)
            if ft and ft in fb and fb != ft and len(b.text) <= len(teaser) + 60:
                teaser = b.text
                meta["teaser"] = teaser
                ft = fold(teaser)
                break
        blocks = [
            b
            for b in blocks
            if not (fold(b.text) == ft or (len(b.text) > 40 and fold(b.text) in ft))
        ]
    body = [b.text for b in blocks]
    if not body:
        page.problems.append("no article text found")
    parts = [x for x in [title, teaser] if x] + body if body else []
    page.text = "\n\n".join(parts)

    # ---------------------------------------------------------- authors
    first_para = next((b.text for b in blocks if b.kind == "p" and len(b.text) > 80), "")
    byline = dom_byline(article_scope(doc, title, visible, first_para), cindex)
    chosen = choose_authors(st, names, byline, lambda: tmeta.get("author"))
    if chosen:
        src["authors"], meta["authors"] = chosen

    _fill_language(meta, src, st, body)


def _fill_url(
    meta: dict[str, Any], src: dict[str, str], st: Structured, url_arg: str | None, tmeta: _LazyMeta
) -> None:
    for s, u in (
        ("meta", st.canonical),
        ("og", st.first("og:url")),
        ("json-ld", ld_text(st.ld("url"))),
        ("argument", url_arg or ""),
    ):
        if u and not u.startswith(("javascript:", "#")):
            base = url_arg or st.canonical or st.first("og:url")
            full = urljoin(base, u) if base else u
            if re.match(r"^https?://", full):
                meta["url"], src["url"] = full, s
                return
    found = tmeta.get("url")
    if found and re.match(r"^https?://", found):
        meta["url"], src["url"] = found, "trafilatura"


def _fill_dates(
    meta: dict[str, Any], src: dict[str, str], st: Structured, doc: Any, tmeta: _LazyMeta
) -> None:
    dcands: list[tuple[str, When]] = []
    for key in ("datePublished", "dateCreated"):
        w = parse_date(ld_text(st.ld(key)))
        if w:
            dcands.append(("json-ld", w))
    for n in st.nodes:  # WebPage nodes in @graph often carry the date
        if (
            st.article is not n
            and {"webpage", "itempage"} & set(types(n))
            and n.get("datePublished")
        ):
            w = parse_date(ld_text(n.get("datePublished")))
            if w:
                dcands.append(("json-ld", w))
    for k, v in st.all(*PUB_META):
        w = parse_date(v)
        if w:
            dcands.append(("og" if k.startswith("og:") else "meta", w))
    for el in doc.xpath(
        '//time[@itemprop="datePublished" or @pubdate]|//*[@itemprop="datePublished"][not(self::meta)]'
    ):
        w = parse_date(el.get("datetime") or el.get("content") or visible_text(el))
        if w:
            dcands.append(("html", w))
    for s_, t_ in (("og", st.first("og:title")), ("html", st.title_tag)):
        m = re.search(r"(?:[|–—-]|,)\s*(\d{1,2}\.\d{1,2}\.\d{4})\s*$", t_ or "")
        if m:  # "Title | DW | 28.04.2023": the outlet prints the date in the title
            w = parse_date(m.group(1))
            if w:
                dcands.append((s_, w))
    if not dcands and tmeta.get("date"):
        w = parse_date(tmeta.get("date"))
        if w:
            dcands.append(("trafilatura", w))
    m = URL_DATE_RE.search(meta["url"] or "")
    if m:
        try:
            dcands.append(("url", When(dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))))))
        except ValueError:
            pass
    dsrc, when = pick_when(dcands)
    if when and when.hms is None:
        hms = dateline_time(doc, when.date)
        if hms:
            when = When(when.date, hms)
    if when and dsrc:
        meta["date"] = when.date.isoformat()
        meta["datetime"] = when.iso()
        src["date"] = src["datetime"] = dsrc
    mcands = []
    w = parse_date(ld_text(st.ld("dateModified")))
    if w:
        mcands.append(("json-ld", w))
    for k, v in st.all(*MOD_META):
        w = parse_date(v)
        if w:
            mcands.append(("og" if k.startswith("og:") else "meta", w))
    msrc, mwhen = pick_when(mcands)
    if mwhen and msrc:
        meta["modified"], src["modified"] = mwhen.iso(), msrc


def _lang_code(s: str) -> str:
    s = (s or "").strip().replace("_", "-")
    m = re.match(r"^([A-Za-z]{2,3})(?:-|$)", s)
    return m.group(1).casefold() if m else ""


def detect_language(text: str) -> str:
    """ISO 639-1 code of ``text`` by py3langid (its model ships with the package)."""
    import py3langid

    lang, _ = py3langid.classify(text[:5000])
    return str(lang)


def _fill_language(
    meta: dict[str, Any], src: dict[str, str], st: Structured, body: list[str]
) -> None:
    lang = _lang_code(st.html_lang)
    lsrc = "meta"
    if not lang:
        for s, k in (
            ("og", "og:locale"),
            ("meta", "content-language"),
            ("meta", "language"),
            ("meta", "dc.language"),
        ):
            lang = _lang_code(st.first(k))
            if lang:
                lsrc = s
                break
    if not lang and st.ld("inLanguage"):
        lang, lsrc = _lang_code(ld_text(st.ld("inLanguage"))), "json-ld"
    if not lang and len(" ".join(body)) >= 40:
        lang, lsrc = detect_language(" ".join(body)), "langid"
    if lang:
        meta["language"], src["language"] = lang, lsrc
