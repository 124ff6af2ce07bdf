"""`python -m kit build`: tables on success; one clear line and a non-zero exit on user errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kit import config


def run(*args: str, cwd: Path = config.ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kit", *args], cwd=cwd, capture_output=True, text=True, timeout=300
    )


def test_build_writes_the_five_tables(tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = run("build", "seeds", "--out", str(out), "--quiet")
    assert proc.returncode == 0, proc.stderr
    for name in ("articles", "entities", "quotes", "speakers", "figures"):
        assert (out / f"{name}.csv").is_file()
    assert "pipeline:" in proc.stderr  # which pipeline is in use is visible


@pytest.mark.parametrize(
    "args, expected",
    [
        (["build", "no/such/folder", "--out", "OUT"], "no such file or folder: no/such/folder"),
        (
            ["build", "seeds", "--out", "OUT", "--manifest", "nope.csv"],
            "manifest not found: nope.csv",
        ),
    ],
)
def test_user_errors_are_one_line(tmp_path: Path, args, expected) -> None:
    args = [a.replace("OUT", str(tmp_path / "out")) for a in args]
    proc = run(*args)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stderr.strip().splitlines() == [f"kit: error: {expected}"]


def test_nothing_readable_is_a_user_error(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    proc = run("build", str(tmp_path), "--out", str(tmp_path / "out"), "--quiet")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stderr.strip().splitlines()[-1].startswith("kit: error: nothing readable in")


def test_bad_manifest_is_a_user_error(tmp_path: Path) -> None:
    manifest = tmp_path / "m.csv"
    manifest.write_text("date,outlet\n2024-10-31,AFP\n", encoding="utf-8")  # no id column
    proc = run("build", "seeds", "--out", str(tmp_path / "out"), "--manifest", str(manifest))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert str(manifest) in proc.stderr.strip().splitlines()[-1]
