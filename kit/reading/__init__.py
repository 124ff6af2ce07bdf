"""Reading: files on disk → :class:`~kit.records.Article` records, with a load report.

Decoding bytes (:mod:`.decode`), the analyst's manifest (:mod:`.manifest`),
boilerplate marked as spans, never cut (:mod:`.boilerplate`), the turns of
interviews, transcripts and protocols — headers, stage directions and
interjections marked the same way, and the article kind (:mod:`.turns`) — web
pages, web archives and ``kit fetch`` (:mod:`.web`), and the loader that walks
folders and formats (:mod:`.load`). An article's text is exactly what was
decoded (for a web page: the extracted article text): every offset the kit
reports later points into it.

May import: :mod:`kit.config`, :mod:`kit.records`, :mod:`kit.files`,
:mod:`kit.wordlists` — nothing above this layer.
"""

from kit.reading.boilerplate import mark_boilerplate
from kit.reading.load import LoadError, LoadResult, load_articles, read_manifest

__all__ = ["LoadError", "LoadResult", "load_articles", "mark_boilerplate", "read_manifest"]
