"""The offset index gives exactly what a loop over all spans gives (property tests)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kit.german.offsets import SpanIndex, entities_starting, starts_index

spans_st = st.lists(
    st.tuples(st.integers(0, 60), st.integers(1, 30)).map(lambda t: (t[0], t[0] + t[1])),
    max_size=40,
)
query_st = st.tuples(st.integers(0, 90), st.integers(1, 20)).map(lambda t: (t[0], t[0] + t[1]))


@settings(max_examples=300, deadline=None)
@given(spans_st, query_st)
def test_span_index_answers_like_a_loop(spans, query) -> None:
    a, b = query
    index = SpanIndex(spans)
    containing = [i for i, (s, e) in enumerate(spans) if s <= a and b <= e]
    overlapping = [i for i, (s, e) in enumerate(spans) if s < b and a < e]
    assert index.containing(a, b) == containing
    assert index.overlapping(a, b) == overlapping
    assert index.first_containing(a, b) == (containing[0] if containing else None)
    assert index.any_overlapping(a, b) == bool(overlapping)


def test_empty_index_and_hand_made_cases() -> None:
    empty = SpanIndex([])
    assert empty.containing(0, 1) == [] and not empty.any_overlapping(0, 10)
    # a long quote around two short ones: the list order decides "the first"
    index = SpanIndex([(50, 60), (0, 100), (10, 20)])
    assert index.containing(12, 15) == [1, 2]
    assert index.first_containing(55, 58) == 0
    assert index.overlapping(20, 50) == [1]  # half-open: [10, 20) and [50, 60) do not touch
    assert starts_index([0, 10, 25], 24) == 1 and starts_index([0, 10, 25], -1) == -1


def test_entities_starting_follows_doc_ents(nlp) -> None:
    doc = nlp("Laut Angela Merkel und dem Auswärtigen Amt kamen Olaf Scholz und Kim Jong-un.")
    ents = list(doc.ents)
    for lo in range(len(doc)):
        for hi in range(lo, len(doc) + 1):
            expected = [e for e in ents if lo <= e.start < hi]
            assert [(e.start, e.end) for e in entities_starting(doc, lo, hi)] == [
                (e.start, e.end) for e in expected
            ]
