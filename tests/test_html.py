"""Annotated article HTML: quotes by speaker, figures, boilerplate; hostile text stays escaped."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from test_widgets import A000, A003, IDS, QUOTES, seed_corpus

from kit import html as khtml

HOSTILE = '<script>alert(1)</script> „Zitat“ <img src=x onerror=alert(2)> </div> " onmouseover="x'


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += attrs

    def handle_data(self, data):
        self.text.append(data)


def _parse(page: str) -> _Tags:
    p = _Tags()
    p.feed(page)
    return p


def test_quotes_figures_and_hover_titles():
    corpus = seed_corpus()
    page = khtml.render_article(corpus, A003)
    p = _parse(page)
    quoted = "".join(re.findall(r'<span class="kit-q"[^>]*>(.*?)</span>', page))
    assert "sind bereits" in quoted
    titles = [v for k, v in p.attrs if k == "title"]
    assert "Sprecher: Kiew · Redeeinleitung: Laut · Art: Reported" in titles
    # the figure inside the quote carries both layers
    assert re.search(
        r'<span class="kit-q kit-fig" title="[^"]*Zahl: 11.000 Soldat[^"]*"[^>]*>11.000</span>',
        page,
    )
    # the text itself is complete and unchanged
    assert "".join(p.text).replace("\n", "").endswith(corpus.texts[A003].replace("\n", ""))


def test_speakers_of_an_article_get_distinct_colours():
    corpus = seed_corpus()
    two = corpus.quotes[corpus.quotes["article_id"].isin([A000, A003])]
    colours = khtml.speaker_colours(two)
    assert colours == {"Antony Blinken": khtml.SPEAKER_COLOURS[0], "Kiew": khtml.SPEAKER_COLOURS[1]}
    page = khtml.render_article(corpus, A003)
    assert (
        f"--c:{khtml.SPEAKER_COLOURS[0]}" in page
    )  # Kiew is the first (only) speaker of its article


def test_boilerplate_is_greyed():
    corpus = seed_corpus(quotes=False, figures=False)
    text = corpus.texts[A000]
    corpus.boilerplate[A000] = [(len(text) - 20, len(text), "signature")]
    page = khtml.render_article(corpus, A000)
    assert re.search(r'<span class="kit-bp" title="Beiwerk \(nicht ausgewertet\)">', page)


def test_hostile_text_is_escaped_in_fragment_and_page(tmp_path):
    texts = {aid: HOSTILE for aid in IDS}
    corpus = seed_corpus(quotes=False, figures=False, texts=texts)
    start = HOSTILE.index("„")
    corpus.quotes.loc[0] = corpus.quotes.dtypes.map(lambda _: None)
    corpus.quotes.loc[0, ["article_id", "quote_id", "type", "quote_text", "quote_start", "quote_end", "speaker", "cue"]] = [
        A000, "q0", "Direct", "„Zitat“", start, start + 7, '<b>"Evil"</b>', "<i>",
    ]  # fmt: skip
    for page in (khtml.render_article(corpus, A000), khtml.article_page(corpus, A000)):
        p = _parse(page)
        assert (
            "script" not in p.tags
            and "img" not in p.tags
            and "b" not in p.tags
            and "i" not in p.tags
        )
        assert not any(k.startswith("on") for k, _ in p.attrs)
        assert HOSTILE in "".join(p.text)
        assert page.count("<div") == page.count("</div>")
    title = [v for k, v in _parse(khtml.render_article(corpus, A000)).attrs if k == "title"]
    assert 'Sprecher: <b>"Evil"</b> · Redeeinleitung: <i> · Art: Direct' in title
    written = khtml.write_html(corpus, tmp_path)
    assert all("<script>" not in p.read_text(encoding="utf-8") for p in written)


def test_write_html_one_safe_file_per_article(tmp_path):
    corpus = seed_corpus()
    written = khtml.write_html(corpus, tmp_path / "html")
    assert [p.name for p in written] == [f"{aid}.html" for aid in IDS]
    page = written[IDS.index(A000)].read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    assert "Content-Security-Policy" in page and QUOTES[0][3] in page


def test_safe_ids():
    assert khtml.safe_id("../../etc/passwd") == "_etc_passwd"
    assert khtml.safe_id(".hidden") == "hidden"
    assert khtml.safe_id("000_7e0bde80a42e6b97") == "000_7e0bde80a42e6b97"
    assert khtml.safe_id("") == "article"


def test_turns_are_labelled_with_their_speaker(tmp_path):
    """In a protocol every turn starts with a label naming its speaker (and the chair)."""
    from pathlib import Path

    import kit
    from kit.workbench.html import render_article, turn_labels

    path = Path(__file__).parent / "data" / "formats" / "plenary_protocol.txt"
    corpus = kit.build([path], cache=False, progress=False, corrections_dir=tmp_path)
    labels = [label for _, label in turn_labels(corpus, "plenary_protocol")]
    assert labels == [
        "Helga Brenner · Vorsitz",
        "Tobias Ahrens",
        "Jochen Marx · Vorsitz",
        "Tobias Ahrens",
        "Jochen Marx · Vorsitz",
        "Sabine Krüger-Hahn",
    ]
    page = render_article(corpus, "plenary_protocol")
    assert 'data-turn="Tobias Ahrens"' in page and "Protokoll" in page
    assert 'title="Zwischenruf"' in page  # "(Beifall bei der SPD)" is marked, not quoted
