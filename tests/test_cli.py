"""`python -m kit build`: tables on success; one clear line and a non-zero exit on user errors."""

from __future__ import annotations

import json
import os
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


def test_interrupted_build_says_so_and_leaves_whole_cache_entries(tmp_path: Path) -> None:
    import signal
    import time

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    seed = (config.SEEDS_DIR / "001_9e7c26f75967a251.txt").read_text(encoding="utf-8")
    for i in range(80):  # distinct texts, so every one is tagged
        (corpus / f"a{i:03d}.txt").write_text(f"Meldung {i}.\n{seed}", encoding="utf-8")
    cache = tmp_path / "data"
    env = {**os.environ, "KIT_DATA": str(cache)}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kit",
            "build",
            str(corpus),
            "--out",
            str(tmp_path / "out"),
            "--quiet",
        ],
        cwd=config.ROOT,
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    while not list((cache / "cache").rglob("*.json")) and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=120)
    if proc.returncode == 0:
        pytest.skip("the build finished before the interrupt arrived")
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr
    assert "kit: interrupted" in stderr.strip().splitlines()[-1]
    entries = list((cache / "cache").rglob("*.json"))
    assert entries and not list((cache / "cache").rglob("*.tmp"))
    for path in entries:  # every entry written is whole: header, then a payload that parses
        header, body = path.read_text(encoding="utf-8").split("\n", 1)
        assert json.loads(header)["checksum"] and isinstance(json.loads(body), dict)


def test_charts_go_next_to_out_or_to_exports(tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = run(
        "build",
        "seeds",
        "--manifest",
        "seeds/manifest.csv",
        "--out",
        str(out),
        "--charts",
        "--quiet",
    )
    assert proc.returncode == 0, proc.stderr
    pngs = sorted((out / "exports").glob("*.png"))
    assert pngs, proc.stderr
    assert f"in {(out / 'exports').resolve()}" in proc.stderr  # says where
    chosen = tmp_path / "for-the-desk"
    proc = run("build", "seeds", "--out", str(out), "--charts", "--exports", str(chosen), "--quiet")
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in chosen.glob("*.png")) == [p.name for p in pngs]
    assert f"wrote {chosen}" in proc.stderr
