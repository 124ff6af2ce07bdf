"""`kit eval speakers`: the scorer on hand-made quotes and lists (no web pages needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kit.tools import speaker_eval
from kit.tools.speaker_eval import Listed, read_list, score_quotes, starts_with_role

LISTING = {
    "page_a": [
        Listed("Christian Drosten", "person", ("Christian Drosten", "Drosten"), "Virologe"),
        Listed("Weißes Haus", "org", ("Weißes Haus", "Weiße Haus"), ""),
    ],
    "page_b": [],
}


def test_precision_recall_and_unlisted_by_hand() -> None:
    quotes = [
        {"article_id": "page_a", "speaker": "Christian Drosten"},
        {"article_id": "page_a", "speaker": "drosten"},  # case-insensitive
        {"article_id": "page_a", "speaker": "Vorfall"},  # not on the list
        {"article_id": "page_a", "speaker": ""},  # not attributed: not counted
        {"article_id": "page_b", "speaker": "Das"},
        {"article_id": "page_c", "speaker": "Anyone"},  # page not on the list: ignored
    ]
    r = score_quotes(quotes, LISTING)
    assert (r["attributed_quotes"], r["correct_quotes"]) == (4, 2)
    assert r["precision"] == 0.5
    assert (r["listed_speakers"], r["found_speakers"], r["recall"]) == (2, 1, 0.5)
    page_a = next(p for p in r["per_page"] if p["page"] == "page_a")
    assert page_a["unlisted"] == {"Vorfall": 1}
    assert page_a["missed"] == ["Weißes Haus"]


def test_forms_match_with_hyphens_and_case() -> None:
    listing = {"p": [Listed("Kim Jong-un", "person", ("Kim Jong-un",), "")]}
    r = score_quotes([{"article_id": "p", "speaker": "Kim Jong Un"}], listing)
    assert r["precision"] == 1.0 and r["recall"] == 1.0


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Philosoph Richard David Precht", True),
        ("Liverpools Trainer Jürgen Klopp", True),
        ("Virologe Christian Drosten", True),
        ("Richard David Precht", False),
        ("Kreml-Sprecher", False),
        ("Sprecher des Ministeriums", False),
        ("Weißes Haus", False),
    ],
)
def test_role_word_names(name: str, expected: bool) -> None:
    assert starts_with_role(name, {"philosoph", "trainer", "virologe"}) is expected


def test_read_list(tmp_path: Path) -> None:
    path = tmp_path / "list.tsv"
    path.write_text(
        "# comment\nfile\tspeaker\tkind\tforms\trole\n"
        "A.html.gz\tChristian Drosten\tperson\tChristian Drosten; Drosten\tVirologe\n"
        "B.html.gz\t-\t-\t-\t-\n",
        encoding="utf-8",
    )
    listing = read_list(path)
    assert listing["B"] == []
    assert listing["A"][0].forms == ("Christian Drosten", "Drosten")


def test_the_shipped_list_has_fifty_pages() -> None:
    listing = read_list(speaker_eval.DEFAULT_LIST)
    assert len(listing) == 50
    assert sum(len(rows) for rows in listing.values()) >= 200


def test_a_joint_speaker_is_right_when_both_parts_are_listed() -> None:
    listing = {
        "p": [
            Listed("Verfassungsschutz", "org", ("Verfassungsschutz",), ""),
            Listed("Bundesnachrichtendienst", "org", ("Bundesnachrichtendienst", "BND"), ""),
            Listed("China", "country", ("China",), ""),
        ]
    }
    quotes = [
        {"article_id": "p", "speaker": "Verfassungsschutz und Bundesnachrichtendienst"},
        {"article_id": "p", "speaker": "China und Russland"},  # Russland is not listed
    ]
    r = score_quotes(quotes, listing)
    assert (r["attributed_quotes"], r["correct_quotes"]) == (2, 1)
    assert r["found_speakers"] == 2  # both parts of the first; China's quote is not right
    assert r["per_page"][0]["unlisted"] == {"China und Russland": 1}
