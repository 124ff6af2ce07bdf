"""The built-in German pipeline: tokens, sentences, tags/lemmas, Konjunktiv, selection, long texts."""

from __future__ import annotations

import pytest
import spacy
from conftest import SEEDS, benchmark_doc, seed_text

from kit.german import pipeline as tag
from kit.german.pipeline import ModelNotFound, get_nlp, pipeline_info, tag_article
from kit.german.tagger import is_konjunktiv_i, is_konjunktiv_ii
from kit.records import Article, Span


def _tag(nlp, text: str, article_id: str = "t"):
    return tag_article(Article(article_id, text), nlp)


# ------------------------------------------------------------------ tokenizer

TOKENS = [
    ("Etwa 8.000 Soldaten", ["Etwa", "8.000", "Soldaten"]),
    ("mehr als 600.000 russische Soldaten", ["mehr", "als", "600.000", "russische", "Soldaten"]),
    ("stieg um 3,21 Prozent", ["stieg", "um", "3,21", "Prozent"]),
    ("1.234,5 km² Fläche", ["1.234,5", "km²", "Fläche"]),
    ("um 478 km² auf", ["um", "478", "km²", "auf"]),
    ("4,6 Mio. Euro", ["4,6", "Mio.", "Euro"]),
    ("2 Mrd. Dollar", ["2", "Mrd.", "Dollar"]),
    ("„in den kommenden Tagen“", ["„", "in", "den", "kommenden", "Tagen", "“"]),
    ("»Gut« und ‚so‘", ["»", "Gut", "«", "und", "‚", "so", "‘"]),
    ('er sagte "nein".', ["er", "sagte", '"', "nein", '"', "."]),
    ("z. B. Waffen", ["z.", "B.", "Waffen"]),
    ("Dr. Meier", ["Dr.", "Meier"]),
    ("u. a. Drohnen", ["u.", "a.", "Drohnen"]),
    ("bzw. ca. 10", ["bzw.", "ca.", "10"]),
    ("Nr. 5", ["Nr.", "5"]),
    ("St. Petersburg", ["St.", "Petersburg"]),
    ("Prof. Müller", ["Prof.", "Müller"]),
    ("ggf. vgl. Tsd.", ["ggf.", "vgl.", "Tsd."]),
    ("am 6. August", ["am", "6.", "August"]),
    ("im Jahr 2024. Dann kam", ["im", "Jahr", "2024", ".", "Dann", "kam"]),
    ("US-Außenminister Antony Blinken", ["US-Außenminister", "Antony", "Blinken"]),
    ("Kim Jong-un", ["Kim", "Jong-un"]),
]


@pytest.mark.parametrize(("text", "expected"), TOKENS, ids=[t for t, _ in TOKENS])
def test_tokenization(nlp, text: str, expected: list[str]) -> None:
    assert [t.text for t in _tag(nlp, text)] == expected


# ------------------------------------------------------------------ sentences


def _sentence_with(doc, anchor: str) -> str:
    start = doc.text.index(anchor)
    for sent in doc.sents:
        if sent.start_char <= start < sent.end_char:
            return sent.text
    raise AssertionError(anchor)


@pytest.fixture(scope="module")
def seed_docs(nlp):
    return {p.stem[:3]: _tag(nlp, p.read_text(encoding="utf-8"), p.stem) for p in SEEDS}


@pytest.mark.parametrize(
    ("seed", "anchor", "whole"),
    [
        # a quotation of two sentences stays inside its reporting sentence
        (
            "000",
            "Ich denke, die Reaktion",
            "sagte er in einem Interview mit südkoreanischen Medien.",
        ),
        (
            "000",
            "Etwa 8.000 nordkoreanische",
            "sagte US-Außenminister Antony Blinken am Donnerstag.",
        ),
        ("001", "während der 4. Konferenz", "der Koreanischen Volksarmee am Freitag."),
        ("002", "bis zum 20. Januar", "sein Amt antritt."),
        ("002", "am 6. August in Kursk", "mehr als zwei Dutzend Siedlungen."),
        ("004", "Bis zum 27. Oktober", "gekennzeichnet war."),
        ("004", "Sanktionen reichen nicht aus.", "am Montag."),
    ],
)
def test_sentence_is_not_broken(seed_docs, seed: str, anchor: str, whole: str) -> None:
    sent = _sentence_with(seed_docs[seed], anchor)
    assert anchor in sent and sent.endswith(whole)


def test_quotation_that_ends_a_sentence_closes_it(seed_docs) -> None:
    doc = seed_docs["000"]
    sent = _sentence_with(doc, "Es war Null")
    assert sent.startswith(
        "„Ich denke, die Reaktion darauf ist gleich null. Es war Null“, sagte er"
    )


def test_paragraph_breaks_are_sentence_breaks(seed_docs) -> None:
    # "Neue Hilfe" is a subheading on its own line, without a full stop
    assert _sentence_with(seed_docs["000"], "Neue Hilfe") == "Neue Hilfe"
    assert _sentence_with(seed_docs["004"], "Brauchen Waffen") == "„Brauchen Waffen“"


@pytest.mark.parametrize(
    ("text", "n_sents"),
    [
        ("Er kam am 6. August. Sie ging.", 2),
        ("Es geschah im Jahr 2024. Dann kam der Winter.", 2),
        ("Das kostet z. B. 5 Euro. Das ist viel.", 2),
        ("„Nein!“ Dann ging er.", 2),
        ("„Wir kommen. Wir bleiben“, sagte er. Dann ging er.", 2),
        # an unbalanced quotation mark falls back to punctuation
        ("„Wir kommen. Wir bleiben. Dann ging er.", 3),
        ("Sie sagte: „Ja.“ Er sagte nichts.", 2),
        ("Absatz eins ohne Punkt\nAbsatz zwei.", 2),
    ],
)
def test_sentence_splitting_rules(nlp, text: str, n_sents: int) -> None:
    assert len(list(_tag(nlp, text).sents)) == n_sents


@pytest.mark.parametrize(
    ("doc_id", "anchor", "attribution"),
    [
        ("46026", "In 20 Jahren wird die Welt", "sagte Arturo Arauz"),
        ("52082", "Das Kind musste gut", "sagte Chen Qigang"),
        ("62691", "So lange wird es dieses Mal", "so Matthias Freude"),
    ],
)
def test_benchmark_quotation_stays_with_its_attribution(nlp, doc_id, anchor, attribution) -> None:
    text = benchmark_doc("train", doc_id)["originalText"]  # read at run time, never copied
    doc = _tag(nlp, text, doc_id)
    assert attribution in _sentence_with(doc, anchor)


# ------------------------------------------------------------- tags and lemmas

TAGGED = [
    ("Etwa 8.000 nordkoreanische Soldaten haben die russische Grenzregion Kursk erreicht, "
     "sagte US-Außenminister Antony Blinken am Donnerstag.",
     [("8.000", "CARD", "8.000"), ("nordkoreanische", "ADJA", "nordkoreanisch"),
      ("Soldaten", "NN", "Soldat"), ("haben", "VAFIN", "haben"), ("die", "ART", "der"),
      ("Grenzregion", "NN", "Grenzregion"), ("Kursk", "NE", "Kursk"),
      ("erreicht", "VVPP", "erreichen"), (",", "$,", ","), ("sagte", "VVFIN", "sagen"),
      ("Blinken", "NE", "Blinken"), ("am", "APPRART", "an"), (".", "$.", ".")]),
    ("Sie seien bereit, gegen die ukrainischen Streitkräfte zu kämpfen.",
     [("Sie", "PPER", "sie"), ("seien", "VAFIN", "sein"), ("zu", "PTKZU", "zu"),
      ("kämpfen", "VVINF", "kämpfen"), ("Streitkräfte", "NN", "Streitkraft")]),
    ("„Wir gehen davon aus, dass dies geschehen wird“, fügte Blinken hinzu.",
     [("Wir", "PPER", "wir"), ("gehen", "VVFIN", "ausgehen"), ("aus", "PTKVZ", "aus"),
      ("dass", "KOUS", "dass"), ("wird", "VAFIN", "werden"), ("fügte", "VVFIN", "hinzufügen"),
      ("hinzu", "PTKVZ", "hinzu"), ("„", "$(", "„")]),
    ("Russland, das nordkoreanische Soldaten ausgestattet hat, hat Truppen ausgebildet.",
     [("das", "PRELS", "der"), ("ausgestattet", "VVPP", "ausstatten"), ("hat", "VAFIN", "haben")]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), TAGGED, ids=[t[:30] for t, _ in TAGGED])
def test_tags_and_lemmas(nlp, text: str, expected: list[tuple[str, str, str]]) -> None:
    doc = _tag(nlp, text)
    got = {t.text: (t.tag_, t.lemma_) for t in doc}
    for word, tag_, lemma in expected:
        assert got[word] == (tag_, lemma), word


def test_ud_pos_follows_stts(nlp) -> None:
    doc = _tag(nlp, "Die Soldaten haben Kursk erreicht.")
    assert [t.pos_ for t in doc] == ["DET", "NOUN", "AUX", "PROPN", "VERB", "PUNCT"]


@pytest.mark.parametrize(
    ("text", "word", "k1", "k2"),
    [
        ("Er sagte, sie seien bereit.", "seien", True, False),
        ("Er sagte, Tokio habe beschlossen, mitzumachen.", "habe", True, False),
        ("Ich habe das gesehen.", "habe", False, False),
        ("Sie sagte, er werde kommen.", "werde", True, False),
        ("Er sagte, man könne nichts tun.", "könne", True, False),
        ("Er sagte, dieser Einsatz zeige die Schwäche.", "zeige", True, False),
        ("Das wäre ein Fortschritt.", "wäre", False, True),
        ("Sie hätten gekämpft.", "hätten", False, True),
        ("Er ist bereit.", "ist", False, False),
    ],
)
def test_konjunktiv(nlp, text: str, word: str, k1: bool, k2: bool) -> None:
    (tok,) = [t for t in _tag(nlp, text) if t.text == word]
    assert is_konjunktiv_i(tok) is k1
    assert is_konjunktiv_ii(tok) is k2
    if k1 or k2:
        assert tok.morph.get("Mood") == ["Sub"]


# ----------------------------------------------------------- Doc contract


@pytest.mark.parametrize("path", SEEDS, ids=[p.stem[:3] for p in SEEDS])
def test_offsets_slice_the_original_text(nlp, path) -> None:
    text = path.read_text(encoding="utf-8")
    doc = _tag(nlp, text, path.stem)
    assert len(doc.text) == len(text) and doc._.text == text
    for tok in doc:
        if not tok.is_space:
            assert text[tok.idx : tok.idx + len(tok.text)] == tok.text
    for ent in doc.ents:
        assert text[ent.start_char : ent.end_char] == ent.text
    assert all(t.tag_ for t in doc if not t.is_space)


def test_boilerplate_flags(nlp) -> None:
    text = seed_text("001")
    start = text.index("VERWANDTE GESCHICHTEN")
    article = Article("b", text, boilerplate=(Span(start, start + 21, "related_headlines"),))
    doc = tag_article(article, nlp)
    flagged = [t.text for t in doc if t._.boilerplate]
    assert flagged == ["VERWANDTE", "GESCHICHTEN"]
    assert doc._.boilerplate == [(start, start + 21, "related_headlines")]


def test_pipeline_info_of_the_builtin(nlp) -> None:
    info = pipeline_info(nlp)
    assert info["name"] == "de_kit_builtin" and info["kind"] == "built-in"
    assert info["components"] == ["kit_numfix", "kit_tagger", "kit_sentences", "kit_ner"]
    assert info["version"]


# ------------------------------------------------------------ pipeline choice


@pytest.fixture()
def fresh_get_nlp(monkeypatch):
    monkeypatch.delenv("KIT_SPACY_MODEL", raising=False)
    tag.get_nlp.cache_clear()
    yield
    tag.get_nlp.cache_clear()


def test_builtin_when_no_trained_pipeline(fresh_get_nlp, monkeypatch) -> None:
    def no_model(name, *a, **k):
        raise OSError(f"[E050] Can't find model '{name}'")

    monkeypatch.setattr(spacy, "load", no_model)
    assert pipeline_info(get_nlp())["kind"] == "built-in"


def test_installed_trained_pipeline_is_preferred(fresh_get_nlp, monkeypatch) -> None:
    loaded = []

    def fake_load(name, *a, **k):
        if name != "de_core_news_md":
            raise OSError(name)
        loaded.append(name)
        fake = spacy.blank("de")
        fake.meta["name"] = "core_news_md"
        fake.meta["version"] = "3.8.0"
        return fake

    monkeypatch.setattr(spacy, "load", fake_load)
    nlp = get_nlp()
    info = pipeline_info(nlp)
    assert loaded == ["de_core_news_md"]
    assert info["name"] == "de_core_news_md" and info["kind"] == "trained"
    assert "kit_paragraphs" in info["components"]
    doc = _tag(nlp, "Erster Absatz ohne Punkt\nZweiter Absatz.")
    assert [t.is_sent_start for t in doc][4] is True  # "Zweiter" starts a sentence


def test_pipeline_by_path_and_env(fresh_get_nlp, monkeypatch, tmp_path) -> None:
    tiny = spacy.blank("de")
    tiny.meta["name"] = "tiny_test"
    tiny.to_disk(tmp_path / "tiny")
    info = pipeline_info(get_nlp(str(tmp_path / "tiny")))
    assert info["name"] == "de_tiny_test" and info["kind"] == "trained"
    tag.get_nlp.cache_clear()
    monkeypatch.setenv("KIT_SPACY_MODEL", str(tmp_path / "tiny"))
    assert pipeline_info(get_nlp())["name"] == "de_tiny_test"
    tag.get_nlp.cache_clear()
    monkeypatch.setenv("KIT_SPACY_MODEL", "de_kit_builtin")
    assert pipeline_info(get_nlp())["kind"] == "built-in"


def test_bad_name_gives_one_clear_line(fresh_get_nlp) -> None:
    with pytest.raises(ModelNotFound) as err:
        get_nlp("de_core_news_xx_missing")
    message = str(err.value)
    assert "de_core_news_xx_missing" in message and "\n" not in message
    assert "spacy download de_core_news_md" in message and "conda-forge" in message


# ------------------------------------------------------------------ long texts


def test_text_longer_than_max_length_is_chunked(monkeypatch) -> None:
    nlp = tag._builtin()
    nlp.max_length = 5_000
    monkeypatch.setattr(tag, "CHUNK_CHARS", 2_000)
    para = seed_text("000")
    text = "\n\n".join([para] * 4) + " " + para.replace("\n", " ")  # paragraphs, then one long line
    doc = tag_article(Article("long", text), nlp)
    assert doc.text == text.replace("\n", " ")
    for tok in doc:
        if not tok.is_space:
            assert text[tok.idx : tok.idx + len(tok.text)] == tok.text
    whole = tag_article(Article("short", para), tag._builtin())
    assert [t.text for t in doc][: len(whole)] == [t.text for t in whole]


@pytest.mark.slow
@pytest.mark.parametrize("size", [1_000_000, 10_000_000])
def test_megabyte_texts_tag_without_error(nlp, size: int) -> None:
    para = seed_text("004").replace("\n", " ") + " "
    text = para * (size // len(para) + 1)
    if size > 1_000_000:
        text = "\n".join([text[i : i + 50_000] for i in range(0, len(text), 50_000)])
    doc = tag_article(Article("big", text), nlp)
    assert len(doc.text) == len(text)
    last = doc[-2]
    assert text[last.idx : last.idx + len(last.text)] == last.text


def test_konjunktiv_on_a_hand_annotated_doc() -> None:
    """A trained pipeline's Doc: Mood=Sub without the kit's Konj feature."""
    from spacy.tokens import Doc

    nlp = spacy.blank("de")
    words = ["Er", "sagte", ",", "sie", "seien", "bereit", "und", "ich", "habe", "Zeit"]
    tags = ["PPER", "VVFIN", "$,", "PPER", "VAFIN", "ADJD", "KON", "PPER", "VAFIN", "NN"]
    lemmas = ["er", "sagen", ",", "sie", "sein", "bereit", "und", "ich", "haben", "Zeit"]
    morphs = [""] * 4 + ["Mood=Sub|VerbForm=Fin"] + [""] * 3 + ["Mood=Ind|VerbForm=Fin", ""]
    doc = Doc(nlp.vocab, words=words, tags=tags, lemmas=lemmas, morphs=morphs)
    assert [t.text for t in doc if is_konjunktiv_i(t)] == ["seien"]
    assert not any(is_konjunktiv_ii(t) for t in doc)
