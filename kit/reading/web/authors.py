"""Authors: from JSON-LD, meta tags and the visible byline, persons before organisations.

A byline value ("Von Erika Musterfrau und Max Muster", "Kommentar von …",
"Erika Musterfrau (Text)") is split into names; the visible byline is looked
for inside the article (the lowest common ancestor of headline and first
paragraph), never in teasers of other articles or captions. The first source
that names a person wins; otherwise the first source (an organisation byline
such as "dpa" or "Redaktion").
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from kit.reading.web.dom import (
    SKIP_ANCESTORS,
    SKIP_TAGS,
    TEASER_ANCESTOR,
    ClassIndex,
    element_with_text,
    visible_text,
)
from kit.reading.web.outlets import lookup_outlet, outlet_key
from kit.reading.web.strings import clean_str, fold
from kit.reading.web.structured import ORG_TYPES, Structured, ld_text, types
from kit.reading.web.words import alternation, entries

#: meta names of the author, in order of trust
AUTHOR_META = (
    "author", "article:author", "og:article:author", "dc.creator", "dcterms.creator",
    "parsely-author", "sailthru.author", "byl", "cxenseparse:author",
)  # fmt: skip


@cache
def _res() -> dict[str, Any]:
    """The byline patterns, built from ``kit/resources/web_words.tsv`` once."""
    label = alternation("byline_label")
    heading = alternation("author_heading")
    return {
        "prefix": re.compile(rf"^(?:{alternation('byline_prefix')})\s*:?\s+", re.I),
        "split": re.compile(rf"\s*(?:{alternation('author_separator')})\s*", re.I),
        "credit_suffix": re.compile(rf"\s*\((?:{alternation('author_credit_suffix')})\)\s*$", re.I),
        "org": re.compile(rf"\b({alternation('org_word')})\b|\.(de|com|at|ch|net|org)\b", re.I),
        "byline_text": re.compile(rf"^(?:{label})\s*:?\s+(.{{3,120}})$", re.I),
        "heading": re.compile(rf"^(?:{heading})\s*:?\s*(.{{3,120}})$"),
        "credit": re.compile(rf"^({alternation('credit_label')})\s*:", re.I),
        "not_byline": re.compile(alternation("byline_not_class"), re.I),
        "particles": frozenset(entries("name_particle")),
        "starts": entries("byline_start"),
        "classes": entries("byline_class"),
        "von": re.compile(rf"(?:^|\s)(?:{'|'.join(entries('byline_start')[:1])})\s+(?=[A-ZÄÖÜ])"),
    }


def split_authors(s: str) -> list[str]:
    """Names in a byline value: prefixes ("Von"), credits ("(Text)"), URLs and handles dropped."""
    r = _res()
    s = clean_str(s)
    if not s or re.match(r"^(https?://|www\.)", s):
        return []
    s = r["prefix"].sub("", s)
    m = r["von"].search(s)  # "Capital Von Jemima Kelly"
    if m:
        s = s[m.end() :]
    out = []
    for part in r["split"].split(s):
        part = r["credit_suffix"].sub("", part)
        part = r["prefix"].sub("", part).strip(" .:-–")
        if (
            not part
            or re.search(r"https?://|www\.|@\w+\.", part)
            or not re.search(r"[^\W\d_]", part)
        ):
            continue
        if len(part) > 60 or len(part.split()) > 6:
            continue
        out.append(part)
    return out


def is_org(name: str, names: set[str]) -> bool:
    """Is the byline name an outlet, an agency or an organisation ("Redaktion", "mdr.de")?"""
    dotted = name.replace(" ", ".")  # trafilatura turns "mdr.de" into "Mdr De"
    return bool(
        lookup_outlet(name)
        or lookup_outlet(dotted)
        or outlet_key(name) in names
        or outlet_key(dotted) in names
        or _res()["org"].search(name)
        or re.search(r"\s(de|com|net|org|at|ch)$", name, re.I)
    )


def looks_like_name(n: str) -> bool:
    """A personal name as printed in a byline: 2-5 words, each capitalised (or a name
    particle, or an abbreviated title such as "Dr."), no digits or colons."""
    if re.search(r"[\d:/@|()]", n):
        return False
    ws = n.split()
    if not 2 <= len(ws) <= 5:
        return False
    return all(w[0].isupper() or w.casefold() in _res()["particles"] for w in ws)


def _names_in(text: str) -> list[str]:
    r = _res()
    if r["credit"].match(text):
        return []
    m = r["byline_text"].match(text)
    return [n for n in split_authors(m.group(1) if m else text) if looks_like_name(n)]


def article_scope(doc: Any, title: str, visible: list[Any], first_para: str) -> Any:
    """The element holding the article: the lowest common ancestor of the visible
    headline and the first body paragraph (the whole document when unknown)."""
    ft = fold(title)
    head = next(
        (v[3] for v in visible if ft and (fold(v[0]).endswith(ft) or fold(v[2]) == ft)), None
    )
    pel = element_with_text(doc, first_para) if first_para else None
    if head is None or pel is None:
        return doc
    anc = set()
    e = head
    while e is not None:
        anc.add(e)
        e = e.getparent()
    e = pel
    while e is not None and e not in anc:
        e = e.getparent()
    if e is None or e.tag in ("html", "body"):
        return doc
    return e


def dom_byline(doc: Any, cindex: ClassIndex | None = None) -> list[str]:
    """Author names from the visible byline: itemprop=author / rel=author, else elements
    whose class names an author/byline (or one of their parts), else a short text
    "Von Vorname Name". Only parts that look like personal names are returned."""
    r = _res()
    rel = "." if doc.tag not in ("html",) else "//body"
    for el in doc.xpath(rel + '//*[@itemprop="author"] | ' + rel + '//a[@rel="author"]')[:5]:
        nm = el.xpath('.//*[@itemprop="name"]')
        t = (
            (nm[0].get("content") or visible_text(nm[0]))
            if nm
            else (el.get("content") or visible_text(el))
        )
        if len(t) <= 150 and not r["credit"].match(t):
            m = r["byline_text"].match(t)
            ns = [n for n in split_authors(m.group(1) if m else t) if not re.search(r"[\d:|]", n)]
            if ns:
                return ns
    checked = 0
    if cindex is not None:
        cands = cindex.elements(r["classes"])
        if doc.tag != "html":
            cands = [e for e in cands if e is doc or doc in e.iterancestors()]
    else:
        cands = doc.xpath(
            rel
            + '//*[contains(@class,"uthor") or contains(@class,"yline") or contains(@class,"utor")]'
        )
    for el in cands:
        if (
            r["not_byline"].search(el.get("class", ""))
            or el.xpath(SKIP_ANCESTORS)
            or el.xpath(TEASER_ANCESTOR)
        ):
            continue
        t = visible_text(el)
        if not t or len(t) > 200 or r["credit"].match(t):
            continue
        checked += 1
        ns = _names_in(t)
        if not ns:  # "capital von <b>Jemima Kelly</b>": look at the parts
            for c in el.iterdescendants():
                if isinstance(c.tag, str) and c.tag not in SKIP_TAGS:
                    ns = _names_in(visible_text(c))
                    if ns:
                        break
        if ns:
            return ns
        if checked >= 8:
            break
    starts = " or ".join(f'starts-with(normalize-space(.), "{w}")' for w in r["starts"])
    for t in doc.xpath(rel + f"//text()[{starts}]")[:40]:
        par = t.getparent()
        if getattr(t, "is_tail", False) and par is not None:
            par = par.getparent()
        if par is None or not isinstance(par.tag, str) or par.tag in SKIP_TAGS:
            continue
        if par.xpath(SKIP_ANCESTORS) or par.xpath(TEASER_ANCESTOR):
            continue
        txt = visible_text(par)
        if (
            len(txt) < 20
            and par.tag in ("strong", "b", "span", "em", "label", "dt")
            and par.getparent() is not None
        ):
            txt = visible_text(par.getparent())  # "<strong>Autorin/Autor</strong> Name"
        if len(txt) > 150:
            continue
        m = r["byline_text"].match(txt) or r["heading"].match(txt)
        if m:
            ns = [n for n in split_authors(m.group(1)) if looks_like_name(n)]
            if ns:
                return ns
    return []


def choose_authors(
    st: Structured, names: set[str], byline: list[str], traf_author: Any
) -> tuple[str, list[str]] | None:
    """(source, authors) from JSON-LD, meta tags, the visible ``byline``, trafilatura."""
    acands: list[tuple[str, list[str], list[bool]]] = []
    la = st.ld("author") or st.ld("creator")
    if la:
        la = la if isinstance(la, list) else [la]
        names_, orgs = [], []
        for a in la:
            if isinstance(a, list):  # nested lists occur
                a = a[0] if a else None
            a = st.resolve(a)
            if isinstance(a, dict):
                for n in split_authors(ld_text(a.get("name") or "")):
                    names_.append(n)
                    orgs.append(bool(ORG_TYPES & set(types(a))) or is_org(n, names))
            elif isinstance(a, str):
                for n in split_authors(a):
                    names_.append(n)
                    orgs.append(is_org(n, names))
        if names_:
            acands.append(("json-ld", names_, orgs))
    for k, v in st.all(*AUTHOR_META):
        ns = split_authors(v)
        if ns:
            src = "og" if k.startswith(("og:", "article:")) else "meta"
            acands.append((src, ns, [is_org(n, names) for n in ns]))
    if byline:
        acands.append(("html", byline, [is_org(n, names) for n in byline]))

    def has_person(c: tuple[str, list[str], list[bool]]) -> bool:
        return any(not o and len(n.split()) >= 2 for n, o in zip(c[1], c[2], strict=True))

    if not any(has_person(c) for c in acands):
        found = traf_author()
        if found:
            ns = [n for part in found.split(";") for n in split_authors(part)]
            if ns:
                acands.append(("trafilatura", ns, [is_org(n, names) for n in ns]))
    chosen = next((c for c in acands if has_person(c)), None) or (acands[0] if acands else None)
    if not chosen:
        return None
    seen, authors = set(), []
    for n in chosen[1]:
        if fold(n) not in seen:
            seen.add(fold(n))
            authors.append(n)
    return chosen[0], authors
