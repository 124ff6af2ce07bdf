"""The trained-pipeline path (``KIT_SPACY_MODEL`` / ``model=``), which no German model here can cover.

No trained German pipeline installs on this machine, so the fixture trains a
tiny one: ``spacy.blank("de")`` with a tagger, a morphologizer, a lemmatizer,
a dependency parser and an entity recogniser, updated for a few steps on the seed sentences. Its
annotations are silver: tags, morphology, lemmas and entities from the kit's
built-in pipeline, and a flat parse (every word attached to the sentence's finite
verb, subject ``sb`` before it, object ``oa`` after it). The model is poor by
design — the point is that the kit runs on *any* trained pipeline: spaCy's own
components, its label set, a real ``doc.sents`` from the parser, and no
``kit_ner``/``kit_tagger``. ``kit.build`` must not crash, every offset must
slice to its text, and the quotes whose rules need no parse (quoted text with
a cue verb next to it) must still be found.
"""

from __future__ import annotations

import random

import pytest
import spacy
from spacy.training import Example

import kit
from kit import config
from kit.german.pipeline import get_nlp, pipeline_info, tag_article
from kit.reading.load import load_articles

FINITE = {"VVFIN", "VAFIN", "VMFIN"}


def _silver_examples(nlp_blank):
    """Seed sentences annotated by the built-in pipeline (tags, lemmas, entities) and a flat parse."""
    builtin = get_nlp("de_kit_builtin")
    examples = []
    for article in load_articles(config.SEEDS_DIR).articles:
        doc = tag_article(article, builtin)
        for sent in doc.sents:
            toks = [t for t in sent if not t.is_space]
            if len(toks) < 3 or len(toks) > 60:
                continue
            words = [t.text for t in toks]
            root = next((k for k, t in enumerate(toks) if t.tag_ in FINITE), 0)
            heads = [root] * len(toks)
            deps = [
                "ROOT" if k == root else "punct" if t.is_punct else "sb" if k < root else "oa"
                for k, t in enumerate(toks)
            ]
            ents = ["O"] * len(toks)
            offset = {t.i: k for k, t in enumerate(toks)}
            for ent in sent.ents:
                ks = [offset[t.i] for t in ent if t.i in offset]
                for n, k in enumerate(ks):
                    ents[k] = ("B-" if n == 0 else "I-") + ent.label_
            pred = nlp_blank.make_doc(" ".join(words))
            if len(pred) != len(words):
                continue  # the blank tokenizer splits differently: skip the sentence
            examples.append(
                Example.from_dict(
                    pred,
                    {
                        "words": words,
                        "tags": [t.tag_ for t in toks],
                        "pos": [t.pos_ or "X" for t in toks],
                        "morphs": [str(t.morph) for t in toks],
                        "lemmas": [t.lemma_ for t in toks],
                        "heads": heads,
                        "deps": deps,
                        "entities": ents,
                    },
                )
            )
    return examples


@pytest.fixture(scope="module")
def trained_model(tmp_path_factory):
    """A tagger + parser + NER pipeline trained for a few steps on the seeds, saved to disk."""
    nlp = spacy.blank("de")
    for name in ("tagger", "morphologizer", "parser", "ner"):
        nlp.add_pipe(name)
    nlp.add_pipe("trainable_lemmatizer", name="lemmatizer")
    examples = _silver_examples(nlp)
    assert len(examples) > 50
    optimizer = nlp.initialize(lambda: examples)
    rng = random.Random(0)
    for _ in range(6):
        rng.shuffle(examples)
        for start in range(0, len(examples), 16):
            nlp.update(examples[start : start + 16], sgd=optimizer, drop=0.1)
    nlp.meta["name"] = "core_news_tiny_test"
    path = tmp_path_factory.mktemp("model") / "de_core_news_tiny_test"
    nlp.to_disk(path)
    return path


@pytest.fixture(scope="module")
def corpus(trained_model, tmp_path_factory):
    get_nlp.cache_clear()
    cache = tmp_path_factory.mktemp("cache")
    return kit.build("seeds", manifest="seeds/manifest.csv", model=str(trained_model),
                     cache=cache, progress=False)  # fmt: skip


def test_the_trained_pipeline_is_the_one_in_use(corpus):
    assert corpus.pipeline["kind"] == "trained"
    assert "parser" in corpus.pipeline["components"]
    assert "kit_paragraphs" in corpus.pipeline["components"]
    assert "kit_ner" not in corpus.pipeline["components"]


def test_every_offset_slices_to_its_text(corpus):
    assert len(corpus.articles) == 5
    for _, row in corpus.entities.iterrows():
        assert corpus.texts[row.article_id][row.start : row.end] == row.text
    for _, row in corpus.figures.iterrows():
        assert corpus.texts[row.article_id][row.start : row.end] == row.text
    for _, row in corpus.quotes.iterrows():
        text = corpus.texts[row.article_id]
        assert 0 <= row.quote_start < row.quote_end <= len(text)
        for a, b in row.quote_spans:
            assert 0 <= a < b <= len(text)
        if row.speaker_start is not None and row.speaker_start == row.speaker_start:
            mention = text[int(row.speaker_start) : int(row.speaker_end)]
            assert mention == row.speaker_mention


def test_direct_quotes_with_a_cue_need_no_parse(corpus):
    """„…“, sagte X: quotation marks and a cue verb next to them are enough."""
    q = corpus.quotes
    direct = q[q["type"] == "Direct"]
    assert len(direct) >= 10
    # seed 000: Blinken's „in den kommenden Tagen“ statement (hand-checked in the seed text)
    texts = " ".join(direct["quote_text"])
    assert "kommenden Tagen" in texts
    assert "Antony Blinken" in set(q["speaker"])


def test_figures_are_still_read(corpus):
    f = corpus.figures
    values = set(f.loc[f["unit"].isin(["Soldat", "Truppe"]), "value"])
    assert {8000.0, 10000.0, 11000.0} <= values


def test_pipeline_info_names_the_trained_model(trained_model):
    get_nlp.cache_clear()
    nlp = get_nlp(str(trained_model))
    info = pipeline_info(nlp)
    assert info["name"] == "de_core_news_tiny_test"
    assert info["kind"] == "trained"
    get_nlp.cache_clear()
