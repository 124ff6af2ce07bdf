"""The analyst's corrections of speaker names: the corrections file, and applying it.

:func:`kit.corpus.speakers.resolve_corpus` applies them after all automatic steps,
so they survive rebuilds; the widgets in :mod:`kit.workbench.widgets` write them with
:func:`add_correction`. The functions are re-exported by :mod:`kit.corpus.speakers`.

Corrections file (CSV, UTF-8, default ``data/speaker_corrections.csv``)::

    action,name,target,article_id,note
    rename,Kim Jong Un,Kim Jong-un,,house spelling
    merge,Herr Austin,Lloyd Austin,,
    split,Kim,Kim Yong-hyun,000_7e0bde80a42e6b97,the minister
    split,Kim,,001_9e7c26f75967a251,

- ``rename``: the speaker ``name`` (a canonical name or any alias) is shown as ``target``.
- ``merge``: the speaker ``name`` joins the speaker ``target`` (several rows with
  one target merge several speakers into one). Same effect as rename onto an
  existing speaker; kept separate because that is how analysts think of it.
- ``split``: quotes whose article-level name or mention is ``name`` (only in
  ``article_id`` when given) become their own speaker ``target`` (default: ``name``).

Names match case-insensitively. Splits run first, then renames and merges in
file order (chains like A→B, B→C are followed). A bad row (unknown action,
missing name or target) is skipped with a warning naming the file and line.
"""

from __future__ import annotations

import csv
import io
import warnings
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from kit.corpus.names import name_key, split_role
from kit.files import atomic_write_text

CORRECTION_FIELDS = ("action", "name", "target", "article_id", "note")
ACTIONS = ("rename", "merge", "split")


@dataclass(frozen=True)
class Correction:
    """One row of the corrections file; ``line`` is its line in the file (for messages)."""

    action: str
    name: str
    target: str = ""
    article_id: str = ""
    note: str = ""
    line: int = 0


def load_corrections(path: Path | str | None) -> list[Correction]:
    """The valid rows of a corrections file (missing file → none); bad rows warn and are skipped."""
    if path is None or not Path(path).is_file():
        return []
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        warnings.warn(
            f"{path}: cannot read speaker corrections ({exc}); none applied", stacklevel=2
        )
        return []
    out: list[Correction] = []
    reader = csv.DictReader(io.StringIO(text))
    missing = [f for f in ("action", "name") if f not in (reader.fieldnames or [])]
    if missing:
        warnings.warn(
            f"{path}:1: header lacks {', '.join(missing)}; no corrections applied", stacklevel=2
        )
        return []
    for row in reader:
        line = reader.line_num
        values = {k: (row.get(k) or "").strip() for k in CORRECTION_FIELDS}
        if not any(values.values()) or values["action"].startswith("#"):
            continue
        problem = _row_problem(values)
        if problem:
            warnings.warn(f"{path}:{line}: {problem}; row skipped", stacklevel=2)
            continue
        out.append(Correction(**values, line=line))
    return out


def _row_problem(values: dict[str, str]) -> str:
    action = values["action"].lower()
    if action not in ACTIONS:
        return f"unknown action {values['action']!r} (use {', '.join(ACTIONS)})"
    if not values["name"]:
        return "no name"
    if action in ("rename", "merge") and not values["target"]:
        return f"{action} needs a target"
    values["action"] = action
    return ""


def add_correction(
    path: Path | str,
    action: str,
    name: str,
    target: str = "",
    *,
    article_id: str = "",
    note: str = "",
) -> Correction:
    """Append one correction to the file (created with a header if absent), atomically.

    ``add_correction(path, "merge", "Herr Austin", "Lloyd Austin")``
    """

    values = {"action": action.strip(), "name": name.strip(), "target": target.strip(),
              "article_id": article_id.strip(), "note": note.strip()}  # fmt: skip
    problem = _row_problem(values)
    if problem:
        raise ValueError(problem)
    path = Path(path)
    existing = path.read_text(encoding="utf-8-sig") if path.is_file() else ""
    if not existing.strip():
        existing = ",".join(CORRECTION_FIELDS) + "\n"
    elif not existing.endswith("\n"):
        existing += "\n"
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow([values[f] for f in CORRECTION_FIELDS])
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(path, existing + buf.getvalue())
    return Correction(**values, line=existing.count("\n") + 1)


def remove_correction(path: Path | str, line: int) -> None:
    """Delete the correction on file line ``line`` (as in :attr:`Correction.line`)."""

    path = Path(path)
    lines = path.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    if not 1 < line <= len(lines):
        raise ValueError(f"{path} has no correction on line {line}")
    atomic_write_text(path, "".join(lines[: line - 1] + lines[line:]))


def apply_corrections(quotes: pd.DataFrame, corrections: Sequence[Correction]) -> pd.DataFrame:
    """Quotes with ``speaker`` changed by the corrections (a copy).

    Splits match the article-level name (column ``speaker_name`` when present)
    or ``speaker_mention``; renames and merges match a canonical speaker, else
    any alias of one.
    """

    out = quotes.copy()
    if not len(out) or not corrections:
        return out
    names = [str(x) for x in (out["speaker_name"] if "speaker_name" in out else out["speaker"])]
    mentions = [str(x) for x in (out["speaker_mention"] if "speaker_mention" in out else names)]
    speakers = out["speaker"].fillna("").astype(str).tolist()
    for c in corrections:
        if c.action != "split":
            continue
        key = name_key(c.name)
        for i, (name, mention, art) in enumerate(
            zip(names, mentions, out["article_id"], strict=True)
        ):
            if c.article_id and str(art) != c.article_id:
                continue
            if key in {name_key(x) for v in (name, mention) for x in (v, split_role(v)[1])}:
                speakers[i] = c.target or c.name
    follow = merge_map(speakers, names, mentions, corrections)
    out["speaker"] = [follow(s) if s else s for s in speakers]
    return out


def merge_map(
    speakers: Sequence[str], names: Sequence[str], mentions: Sequence[str],
    corrections: Sequence[Correction],
) -> Callable[[str], str]:  # fmt: skip
    """The renames and merges as a function canonical name → corrected name.

    ``speakers``, ``names`` and ``mentions`` are parallel (one per quote): a
    correction's ``name`` matches a canonical speaker, else any alias of one.
    """

    mapping: dict[str, str] = {}
    aliases: dict[str, set[str]] = defaultdict(set)  # alias key → canonical names
    for sp, name, mention in zip(speakers, names, mentions, strict=True):
        if sp:
            for alias in (sp, name, mention):
                aliases[name_key(alias)].add(sp)
    canon_keys = {name_key(s) for s in speakers if s}
    for c in corrections:
        if c.action == "split":
            continue
        key = name_key(c.name)
        if key in canon_keys or key not in aliases:
            mapping[key] = c.target
        else:
            for sp in aliases[key]:
                mapping[name_key(sp)] = c.target

    def follow(name: str) -> str:
        seen: set[str] = set()
        while (key := name_key(name)) in mapping and key not in seen:
            seen.add(key)
            name = mapping[key]
        return name

    return follow
