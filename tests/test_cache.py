"""The per-article cache: hits, misses, corruption, other pipelines, concurrency."""

from __future__ import annotations

import json
import multiprocessing as mp
from pathlib import Path

import pytest

from kit.corpus.cache import ResultCache
from kit.files import atomic_write_bytes, text_key

TEXT = "Etwa 8.000 nordkoreanische Soldaten haben die russische Grenzregion Kursk erreicht."
PAYLOAD = {"n_words": 10, "quotes": [], "figures": [{"text": "8.000", "start": 5, "end": 10}]}


def test_roundtrip_and_counts(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path, fingerprint="fp1")
    assert cache.get(TEXT) is None
    cache.put(TEXT, PAYLOAD)
    assert cache.get(TEXT) == PAYLOAD
    assert (cache.hits, cache.misses) == (1, 1)


def test_other_pipeline_version_is_a_miss(tmp_path: Path) -> None:
    ResultCache(tmp_path, fingerprint="fp1").put(TEXT, PAYLOAD)
    assert ResultCache(tmp_path, fingerprint="fp2").get(TEXT) is None


def test_other_text_is_a_miss(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path, fingerprint="fp1")
    cache.put(TEXT, PAYLOAD)
    assert cache.get(TEXT + " ") is None


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[: len(raw) // 2],  # truncated
        lambda raw: b"",  # empty
        lambda raw: raw.replace(b"8.000", b"9.000"),  # payload changed, checksum not
        lambda raw: b"\x00\xff garbage",  # not JSON at all
    ],
    ids=["truncated", "empty", "tampered", "garbage"],
)
def test_corrupt_entry_reads_as_miss_and_is_rebuilt(tmp_path: Path, damage) -> None:
    cache = ResultCache(tmp_path, fingerprint="fp1")
    cache.put(TEXT, PAYLOAD)
    (path,) = tmp_path.rglob(f"{text_key(TEXT)}.json")
    path.write_bytes(damage(path.read_bytes()))
    assert cache.get(TEXT) is None
    cache.put(TEXT, PAYLOAD)
    assert cache.get(TEXT) == PAYLOAD


def test_entries_are_json_not_pickle(tmp_path: Path) -> None:
    ResultCache(tmp_path, fingerprint="fp1").put(TEXT, PAYLOAD)
    (path,) = tmp_path.rglob("*.json")
    header, body = path.read_text(encoding="utf-8").split("\n", 1)
    assert json.loads(header)["fingerprint"] == "fp1"
    assert json.loads(body) == PAYLOAD


def test_atomic_write_leaves_no_partial_file_on_error(tmp_path: Path) -> None:
    target = tmp_path / "out.bin"
    target.write_bytes(b"old")

    class Boom(bytes):
        pass

    with pytest.raises(TypeError):
        atomic_write_bytes(target, "not bytes")  # type: ignore[arg-type]
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.bin"]


def _writer(directory: str, n: int) -> None:
    cache = ResultCache(Path(directory), fingerprint="fp1")
    for i in range(n):
        cache.put(f"{TEXT} {i}", {"i": i, "blob": "x" * 2000})


def test_two_writers_at_once_do_not_corrupt(tmp_path: Path) -> None:
    ctx = mp.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(str(tmp_path), 40)) for _ in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    cache = ResultCache(tmp_path, fingerprint="fp1")
    for i in range(40):
        assert cache.get(f"{TEXT} {i}") == {"i": i, "blob": "x" * 2000}
    assert not list(tmp_path.rglob("*.tmp"))


def _entries(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.json") if not p.name.startswith("."))


def test_a_batch_writes_its_entries_together_without_fsync(tmp_path: Path, monkeypatch) -> None:
    import os

    def no_fsync(fd: int) -> None:
        raise AssertionError("a cache entry was fsynced")

    monkeypatch.setattr(os, "fsync", no_fsync)
    cache = ResultCache(tmp_path, fingerprint="fp1")
    texts = [f"{TEXT} Nummer {i}." for i in range(5)]
    with cache.batch():
        for i, text in enumerate(texts):
            cache.put(text, {**PAYLOAD, "n_words": i})
        assert _entries(tmp_path) == []  # nothing written yet …
        assert cache.get(texts[3])["n_words"] == 3  # … but readable in the build
    assert len(_entries(tmp_path)) == 5
    fresh = ResultCache(tmp_path, fingerprint="fp1")
    assert [fresh.get(t)["n_words"] for t in texts] == [0, 1, 2, 3, 4]


def test_a_batch_is_written_when_the_build_fails(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path, fingerprint="fp1")
    with pytest.raises(KeyboardInterrupt):
        with cache.batch():
            cache.put(TEXT, PAYLOAD)
            raise KeyboardInterrupt
    assert ResultCache(tmp_path, fingerprint="fp1").get(TEXT) == PAYLOAD


def test_a_batch_is_flushed_when_it_is_full(tmp_path: Path, monkeypatch) -> None:
    import kit.corpus.cache as cache_mod

    monkeypatch.setattr(cache_mod, "BATCH_ENTRIES", 2)
    cache = ResultCache(tmp_path, fingerprint="fp1")
    with cache.batch():
        for i in range(3):
            cache.put(f"{TEXT} {i}", PAYLOAD)
        assert len(_entries(tmp_path)) == 2
    assert len(_entries(tmp_path)) == 3
