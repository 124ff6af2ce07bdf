"""Interviews, transcripts and protocols: turns, their speakers, interjections, the kind.

The five example documents in ``tests/data/formats/`` were written for the kit (German,
invented names); ``tests/data/formats_expected.json`` holds what a reader expects of
them, written by hand before the turn rules: the article kind, quotes (a text the quote
contains and its speaker), text that is no quote, and figure sources.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import kit
from kit.reading.turns import detect_turns, with_turns
from kit.records import Article

DATA = Path(__file__).parent / "data"
FORMATS = DATA / "formats"
EXPECTED = json.loads((DATA / "formats_expected.json").read_text(encoding="utf-8"))
FILES = sorted(k for k in EXPECTED if not k.startswith("_"))

#: words that never name a speaker: pronouns, determiners, quantifiers, labels
NOT_SPEAKERS = {
    "ich", "wir", "er", "sie", "es", "man", "das", "die", "der", "manche", "alle", "beide",
    "einige", "frage", "antwort", "zusatzfrage", "antrag", "länder",
}  # fmt: skip


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return kit.build(
        [FORMATS / name for name in FILES],
        cache=False,
        progress=False,
        corrections_dir=tmp_path_factory.mktemp("no_corrections"),
    )


def _quotes(corpus, name: str):
    art = name.removesuffix(".txt")
    return corpus.quotes[corpus.quotes.article_id == art]


@pytest.mark.parametrize("name", FILES)
def test_kind_is_detected(corpus, name):
    row = corpus.articles.set_index("id").loc[name.removesuffix(".txt")]
    assert row["kind"] == EXPECTED[name]["kind"]


@pytest.mark.parametrize(
    ("name", "anchor", "speaker"),
    [(n, a, s) for n in FILES for a, s in EXPECTED[n]["quotes"]],
)
def test_expected_quotes_and_speakers(corpus, name, anchor, speaker):
    quotes = _quotes(corpus, name)
    hits = quotes[quotes.quote_text.str.contains(anchor, regex=False)]
    assert len(hits), f"no quote contains {anchor!r}"
    assert speaker in set(hits.speaker), f"{anchor!r}: {list(hits.speaker)}"


@pytest.mark.parametrize(
    ("name", "anchor"), [(n, a) for n in FILES for a in EXPECTED[n]["not_quoted"]]
)
def test_headers_and_stage_directions_are_no_quotes(corpus, name, anchor):
    quotes = _quotes(corpus, name)
    assert not quotes.quote_text.str.contains(anchor, regex=False).any()


@pytest.mark.parametrize(
    ("name", "figure", "source"), [(n, f, s) for n in FILES for f, s in EXPECTED[n]["figures"]]
)
def test_figures_take_the_turn_speaker(corpus, name, figure, source):
    figs = corpus.figures[corpus.figures.article_id == name.removesuffix(".txt")]
    hits = figs[figs.text.str.contains(figure, regex=False)]
    assert len(hits), f"figure {figure!r} not found"
    assert list(hits.source) == [source] * len(hits)


@pytest.mark.parametrize("name", FILES)
def test_no_speaker_is_a_pronoun_or_a_noun_that_cannot_speak(corpus, name):
    speakers = {s for s in _quotes(corpus, name).speaker if s}
    allowed = {s for _a, s in EXPECTED[name]["quotes"] if s}
    assert not {s for s in speakers if s.lower() in NOT_SPEAKERS}
    assert speakers <= allowed, speakers - allowed


FIRST_PERSON = re.compile(r"\b(ich|wir|mir|mich|uns|unser(?:e[mnrs]?)?|mein(?:e[mnrs]?)?)\b", re.I)


@pytest.mark.parametrize(
    "name", ["plenary_protocol.txt", "podcast_transcript.txt", "press_conference.txt"]
)
def test_every_first_person_statement_has_its_turns_speaker(corpus, name):
    """Each sentence of a turn in the first person lies in a quote of the turn's speaker."""
    text = (FORMATS / name).read_text(encoding="utf-8")
    layout = detect_turns(text)
    quotes = _quotes(corpus, name)
    by_label = EXPECTED[name]["turn_speakers"]
    checked = 0
    for t in layout.turns:
        speaker = by_label[text[t.label[0] : t.label[1]]]
        body = text[t.start : t.end]
        for m in re.finditer(r"[^.!?]+[.!?]", body):
            sentence = m.group(0)
            if not FIRST_PERSON.search(sentence) or "(" in sentence:
                continue
            start = t.start + m.start() + (len(sentence) - len(sentence.lstrip()))
            inside = quotes[(quotes.quote_start <= start) & (quotes.quote_end > start)]
            assert speaker in set(inside.speaker), (sentence.strip(), list(inside.speaker))
            checked += 1
    assert checked >= 3


def test_interjections_are_quotes_of_the_caller():
    text = (FORMATS / "plenary_protocol.txt").read_text(encoding="utf-8")
    layout = detect_turns(text)
    calls = [(text[slice(*c.caller)], text[slice(*c.words)]) for c in layout.interjections]
    assert calls == [
        ("AfD", "Das ist doch Panikmache!"),
        ("Dr. Karl Wendisch", "Wer soll das bezahlen?"),
    ]
    kinds = [(m.kind, text[m.start : m.end]) for m in layout.marks if m.kind != "turn_header"]
    assert ("interjection", "(Heiterkeit bei der SPD)") in kinds


@pytest.mark.parametrize(
    "text",
    [
        # a news article with labels and a headline colon: no turns
        "Scholz: Wir stehen an der Seite der Ukraine\n\nDer Kanzler sagte am Montag, die Hilfe "
        "gehe weiter.\n\nFoto: dpa\n\nQuelle: Reuters\n\nUpdate: Die Regierung bestätigte das.",
        # section headings with a colon are no speakers' turns
        "Marathon in Hamburg\n\nHamburg-Marathon: Sieger im Ziel\n\nDer Kenianer gewann.\n\n"
        "Hamburg-Marathon: Hinweise für Läufer\n\nDie Strecke ist gesperrt.\n\n"
        "Marathon: Sperrungen\n\nDie Polizei warnte vor Staus.",
        # an explainer with questions but no interviewee: no interview
        "Was Sie zur Grundsteuer wissen müssen\n\nWas ändert sich?\n\nDer Wert wird neu "
        "berechnet.\n\nWer muss zahlen?\n\nAlle Eigentümer.\n\nWann kommt der Bescheid?\n\n"
        "Im Herbst.",
    ],
)
def test_news_stays_news(text):
    layout = detect_turns(text)
    assert (layout.kind, layout.turns, layout.marks) == ("news", (), ())


def test_manifest_kind_wins():
    text = "Interview\n\nMüller: Das ist so.\n\nMeier: Nein."
    assert detect_turns(text).kind == "news"  # two headers are not enough on their own
    forced = detect_turns(text, "transcript")
    assert forced.kind == "transcript" and len(forced.turns) == 2
    assert detect_turns((FORMATS / "podcast_transcript.txt").read_text(), "news").turns == ()


def test_marks_join_the_boilerplate_and_the_text_is_unchanged():
    text = (FORMATS / "podcast_transcript.txt").read_text(encoding="utf-8")
    art = with_turns(Article("p", text))
    assert art.text == text
    marked = [text[s.start : s.end] for s in art.boilerplate]
    assert "(lacht)" in marked and "Lena Brückner:" in marked


def test_manifest_kind_column(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    text = (FORMATS / "podcast_transcript.txt").read_text(encoding="utf-8")
    (folder / "a.txt").write_text(text, encoding="utf-8")
    (folder / "manifest.csv").write_text("id,kind\na,news\n", encoding="utf-8")
    corpus = kit.build(folder, cache=False, progress=False, corrections_dir=tmp_path / "nc")
    assert corpus.articles.kind.tolist() == ["news"]
    # as news, the headers are no turns: no Direct quotes of whole turns
    assert not (corpus.quotes.speaker == "Tobias Rehfeldt").any()
