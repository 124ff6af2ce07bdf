"""Offset look-ups in time independent of the article's length: spans, sentences, entities.

The extraction rules ask the same questions again and again: which quote
contains this figure, which quotes overlap this sentence, is this word inside
boilerplate, which entity starts in these tokens. Asked by looping over all
quotes (or all entities) for every figure (or token), a long article — a
plenary protocol, a press-conference transcript — costs quadratic time. The
helpers here answer them with sorted offsets, ``bisect`` and a small
max-segment tree, so each question costs ``O(log n + k)`` for ``k`` answers:

- :class:`SpanIndex` over ``(start, end)`` spans that keep their position in
  the caller's list: :meth:`~SpanIndex.containing`, :meth:`~SpanIndex.overlapping`,
  :meth:`~SpanIndex.first_containing`, :meth:`~SpanIndex.any_overlapping`.
  Answers come back as list positions in ascending order, so "the first
  quote that …" means what it meant in a plain loop over the list.
- :func:`entities_starting` — the entities of a ``Doc`` that start in a token
  range, in ``doc.ents`` order, from one index per doc (``doc.ents`` builds
  every span anew on each access, which alone costs a pass over the doc).

Used by :mod:`kit.quotes` and :mod:`kit.figures`; imports nothing from the kit.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from spacy.tokens import Doc, Span


class SpanIndex:
    """Half-open character spans ``[start, end)``, indexed by start with the greatest end.

    >>> idx = SpanIndex([(0, 10), (20, 30), (5, 25)])
    >>> idx.containing(6, 9)
    [0, 2]
    >>> idx.overlapping(24, 40)
    [1, 2]
    """

    __slots__ = ("_ends", "_order", "_size", "_starts", "_tree", "n")

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        items = [(int(s), int(e), i) for i, (s, e) in enumerate(spans)]
        items.sort(key=lambda t: (t[0], t[2]))
        self.n = len(items)
        self._starts = [s for s, _, _ in items]
        self._ends = [e for _, e, _ in items]
        self._order = [i for _, _, i in items]
        size = 1
        while size < max(1, self.n):
            size *= 2
        self._size = size
        tree = [-(2**62)] * (2 * size)
        tree[size : size + self.n] = self._ends
        for node in range(size - 1, 0, -1):
            left, right = tree[2 * node], tree[2 * node + 1]
            tree[node] = left if left > right else right
        self._tree = tree

    def __len__(self) -> int:
        return self.n

    def _prefix_reaching(self, p: int, t: int) -> list[int]:
        """Sorted positions ``< p`` (in start order) whose end is at least ``t``."""
        if p <= 0 or self.n == 0:
            return []
        tree, size = self._tree, self._size
        out: list[int] = []
        stack = [(1, 0, size)]
        while stack:
            node, lo, hi = stack.pop()
            if lo >= p or tree[node] < t:
                continue
            if node >= size:
                out.append(lo)
                continue
            mid = (lo + hi) // 2
            stack.append((2 * node + 1, mid, hi))
            stack.append((2 * node, lo, mid))
        return out

    def containing(self, start: int, end: int) -> list[int]:
        """List positions of the spans with ``s <= start`` and ``end <= e``, ascending."""
        p = bisect.bisect_right(self._starts, start)
        return sorted(self._order[k] for k in self._prefix_reaching(p, end))

    def overlapping(self, start: int, end: int) -> list[int]:
        """List positions of the spans with ``s < end`` and ``start < e``, ascending."""
        p = bisect.bisect_left(self._starts, end)
        return sorted(self._order[k] for k in self._prefix_reaching(p, start + 1))

    def first_containing(self, start: int, end: int) -> int | None:
        """The smallest list position of a span containing ``[start, end)``, or None."""
        found = self.containing(start, end)
        return found[0] if found else None

    def any_overlapping(self, start: int, end: int) -> bool:
        """Does any span overlap ``[start, end)``?"""
        p = bisect.bisect_left(self._starts, end)
        if p <= 0:
            return False
        # the greatest end among the spans that start before ``end``
        return self._prefix_max(p) > start

    def _prefix_max(self, p: int) -> int:
        tree, size = self._tree, self._size
        lo, hi = size, size + p
        best = -(2**62)
        while lo < hi:
            if lo & 1:
                best = max(best, tree[lo])
                lo += 1
            if hi & 1:
                hi -= 1
                best = max(best, tree[hi])
            lo //= 2
            hi //= 2
        return best


def starts_index(starts: Sequence[int], pos: int) -> int:
    """Index of the last of the ascending ``starts`` at or before ``pos`` (-1 if none):
    the sentence (paragraph, word …) that covers offset ``pos``."""
    return bisect.bisect_right(starts, pos) - 1


_ENTS_KEY = "_kit_ent_index"


def entity_index(doc: Doc) -> tuple[list[int], tuple[Span, ...]]:
    """(token starts, spans) of ``doc.ents``, made once per doc and kept in ``doc.user_data``.

    Take it after the pipeline has run: the index does not follow later
    changes to ``doc.ents``.
    """
    cached: Any = doc.user_data.get(_ENTS_KEY)
    if cached is not None:
        return cached
    ents = tuple(doc.ents)
    index = ([e.start for e in ents], ents)
    doc.user_data[_ENTS_KEY] = index
    return index


def entities_starting(doc: Doc, lo: int, hi: int) -> Iterator[Span]:
    """The entities whose first token is in ``[lo, hi)``, in ``doc.ents`` order."""
    starts, ents = entity_index(doc)
    k = bisect.bisect_left(starts, lo)
    while k < len(ents) and starts[k] < hi:
        yield ents[k]
        k += 1
