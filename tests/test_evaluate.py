"""The WikiNews metric on hand-made cases (scores computed by hand), and the token mapping."""

from __future__ import annotations

import gzip
import json
import re

import pytest

from kit import evaluate
from kit.records import Quote
from kit.tools.evaluate import match_quotes, quote_to_annotation, read_dataset, score


def ann(quote, *, cue=(), speaker=(), frame=(), addressee=(), type="Direct", medium="Speech"):
    """An annotation in the dataset's format from token-id lists."""

    def part(ids):
        return {"text": "", "tokenIds": list(ids)}

    return {"quote": part(quote), "cue": part(cue), "speaker": part(speaker), "frame": part(frame),
            "addressee": part(addressee), "type": type, "medium": medium}  # fmt: skip


def prf(p, r):
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


GOLD = [
    ann(range(5, 10), cue=[2], speaker=[1]),
    ann(range(20, 24), speaker=[15, 16], type="Indirect"),
]


def test_perfect_prediction_scores_one_everywhere():
    result = score([GOLD], [GOLD])
    for key in ("messages", "roles", "joint", "form", "medium"):
        assert result[key] == prf(1.0, 1.0), key
    assert result["per_role"]["speaker"] == prf(1.0, 1.0)
    assert result["per_type"]["Indirect"]["joint"] == prf(1.0, 1.0)
    # no gold frame or addressee anywhere: the role is undefined, reported as 0
    assert result["per_role"]["frame"] == prf(0.0, 0.0)


def test_empty_prediction_scores_zero():
    result = score([GOLD], [[]])
    for key in ("messages", "roles", "joint", "form", "medium"):
        assert result[key] == prf(0.0, 0.0), key
    assert result["gold_quotes"] == 2 and result["predicted_quotes"] == 0


def test_shifted_quote_span_partial_scores():
    gold = [ann(range(5, 10), cue=[2], speaker=[1])]
    pred = [ann(range(6, 11), cue=[2], speaker=[1])]  # one token lost, one gained
    result = score([gold], [pred])
    # quote: tp 4, fp 1, fn 1
    assert result["messages"] == prf(0.8, 0.8)
    # cue and speaker exact; frame/addressee empty on both sides → undefined, left out
    assert result["roles"] == prf(1.0, 1.0)
    # joint averages the three defined parts: (0.8 + 1 + 1) / 3
    assert result["joint"] == prf(2.8 / 3, 2.8 / 3)
    assert result["form"] == prf(1.0, 1.0)


def test_extra_quote_lowers_precision_not_recall():
    gold = [ann(range(5, 10), speaker=[1])]
    pred = [ann(range(5, 10), speaker=[1]), ann(range(30, 35), speaker=[28])]
    result = score([gold], [pred])
    # the extra quote is a pair with an empty gold side: P = 0, R undefined
    assert result["messages"] == prf(0.5, 1.0)
    assert result["roles"] == prf(0.5, 1.0)
    assert result["form"] == prf(0.5, 1.0)
    assert result["predicted_quotes"] == 2


def test_missed_quote_lowers_recall_not_precision():
    result = score([GOLD], [GOLD[:1]])
    assert result["messages"] == prf(1.0, 0.5)
    assert result["per_type"]["Indirect"]["gold"] == 1
    assert result["per_type"]["Indirect"]["messages"] == prf(0.0, 0.0)


def test_wrong_speaker_counts_in_roles_only():
    gold = [ann(range(5, 10), cue=[2], speaker=[1])]
    pred = [ann(range(5, 10), cue=[2], speaker=[3])]
    result = score([gold], [pred])
    assert result["messages"] == prf(1.0, 1.0)
    assert result["per_role"]["speaker"] == prf(0.0, 0.0)
    assert result["roles"] == prf(0.5, 0.5)  # cue 1, speaker 0


def test_type_and_medium_are_micro_over_pairs():
    gold = [ann(range(5, 10), type="Direct", medium="Speech")]
    pred = [ann(range(5, 10), type="Indirect", medium=None)]
    result = score([gold], [pred])
    assert result["form"] == prf(0.0, 0.0)
    # no predicted medium: no false positive, one false negative
    assert result["medium"] == prf(0.0, 0.0)
    assert result["messages"] == prf(1.0, 1.0)


def test_assignment_prefers_same_type_on_equal_overlap():
    gold = [ann(range(5, 10), type="Indirect")]
    pred = [ann(range(5, 10), type="Direct"), ann(range(5, 10), type="Indirect")]
    assert (0, 1) in match_quotes(gold, pred)
    assert (None, 0) in match_quotes(gold, pred)


def test_assignment_is_one_to_one_and_maximises_overlap():
    gold = [ann(range(0, 10)), ann(range(10, 14))]
    pred = [ann(range(0, 14))]  # overlaps both; F1 0.83 with the first, 0.44 with the second
    assert match_quotes(gold, pred) == [(0, 0), (1, None)]


def test_non_overlapping_quotes_are_still_paired_like_the_reference():
    # the published script pairs min(n_gold, n_pred) quotations even at zero overlap
    result = score([[ann(range(0, 5))]], [[ann(range(10, 15))]])
    assert result["messages"] == prf(0.0, 0.0)
    assert result["overlapping_pairs"] == 0


# --------------------------------------------------------------- token mapping

TEXT = "Er sagte: „Wir kommen  morgen.“ Dann ging er."


def tokens_of(text):
    out, pos = [], 0
    for i, word in enumerate(["Er", "sagte", ":", "„", "Wir", "kommen", "morgen", ".", "“", "Dann",
                              "ging", "er", "."]):  # fmt: skip
        start = text.index(word, pos)
        out.append({"id": i, "charBegin": start, "charEnd": start + len(word), "text": word})
        pos = start + len(word)
    return out


def test_quote_spans_map_to_overlapping_tokens_whitespace_ignored():
    index = evaluate._TokenIndex(tokens_of(TEXT))
    start = TEXT.index("Wir")
    end = TEXT.index("“") + 1
    q = Quote("a", "q1", "Direct", "speech", TEXT[start:end], start - 1, end,
              cue="sagte", cue_start=3, cue_end=8, speaker="Er", speaker_start=0, speaker_end=2,
              quote_spans=((start - 1, start + 3), (TEXT.index("morgen") - 2, end)))  # fmt: skip
    got = quote_to_annotation(q, index, TEXT)
    # "(„Wir" overlaps „ and Wir; the second span starts in the double space before "morgen"
    assert got["quote"]["tokenIds"] == [3, 4, 6, 7, 8]
    assert got["cue"]["tokenIds"] == [1]
    assert got["speaker"]["tokenIds"] == [0]
    assert got["frame"]["tokenIds"] == [] and got["addressee"]["tokenIds"] == []
    assert got["type"] == "Direct" and got["medium"] == "Speech"


def test_quote_without_spans_falls_back_to_start_end():
    index = evaluate._TokenIndex(tokens_of(TEXT))
    start = TEXT.index("Dann")
    q = {"type": "Reported", "medium": "", "quote_start": start - 1, "quote_end": len(TEXT),
         "quote_spans": [], "speaker_start": None}  # fmt: skip
    got = quote_to_annotation(q, index, TEXT)
    assert got["quote"]["tokenIds"] == [9, 10, 11, 12]
    assert got["speaker"]["tokenIds"] == []
    assert got["medium"] == "Speech"  # unclear medium: the most frequent label


@pytest.mark.parametrize("kit_medium, label", [("speech", "Speech"), ("writing", "Writing"),
                                               ("thought", "ST"), ("SW", "SW"), ("", "Speech")])  # fmt: skip
def test_medium_mapping(kit_medium, label):
    index = evaluate._TokenIndex(tokens_of(TEXT))
    got = quote_to_annotation(
        {"type": "Direct", "medium": kit_medium, "quote_start": 0, "quote_end": 2}, index, TEXT
    )
    assert got["medium"] == label


# --------------------------------------------------------------------- runner


def _write_dataset(tmp_path, text, annotations, gz=True):
    doc = {"documentName": "1 - Test (2024-10-01)", "originalText": text, "tokens": tokens_of(text),
           "sentences": [{"charBegin": 0, "charEnd": len(text), "text": text}], "annotations": annotations}  # fmt: skip
    path = tmp_path / ("d.jsonl.gz" if gz else "d.jsonl")
    opener = gzip.open if gz else open
    with opener(path, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
    return path, doc


def test_read_dataset_jsonl_gz_and_folder(tmp_path):
    path, doc = _write_dataset(tmp_path, TEXT, [])
    assert [d["documentName"] for d in read_dataset(path)] == [doc["documentName"]]
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.pretty.json").write_text(json.dumps(doc), encoding="utf-8")
    assert len(list(read_dataset(folder))) == 1
    assert list(read_dataset(path, limit=0)) == []


def test_evaluate_quotes_runs_kit_and_writes_predictions(tmp_path):
    gold = [ann([3, 4, 5, 6, 7, 8], cue=[1], speaker=[0])]
    path, doc = _write_dataset(tmp_path, TEXT, gold)
    out = tmp_path / "pred.jsonl"
    result = evaluate.evaluate_quotes(path, predictions_out=out)
    assert result["documents"] == 1 and result["gold_quotes"] == 1
    assert not result["failures"]
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [x["documentName"] for x in lines] == [doc["documentName"]]
    # the written file scores the same as the run
    assert evaluate.score_files(path, out)["joint"] == result["joint"]


def test_error_report_lists_missed_quote_with_sentence(tmp_path):
    gold = [ann([3, 4, 5, 6, 7, 8], cue=[1], speaker=[0])]
    path, _ = _write_dataset(tmp_path, TEXT, gold)
    run = evaluate.Run(documents=list(read_dataset(path)), predictions=[[]])
    report = evaluate.error_report(run, n=3)
    assert "missed" in report and "Wir kommen morgen" in report and "Dann ging er" in report
    errors = evaluate.collect_errors(
        evaluate.Run(run.documents, [[ann([4, 5, 6, 7], cue=[1], speaker=[11])]])
    )
    assert {e["kind"] for e in errors} == {"boundary", "role:speaker"}


@pytest.mark.parametrize("doc_id", ["12839", "10057", "1034"])
def test_gold_char_spans_of_train_documents_map_back_to_their_tokens(doc_id):
    from conftest import benchmark_doc

    doc = benchmark_doc("train", doc_id)
    index = evaluate._TokenIndex(doc["tokens"])
    assert doc["annotations"]
    for a in doc["annotations"]:
        for part in evaluate.PARTS:
            spans = [(s["charBegin"], s["charEnd"]) for s in a[part].get("spans", [])]
            assert index.ids_in(spans, doc["originalText"]) == sorted(set(a[part]["tokenIds"]))
    assert score([doc["annotations"]], [doc["annotations"]])["joint"] == prf(1.0, 1.0)


def test_reported_quotes_keep_their_verb_but_the_benchmark_sees_no_cue():
    """The benchmark marks no cue on Reported quotes; the kit's record names the verb."""
    from kit.tools.evaluate import _TokenIndex, quote_to_annotation

    text = "Die Polizei sprach von einer Demonstration."
    tokens = [
        {"id": i, "charBegin": m.start(), "charEnd": m.end()}
        for i, m in enumerate(re.finditer(r"\S+", text))
    ]
    q = {"type": "Reported", "quote_start": 0, "quote_end": len(text), "cue_spans": [(12, 18)],
         "speaker_start": 0, "speaker_end": 11, "medium": "speech"}  # fmt: skip
    ann = quote_to_annotation(q, _TokenIndex(tokens), text)
    assert ann["cue"]["tokenIds"] == [] and ann["speaker"]["tokenIds"] == [0, 1]
