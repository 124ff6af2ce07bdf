"""Load a folder of German articles with the analyst's metadata.

STUB — the loader helper replaces this with the full implementation
(encodings, JSON/CSV records, manifest validation, load report).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .boilerplate import mark_boilerplate
from .records import Article, Problem

PathLike = str | Path


@dataclass
class LoadResult:
    articles: list[Article] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files_read: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.articles)

    def __iter__(self):
        return iter(self.articles)

    def report(self) -> str:
        lines = [f"{len(self.files_read)} files read, {len(self.articles)} articles loaded"]
        lines += [f"  {p.severity}: {p.source}: {p.message}" for p in self.problems]
        return "\n".join(lines)


def load_articles(paths: PathLike | Sequence[PathLike], manifest: PathLike | None = None) -> LoadResult:
    if isinstance(paths, (str, Path)):
        paths = [paths]
    result = LoadResult()
    for p in map(Path, paths):
        files = sorted(p.glob("*.txt")) if p.is_dir() else [p]
        for f in files:
            text = f.read_text(encoding="utf-8")
            result.files_read.append(str(f))
            result.articles.append(Article(id=f.stem, text=text, source=str(f), boilerplate=mark_boilerplate(text)))
    return result
