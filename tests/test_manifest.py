"""The manifest: the analyst's metadata per article, with problems named by file and line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kit.reading.load import LoadError, load_articles, read_manifest

TEXT = "Nordkorea hat rund 10.000 Soldaten nach Russland geschickt, teilte das Pentagon mit."


def corpus(tmp_path: Path, manifest: str | bytes, ids: tuple[str, ...] = ("a", "b")) -> Path:
    for i, name in enumerate(ids):
        (tmp_path / f"{name}.txt").write_text(f"{TEXT} ({i})", encoding="utf-8")
    data = manifest.encode("utf-8") if isinstance(manifest, str) else manifest
    (tmp_path / "manifest.csv").write_bytes(data)
    return tmp_path


def messages(result) -> dict[str, str]:
    return {p.source: p.message for p in result.problems}


def test_seed_manifest(seeds_dir: Path) -> None:
    rows, problems = read_manifest(seeds_dir / "manifest.csv")
    assert problems == [] and len(rows) == 5
    meta, where = rows["001_9e7c26f75967a251"]
    assert where == f"{seeds_dir / 'manifest.csv'}:3"
    assert meta["outlet"] == "Radio Free Asia" and meta["date"] == "2024-11-18"
    assert meta["agency_marks"] == "RFA"  # free columns pass through


def test_manifest_is_not_an_article(tmp_path: Path) -> None:
    result = load_articles(corpus(tmp_path, "id,date\na,2024-10-31\n"))
    assert [a.id for a in result] == ["a", "b"]
    assert str(tmp_path / "manifest.csv") not in result.files_read
    assert result.articles[0].date == "2024-10-31" and result.articles[1].date == ""
    assert result.problems == []  # missing metadata is fine


def test_german_excel_semicolons_and_dates(tmp_path: Path) -> None:
    # German Excel: ';', cp1252, German column names and dates
    data = "ID;Datum;Titel;Medium\na;31.10.2024;Größte Truppenverlegung;Süddeutsche Zeitung\n"
    result = load_articles(corpus(tmp_path, data.encode("cp1252")))
    a = result.articles[0]
    assert (a.date, a.title, a.meta["outlet"]) == (
        "2024-10-31",
        "Größte Truppenverlegung",
        "Süddeutsche Zeitung",
    )
    assert "title_source" not in a.meta
    notes = [p for p in result.problems if p.severity == "note"]
    assert len(notes) == 1 and "';' as delimiter" in notes[0].message


def test_utf8_bom_header(tmp_path: Path) -> None:
    result = load_articles(corpus(tmp_path, "\ufeffid,outlet\nb,AFP\n"))
    assert result.articles[1].meta["outlet"] == "AFP"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-10-31", "2024-10-31"),
        ("1.11.2024", "2024-11-01"),
        ("2024-10-31T08:15:00+01:00", "2024-10-31"),
    ],
)
def test_dates_accepted(tmp_path: Path, value: str, expected: str) -> None:
    result = load_articles(corpus(tmp_path, f"id,date\na,{value}\n"))
    assert result.articles[0].date == expected and result.problems == []


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("10/31/2024", "is not YYYY-MM-DD"),
        ("2024-02-30", "does not exist"),
        ("gestern", "is not YYYY-MM-DD"),
    ],
)
def test_bad_dates_warn_with_line(tmp_path: Path, value: str, reason: str) -> None:
    result = load_articles(corpus(tmp_path, f"id,date\nb,2024-11-01\na,{value}\n"))
    assert result.articles[0].date == ""  # left empty, never guessed
    (problem,) = result.problems
    assert problem.source == f"{tmp_path / 'manifest.csv'}:3" and reason in problem.message
    assert problem.severity == "warning"


def test_id_matching_no_article(tmp_path: Path) -> None:
    result = load_articles(corpus(tmp_path, "id,date\na,2024-10-31\nzzz,2024-10-30\n"))
    assert messages(result) == {
        f"{tmp_path / 'manifest.csv'}:3": "id 'zzz' matches no loaded article"
    }


def test_duplicate_id_first_wins(tmp_path: Path) -> None:
    result = load_articles(corpus(tmp_path, "id,outlet\na,AFP\nb,dpa\na,Reuters\n"))
    assert result.articles[0].meta["outlet"] == "AFP"
    assert messages(result) == {
        f"{tmp_path / 'manifest.csv'}:4": f"duplicate id 'a' (the row at {tmp_path / 'manifest.csv'}:2 wins); row ignored"
    }


def test_line_numbers_count_multiline_cells(tmp_path: Path) -> None:
    result = load_articles(
        corpus(tmp_path, 'id,title,date\na,"zwei\nZeilen",2024-10-31\nb,x,31/10/2024\n')
    )
    assert result.articles[0].title == "zwei\nZeilen"
    assert [p.source for p in result.problems] == [f"{tmp_path / 'manifest.csv'}:4"]


def test_file_names_as_ids_and_extra_fields(tmp_path: Path) -> None:
    result = load_articles(corpus(tmp_path, "file,outlet\na.txt,AFP,zu viel\n,leer\n"))
    assert result.articles[0].meta["outlet"] == "AFP"
    assert messages(result) == {
        f"{tmp_path / 'manifest.csv'}:2": "3 fields but the header has 2; extra fields ignored",
        f"{tmp_path / 'manifest.csv'}:3": "no id; row ignored",
    }


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (
            "date,outlet\n2024-10-31,AFP\n",
            "has no id column (header: date, outlet); add a column 'id'",
        ),
        ("", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00", "is not a CSV text file"),
    ],
)
def test_unusable_manifest_raises_one_line(tmp_path: Path, data: str | bytes, reason: str) -> None:
    with pytest.raises(LoadError) as info:
        load_articles(corpus(tmp_path, data))
    message = str(info.value)
    assert reason in message and str(tmp_path / "manifest.csv") in message and "\n" not in message


def test_missing_manifest_raises(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="manifest not found"):
        load_articles(corpus(tmp_path, "id\n"), manifest=tmp_path / "nope.csv")


def test_manifest_wins_over_record_metadata(tmp_path: Path) -> None:
    record = {
        "id": "r",
        "text": TEXT,
        "title": "aus dem Feed",
        "outlet": "Feed",
        "date": "2024-01-01",
    }
    (tmp_path / "feed.jsonl").write_text(json.dumps(record), encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("id,title\nr,aus dem Manifest\n", encoding="utf-8")
    (art,) = load_articles(tmp_path).articles
    assert (art.title, art.meta["outlet"], art.date) == ("aus dem Manifest", "Feed", "2024-01-01")


def test_given_manifest_replaces_folder_manifest(tmp_path: Path) -> None:
    folder = (
        corpus(tmp_path / "c", "id,outlet\na,AFP\n") if (tmp_path / "c").mkdir() is None else None
    )
    other = tmp_path / "other.csv"
    other.write_text("id,outlet\na,dpa\n", encoding="utf-8")
    result = load_articles(folder, manifest=other)
    assert result.articles[0].meta["outlet"] == "dpa" and result.manifests == [str(other)]
    assert messages(result) == {
        str(folder / "manifest.csv"): f"not used: the manifest {other} was given"
    }


def test_cli_prints_load_error_as_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from kit.cli import main

    folder = corpus(tmp_path, "date\n2024-10-31\n")
    assert main(["build", str(folder), "--out", str(tmp_path / "out"), "--quiet"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("kit: error: manifest ") and "no id column" in err and "\n" not in err


def test_manifests_in_subfolders_are_merged_first_wins(tmp_path: Path) -> None:
    for month, outlet in (("2024-10", "AFP"), ("2024-11", "dpa")):
        folder = tmp_path / month
        folder.mkdir()
        (folder / f"{month}.txt").write_text(f"{TEXT} {month}", encoding="utf-8")
        extra = "2024-10,dpa\n" if month == "2024-11" else ""  # also in the first manifest
        (folder / "Manifest.csv").write_text(
            f"id,outlet\n{month},{outlet}\n{extra}", encoding="utf-8"
        )
    result = load_articles(tmp_path)
    assert [a.meta["outlet"] for a in result] == ["AFP", "dpa"]
    assert len(result.manifests) == 2 and result.files_read == [
        str(tmp_path / "2024-10" / "2024-10.txt"),
        str(tmp_path / "2024-11" / "2024-11.txt"),
    ]
    (problem,) = result.problems
    assert problem.source == f"{tmp_path / '2024-11' / 'Manifest.csv'}:3"
    assert "also in" in problem.message
