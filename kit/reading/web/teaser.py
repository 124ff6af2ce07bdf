"""The teaser (standfirst): the article's summary as the page prints it.

The page's description (JSON-LD, og:description, meta description) is looked
up in the visible page and the smallest element holding it is taken, so a
dateline printed with it ("Berlin. ") is kept; a description the page never
shows is not used (it is often an SEO blurb). Failing that, the first
sentence-like text element after the headline.
"""

from __future__ import annotations

import re
from typing import Any

import lxml.etree

from kit.reading.web.body import Block, line_rule_hit
from kit.reading.web.dom import BLOCK_TAGS, SKIP_TAGS, following, visible_text
from kit.reading.web.strings import fold
from kit.reading.web.structured import Structured, ld_text
from kit.reading.web.words import pattern

_LEAD_ANCESTORS = ("figure", "figcaption", "a", "button", "nav", "aside", "footer", "time", "label")


def lead_after_headline(head: Any, blocks: list[Block]) -> str:
    """The standfirst printed right after the headline: the first text element (no block
    children, 40-700 characters, ending like a sentence, not a caption, byline, date,
    link or kicker) before the body starts."""
    first_body = fold(blocks[0].text)[:50] if blocks else ""
    not_lead = pattern("lead_not_class")
    for el in following(head, 400):
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in ("h2", "h3", "h4") and el is not head:
            if len(visible_text(el)) > 0 and el.getparent() is not head.getparent():
                return ""  # a section heading: the body has begun
            continue
        if tag not in ("p", "div", "span", "section", "strong", "b", "summary", "header"):
            continue
        if any(isinstance(c.tag, str) and c.tag in BLOCK_TAGS for c in el.iterdescendants()):
            continue
        t = visible_text(el)
        if len(t) < 40:
            continue
        if first_body and fold(t)[:50] == first_body:
            return ""  # the body's first paragraph: no separate lead
        if len(t) > 700:
            return ""
        parent = el.getparent()
        classes = " ".join(
            filter(None, [el.get("class"), parent.get("class") if parent is not None else ""])
        )
        if not_lead.search(classes):
            continue
        if any(a.tag in _LEAD_ANCESTORS for a in el.iterancestors()):
            continue
        if not re.search(r"[.!?…:“”\"»«)]\s*$", t):
            continue
        if line_rule_hit(t):
            continue
        return t
    return ""


def descriptions(st: Structured) -> list[tuple[str, str]]:
    """(source, text) of the page's own summaries, in order of trust."""
    return [
        ("json-ld", ld_text(st.ld("description"))),
        ("og", st.first("og:description")),
        ("meta", st.first("description")),
        ("og", st.first("twitter:description")),
    ]


def find_teaser(doc: Any, st: Structured, blocks: list[Block], head: Any = None) -> tuple[str, str]:
    """(teaser, source) as the page shows it; ("", "") if it shows none."""
    cands: list[tuple[str, str]] = []
    for s, v in descriptions(st):
        v = re.sub(r"\s*(\.\.\.|…|\[…\]|\(…\))\s*$", "", v)
        if len(v) >= 30 and v not in [c[1] for c in cands]:
            cands.append((s, v))
    body_fold = [fold(b.text) for b in blocks[:4]]
    body = doc.find("body")
    flat = " ".join(body.text_content().split()) if (cands and body is not None) else ""
    for _src, desc in cands:
        el_text = locate(doc, desc, flat)  # the page's own rendering (keeps a dateline)
        if el_text:
            return el_text, "html"
        fd = fold(desc)
        for i, bf in enumerate(body_fold):
            if fd and fd in bf and len(bf) <= len(fd) * 1.5 + 60:
                return blocks[i].text, "html"
    if head is not None:
        lead = lead_after_headline(head, blocks)
        if lead:
            return lead, "html"
    return "", ""


def locate(doc: Any, desc: str, flat: str | None = None) -> str:
    """Smallest visible element whose text contains ``desc`` (and not much more).
    ``flat`` is the body's whitespace-collapsed text, a cheap first test."""
    words = desc.split()
    if len(" ".join(words[:8])) < 20:
        return ""
    fd = fold(desc)[:60]
    caption_cls = pattern("caption_class")
    if flat is None:
        body = doc.find("body")
        flat = " ".join(body.text_content().split()) if body is not None else ""
    for w in (" ".join(words[:4]), " ".join(words[:2]), " ".join(words[1:5])):
        if w not in flat:
            continue
        try:
            hits = doc.xpath("//body//text()[contains(normalize-space(.), $w)]", w=w)
        except lxml.etree.XPathError:
            return ""
        best = ""
        for t in hits[:30]:
            el = t.getparent()
            if el is None:
                continue
            if getattr(t, "is_tail", False):
                el = el.getparent()
            if el is None or el.xpath("ancestor::figure or ancestor::figcaption or ancestor::a"):
                continue
            for _ in range(6):
                if el is None or not isinstance(el.tag, str) or el.tag in ("body", "html"):
                    break
                if el.tag in SKIP_TAGS or el.tag in ("title", "head"):
                    break
                if el.tag in ("figcaption", "figure", "a") or caption_cls.search(
                    el.get("class", "") or ""
                ):
                    break
                txt = visible_text(el)
                if len(txt) > len(desc) * 1.5 + 60:
                    break
                if fd in fold(txt):
                    # a dateline printed just before the summary belongs to it ("Berlin. ...")
                    par = el.getparent()
                    if par is not None and par.tag not in ("body", "html"):
                        ptxt = visible_text(par)
                        if ptxt.endswith(txt) and re.fullmatch(
                            r"[A-ZÄÖÜ][\w./ -]{1,40}[.·:|–-]\s*", ptxt[: len(ptxt) - len(txt)]
                        ):
                            txt = ptxt
                    if not best or len(txt) < len(best):
                        best = txt
                    break
                el = el.getparent()
        if best:
            return best
    return ""
