"""Medium of a quote from its cue and its frame (sentences written for these tests)."""

from __future__ import annotations

import pytest

from kit.german.pipeline import tag_article
from kit.quotes.extract import extract_quotes
from kit.records import Article
from kit.tools.evaluate import MEDIUM_LABELS


@pytest.mark.parametrize(
    ("text", "medium"),
    [
        # an attribution phrase does not say whether the source spoke or wrote
        ("Laut der Polizei sind drei Menschen verletzt worden.", "speech or writing"),
        ("Der Polizei zufolge wurden drei Menschen verletzt.", "speech or writing"),
        # the frame's words tell
        ("Das Ministerium teilte in einer Erklärung mit, die Lage sei ruhig.", "writing"),
        ("Der Minister sagte in einem Interview, er sei zufrieden.", "speech"),
        ("Müller schrieb, er sei zufrieden.", "writing"),
        # hearsay "soll": the channel is unknown
        ("Die Polizei teilte mit, der Mann sei geflohen. Er soll bewaffnet gewesen sein.",
         "speech or writing"),
    ],
)  # fmt: skip
def test_medium_from_cue_and_frame(nlp, text, medium):
    quotes = list(extract_quotes(tag_article(Article("t", text), nlp)))
    assert quotes[-1].medium == medium


def test_speech_or_writing_is_the_benchmarks_sw():
    assert MEDIUM_LABELS["speech or writing"] == "SW"
