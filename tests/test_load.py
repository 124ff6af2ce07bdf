"""Loading articles: encodings, odd files, records, the load report (docs/robustness.md)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import SEEDS, seed_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kit.reading.boilerplate import mark_boilerplate
from kit.reading.load import (
    MAX_FILE_BYTES,
    LoadError,
    LoadResult,
    decode_bytes,
    fallback_title,
    load_articles,
)

# a German paragraph with everything that breaks naive decoding
GERMAN = "„Wir kämpfen“, sagte Selenskyj – Größe, Maß, Übel, Äpfel, Öl.\nvf"
LATIN1 = "«Wir kämpfen», sagte Selenskyj - Größe, Maß, Übel, Äpfel, Öl.\nvf"  # no „ “ – in latin-1


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_bytes(data.encode("utf-8"))
    else:
        path.write_bytes(data)
    return path


def problems_of(result: LoadResult) -> dict[str, str]:
    """Problem message by file name (the part of the source after the folder)."""
    return {Path(p.source.split(":")[0].split("#")[0]).name: p.message for p in result.problems}


# ------------------------------------------------------------------------- seeds


def test_seeds_load_with_manifest(seeds_dir: Path) -> None:
    result = load_articles(seeds_dir)
    assert [a.id for a in result] == [p.stem for p in SEEDS]
    assert len(result) == 5 and result.files_read == [str(p) for p in SEEDS]
    assert result.manifests == [str(seeds_dir / "manifest.csv")]
    assert [p for p in result.problems if p.severity != "note"] == []
    first = result.articles[0]
    assert first.text == SEEDS[0].read_bytes().decode("utf-8")
    assert first.encoding == "utf-8" and first.date == "2024-10-31"
    assert first.meta["translated_from"] == "fr"  # free manifest columns pass through
    assert first.boilerplate and first.text[first.boilerplate[0].start :] == "vf"


def test_title_fallback_is_first_line_and_labelled(seeds_dir: Path) -> None:
    art = load_articles(seeds_dir).articles[0]
    assert art.title == "Etwa 8.000 nordkoreanische Soldaten haben die russische Grenzregion Kursk…"
    assert art.meta["title_source"] == "first line"


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "VERWANDTE GESCHICHTEN\nKim droht Seoul mit neuen Tests\n\nDer Text beginnt hier.",
            "Der Text beginnt hier.",
        ),
        ("BERLIN (dpa) - Die Regierung tagt.", "BERLIN (dpa) - Die Regierung tagt."),
        ("(dpa) - Die Regierung tagt.\n", "Die Regierung tagt."),
        ("vf", ""),
    ],
)
def test_fallback_title_skips_boilerplate(text: str, title: str) -> None:
    assert fallback_title(text, mark_boilerplate(text)) == title


# --------------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    ("text", "encoding", "expected"),
    [
        (GERMAN, "utf-8", "utf-8"),
        (GERMAN, "utf-8-sig", "utf-8-sig"),
        (GERMAN, "cp1252", "cp1252"),
        (LATIN1, "latin-1", "cp1252"),  # latin-1 letters are the same bytes in cp1252
        (GERMAN, "utf-16", "utf-16"),
        (GERMAN, "utf-16-le", "utf-16-le"),  # no BOM: found by the NUL pattern
    ],
)
def test_encodings(tmp_path: Path, text: str, encoding: str, expected: str) -> None:
    write(tmp_path / "a.txt", text.encode(encoding))
    (art,) = load_articles(tmp_path).articles
    assert art.text == text  # a BOM is not part of the text
    assert art.encoding == expected
    assert art.text[art.boilerplate[-1].start : art.boilerplate[-1].end] == "vf"


def test_latin1_only_bytes_fall_back_to_latin1() -> None:
    # 0x81 is undefined in cp1252, so this can only be latin-1 (a C1 control char, once)
    text, enc = decode_bytes("Grüße aus Köln".encode("latin-1") + b"\x81 Ende")
    assert enc == "latin-1" and text.startswith("Grüße aus Köln")


def test_cp1252_quotes_are_not_control_characters() -> None:
    assert decode_bytes(b"\x84Hallo\x93, sagte er \x96 gestern.") == (
        "„Hallo“, sagte er – gestern.",
        "cp1252",
    )


# ------------------------------------------------------------------ line endings


@pytest.mark.parametrize("newline", ["\r\n", "\r", "mixed"])
def test_line_endings_are_kept_and_offsets_slice(tmp_path: Path, newline: str) -> None:
    lines = seed_text("001").split("\n")
    if newline == "mixed":
        text = (
            "".join(line + ("\r\n" if i % 2 else "\n") for i, line in enumerate(lines[:-1]))
            + lines[-1]
        )
    else:
        text = newline.join(lines)
    write(tmp_path / "a.txt", text)
    (art,) = load_articles(tmp_path).articles
    assert art.text == text
    kinds = [(s.kind, art.text[s.start : s.end]) for s in art.boilerplate]
    assert kinds[-1] == ("editor_line", "Herausgegeben von Mike Firn.")
    assert kinds[0][0] == "related_headlines" and kinds[0][1].startswith("VERWANDTE GESCHICHTEN")


# ------------------------------------------------------------ skipped, with reason


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b" \n\t\r\n  ", "only whitespace"),
        ("nul.txt", b"Text\x00\x01\x02 mit NUL", "NUL"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        ("doc.txt", b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
        ("page.html", b"<html><body><p>Text</p></body></html>", "no article text found"),
        ("page.txt", b"\n<!DOCTYPE html>\n<html lang='de'><p>Text</p>", "name it .html"),
        ("notes.pdf", b"%PDF-1.4", "not an article file type"),
        ("bad.json", b'{"text": ', "not valid JSON"),
        ("nodata.csv", b"id,title\n1,Titel\n", "no text column"),
    ],
)
def test_bad_files_are_skipped_with_reason(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    write(tmp_path / "good.txt", GERMAN)
    write(tmp_path / name, data)
    result = load_articles(tmp_path)
    assert [a.id for a in result] == ["good"]  # one bad file never stops the rest
    message = problems_of(result)[name]
    assert reason in message
    assert f"skipped: {tmp_path / name}: {message}" in result.report()


def test_hidden_files_and_folders_are_skipped(tmp_path: Path) -> None:
    write(tmp_path / ".hidden.txt", GERMAN)
    write(tmp_path / ".ipynb_checkpoints" / "a-checkpoint.txt", GERMAN)
    write(tmp_path / "a.txt", GERMAN)
    result = load_articles(tmp_path)
    assert [a.id for a in result] == ["a"] and result.problems == []


def test_explicit_file_without_extension_is_read(tmp_path: Path) -> None:
    (art,) = load_articles(write(tmp_path / "ARTIKEL", GERMAN)).articles
    assert art.id == "ARTIKEL" and art.text == GERMAN


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files regardless of permissions")
def test_unreadable_file(tmp_path: Path) -> None:
    path = write(tmp_path / "secret.txt", GERMAN)
    path.chmod(0)
    try:
        result = load_articles(tmp_path)
    finally:
        path.chmod(0o644)
    assert len(result) == 0 and "permission denied" in problems_of(result)["secret.txt"]


def test_unreadable_file_as_root_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # root can read anything, so simulate what a non-root user gets from open()
    import kit.reading.load

    path = write(tmp_path / "secret.txt", GERMAN)
    write(tmp_path / "ok.txt", "Lesbar.")
    real_open = open

    def guarded_open(file, *args, **kwargs):
        if Path(file) == path:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(kit.reading.load, "open", guarded_open, raising=False)
    result = load_articles(tmp_path)
    assert [a.id for a in result] == ["ok"]
    assert (
        problems_of(result)["secret.txt"]
        == "cannot read: permission denied (check the file's permissions)"
    )


def test_symlink_loops_end(tmp_path: Path) -> None:
    write(tmp_path / "corpus" / "sub" / "a.txt", GERMAN)
    (tmp_path / "corpus" / "sub" / "loop").symlink_to(tmp_path / "corpus")
    (tmp_path / "corpus" / "self.txt").symlink_to(tmp_path / "corpus" / "self.txt")
    result = load_articles(tmp_path / "corpus")
    assert [a.id for a in result] == ["a"]
    problems = problems_of(result)
    assert "symlink loop" in problems["loop"] and "symlink loop" in problems["self.txt"]


def test_broken_symlink_and_deep_json(tmp_path: Path) -> None:
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    write(tmp_path / "deep.json", "[" * 100_000 + "]" * 100_000)
    result = load_articles(tmp_path)
    assert "broken symlink" in problems_of(result)["gone.txt"]
    assert "not valid JSON" in problems_of(result)["deep.json"]
    result = load_articles(tmp_path / "gone.txt")  # named explicitly
    assert "cannot read" in problems_of(result)["gone.txt"]


def test_fifo_does_not_block(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    write(tmp_path / "a.txt", GERMAN)
    result = load_articles(tmp_path)
    assert len(result) == 1 and "not a regular file" in problems_of(result)["pipe.txt"]


def test_file_above_size_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: 50 MB on paper, nothing on disk
    result = load_articles(tmp_path)
    assert len(result) == 0
    message = problems_of(result)["big.txt"]
    assert "50.0 MB, above the 20 MB limit" in message and "max_bytes" in message


def test_size_limit_can_be_raised_or_lowered(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", GERMAN)
    assert len(load_articles(tmp_path, max_bytes=10)) == 0
    assert len(load_articles(tmp_path, max_bytes=MAX_FILE_BYTES * 4)) == 1


def test_one_megabyte_single_line(tmp_path: Path) -> None:
    text = " ".join(f"Wort{i}" for i in range(150_000))
    assert len(text) > 1_000_000
    write(tmp_path / "long.txt", text)
    (art,) = load_articles(tmp_path).articles
    assert art.text == text and art.boilerplate == ()
    assert len(art.title) <= 81


# --------------------------------------------------------------------- duplicates


def test_duplicate_text_is_reported(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", GERMAN)
    write(tmp_path / "b.txt", GERMAN.replace("\n", "\r\n"))  # same text, other line ends
    result = load_articles(tmp_path)
    assert [a.id for a in result] == ["a"]
    assert problems_of(result)["b.txt"] == "duplicate of a (same text)"


def test_duplicate_id_is_reported(tmp_path: Path) -> None:
    write(tmp_path / "x" / "001.txt", GERMAN)
    write(tmp_path / "y" / "001.md", "Ein ganz anderer Text.")
    result = load_articles(tmp_path)
    assert [a.source for a in result] == [str(tmp_path / "x" / "001.txt")]
    assert "id '001' already taken by" in problems_of(result)["001.md"]


def test_same_folder_twice_is_read_once(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", GERMAN)
    result = load_articles([tmp_path, tmp_path / "a.txt"])
    assert len(result) == 1 and "same file as" in problems_of(result)["a.txt"]


def test_sorted_recursive_order(tmp_path: Path) -> None:
    for name in ["b/2.txt", "a.txt", "b/1.txt", "c.md", "B.txt"]:
        write(tmp_path / name, f"Text {name}.")
    assert [a.id for a in load_articles(tmp_path)] == ["B", "a", "1", "2", "c"]


# ----------------------------------------------------------------------- records


def test_jsonl_records(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {"id": "r1", "text": GERMAN, "title": "Titel", "date": "31.10.2024", "lang": "de"}
        ),
        "",
        json.dumps({"documentName": "r2", "originalText": "Zweiter Text.", "sentences": [1, 2]}),
        json.dumps({"id": "r3", "title": "kein Text"}),
        "{kaputt",
        json.dumps(["a", "list"]),
        json.dumps({"body": "Dritter Text."}),
    ]
    write(tmp_path / "feed.jsonl", "\r\n".join(lines))
    result = load_articles(tmp_path)
    assert [a.id for a in result] == ["r1", "r2", "feed-7"]
    r1 = result.articles[0]
    assert r1.text == GERMAN and r1.source == f"{tmp_path / 'feed.jsonl'}:1"
    assert r1.meta == {"title": "Titel", "date": "2024-10-31", "lang": "de"}
    assert "sentences" not in result.articles[1].meta  # lists are not metadata
    by_source = {p.source: p.message for p in result.problems}
    assert by_source[f"{tmp_path / 'feed.jsonl'}:4"].startswith(
        "no text field (expected one of text,"
    )
    assert by_source[f"{tmp_path / 'feed.jsonl'}:5"].startswith("not valid JSON")
    assert "not an object" in by_source[f"{tmp_path / 'feed.jsonl'}:6"]


def test_json_list_and_object(tmp_path: Path) -> None:
    write(tmp_path / "one.json", json.dumps({"id": "o", "content": "Ein Objekt."}))
    write(
        tmp_path / "many.json",
        json.dumps({"articles": [{"id": "m1", "text": "Erster."}, {"id": "m2"}]}),
    )
    result = load_articles(tmp_path)
    assert [a.id for a in result] == ["m1", "o"]
    assert [p.source for p in result.problems] == [f"{tmp_path / 'many.json'}#2"]


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_csv_records(tmp_path: Path, delimiter: str) -> None:
    body = 'Erste Zeile.\r\n„Zweite“; Zeile, mit "Anführung".'
    quoted = '"' + body.replace('"', '""') + '"'
    rows = [
        delimiter.join(["ID", "Text", "Titel", "Datum"]),
        delimiter.join(["c1", quoted, "Überschrift", "2024-11-12"]),
        delimiter.join(["c2", "", "leer", ""]),
        delimiter.join(["c3", "Kurz.", "", "12/11/2024"]),
    ]
    write(tmp_path / "table.csv", "\n".join(rows) + "\n")
    result = load_articles(tmp_path)
    assert [a.id for a in result] == ["c1", "c3"]
    c1 = result.articles[0]
    assert c1.text == body and c1.title == "Überschrift" and c1.date == "2024-11-12"
    by_source = {p.source: p.message for p in result.problems}
    assert by_source[f"{tmp_path / 'table.csv'}:4"] == "text field 'Text' is empty"
    assert "12/11/2024" in by_source[f"{tmp_path / 'table.csv'}:5"]


def test_record_ids_with_slashes_are_made_safe(tmp_path: Path) -> None:
    write(tmp_path / "a.jsonl", json.dumps({"id": "../etc/x", "text": "Text."}))
    (art,) = load_articles(tmp_path).articles
    assert art.id == ".._etc_x"


def test_lone_surrogates_in_json_are_replaced_one_to_one(tmp_path: Path) -> None:
    write(
        tmp_path / "a.jsonl", '{"id": "s\\ud800", "text": "Smiley \\ud83d da.", "title": "\\udc00"}'
    )
    (art,) = load_articles(tmp_path).articles
    assert (art.id, art.text, art.title) == ("s_", "Smiley \ufffd da.", "\ufffd")
    art.text.encode("utf-8")  # writable as UTF-8 (CSV, HTML)


# --------------------------------------------------------------------- user errors


def test_missing_path_raises_one_line(tmp_path: Path) -> None:
    with pytest.raises(LoadError) as info:
        load_articles(tmp_path / "nope")
    assert str(info.value).startswith("no such file or folder:") and "\n" not in str(info.value)
    assert isinstance(info.value, ValueError)


def test_mojibake_warns(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", GERMAN.encode("utf-8").decode("cp1252"))
    result = load_articles(tmp_path)
    assert len(result) == 1 and "double-encoded" in problems_of(result)["a.txt"]


def test_report_is_capped(tmp_path: Path) -> None:
    for i in range(5):
        write(tmp_path / f"{i}.txt", b"")
    report = load_articles(tmp_path).report(max_lines=2)
    assert report.splitlines()[0] == "5 files read, 0 articles loaded, 5 skipped, 0 warnings"
    assert report.splitlines()[-1] == "  … and 3 more (see LoadResult.problems)"


# -------------------------------------------------------------------- robustness


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=600) | st.text(max_size=200).map(lambda t: t.encode("utf-8")))
def test_arbitrary_bytes_never_crash(tmp_path: Path, data: bytes) -> None:
    for suffix in (".txt", ".jsonl", ".csv", ".json"):
        path = write(tmp_path / f"x{suffix}", data)
        result = load_articles(path)
        assert not any("internal error" in p.message for p in result.problems)
        for art in result:
            assert all(0 <= s.start < s.end <= len(art.text) for s in art.boilerplate)
            if suffix == ".txt":
                assert art.text.encode(art.encoding) == data or art.encoding in (
                    "utf-8-sig",
                    "utf-16",
                    "utf-32",
                )
        path.unlink()


def test_an_unreadable_csv_row_is_reported_with_its_line(tmp_path, monkeypatch):
    # csv raises on a field over the size limit; a tiny limit makes row 3 unreadable
    import csv

    import kit.reading.load
    import kit.reading.manifest

    old = csv.field_size_limit()
    monkeypatch.setattr(kit.reading.load, "_raise_csv_limit", lambda: csv.field_size_limit(40))
    monkeypatch.setattr(
        kit.reading.manifest, "raise_csv_field_limit", lambda _n: csv.field_size_limit(40)
    )
    try:
        corpus = tmp_path / "c"
        corpus.mkdir()
        (corpus / "recs.csv").write_text(
            "id,text\na1,Er sagte es.\na2," + "x" * 60 + "\na3,Nie gelesen.\n", encoding="utf-8"
        )
        result = load_articles(corpus)
        assert [a.id for a in result.articles] == ["a1"]
        (problem,) = [p for p in result.problems if "unreadable CSV row" in p.message]
        assert problem.source.endswith("recs.csv:3") and "rest of file not read" in problem.message

        manifest = tmp_path / "m.csv"
        manifest.write_text("id,date\nx1,2024-10-31\nx2," + "9" * 60 + "\n", encoding="utf-8")
        rows, problems = kit.reading.manifest.read_manifest(manifest)
        assert list(rows) == ["x1"]
        assert any(
            p.source.endswith("m.csv:3") and "unreadable CSV row" in p.message for p in problems
        )
    finally:
        csv.field_size_limit(old)
