"""Articles from the web: saved pages, web archives, URL lists and feeds.

- :mod:`.page` — one page → article text and metadata (:func:`extract`), built from
  :mod:`.rawpage` (bytes → HTML, bad pages named), :mod:`.structured` (JSON-LD,
  ``<meta>``), :mod:`.titles`, :mod:`.outlets`, :mod:`.dates`, :mod:`.authors`,
  :mod:`.body` (trafilatura's blocks, boilerplate dropped) and :mod:`.teaser`;
  word lists and patterns in ``kit/resources/`` (:mod:`.words`).
- :mod:`.articles` — a page → an :class:`~kit.records.Article` (id, meta, field sources).
- :mod:`.archive` — ``.warc`` / ``.warc.gz`` streamed record by record.
- :mod:`.fetch` — ``kit fetch``: URL lists and feeds → a folder of pages.

Part of :mod:`kit.reading`: imports only the bottom layer of the kit.
"""

from kit.reading.web.page import Page, extract

__all__ = ["Page", "extract"]
