"""The package reads as its pipeline: the layer contract, module sizes, old import paths."""

from __future__ import annotations

import importlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import kit

KIT = Path(kit.__file__).parent


def test_layer_contract_holds():
    """`lint-imports` (import-linter, contracts in pyproject.toml) passes: no upward import, no circle."""
    exe = shutil.which("lint-imports") or str(Path(sys.executable).parent / "lint-imports")
    done = subprocess.run(
        [exe, "--no-cache"], cwd=KIT.parent, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "2 kept, 0 broken" in done.stdout


def test_at_most_eight_modules_at_the_top_and_none_over_700_lines():
    top = sorted(p.name for p in KIT.glob("*.py") if p.name not in {"__init__.py", "__main__.py"})
    assert len(top) <= 8, top
    long = {
        str(p.relative_to(KIT)): n
        for p in KIT.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 700
    }
    assert not long, long


def test_every_subpackage_says_what_it_may_import():
    for init in KIT.glob("*/__init__.py"):
        doc = importlib.import_module(f"kit.{init.parent.name}").__doc__ or ""
        assert "May import" in doc, init


@pytest.mark.parametrize(
    ("old", "new", "name"),
    [
        ("kit.tag", "kit.german.pipeline", "get_nlp"),
        ("kit.widgets", "kit.workbench.widgets", "QuoteExplorer"),
        ("kit.widgets", "kit.workbench.widgets", "ChartStudio"),
        ("kit.ner", "kit.german.entities", "canonical_name"),
        ("kit.numbers", "kit.figures.extract", "extract_figures"),
        ("kit.speakers", "kit.corpus.speakers", "add_correction"),
        ("kit.cache", "kit.corpus.cache", "ResultCache"),
    ],
)
def test_old_flat_module_paths_still_import(old, new, name):
    """An analyst's notebook written against the flat layout keeps working."""
    moved = importlib.import_module(old)
    assert moved is importlib.import_module(new)
    assert getattr(moved, name) is getattr(importlib.import_module(new), name)


def test_public_api_names_resolve():
    for name in kit.__all__:
        assert getattr(kit, name) is not None, name
