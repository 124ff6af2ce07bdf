"""A time budget per article, and a progress bar that names the article that is slow.

One article must never hold up a whole build: a scraped page or a plenary
protocol of several megabytes, or a text that trips a slow path, gets a budget
(``build(..., article_timeout=600)``, ``kit build --article-timeout 600``). An
article over budget is stopped, left out of the tables and named in the load
report with the reason; the rest of the corpus finishes.

- :func:`time_limit` enforces the budget. In the main thread of a Unix process
  (a notebook, the CLI) a ``SIGALRM`` timer interrupts the stage that is
  running, wherever it is. Elsewhere (a Dask worker's thread, Windows) signals
  cannot be used: the budget is checked between the stages of the article
  (tagging, entities, quotes, figures), so a stage that never returns is not
  interrupted there.
- :class:`SlowNotice` watches the article in work from a background thread and,
  once it has taken :data:`SLOW_AFTER` seconds, shows its name and the time so
  far in the progress bar (``tagging: 40%|███ | 2/5 [… seagull.txt: 12 s]``).
"""

from __future__ import annotations

import gc
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

#: default budget per article in seconds (the 1 MB transcripts of the scaling
#: benchmark take 5–15 s on the 2-core development machine)
DEFAULT_TIMEOUT = 600.0
#: seconds after which the progress bar names the article in work
SLOW_AFTER = 5.0


class ArticleTimeout(Exception):
    """An article went over its time budget (the message says which stage was running)."""


class Budget:
    """The running article's budget: the stage in work and the deadline."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds if seconds and seconds > 0 else None
        self.deadline = time.monotonic() + self.seconds if self.seconds else None
        self.current = "starting"

    def stage(self, name: str) -> None:
        """Enter stage ``name``; raises :class:`ArticleTimeout` if the budget is spent."""
        self.check()
        self.current = name

    def check(self) -> None:
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise self.error()

    def error(self) -> ArticleTimeout:
        return ArticleTimeout(
            f"over the time budget of {self.seconds:g} s per article (stopped while "
            f"{self.current}); its quotes, figures and entities are missing — give it "
            "more time with article_timeout= (kit build --article-timeout SECONDS) or "
            "split the file"
        )


def _can_alarm() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float | None) -> Iterator[Budget]:
    """Run the block under a budget of ``seconds`` (None or 0: no limit).

    >>> with time_limit(600) as budget:                          # doctest: +SKIP
    ...     budget.stage("tagging"); doc = tag(...)
    """
    budget = Budget(seconds)
    if budget.seconds is None or not _can_alarm():
        yield budget
        budget.check()
        return

    def on_alarm(signum: int, frame: Any) -> None:
        raise budget.error()

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, budget.seconds)
    try:
        yield budget
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class SlowNotice:
    """Names the article in work in a tqdm bar once it takes :data:`SLOW_AFTER` seconds.

    One daemon thread per build polls twice a second; :meth:`start` and
    :meth:`stop` only set two attributes, so fast articles cost nothing.
    """

    def __init__(self, bar: Any, after: float = SLOW_AFTER) -> None:
        self.bar = bar
        self.after = after
        self._name: str | None = None
        self._since = 0.0
        self._shown = False
        self._done = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        if bar is not None and not getattr(bar, "disable", False):
            self._thread = threading.Thread(target=self._watch, name="kit-slow-notice", daemon=True)
            self._thread.start()

    def start(self, name: str) -> None:
        self._since = time.monotonic()
        self._name = name

    def stop(self) -> None:
        self._name = None
        if self._shown:
            with self._lock:
                self._shown = False
                self.bar.set_postfix_str("", refresh=False)

    def close(self) -> None:
        self._done.set()
        if self._thread is not None:
            self._thread.join(timeout=2)

    def __enter__(self) -> SlowNotice:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _watch(self) -> None:
        while not self._done.wait(0.5):
            name = self._name
            if name is None:
                continue
            elapsed = time.monotonic() - self._since
            if elapsed >= self.after:
                with self._lock:
                    if self._name == name:  # not finished meanwhile
                        self._shown = True
                        self.bar.set_postfix_str(f"{name}: {elapsed:.0f} s", refresh=True)


_GC_LOCK = threading.Lock()
_GC_HOLDERS = 0


@contextmanager
def no_gc_pauses() -> Iterator[None]:
    """No cyclic garbage collection while one article is worked on (or the corpus
    tables are read from the cache or assembled).

    Tagging and extraction allocate hundreds of thousands of small objects that
    live until the article is done (words, candidates, records) and free almost
    all of them by reference counting; the collector's passes over them took a
    third of the time of a long article and grew with it. Collection resumes
    after the article (also after an error); the article's own objects are all
    it can hold back. The same holds for the corpus tables: reading them from the
    cache or assembling them makes long-lived objects only, and the collector's
    passes over a large heap took most of a warm rebuild's table reading.
    Process-wide, so counted across threads.
    """
    global _GC_HOLDERS
    with _GC_LOCK:
        if _GC_HOLDERS == 0:
            no_gc_pauses.was_enabled = gc.isenabled()  # type: ignore[attr-defined]
            gc.disable()
        _GC_HOLDERS += 1
    try:
        yield
    finally:
        with _GC_LOCK:
            _GC_HOLDERS -= 1
            if _GC_HOLDERS == 0 and no_gc_pauses.was_enabled:  # type: ignore[attr-defined]
                gc.enable()
