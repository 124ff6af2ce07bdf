"""Quotes: who said what, per article — direct, indirect, reported and free indirect speech.

Read in the order of the data flow: words, sentences and quotation marks
(:mod:`.text`); the cue lexicon — reporting verbs, cue nouns, attribution
patterns (:mod:`.cues`); finding the speaker mention next to a cue
(:mod:`.mentions`), the name inside it (:mod:`.naming`) and resolving it to
the article's canonical speaker (:mod:`.resolve`); clauses and subjects (:mod:`.clauses`); direct quotes
(:mod:`.direct`); "laut X", "X zufolge", ", so X" (:mod:`.phrases`);
indirect and free indirect speech (:mod:`.indirect`); who can speak
(:mod:`.speakable`); the turns of interviews, transcripts and protocols
(:mod:`.turns`); the sentence loop and the records (:mod:`.extract`).

``extract_quotes(doc) -> Iterator[Quote]`` is the stage's one entry point.

May import: :mod:`kit.german`, :mod:`kit.reading` and the bottom modules;
never :mod:`kit.figures` (a sibling) or anything above.
"""

from kit.quotes.extract import extract_quotes

__all__ = ["extract_quotes"]
