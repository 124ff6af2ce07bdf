"""Annotated article HTML: quotes by speaker colour, figures and entities marked.

The same rendering feeds the article browser widget (:class:`kit.workbench.widgets.ArticleBrowser`)
and the standalone export (:func:`write_html`, ``python -m kit build … --html``).

The text is cut at every annotation boundary into flat segments, and each
segment becomes one ``<span>`` carrying all the layers that cover it (quote,
cue, speaker mention, figure, entity, boilerplate). Flat segments mean
overlapping annotations never produce broken nesting. **Every piece of article
text and every attribute value goes through** :func:`html.escape`: a hostile
article containing ``<script>`` or ``<img onerror=…>`` is shown as text.
Hovering a quote shows speaker, cue and type (the ``title`` attribute). In an
interview, transcript or protocol every turn starts with a label naming its
speaker and part ("Ines Kaltenbach · Antwort", :func:`turn_labels`).
"""

from __future__ import annotations

import bisect
import html
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from kit.files import atomic_write_text
from kit.reading.turns import detect_turns
from kit.workbench import style

#: colours for speakers (Okabe–Ito without black/yellow, which make poor backgrounds)
SPEAKER_COLOURS = tuple(c for c in style.OKABE_ITO if c not in ("#000000", "#F0E442"))

CSS = """
.kit-article{font-family:Georgia,'DejaVu Serif',serif;line-height:1.65;max-width:46em;color:#222}
.kit-article .kit-head{font-family:'DejaVu Sans',sans-serif;color:#555;font-size:.9em;margin-bottom:.6em}
.kit-q{border-bottom:3px solid var(--c);background:color-mix(in srgb,var(--c) 18%,transparent)}
.kit-cue{font-weight:bold;text-decoration:underline dotted}
.kit-spk{font-weight:bold}
.kit-fig{outline:1.5px solid #333;outline-offset:1px;border-radius:2px;font-variant-numeric:tabular-nums}
.kit-ent{text-decoration:underline dashed #888}
.kit-bp{color:#999;background:#f3f3f3}
.kit-turn::before{content:attr(data-turn);display:inline-block;font-family:'DejaVu Sans',sans-serif;font-size:.75em;font-weight:bold;color:#fff;background:#555;border-radius:3px;padding:0 .4em;margin-right:.4em}
.kit-legend{font-family:'DejaVu Sans',sans-serif;font-size:.85em;margin:.4em 0 1em}
.kit-legend span{display:inline-block;margin-right:1em}
.kit-swatch{display:inline-block;width:.9em;height:.9em;vertical-align:-.1em;margin-right:.3em;background:var(--c)}
.kit-target{background:#FFE9A8;box-shadow:0 0 0 2px #E69F00;border-radius:2px}
.kit-place{font-family:'DejaVu Sans',sans-serif;font-size:.9em;border-left:4px solid #E69F00;padding:.3em .6em;margin:.4em 0 .8em;background:#FFF8E1}
"""

_WORDS = {
    "de": {"speaker": "Sprecher", "cue": "Redeeinleitung", "type": "Art", "figure": "Zahl",
           "category": "Kategorie", "source": "Quelle", "quantity": "Größe", "entity": "Entität",
           "boilerplate": "Beiwerk (nicht ausgewertet)", "no_speaker": "(ohne Sprecher)",
           "quotes": "Zitate", "figures": "Zahlen", "entities": "Entitäten", "via": "über",
           "question": "Frage", "answer": "Antwort", "presiding": "Vorsitz", "speaker_turn": "",
           "turn_header": "Sprecherangabe", "stage_direction": "Regieanweisung",
           "interjection": "Zwischenruf",
           "news": "Nachricht", "interview": "Interview", "transcript": "Transkript",
           "protocol": "Protokoll"},
    "en": {"speaker": "speaker", "cue": "cue", "type": "type", "figure": "figure",
           "category": "category", "source": "source", "quantity": "quantity", "entity": "entity",
           "boilerplate": "boilerplate (ignored)", "no_speaker": "(no speaker)",
           "quotes": "quotes", "figures": "figures", "entities": "entities", "via": "via",
           "question": "question", "answer": "answer", "presiding": "chair", "speaker_turn": "",
           "turn_header": "speaker label", "stage_direction": "stage direction",
           "interjection": "interjection",
           "news": "news", "interview": "interview", "transcript": "transcript",
           "protocol": "protocol"},
}  # fmt: skip


def esc(value: Any) -> str:
    """``html.escape`` for text and attribute values (quotes escaped too)."""
    return html.escape("" if value is None else str(value), quote=True)


@dataclass
class _Layer:
    start: int
    end: int
    cls: str
    title: str = ""
    colour: str = ""
    order: int = 0
    turn: str = ""  # a turn's label, shown before its first character


@dataclass
class _Marks:
    layers: list[_Layer] = field(default_factory=list)

    def add(
        self,
        start: Any,
        end: Any,
        cls: str,
        title: str = "",
        colour: str = "",
        order: int = 0,
        turn: str = "",
    ) -> None:
        try:
            s, e = int(start), int(end)
        except (TypeError, ValueError):
            return
        if e > s:
            self.layers.append(_Layer(s, e, cls, title, colour, order, turn))


def _spans(value: Any, start: Any, end: Any) -> list[tuple[int, int]]:
    """All (start, end) parts of a possibly discontinuous span (tuple, list or JSON text)."""
    if isinstance(value, str) and value.strip().startswith("["):
        try:
            value = json.loads(value)
        except ValueError:
            value = None
    out = []
    if isinstance(value, (list, tuple)):
        for part in value:
            try:
                out.append((int(part[0]), int(part[1])))
            except (TypeError, ValueError, IndexError):
                continue
    if not out:
        try:
            out = [(int(start), int(end))]
        except (TypeError, ValueError):
            out = []
    return out


def speaker_colours(quotes: pd.DataFrame) -> dict[str, str]:
    """One colour per speaker, in order of first appearance in ``quotes``.

    Called with one article's quotes (the default), so the few speakers of an
    article get distinct colours; the palette has six, the hover title always
    names the speaker.
    """
    names = quotes["speaker"].fillna("").astype(str) if len(quotes) and "speaker" in quotes else []
    return {
        name: SPEAKER_COLOURS[i % len(SPEAKER_COLOURS)]
        for i, name in enumerate(dict.fromkeys(names))
    }


def _rows(frame: pd.DataFrame | None, article_id: str) -> pd.DataFrame:
    if frame is None or not len(frame) or "article_id" not in frame:
        return pd.DataFrame()
    return frame[frame["article_id"] == article_id]


def render_article(
    corpus: Any,
    article_id: str,
    *,
    quotes: bool = True,
    figures: bool = True,
    entities: bool = True,
    colours: dict[str, str] | None = None,
    lang: str = "de",
    target: tuple[int, int] | None = None,
) -> str:
    """The annotated article as an HTML fragment (``<div class="kit-article">…``).

    ``corpus`` needs ``texts``, ``quotes``, ``figures``, ``entities``,
    ``boilerplate`` and ``articles`` like a :class:`kit.Corpus`. ``target``
    (start, end) marks the quote or figure a table row points to (``kit-target``)
    and shows its passage above the article (``kit-place``).
    """
    w = _WORDS[lang]
    text = corpus.texts.get(article_id)
    if text is None:
        raise KeyError(f"no article {article_id!r} in this corpus")
    qdf = _rows(corpus.quotes, article_id)
    colours = colours if colours is not None else speaker_colours(qdf)
    marks = _Marks()
    for start, end, kind in corpus.boilerplate.get(article_id, []):
        marks.add(start, end, "kit-bp", w.get(kind, w["boilerplate"]), order=0)
    if entities:
        for row in _rows(corpus.entities, article_id).itertuples(index=False):
            marks.add(row.start, row.end, "kit-ent", f"{w['entity']}: {row.label}", order=1)
    if quotes:
        for row in qdf.itertuples(index=False):
            speaker = str(row.speaker or "") if pd.notna(row.speaker) else ""
            colour = colours.get(speaker, SPEAKER_COLOURS[0])
            title = f"{w['speaker']}: {speaker or w['no_speaker']} · {w['cue']}: {row.cue or '–'} · {w['type']}: {row.type}"
            if getattr(row, "via", "") and pd.notna(row.via):
                title += f" · {w['via']} {row.via}"
            for s, e in _spans(getattr(row, "quote_spans", None), row.quote_start, row.quote_end):
                marks.add(s, e, "kit-q", title, colour, order=2)
            for s, e in _spans(getattr(row, "cue_spans", None), row.cue_start, row.cue_end):
                marks.add(s, e, "kit-cue", title, order=3)
            marks.add(row.speaker_start, row.speaker_end, "kit-spk", title, colour, order=3)
    if figures:
        for row in _rows(corpus.figures, article_id).itertuples(index=False):
            value = (
                style.format_value(row.value, row.qualifier, lang, row.value_high)
                if pd.notna(row.value)
                else row.text
            )
            parts = [
                f"{w['figure']}: {value} {row.unit or ''}".strip(),
                f"{w['category']}: {row.category}",
            ]
            if row.source and pd.notna(row.source):
                parts.append(f"{w['source']}: {row.source}")
            if row.quantity and pd.notna(row.quantity):
                parts.append(f"{w['quantity']}: {row.quantity}")
            marks.add(row.start, row.end, "kit-fig", " · ".join(parts), order=4)
    place = ""
    if target is not None and 0 <= int(target[0]) < int(target[1]) <= len(text):
        a, b = int(target[0]), int(target[1])
        marks.add(a, b, "kit-target", order=5)
        lo, hi = max(0, text.rfind("\n", 0, a) + 1, a - 300), min(len(text), b + 300)
        passage = esc(text[lo:a]) + f"<b>{esc(text[a:b])}</b>" + esc(text[b:hi])
        place = f'<div class="kit-place" data-start="{a}" data-end="{b}">… {passage} …</div>'
    for start, label in turn_labels(corpus, article_id, qdf, lang):
        marks.add(start, start + 1, "kit-turn", label, order=6, turn=label)
    body = _segments(text, marks.layers)
    head = _head(corpus, article_id, lang)
    return f'<div class="kit-article" data-article="{esc(article_id)}">{head}{place}{body}</div>'


def _segments(text: str, layers: list[_Layer]) -> str:
    n = len(text)
    cuts = {0, n}
    for layer in layers:
        layer.start, layer.end = max(0, min(layer.start, n)), max(0, min(layer.end, n))
        cuts.update((layer.start, layer.end))
    bounds = sorted(cuts)
    out = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        if a >= b:
            continue
        chunk = esc(text[a:b]).replace("\n", "<br>\n")
        active = sorted(
            (lay for lay in layers if lay.start <= a and b <= lay.end), key=lambda lay: lay.order
        )
        if not active:
            out.append(chunk)
            continue
        classes = " ".join(dict.fromkeys(lay.cls for lay in active))
        titles = " | ".join(dict.fromkeys(lay.title for lay in reversed(active) if lay.title))
        colour = next((lay.colour for lay in reversed(active) if lay.colour), "")
        style_attr = f' style="--c:{esc(colour)}"' if colour else ""
        turn = next((lay.turn for lay in active if lay.turn), "")
        turn_attr = f' data-turn="{esc(turn)}"' if turn else ""
        out.append(
            f'<span class="{esc(classes)}" title="{esc(titles)}"{style_attr}{turn_attr}>{chunk}</span>'
        )
    return "".join(out)


def _article_kind(corpus: Any, article_id: str) -> str:
    arts = getattr(corpus, "articles", None)
    if arts is None or not len(arts) or "id" not in arts or "kind" not in arts:
        return ""
    row = arts[arts["id"] == article_id]
    kind = row.iloc[0]["kind"] if not row.empty else ""
    return str(kind) if isinstance(kind, str) else ""


def turn_labels(
    corpus: Any, article_id: str, quotes: pd.DataFrame | None = None, lang: str = "de"
) -> list[tuple[int, str]]:
    """(offset, label) for every turn of an interview, transcript or protocol: where it
    starts (its header, if any) and who speaks ("Ines Kaltenbach · Antwort")."""
    kind = _article_kind(corpus, article_id)
    if kind in ("", "news"):
        return []
    text = corpus.texts.get(article_id, "")
    layout = detect_turns(text, kind)
    w = _WORDS[lang]
    qdf = quotes if quotes is not None else _rows(corpus.quotes, article_id)
    starts = sorted(
        (int(q.quote_start), str(q.speaker or ""), str(q.role or ""))
        for q in qdf.itertuples(index=False)
        if pd.notna(q.quote_start)
    )
    keys = [s[0] for s in starts]
    out = []
    for t in layout.turns:
        # the turn's own quote: the first one that starts inside the turn
        k = bisect.bisect_left(keys, t.start)
        who = ""
        if k < len(starts) and starts[k][0] < t.end:
            who = starts[k][1] or starts[k][2]
        part = w.get(t.role, "") if t.role != "speaker" else ""
        label = " · ".join(x for x in (who or w["no_speaker"], part) if x)
        out.append((t.label[0] if t.label else t.start, label))
    return out


def _head(corpus: Any, article_id: str, lang: str = "de") -> str:
    """The article's header: id and title, then date · outlet · authors, then its URL
    (a link only for http(s) URLs). Everything escaped."""
    arts = getattr(corpus, "articles", None)
    if arts is None or not len(arts) or "id" not in arts:
        return ""
    row = arts[arts["id"] == article_id]
    if row.empty:
        return ""
    r = row.iloc[0]

    def value(col: str) -> str:
        v = r.get(col)
        return "" if v is None or not pd.notna(v) or str(v) in ("", "unknown") else str(v)

    first = " · ".join(x for x in (article_id, value("title")) if x)
    kind = _article_kind(corpus, article_id)
    kind_word = _WORDS[lang].get(kind, kind) if kind and kind != "news" else ""
    second = " · ".join(
        x for x in (value("date"), value("outlet"), value("authors"), kind_word) if x
    )
    lines = [esc(first)] + ([esc(second)] if second else [])
    url = value("url")
    if url:
        if re.match(r"^https?://", url, re.I):
            lines.append(
                f'<a href="{esc(url)}" rel="noopener noreferrer" target="_blank">{esc(url)}</a>'
            )
        else:
            lines.append(esc(url))
    return f'<div class="kit-head">{"<br>".join(lines)}</div>'


def legend(colours: dict[str, str], speakers: Iterable[str] | None = None, lang: str = "de") -> str:
    """A colour key for the speakers shown (HTML, escaped)."""
    w = _WORDS[lang]
    names = list(dict.fromkeys(speakers)) if speakers is not None else list(colours)
    items = [
        f'<span><span class="kit-swatch" style="--c:{esc(colours.get(n, SPEAKER_COLOURS[0]))}"></span>{esc(n or w["no_speaker"])}</span>'
        for n in names
    ]
    items.append(f'<span><span class="kit-fig">123</span> {esc(w["figures"])}</span>')
    items.append(f'<span><span class="kit-ent">Name</span> {esc(w["entities"])}</span>')
    items.append(f'<span><span class="kit-bp">…</span> {esc(w["boilerplate"])}</span>')
    return f'<div class="kit-legend">{"".join(items)}</div>'


def article_page(corpus: Any, article_id: str, *, lang: str = "de") -> str:
    """A standalone HTML page for one article (CSS inline, no scripts)."""
    quotes = _rows(corpus.quotes, article_id)
    colours = speaker_colours(quotes)
    speakers = quotes.get("speaker", pd.Series(dtype=str)).fillna("").astype(str)
    body = legend(colours, speakers, lang) + render_article(
        corpus, article_id, colours=colours, lang=lang
    )
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="de"><head><meta charset="utf-8"><title>{esc(article_id)}</title>'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        f"<style>{CSS}</style></head><body>{body}</body></html>\n"
    )


def safe_id(article_id: str) -> str:
    """A file stem for an article id: letters, digits, ``_ - .`` only, no leading dot."""
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", str(article_id))
    stem = re.sub(r"_+", "_", re.sub(r"\.{2,}", "_", stem)).lstrip(".")[:120]
    return stem or "article"


def write_html(corpus: Any, out_dir: str | Path, *, lang: str = "de") -> list[Path]:
    """Write ``out_dir/<article_id>.html`` for every article (atomic writes); return the paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    used: set[str] = set()
    for article_id in corpus.texts:
        stem = safe_id(article_id)
        candidate, n = stem, 1
        while candidate.lower() in used:
            n += 1
            candidate = f"{stem}-{n}"
        used.add(candidate.lower())
        path = out / f"{candidate}.html"
        atomic_write_text(path, article_page(corpus, article_id, lang=lang))
        written.append(path)
    return written
