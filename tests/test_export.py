"""Exports: PNG/SVG/PDF + CSV, safe file names, no silent overwrite, atomic writes, default charts."""

from __future__ import annotations

import pandas as pd
import pytest
from test_charts import TIMELINE
from test_widgets import _timeline, seed_corpus

from kit import charts, export
from kit.corpus import Corpus


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        (
            "Schätzungen: nordkoreanische Soldaten in Russland",
            "schaetzungen-nordkoreanische-soldaten-in-russland",
        ),
        ("Größe & Maß – Übersicht", "groesse-mass-uebersicht"),
        ("../../etc/passwd", "etc-passwd"),
        ("/abs/olute\\path", "abs-olute-path"),
        ("..", "chart"),
        ("", "chart"),
        ("CON", "con-chart"),
        ("nul", "nul-chart"),
        ("Pjöngjang · Kiew → Kursk", "pjoengjang-kiew-kursk"),
        ("Café Zoë", "cafe-zoe"),
    ],
)
def test_safe_filename(title, expected):
    assert export.safe_filename(title) == expected


def test_safe_filename_is_bounded_and_cut_at_a_word():
    stem = export.safe_filename("Truppen " * 40)
    assert len(stem) <= export.MAX_NAME and not stem.endswith("-") and stem.endswith("truppen")


def test_export_writes_images_and_csv_with_source_and_date(tmp_path):
    fig = charts.estimates_chart(
        TIMELINE, quantity="Soldaten", source="Quelle: AFP, RFA; Auswertung mit kit"
    )
    paths = export.export_chart(fig, out_dir=tmp_path)
    assert [p.name for p in paths] == [
        f"schaetzungen-soldaten.{x}" for x in ("png", "svg", "pdf", "csv")
    ]
    png, svg, pdf, csv = paths
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert pdf.read_bytes()[:5] == b"%PDF-"
    assert "≈10.000" in svg.read_text(encoding="utf-8")  # text stays text in SVG
    lines = csv.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# Schätzungen: Soldaten"
    assert lines[1] == "# Quelle: AFP, RFA; Auswertung mit kit"
    assert lines[2].startswith("# exported: 20")
    back = pd.read_csv(csv, comment="#")
    assert list(back["source"]) == list(TIMELINE["source"]) and list(back["value"]) == list(
        TIMELINE["value"]
    )
    assert not list(tmp_path.glob(".*tmp"))  # no temporary files left behind


def test_existing_files_get_a_new_suffix_unless_overwrite(tmp_path):
    fig = charts.quotes_per_speaker(seed_corpus().quotes)
    first = export.export_chart(fig, out_dir=tmp_path, formats=["png"])
    before = first[0].read_bytes()
    second = export.export_chart(fig, out_dir=tmp_path, formats=["png"])
    assert [p.name for p in second] == [
        "wer-wird-wie-oft-zitiert-2.png",
        "wer-wird-wie-oft-zitiert-2.csv",
    ]
    third = export.export_chart(fig, out_dir=tmp_path, formats=["png"], overwrite=True)
    assert third[0] == first[0] and first[0].read_bytes()[:8] == before[:8]
    assert len(list(tmp_path.iterdir())) == 4


def test_hostile_name_stays_inside_the_export_folder(tmp_path):
    fig = charts.quotes_per_speaker(seed_corpus().quotes)
    paths = export.export_chart(
        fig, out_dir=tmp_path / "out", name="../../../tmp/evil", formats=["svg"]
    )
    assert all(p.parent == tmp_path / "out" for p in paths)
    assert {p.name for p in paths} == {"tmp-evil.svg", "tmp-evil.csv"}


def test_failed_write_leaves_no_file(tmp_path, monkeypatch):
    fig = charts.quotes_per_speaker(seed_corpus().quotes)

    def boom(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(export, "atomic_write_text", boom)
    with pytest.raises(OSError, match="disk full"):
        export.export_chart(fig, out_dir=tmp_path, formats=["png"])
    # the image was written atomically before the CSV failed; no half files, no temp files
    assert sorted(p.name for p in tmp_path.iterdir()) == ["wer-wird-wie-oft-zitiert.png"]


def test_unknown_format_is_refused(tmp_path):
    fig = charts.quotes_per_speaker(seed_corpus().quotes)
    with pytest.raises(ValueError, match="'gif'"):
        export.export_chart(fig, out_dir=tmp_path, formats=["gif"])


def test_export_default_charts(tmp_path, monkeypatch):
    monkeypatch.setattr(Corpus, "timeline", _timeline)
    corpus = seed_corpus()
    paths = export.export_default_charts(corpus, out_dir=tmp_path)
    names = {p.name for p in paths}
    assert "schaetzungen-nordkoreanische-soldaten-in-russland.png" in names
    assert "wer-wird-wie-oft-zitiert.pdf" in names
    # running the demo again replaces the default charts instead of piling up copies
    again = export.export_default_charts(corpus, out_dir=tmp_path)
    assert {p.name for p in again} == names and len(list(tmp_path.iterdir())) == len(names)


def test_export_default_charts_skips_empty_tables(tmp_path):
    with pytest.warns(UserWarning, match="no data"):
        paths = export.export_default_charts(
            seed_corpus(quotes=False, figures=False), out_dir=tmp_path
        )
    assert paths == [] and not list(tmp_path.iterdir())


def test_exports_and_tables_are_readable_by_group_and_others(tmp_path):
    import os
    import stat

    old = os.umask(0o022)
    try:
        fig = charts.quotes_per_speaker(seed_corpus().quotes)
        paths = export.export_chart(fig, out_dir=tmp_path / "exports")
        paths += seed_corpus().to_csv(tmp_path / "tables")
        os.umask(0o077)  # a stricter umask is honoured too
        private = export.export_chart(fig, out_dir=tmp_path / "private", formats=["png"])
    finally:
        os.umask(old)
    for path in paths:
        assert stat.S_IMODE(path.stat().st_mode) == 0o644, path
    assert {stat.S_IMODE(p.stat().st_mode) for p in private} == {0o600}
