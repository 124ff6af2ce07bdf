"""Corpus-level speakers, corrections and reuse, on hand-made quote dicts named after the seeds."""

from __future__ import annotations

import pandas as pd
import pytest

from kit.corpus.names import joint_parts
from kit.corpus.speakers import (
    add_correction,
    apply_corrections,
    link_reuse,
    load_corrections,
    name_key,
    remove_correction,
    resolve_corpus,
    split_role,
)
from kit.records import QUOTE_COLUMNS, QUOTE_EXTRA_COLUMNS, SPEAKER_COLUMNS

A0, A1, A2, A3, A4 = (
    "000_7e0bde80a42e6b97",  # 2024-10-31
    "001_9e7c26f75967a251",  # 2024-11-18
    "002_ca6cb5af691f0bf3",  # 2024-11-13
    "003_85ee40c7f8e86b3b",  # 2024-11-12
    "004_ab2433fe5bdf728f",  # 2024-10-29
)
ARTICLES = pd.DataFrame(
    {
        "id": [A0, A1, A2, A3, A4],
        "date": ["2024-10-31", "2024-11-18", "2024-11-13", "2024-11-12", "2024-10-29"],
    }
)
ENTITY_COLS = ["article_id", "start", "end", "text", "label", "canonical"]


def q(article, speaker, text, *, mention=None, role="", kind="", n=[0]):  # noqa: B006 — counter
    n[0] += 1
    return {
        "article_id": article,
        "quote_id": f"q{n[0]}",
        "type": "Direct",
        "medium": "speech",
        "quote_text": text,
        "quote_start": 0,
        "quote_end": len(text),
        "speaker": speaker,
        "speaker_mention": mention if mention is not None else speaker,
        "role": role,
        "speaker_kind": kind,
    }


def ents(*rows):
    return pd.DataFrame([(a, 0, len(t), t, lab, "") for a, t, lab in rows], columns=ENTITY_COLS)


NO_ENTS = pd.DataFrame(columns=ENTITY_COLS)


@pytest.mark.parametrize(
    "phrase, role, name",
    [
        ("US-Außenminister Antony Blinken", "US-Außenminister", "Antony Blinken"),
        ("Herr Austin", "", "Austin"),
        ("Sprecher des US-Außenministeriums Matthew Miller", "Sprecher des US-Außenministeriums", "Matthew Miller"),
        ("Pentagon-Sprecherin Sabrina Singh", "Pentagon-Sprecherin", "Sabrina Singh"),
        ("der ukrainische Präsident Wolodymyr Selenskyj", "Präsident", "Wolodymyr Selenskyj"),
        ("Kim Jong-un", "", "Kim Jong-un"),
        ("Kreml-Sprecher", "", "Kreml-Sprecher"),
        # name particles belong to the name, after an apposition comma too
        ("die Präsidentin der Europäischen Kommission, Ursula von der Leyen",
         "Präsidentin der Europäischen Kommission", "Ursula von der Leyen"),
        ("Ursula von der Leyen", "", "Ursula von der Leyen"),
        # a title with a genitive complement but no name stays one description
        ("der Chef der Deutschen Bank", "Chef der Deutschen Bank", "Chef der Deutschen Bank"),
    ],
)  # fmt: skip
def test_split_role(phrase, role, name):
    assert split_role(phrase) == (role, name)


def test_name_key_ignores_hyphen_and_case():
    assert name_key("Kim Jong-un") == name_key("Kim Jong Un") == "kim jong un"
    assert name_key("Kim Yong-hyun") != name_key("Kim Jong Un")


def test_blinken_variants_become_one_speaker_with_role():
    quotes = [
        q(
            A0,
            "US-Außenminister Antony Blinken",
            "Etwa 8.000 nordkoreanische Soldaten",
            kind="person",
        ),
        q(A2, "Blinken", "Wir verurteilen das"),
        q(A2, "Antony Blinken", "Es ist eine Eskalation"),
        q(A4, "Blinken", "Ohne Vollnamen im Artikel"),
    ]
    res = resolve_corpus(quotes, NO_ENTS, ARTICLES)
    assert res.quotes["speaker"].tolist() == ["Antony Blinken"] * 4
    row = res.speakers.set_index("speaker").loc["Antony Blinken"]
    assert row["n_quotes"] == 4 and row["n_articles"] == 3
    assert row["roles"] == "US-Außenminister"
    assert row["aliases"] == "Blinken"  # role variants and pronouns are not aliases
    assert (row["first_date"], row["last_date"]) == ("2024-10-29", "2024-11-13")
    assert row["kind"] == "person"
    assert list(res.speakers.columns) == list(SPEAKER_COLUMNS)
    assert list(res.quotes.columns) == list(QUOTE_COLUMNS) + list(QUOTE_EXTRA_COLUMNS)


def test_herr_austin_joins_full_name_from_entities_of_the_article():
    quotes = [q(A0, "Herr Austin", "Täuschen Sie sich nicht")]
    res = resolve_corpus(quotes, ents((A0, "Lloyd Austin", "PER")), ARTICLES)
    assert res.quotes["speaker"].tolist() == ["Lloyd Austin"]
    assert res.canonical(A0, "Austin") == "Lloyd Austin"
    assert res.canonical(A3, "Verteidigungsminister Lloyd Austin") == "Lloyd Austin"


def test_kim_spellings_merge_but_surname_alone_needs_evidence():
    quotes = [
        q(A0, "Kim Jong-un", "a"),
        q(A1, "Kim Jong Un", "b"),
        q(A1, "Kim", "c"),  # only one Kim in 001: the leader
        q(A0, "Kim", "d"),  # 000 names both Kims: no evidence
        q(A0, "Kim Yong-hyun", "e", role="Verteidigungsminister"),
    ]
    res = resolve_corpus(quotes, NO_ENTS, ARTICLES)
    got = res.quotes["speaker"].tolist()
    assert got[0] == got[1] == got[2] and got[0] in ("Kim Jong-un", "Kim Jong Un")
    assert got[3] == "Kim"
    assert got[4] == "Kim Yong-hyun"
    assert res.canonical(A4, "Kim") == "Kim"  # corpus-wide not unique


def test_surname_in_article_without_full_name_uses_unique_corpus_full_name():
    quotes = [q(A0, "Wolodymyr Selenskyj", "a"), q(A4, "Selenskyj", "b")]
    res = resolve_corpus(quotes, NO_ENTS, ARTICLES)
    assert res.quotes["speaker"].tolist() == ["Wolodymyr Selenskyj"] * 2


def test_kinds_from_quotes_and_entities():
    quotes = [q(A3, "Pentagon", "x"), q(A0, "Nordkorea", "y", kind="country")]
    res = resolve_corpus(quotes, ents((A3, "Pentagon", "ORG")), ARTICLES)
    kinds = dict(zip(res.speakers["speaker"], res.speakers["kind"], strict=True))
    assert kinds == {"Pentagon": "organisation", "Nordkorea": "country"}


# ----------------------------------------------------------------- reuse


def test_same_quote_in_two_articles_is_linked_to_the_earlier():
    text = "Wir haben noch keinen Einsatz dieser Truppen im Kampf gesehen."
    quotes = [
        q(A1, "Blinken", text),
        q(A2, "Antony Blinken", "„" + text.replace(".", "") + "“"),  # quotes marks, no period
        q(A1, "Blinken", "Something else entirely"),
    ]
    res = resolve_corpus(quotes, NO_ENTS, ARTICLES)
    assert res.quotes["n_articles"].tolist() == [2, 2, 1]
    assert res.quotes["first_seen_in"].tolist() == [A2, A2, A1]  # 002 (11-13) before 001 (11-18)


def test_reuse_ties_on_date_go_to_smaller_id_and_undated_last():
    frame = pd.DataFrame({"article_id": ["b", "a", "c"], "quote_text": ["Gleich."] * 3})
    out = link_reuse(frame, {"a": "2024-01-01", "b": "2024-01-01", "c": ""})
    assert out["first_seen_in"].tolist() == ["a"] * 3
    out = link_reuse(frame, {"c": "2023-12-31"})
    assert out["first_seen_in"].tolist() == ["c"] * 3


def test_a_shared_sentence_links_articles_even_where_no_quote_was_found():
    # seeds 001 and 002 carry the same agency sentence; only 002's copy was extracted
    from conftest import seed_text

    shared = "da die USA und ihre Verbündeten befürchten, dass die Stationierung"
    texts = {A1: seed_text("001"), A2: seed_text("002"), "other": "Kein Bezug."}
    sentence = next(line for line in texts[A2].splitlines() if shared in line).split(". Im")[0]
    start = texts[A2].index(sentence)
    frame = pd.DataFrame(
        {
            "article_id": [A2, "other"],
            "quote_text": ["dass die Stationierung … eskalieren könnte", "Anderes."],
            "quote_start": [start, 0],
            "sentence": [sentence + ".", "Kein Bezug."],
        }
    )
    out = link_reuse(frame, {A1: "2024-11-18", A2: "2024-11-13"}, texts=texts)
    assert out["n_articles"].tolist() == [2, 1]
    assert out["first_seen_in"].tolist() == [A2, "other"]  # 002 (11-13) is the earlier one


# ----------------------------------------------------------- corrections


def test_corrections_round_trip(tmp_path):
    path = tmp_path / "speaker_corrections.csv"
    add_correction(path, "rename", "Kim Jong Un", "Kim Jong-un", note="house spelling")
    add_correction(path, "merge", "Herr Austin", "Lloyd Austin")
    added = add_correction(path, "split", "Kim", "Kim Yong-hyun", article_id=A0)
    got = load_corrections(path)
    assert [(c.action, c.name, c.target, c.article_id) for c in got] == [
        ("rename", "Kim Jong Un", "Kim Jong-un", ""),
        ("merge", "Herr Austin", "Lloyd Austin", ""),
        ("split", "Kim", "Kim Yong-hyun", A0),
    ]
    assert got[-1].line == added.line == 4
    remove_correction(path, 3)
    assert [c.action for c in load_corrections(path)] == ["rename", "split"]


def test_add_correction_rejects_bad_rows(tmp_path):
    with pytest.raises(ValueError, match="unknown action"):
        add_correction(tmp_path / "c.csv", "delete", "Kim")
    with pytest.raises(ValueError, match="needs a target"):
        add_correction(tmp_path / "c.csv", "merge", "Kim")
    assert not (tmp_path / "c.csv").exists()


def test_bad_rows_warn_with_file_and_line_and_are_skipped(tmp_path):
    path = tmp_path / "speaker_corrections.csv"
    path.write_text(
        "action,name,target,article_id,note\n"
        "merge,Herr Austin,Lloyd Austin,,\n"
        "explode,Kim,,,\n"
        "rename,Kim,,,\n",
        encoding="utf-8",
    )
    with pytest.warns(UserWarning) as record:
        got = load_corrections(path)
    assert [c.name for c in got] == ["Herr Austin"]
    messages = [str(w.message) for w in record]
    assert any(f"{path}:3" in m and "explode" in m for m in messages)
    assert any(f"{path}:4" in m for m in messages)


def test_broken_file_never_crashes_the_build(tmp_path):
    path = tmp_path / "speaker_corrections.csv"
    path.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.warns(UserWarning, match=str(path)):
        res = resolve_corpus([q(A0, "Kim", "x")], NO_ENTS, ARTICLES, corrections=path)
    assert res.quotes["speaker"].tolist() == ["Kim"]


def test_corrections_applied_in_resolution(tmp_path):
    path = tmp_path / "speaker_corrections.csv"
    quotes = [
        q(A0, "Kim Jong-un", "a"),
        q(A1, "Kim Jong Un", "b"),
        q(A0, "Kim", "c"),
        q(A0, "Kim Yong-hyun", "d"),
        q(A4, "Pentagon-Sprecherin", "e"),
        q(A4, "Sabrina Singh", "f"),
    ]
    add_correction(path, "split", "Kim", "Kim Yong-hyun", article_id=A0)
    add_correction(path, "rename", "Kim Jong Un", "Kim Jong-un (Machthaber)")
    add_correction(path, "merge", "Pentagon-Sprecherin", "Sabrina Singh")
    res = resolve_corpus(quotes, NO_ENTS, ARTICLES, corrections=path)
    assert res.quotes["speaker"].tolist() == [
        "Kim Jong-un (Machthaber)",
        "Kim Jong-un (Machthaber)",
        "Kim Yong-hyun",
        "Kim Yong-hyun",
        "Sabrina Singh",
        "Sabrina Singh",
    ]
    assert res.canonical(A1, "Kim Jong Un") == "Kim Jong-un (Machthaber)"
    assert res.canonical(A4, "Pentagon-Sprecherin") == "Sabrina Singh"
    speakers = res.speakers.set_index("speaker")
    assert speakers.loc["Sabrina Singh", "n_quotes"] == 2
    assert "Kim" in speakers.loc["Kim Yong-hyun", "aliases"].split("; ")


def test_apply_corrections_follows_chains_and_survives_cycles():
    from kit.corpus.speakers import Correction

    frame = pd.DataFrame(
        {"article_id": ["x", "y"], "speaker": ["A", "C"], "speaker_mention": ["A", "C"]}
    )
    chain = [Correction("rename", "A", "B"), Correction("merge", "B", "C")]
    assert apply_corrections(frame, chain)["speaker"].tolist() == ["C", "C"]
    cycle = [Correction("rename", "A", "B"), Correction("rename", "B", "A")]
    assert apply_corrections(frame, cycle)["speaker"].tolist()[1] == "C"


def test_empty_corpus():
    res = resolve_corpus([], NO_ENTS, ARTICLES)
    assert len(res.quotes) == 0 and len(res.speakers) == 0
    assert list(res.speakers.columns) == list(SPEAKER_COLUMNS)


def test_quote_shared_by_seeds_001_and_002_is_linked():
    from conftest import seed_text

    anchor = "dass die Stationierung nordkoreanischer Truppen"
    texts = {}
    for art, prefix in ((A1, "001"), (A2, "002")):
        text = seed_text(prefix)
        start = text.index(anchor)
        texts[art] = text[start : text.index(".", start) + 1]  # the indirect quote, as extracted
    quotes = [
        q(A1, "die USA und ihre Verbündeten", texts[A1], kind="country"),
        q(A2, "die USA und ihre Verbündeten", texts[A2], kind="country"),
        q(A2, "Antony Blinken", "Ein anderes Zitat."),
    ]
    res = resolve_corpus(quotes, NO_ENTS, ARTICLES)
    assert res.quotes["n_articles"].tolist() == [2, 2, 1]
    assert res.quotes["first_seen_in"].tolist() == [A2, A2, A2]


def test_mention_shows_the_name_belongs_to_someone_else():
    quotes = [
        q(A4, "Wolodymyr Selenskyj", "a", mention="Der ukrainische Präsident Wolodymyr Selenskyj"),
        q(
            A4,
            "Wolodymyr Selenskyj",
            "b",
            mention="der Stabschef von Herrn Selenskyj",
            role="Stabschef",
        ),
        q(
            A4, "Wolodymyr Selenskyj", "c", mention="er", role="Stabschef"
        ),  # the same man, by pronoun
        q(A2, "Washingtons", "d", mention="Washingtons Verbündete"),
        q(
            A4,
            "Präsidentin Europäischen Kommission",
            "e",
            mention="die Präsidentin der Europäischen Kommission",
        ),
    ]
    got = resolve_corpus(quotes, NO_ENTS, ARTICLES).quotes["speaker"].tolist()
    assert got == [
        "Wolodymyr Selenskyj",
        "Stabschef von Herrn Selenskyj",
        "Stabschef von Herrn Selenskyj",
        "Washingtons Verbündete",
        "Präsidentin der Europäischen Kommission",
    ]


def test_fuller_name_in_mention_wins_and_descriptions_find_their_holder():
    quotes = [
        q(A0, "Antony", "a", mention="US-Außenminister Antony Blinken", role="US-Außenminister"),
        q(A0, "Blinken", "b"),
        q(
            A1,
            "NHK",
            "c",
            mention="der japanische öffentlich-rechtliche Sender NHK",
            kind="organisation",
        ),
        q(A1, "Sender", "d", mention="der Sender"),
        q(A2, "Kreml-Sprecher", "e"),  # no Kremlin spokesman named in 002: stays a description
    ]
    res = resolve_corpus(quotes, NO_ENTS, ARTICLES)
    assert res.quotes["speaker"].tolist() == [
        "Antony Blinken",
        "Antony Blinken",
        "NHK",
        "NHK",
        "Kreml-Sprecher",
    ]
    assert res.quotes["role"].tolist()[:3] == ["US-Außenminister", "", "Sender"]


def test_spans_are_tuples_whether_fresh_or_from_the_json_cache():
    fresh = dict(q(A0, "Kim", "x"), quote_spans=((3, 9),), cue_spans=())
    cached = dict(q(A0, "Kim", "x"), quote_spans=[[3, 9]], cue_spans=[])
    a = resolve_corpus([fresh], NO_ENTS, ARTICLES).quotes
    b = resolve_corpus([cached], NO_ENTS, ARTICLES).quotes
    assert a["quote_spans"].tolist() == b["quote_spans"].tolist() == [((3, 9),)]
    assert b["cue_spans"].tolist() == [()] and b["frame_spans"].tolist() == [()]


def test_quote_cut_short_in_one_article_is_still_linked_but_short_phrases_are_not():
    long = "Wir haben noch keinen Einsatz dieser Truppen im Kampf gegen ukrainische Streitkräfte gesehen"
    frame = pd.DataFrame(
        {
            "article_id": [A0, A2, A1, A4, A3],
            "quote_text": [
                long,
                "noch keinen Einsatz dieser Truppen im Kampf",  # 7 words, inside the long one
                "Einsatz dieser Truppen",  # too short to count as the same quote
                "keinen Einsatz dieser Truppen im Kampf gegen",  # 7 words, also inside
                "Einsatz dieser Truppen im Krieg gesehen",  # 6 words, not contained
            ],
        }
    )
    dates = dict(zip(ARTICLES["id"], ARTICLES["date"], strict=True))
    out = link_reuse(frame, dates)
    assert out["n_articles"].tolist() == [3, 3, 1, 3, 1]
    assert out["first_seen_in"].tolist() == [A4, A4, A1, A4, A3]  # 004 is the earliest (10-29)


def test_aliases_are_name_variants_not_pronouns_or_descriptions():
    quotes = [
        q(A0, "Wolodymyr Selenskyj", "a", mention="der ukrainische Präsident Wolodymyr Selenskyj"),
        q(A1, "Wolodymyr Selenskyj", "b", mention="Selenskyj"),
        q(A1, "Wolodymyr Selenskyj", "c", mention="der ukrainische Präsident"),
        q(A4, "Wolodymyr Selenskyj", "d", mention="er"),
        q(A4, "Wolodymyr Selenskyj", "e", mention="Herrn Selenskyj"),
    ]
    speakers = resolve_corpus(quotes, NO_ENTS, ARTICLES).speakers
    assert speakers["aliases"].tolist() == ["Selenskyj"]
    assert speakers["n_quotes"].tolist() == [5] and speakers["roles"].tolist() == ["Präsident"]


def test_a_description_is_no_full_name_for_another_description():
    """Seed 001: "Die Beamten" (US officials) are not "einige hochrangige russische Beamte"."""
    quotes = [
        q(A1, "Beamte", "a", mention="Die Beamten", role="Beamten", kind="person"),
        q(A1, "hochrangige russische Beamte", "b", mention="einige hochrangige russische Beamte",
          role="Beamte", kind="person"),
    ]  # fmt: skip
    res = resolve_corpus(quotes, NO_ENTS, ARTICLES)
    assert res.quotes["speaker"].tolist() == ["Beamte", "hochrangige russische Beamte"]


@pytest.mark.parametrize(
    "name, parts",
    [
        (
            "Verfassungsschutz und Bundesnachrichtendienst",
            ["Verfassungsschutz", "Bundesnachrichtendienst"],
        ),
        ("Ursula von der Leyen und Emmanuel Macron", ["Ursula von der Leyen", "Emmanuel Macron"]),
        ("Bundesministerium für Arbeit und Soziales", []),  # one name with "und"
        ("Schweizer Historikers und Geheimdienstexperten Adrian Hänni", []),  # one person
        ("Angela Merkel", []),
    ],
)
def test_joint_parts(name, parts):
    assert joint_parts(name) == parts


def test_a_joint_speaker_keeps_both_and_each_part_its_full_name():
    quotes = [
        q(A0, "Angela Merkel", "Europa muss zusammenstehen", kind="person"),
        q(
            A0,
            "Merkel und Macron",
            "Das ist falsch",
            mention="Merkel und der französische Präsident Macron",
        ),
        q(
            A0,
            "Verdi und Komba",
            "Der Job sei anstrengend",
            mention="die Gewerkschaften Verdi und Komba",
        ),
    ]
    res = resolve_corpus(quotes, NO_ENTS, ARTICLES)
    assert res.quotes["speaker"].tolist() == [
        "Angela Merkel",
        "Angela Merkel und Macron",
        "Verdi und Komba",
    ]
