"""The article's body: trafilatura's blocks, with the page's boilerplate dropped.

trafilatura (balanced mode) gives paragraphs, headings, list items and table
rows. Dropped here, by rules that know no outlet: copies of the headline,
lines matching ``kit/resources/web_boilerplate.txt`` (captions, credits,
"Lesen Sie auch", newsletter, paywall, consent, comments), link-only
paragraphs and related-article lists (link texts taken from the page's own
``<a>`` elements), texts that also occur in captions (``figcaption``, caption
classes, ``img alt``) or in aside/nav/footer/newsletter/related/comment
boxes, everything after a "Mehr zum Thema"/"Kommentare"/"Quellen" heading,
duplicates and pull quotes. A ``trace`` list collects (reason, text) of every
drop, for debugging the rules.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from kit.reading.web.dom import ClassIndex
from kit.reading.web.outlets import lookup_outlet
from kit.reading.web.strings import block_key, fold, link_key, norm_space
from kit.reading.web.words import boilerplate_rules, entries, pattern


@dataclass
class Block:
    kind: str  # "p" | "head" | "item" | "quote" | "table"
    text: str
    links: int = 0  # characters inside links
    cls: str = ""
    list_id: int = -1


def _elem_text(el: Any) -> tuple[str, int]:
    """Text of a trafilatura body element (<lb/> → newline) and its characters inside links."""
    parts: list[str] = []
    link = 0

    def rec(e: Any, in_ref: bool) -> None:
        nonlocal link
        in_ref = in_ref or e.tag == "ref"
        if e.tag == "lb":
            parts.append("\n")
        if e.text:
            parts.append(e.text)
            if in_ref:
                link += len(e.text)
        for c in e:
            rec(c, in_ref)
            if c.tail:
                parts.append(c.tail)
                if in_ref:
                    link += len(c.tail)

    rec(el, False)
    lines = [norm_space(x) for x in "".join(parts).split("\n")]
    return "\n".join(x for x in lines if x), link


def blocks_from_body(body: Any) -> list[Block]:
    """trafilatura's body tree → blocks (paragraphs, headings, list items, table rows)."""
    blocks: list[Block] = []
    if body is None:
        return blocks
    n_list = 0
    for el in body:
        tag = el.tag
        if tag == "list":
            n_list += 1
            for it in el.iter("item"):
                t, ln = _elem_text(it)
                if t:
                    blocks.append(Block("item", t, ln, "", n_list))
        elif tag == "table":
            for row in el.iter("row"):
                cells = [_elem_text(c)[0] for c in row.iter("cell")]
                t = " | ".join(c for c in cells if c)
                if t:
                    blocks.append(Block("table", t))
        else:
            t, ln = _elem_text(el)
            if t:
                kind = "head" if tag == "head" else ("quote" if tag == "quote" else "p")
                blocks.append(Block(kind, t, ln, el.get("class", "") or ""))
        if el.tail and el.tail.strip():  # text trafilatura left between elements
            blocks.append(Block("p", norm_space(el.tail)))
    return blocks


@cache
def _box_token() -> re.Pattern[str]:
    return re.compile(rf"^({'|'.join(entries('box_class_token'))})([-_].*)?$")


def _box_class(cls: str) -> bool:
    """Class tokens (BEM parts included) that name a newsletter / related / promo /
    comment / sharing box: "related-articles", "article__comments"."""
    token = _box_token()
    for tok in cls.casefold().split():
        for part in re.split(r"__|--", tok):
            if token.match(part):
                return True
    return False


class DomContext:
    """Texts of the page that are not article text: link texts, captions, and boxes
    (aside/nav/footer, newsletter/related/promo/comment containers). Each kind is one
    joined string, so a containment test is one C-level substring search."""

    def __init__(self, doc: Any, cindex: ClassIndex) -> None:
        body = doc.find("body")
        root = body if body is not None else doc
        links = []
        for a in root.iter("a"):
            href = a.get("href") or ""
            if href[:1] == "#" or href.startswith("javascript:"):  # in-page anchors (contents)
                continue
            t = a.text_content()
            if t and len(t) >= 4:
                links.append(link_key(t))
        self.links = "\n" + "\n".join(links) + "\n"
        caps, boxes = [], []
        box_tags = {"aside", "nav", "footer"}
        taken = set()
        for el in root.iter("figcaption", "aside", "nav", "footer"):
            if el.tag == "figcaption":
                caps.append(block_key(el.text_content()))
            elif not any(a in taken for a in el.iterancestors()):
                taken.add(el)
                boxes.append(block_key(el.text_content()))
        caption_cls, box_hint = pattern("caption_box_class"), pattern("box_hint_class")
        for el in cindex.elements(entries("caption_box_class") + entries("box_hint_class")):
            cls = el.get("class") or ""
            if caption_cls.search(cls):
                t = el.text_content()
                if len(t) < 1500:
                    caps.append(block_key(t))
            elif box_hint.search(cls) and _box_class(cls):
                if not any(a in taken or a.tag in box_tags for a in el.iterancestors()):
                    taken.add(el)
                    boxes.append(block_key(el.text_content()))
        caps.extend(block_key(x) for x in root.xpath(".//img/@alt | .//img/@title") if len(x) >= 20)
        self.captions = "\n".join(caps)
        self.box_list = boxes
        self.boxes = "\n".join(boxes)

    def exclude_wrappers(self, blocks: list[Block]) -> None:
        """A "box" holding two or more long body paragraphs wraps the article itself
        (class names such as "comments-enabled" mislead): forget it."""
        longs = [block_key(b.text) for b in blocks if len(b.text) >= 150][:40]
        if not longs:
            return
        kept = [bx for bx in self.box_list if sum(1 for k in longs if k in bx) < 2]
        if len(kept) != len(self.box_list):
            self.box_list = kept
            self.boxes = "\n".join(kept)

    def link_chars(self, text: str) -> int:
        """Characters of ``text`` that are link text: all of it when it lies inside one
        link, or the part after a "Kicker:" / "Kicker –" label."""
        k = link_key(text)
        if len(k) < 4:
            return 0
        if k in self.links:
            return len(text)
        m = re.match(r"^[^:–|]{2,60}(?::|–|\|)\s+(.{8,})$", text)
        if m and link_key(m.group(1)) in self.links:
            return len(m.group(1))
        return 0


def _is_headline_copy(t: str, title: str) -> bool:
    """The headline again (maybe with a kicker or an outlet suffix), or its tail."""
    ft, fh = fold(t).replace(" ", ""), fold(title).replace(" ", "")
    if not ft or not fh or len(t) > len(title) + 80:
        return False
    if fh in ft:
        return True
    return len(ft) >= 20 and fh.endswith(ft) and len(ft) >= 0.5 * len(fh)


def line_rule_hit(x: str) -> bool:
    """Does a ``line`` rule of ``web_boilerplate.txt`` match ``x`` (at any length)?"""
    rules = boilerplate_rules()
    start_rx, line_rx = rules["line_start"], rules["line"]
    return bool(
        (start_rx is not None and start_rx.match(x)) or (line_rx is not None and line_rx.search(x))
    )


def line_is_boilerplate(x: str) -> bool:
    """A line matching a ``line`` rule (at most 400 characters) or a ``long`` rule."""
    if len(x) <= 400 and line_rule_hit(x):
        return True
    long_rx = boilerplate_rules()["long"]
    return long_rx is not None and bool(long_rx.search(x))


def _bad_lists(blocks: list[Block]) -> set[int]:
    """Link-heavy lists (related articles): (nearly) every item linked, most text links."""
    lists: dict[int, list[Block]] = {}
    for b in blocks:
        if b.kind == "item":
            lists.setdefault(b.list_id, []).append(b)
    bad = set()
    for lid, items in lists.items():
        linked = sum(1 for b in items if b.links > 0)
        chars = sum(len(b.text) for b in items)
        lchars = sum(b.links for b in items)
        if linked >= max(1, 0.8 * len(items)) and lchars >= 0.45 * chars:
            bad.add(lid)
    return bad


def filter_blocks(
    blocks: list[Block],
    title_variants: list[str],
    ctx: DomContext | None = None,
    title: str = "",
    trace: list[tuple[str, str]] | None = None,
) -> list[Block]:
    """The article's blocks: boilerplate dropped (see the module docstring)."""

    def drop(reason: str, text: str) -> None:
        if trace is not None:
            trace.append((reason, text))

    rules = boilerplate_rules()
    stop_rx, clean_rx = rules["stop"], rules["clean"]
    tv = {fold(t).replace(" ", "") for t in title_variants if t}
    if ctx is not None:  # link share of each block, from the page's own <a> texts
        ctx.exclude_wrappers(blocks)
        for b in blocks:
            if b.kind in ("p", "item", "quote") and len(b.text) < 600:
                b.links = max(b.links, ctx.link_chars(b.text))
    bad_lists = _bad_lists(blocks)
    caption_cls = pattern("caption_class")
    out: list[Block] = []
    seen = set()
    skipping = False
    for b in blocks:
        lines = b.text.split("\n")
        if clean_rx is not None:
            lines = [norm_space(clean_rx.sub("", x)) for x in lines]
        t = "\n".join(x for x in lines if x)
        if not t:
            continue
        if b.kind == "head" or (len(t) < 60 and b.kind in ("p", "item")):
            if stop_rx is not None and stop_rx.fullmatch(t.strip()):
                skipping = True
                drop("stop", t)
                continue
        if skipping:
            if b.kind == "head" or (
                b.kind in ("p", "quote") and len(t) >= 100 and b.links < 0.5 * len(t)
            ):
                skipping = False
            else:
                drop("after-stop", t)
                continue
        if b.kind == "item" and b.list_id in bad_lists:
            drop("link-list", t)
            continue
        ft = fold(t).replace(" ", "")
        if ft in tv or (title and _is_headline_copy(t, title)):
            drop("headline", t)
            continue
        if b.kind in ("p", "item", "quote") and b.links >= 0.9 * len(t) and len(t) < 250:
            drop("link", t)
            continue
        if b.cls and caption_cls.search(b.cls) and len(t) < 400:
            drop("caption-class", t)
            continue
        if ctx is not None and len(t) < 400:
            k = block_key(t)
            if len(k) >= 12 and k in ctx.captions:
                drop("caption", t)
                continue
            if len(k) >= 12 and k in ctx.boxes:
                drop("box", t)
                continue
        if len(t) < 60 and lookup_outlet(re.sub(r"\s*\([^()]{1,60}\)$", "", t)):
            drop("outlet-line", t)
            continue  # "AFP Deutschland", "MDR (dst)": a credit line
        lines = [
            x for x in t.split("\n") if x and re.search(r"\w", x) and not line_is_boilerplate(x)
        ]
        if not lines:
            drop("pattern", t)
            continue
        t = "\n".join(lines)
        if ft in seen and len(t) > 20:
            drop("duplicate", t)
            continue
        seen.add(ft)
        b.text = t
        out.append(b)
    out = _drop_pull_quotes(out, drop)
    return _tidy(out)


def _drop_pull_quotes(out: list[Block], drop: Any) -> list[Block]:
    """A short block repeating a sentence of a longer block is a pull quote."""
    keys = [block_key(b.text) for b in out]
    joined = "\n".join(keys)
    starts, pos = [], 0
    for k in keys:
        starts.append(pos)
        pos += len(k) + 1
    keep = []
    for i, b in enumerate(out):
        k = keys[i]
        if (b.kind == "quote" and 30 <= len(k) < 300) or (b.kind == "p" and 30 <= len(k) < 160):
            core = k[:60]
            at = joined.find(core)
            while at != -1:
                j = bisect.bisect_right(starts, at) - 1
                if j != i and len(keys[j]) > 2 * len(k):
                    drop("pull-quote", b.text)
                    break
                at = joined.find(core, at + 1)
            else:
                keep.append(b)
            continue
        keep.append(b)
    return keep


def _tidy(out: list[Block]) -> list[Block]:
    """Datelines and drop caps joined to their paragraph; trailing headings dropped."""
    merged: list[Block] = []
    for b in out:  # a dateline printed as its own element ("Berlin.") belongs to the next paragraph
        if (
            merged
            and merged[-1].kind == "p"
            and re.fullmatch(r"[A-ZÄÖÜ][\w./ -]{1,30}\.", merged[-1].text)
            and b.kind == "p"
        ):
            b.text = merged[-1].text + " " + b.text
            merged[-1] = b
        else:
            merged.append(b)
    for b in merged[:3]:  # a drop cap split off the first word ("N a endlich!" → "Na endlich!")
        if b.kind == "p":
            b.text = re.sub(r"^([A-ZÄÖÜ]) (?=[a-zäöüß]+\b)", r"\1", b.text)
    while merged and merged[-1].kind == "head":
        merged.pop()
    return merged
