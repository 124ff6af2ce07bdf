"""Mark boilerplate spans inside article text (never delete them).

STUB — the loader helper replaces this.
"""

from __future__ import annotations

from .records import Span


def mark_boilerplate(text: str) -> tuple[Span, ...]:
    return ()
