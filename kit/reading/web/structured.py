"""What a page says about itself outside the body text: schema.org JSON-LD, <meta> tags.

:class:`Structured` collects every JSON-LD node (``@graph`` and nesting
walked, ``@id`` references resolvable), picks the node that describes the
article (NewsArticle over Article over WebPage, the one whose URL is the
canonical URL wins ties), and indexes ``<meta>`` values by a squashed name,
so ``article:published_time``, ``article:published:time`` and
``article_published_time`` are one key.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from kit.reading.web.strings import clean_str

#: schema.org types that describe an article, by how sure they are (WebPage: only with a headline)
ARTICLE_TYPES = {
    "newsarticle": 4, "reportagenewsarticle": 4, "analysisnewsarticle": 4, "opinionnewsarticle": 4,
    "backgroundnewsarticle": 4, "reviewnewsarticle": 4, "askpublicnewsarticle": 4,
    "satiricalarticle": 3, "article": 3, "blogposting": 3, "liveblogposting": 3, "report": 3,
    "techarticle": 2, "scholarlyarticle": 2, "socialmediaposting": 2, "advertisercontentarticle": 2,
    "claimreview": 1, "webpage": 0, "itempage": 0,
}  # fmt: skip
ORG_TYPES = {
    "organization",
    "newsmediaorganization",
    "corporation",
    "onlinebusiness",
    "localbusiness",
}


def types(node: dict[str, Any]) -> list[str]:
    """The node's ``@type`` values, lower case, without a schema URL prefix."""
    t = node.get("@type") or []
    if isinstance(t, str):
        t = [t]
    return [x.rsplit("/", 1)[-1].casefold() for x in t if isinstance(x, str)]


def load_json(txt: str) -> Any:
    """JSON-LD as pages write it: CDATA/comment wrappers, trailing commas, several objects."""
    txt = txt.strip()
    txt = re.sub(r"^\s*(<!--|//\s*<!\[CDATA\[|<!\[CDATA\[)", "", txt)
    txt = re.sub(r"(-->|//\s*\]\]>|\]\]>)\s*$", "", txt).strip()
    if not txt:
        return None
    try:
        return json.loads(txt, strict=False)
    except (ValueError, RecursionError):
        pass
    fixed = re.sub(r",\s*([}\]])", r"\1", txt)
    for cand in (fixed, "[" + re.sub(r"}\s*{", "},{", fixed) + "]"):
        try:
            return json.loads(cand, strict=False)
        except (ValueError, RecursionError):
            continue
    return None


def _walk(obj: Any, out: list[dict[str, Any]], depth: int = 0) -> None:
    if depth > 12:
        return
    if isinstance(obj, list):
        for x in obj:
            _walk(x, out, depth + 1)
    elif isinstance(obj, dict):
        out.append(obj)
        for v in obj.values():
            if isinstance(v, (dict, list)):
                _walk(v, out, depth + 1)


def squash(key: str) -> str:
    """Meta names compared without case and punctuation: "article:published_time",
    "article:published:time" and "article_published_time" are one key."""
    return re.sub(r"[^0-9a-z]", "", key.casefold())


def url_key(u: str) -> str:
    """Host (without www.) and path, lower case: for comparing URLs of one page."""
    if not u:
        return ""
    p = urlsplit(u.strip())
    return (p.netloc.casefold().removeprefix("www.") + p.path.rstrip("/")).casefold()


def ld_text(v: Any) -> str:
    """A JSON-LD value as text: the first non-empty of a list, ``name``/``@value`` of a node."""
    if isinstance(v, list):
        for x in v:
            t = ld_text(x)
            if t:
                return t
        return ""
    if isinstance(v, dict):
        return clean_str(v.get("name") or v.get("@value") or "")
    return clean_str(v)


class Structured:
    """JSON-LD nodes, the article node, ``<meta>`` values, ``<html lang>``, ``<title>``, canonical URL."""

    def __init__(self, doc: Any, url_arg: str | None) -> None:
        self.doc = doc
        self.nodes: list[dict[str, Any]] = []
        for s in doc.xpath('//script[contains(translate(@type,"LDJSON","ldjson"),"ld+json")]'):
            data = load_json(s.text or "")
            if data is not None:
                _walk(data, self.nodes)
        self.ids: dict[str, dict[str, Any]] = {}
        for n in self.nodes:
            i = n.get("@id")
            if isinstance(i, str) and len(n) > 1:
                self.ids.setdefault(i, n)
        self.meta: dict[str, list[str]] = {}
        for m in doc.iter("meta"):
            key = m.get("property") or m.get("name") or m.get("itemprop") or m.get("http-equiv")
            val = m.get("content")
            if val is None:
                val = m.get("value")
            if key and val is not None and val.strip():
                self.meta.setdefault(squash(key), []).append(val.strip())
        self.html_lang = (doc.get("lang") or doc.get("xml:lang") or "").strip()
        t = doc.xpath("/html/head/title")
        if not t:
            t = [x for x in doc.xpath("//title") if not x.xpath("ancestor::svg")]
        self.title_tag = clean_str(t[0].text_content()) if t else ""
        self.url_arg = url_arg
        canon = doc.xpath(
            '//link[contains(concat(" ",normalize-space(@rel)," ")," canonical ")]/@href'
        )
        self.canonical = canon[0].strip() if canon else ""
        self.article = self._pick_article()

    def resolve(self, v: Any) -> Any:
        """A ``{"@id": …}`` reference → the node it names (else ``v``)."""
        if isinstance(v, dict) and set(v) <= {"@id", "@type"} and v.get("@id") in self.ids:
            return self.ids[v["@id"]]
        return v

    def _pick_article(self) -> dict[str, Any] | None:
        best, best_score = None, -1
        canon = url_key(self.canonical or self.first("og:url") or self.url_arg or "")
        for n in self.nodes:
            w = max((ARTICLE_TYPES.get(t, -1) for t in types(n)), default=-1)
            if w < 0:
                continue
            score = w * 10
            if n.get("headline"):
                score += 3
            if n.get("datePublished"):
                score += 3
            if n.get("author"):
                score += 2
            u = n.get("url") or n.get("mainEntityOfPage")
            u = u.get("@id") or u.get("url") if isinstance(u, dict) else u
            if canon and isinstance(u, str) and url_key(u) == canon:
                score += 5
            if w == 0 and not n.get("headline"):
                continue
            if score > best_score:
                best, best_score = n, score
        return best

    def ld(self, key: str) -> Any:
        """Value of ``key`` in the article node, or None."""
        if self.article is not None and self.article.get(key) not in (None, "", []):
            return self.article.get(key)
        return None

    def first(self, *keys: str) -> str:
        """The first non-empty ``<meta>`` value under any of ``keys``."""
        for k in keys:
            for v in self.meta.get(squash(k), ()):
                v = clean_str(v)
                if v:
                    return v
        return ""

    def all(self, *keys: str) -> Iterator[tuple[str, str]]:
        """Every non-empty ``(key, value)`` of ``<meta>`` tags under ``keys``, in key order."""
        for k in keys:
            for v in self.meta.get(squash(k), ()):
                v = clean_str(v)
                if v:
                    yield k, v
