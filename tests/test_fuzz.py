"""Hostile and random input through the whole job: no crash, every offset slices to its text.

Hypothesis drives arbitrary Unicode through tagging and every extractor; a fixed-seed
fuzz run writes random byte strings as files and runs ``kit.build`` over them.
"""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kit
from kit.corpus import process_article
from kit.records import Article

# German-flavoured text: quote marks, digits with separators, umlauts, newlines, markup
ALPHABET = st.sampled_from(
    list("aäbcdeéfghijklmnoöpqrsßtuüvwxyzAÄBKLMNOÖSUÜZ 0123456789.,;:!?-–—/%()[]\n\r\t")
    + ["„", "“", "”", "‚", "‘", "»", "«", '"', "'", "<script>", "</div>", "&amp;", "\u00a0",
       "sagte", " sagte er", "laut ", "Millionen", "etwa ", "mehr als ", "km²", "€", "\x00"]
)  # fmt: skip
TEXTS = st.one_of(st.text(max_size=300), st.lists(ALPHABET, max_size=120).map("".join))


def _check_offsets(text: str, payload: dict) -> None:
    for rec in payload["entities"] + payload["figures"]:
        assert 0 <= rec["start"] <= rec["end"] <= len(text)
        assert text[rec["start"] : rec["end"]] == rec["text"]
    for q in payload["quotes"]:
        assert 0 <= q["quote_start"] < q["quote_end"] <= len(text)
        for start, end in q["quote_spans"] or [(q["quote_start"], q["quote_end"])]:
            assert 0 <= start < end <= len(text)
        if q["cue_start"] is not None:
            assert text[q["cue_start"] : q["cue_end"]] == q["cue"]
        if q["speaker_start"] is not None:
            assert text[q["speaker_start"] : q["speaker_end"]] == q["speaker_mention"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS)
def test_any_text_through_every_extractor(text: str) -> None:
    from kit.german.pipeline import get_nlp
    from kit.reading.boilerplate import mark_boilerplate

    article = Article(id="fuzz", text=text, boilerplate=mark_boilerplate(text))
    payload = process_article(article, get_nlp())
    _check_offsets(text, payload)


def test_random_bytes_through_build(tmp_path: Path) -> None:
    rng = random.Random(20241031)
    corpus_dir = tmp_path / "corpus"
    corpus_dir.mkdir()
    seed = (Path(kit.config.SEEDS_DIR) / "000_7e0bde80a42e6b97.txt").read_bytes()
    for i in range(40):
        kind = i % 4
        if kind == 0:  # pure noise
            data = rng.randbytes(rng.randint(0, 400))
        elif kind == 1:  # a real article with random bytes spliced in
            cut = rng.randint(0, len(seed))
            data = seed[:cut] + rng.randbytes(rng.randint(1, 40)) + seed[cut:]
        elif kind == 2:  # a real article truncated mid-character
            data = seed[: rng.randint(0, len(seed))]
        else:  # printable junk in German-ish encodings
            chars = "„“»«äöüß<>&\"'\n\r 0123456789.,sagte"
            text = "".join(rng.choice(chars) for _ in range(rng.randint(0, 300)))
            data = text.encode(rng.choice(["utf-8", "utf-16", "cp1252"]), errors="replace")
        (corpus_dir / f"f{i:02d}.txt").write_bytes(data)
    corpus = kit.build(corpus_dir, cache=tmp_path / "cache", progress=False)
    # nothing lost silently: every file is either an article or a reported problem
    loaded = {Path(a).stem for a in corpus.articles["source"]}
    reported = {Path(p.source.split(":")[0]).stem for p in corpus.load.problems}
    assert loaded | reported == {f"f{i:02d}" for i in range(40)}
    for _, row in corpus.entities.iterrows():
        assert corpus.texts[row.article_id][row.start : row.end] == row.text
    for _, row in corpus.figures.iterrows():
        assert corpus.texts[row.article_id][row.start : row.end] == row.text
