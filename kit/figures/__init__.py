"""Figures: every number in an article, what it counts, who claims it, and how it moves.

Reading the number itself — German digit formats, number words, ranges
(:mod:`.parse`); who claims it — the enclosing quote, "laut X", "nach Angaben
X" (:mod:`.sources`); the figure records with qualifier, unit, category and
phrase (:mod:`.extract`); tracked quantities and timelines across a corpus,
with the analyst's corrections (:mod:`.tracking`).

``extract_figures(doc, *, quotes=()) -> Iterator[Figure]`` takes the quotes as
plain records, so this stage does not import :mod:`kit.quotes` (a sibling).

May import: :mod:`kit.german`, :mod:`kit.reading` and the bottom modules.
"""

from kit.figures.extract import extract_figures, parse_number
from kit.figures.tracking import assign_quantities, timeline

__all__ = ["assign_quantities", "extract_figures", "parse_number", "timeline"]
