"""environment.yml (conda/Binder) and pyproject.toml list the same runtime packages."""

from __future__ import annotations

import re
import tomllib

from kit import config


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ \[;]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_matches_pyproject() -> None:
    project = tomllib.loads((config.ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    wanted = {_name(r) for r in project["project"]["dependencies"]}
    env = (config.ROOT / "environment.yml").read_text(encoding="utf-8")
    listed = {
        _name(m.group(1)) for m in re.finditer(r"^\s*-\s+([A-Za-z][\w.-]*[^\n]*)$", env, flags=re.M)
    }
    missing = wanted - listed
    assert not missing, f"in pyproject.toml but not environment.yml: {sorted(missing)}"
    assert "spacy-model-de-core-news-md" in listed  # conda users get a trained pipeline
    assert "-e ." in env


def test_ci_runs_the_readme_test_command() -> None:
    readme = (config.ROOT / "README.md").read_text(encoding="utf-8")
    ci = (config.ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in readme and "make demo" in readme
    assert re.search(r"^make test\b", ci, flags=re.M)
