"""The person subjects of an article's sentences, for the pronouns that point to them.

"Am Montag traf Austin …", "Doch Jonas Poestges, der … zuständig ist, ist überzeugt:
…", "Ähnlich sieht es Geoff Yu …": a person named as the subject of a sentence since
the last speaker's mention is the nearer antecedent of a following "er"
(:meth:`SubjectRules.subject_between`). :class:`SubjectRules` is a part of
:class:`kit.quotes.resolve.SpeakerResolver`, which holds the article's words
(``ws``), which of them are inside quotation marks (``_in_quote``), the full names
named so far and the speakers' history.

May import: :mod:`kit.quotes.mentions`, :mod:`kit.wordlists`.
"""

from __future__ import annotations

import bisect
from typing import Any

from kit.quotes.mentions import _SUBJUNCTIONS, LEAD_CONJ, W, is_role
from kit.wordlists import word_class

#: relative pronouns after a comma ("Annika Poestges, die …")
RELATIVE_PRONOUNS = word_class("quote_words.txt", "rel_pron")

#: articles that can only open an object ("Einen …", "Den …"): the subject follows the verb
_ACCUSATIVE_OPENERS = frozenset({"einen", "den", "diesen"})


class SubjectRules:
    """Sentence subjects of the article (see the module docstring)."""

    ws: list[W]
    _in_quote: list[Any] | None
    _subjects: list[tuple[int, int, str]] | None
    full_names: list[str]
    history_end: list[int]

    def _complete(self, name: str) -> str:  # pragma: no cover - the resolver's
        raise NotImplementedError

    def subjects(self) -> list[tuple[int, int, str]]:
        """Person names that open a sentence as its subject, outside quotes: "Austin traf
        am Freitag …", "US-Verteidigungsminister Lloyd Austin sagte …" — (start, end,
        name). Names after a preposition or a case-marked article ("mit dem
        US-Verteidigungsminister Lloyd Austin") are never sentence-initial subjects."""
        if self._subjects is not None:
            return self._subjects
        ws, iq = self.ws, self._in_quote
        finite = {"VVFIN", "VAFIN", "VMFIN"}
        out: list[tuple[int, int, str]] = []
        # a surname on its own is often no PER entity: "Stolpe setzt …" after "Manfred Stolpe"
        surnames = {full.split()[-1] for full in self.full_names}

        def person(w: W) -> bool:
            return w.ent == "PER" or (w.tag == "NE" and w.ent == "" and w.text in surnames)

        def name_at(m: int) -> tuple[int, int]:
            # "(Der) US-Verteidigungsminister Lloyd Austin": article and role titles first
            det = m < len(ws) and ws[m].lower in {"der", "die"}
            m += det
            while (
                m + 1 < len(ws)
                and ws[m].ent != "PER"
                and (
                    is_role(ws[m].text)
                    or (
                        ws[m].tag == "NN"
                        and person(ws[m + 1])
                        and (not det or (m + 2 < len(ws) and person(ws[m + 2])))
                    )
                )
            ):
                # a title noun before the name: "Trainer Thomas Schaaf", "Der Italiener
                # Nicola Zingaretti" (not "die Wahl Bans": a lone surname after an article
                # and a noun may be a genitive)
                m += 1
            n = m
            while n < len(ws) and person(ws[n]) and n - m < 4:
                n += 1
            return m, n

        for k in range(len(ws)):
            if k and ws[k - 1].text in {",", ";"} and not (iq is not None and iq[k]):
                # "…, NLZ-Leiter Uwe Schubert übernimmt …": a clause after a comma opened by a
                # person and its finite verb
                m, n = name_at(k)
                if n > m and n < len(ws) and ws[n].tag in finite and not ws[n].konj:
                    out.append((ws[m].start, ws[n - 1].end, " ".join(x.text for x in ws[m:n])))
                continue
            if k and ws[k - 1].text not in {".", "!", "?"}:
                continue
            if iq is not None and (iq[k] or (k and iq[k - 1])):
                continue
            # "Doch Annika Poestges, die im Haus … zuständig ist, ist überzeugt: …": a
            # conjunction before the subject, a relative clause after it
            m, n = name_at(k + 1 if ws[k].lower in LEAD_CONJ and k + 1 < len(ws) else k)
            if (
                n > m
                and n + 1 < len(ws)
                and ws[n].text == ","
                and ws[n + 1].lower in RELATIVE_PRONOUNS
            ):
                close = next(
                    (x for x in range(n + 2, min(n + 25, len(ws))) if ws[x].text in ",.;:!?"), None
                )
                if close is not None and ws[close].text == "," and close + 1 < len(ws):
                    v = close + 1
                    if ws[v].tag in finite and not ws[v].konj:
                        out.append((ws[m].start, ws[n - 1].end, " ".join(x.text for x in ws[m:n])))
                        continue
            if n > m and n < len(ws) and ws[n].tag in finite and not ws[n].konj:
                out.append((ws[m].start, ws[n - 1].end, " ".join(x.text for x in ws[m:n])))
                continue
            if n == m and ws[k].lower in {"der", "die"}:
                # "Der ehemalige Bürgermeister der Gemeinde Dörverden, Heiner Falldorf,
                # schätzt …": a name in apposition between commas, then the verb
                c = next((j for j in range(k + 1, min(k + 10, len(ws))) if ws[j].text == ","), None)
                if c is not None:
                    m, n = c + 1, c + 1
                    while n < len(ws) and person(ws[n]) and n - m < 4:
                        n += 1
                    if (
                        n > m
                        and n + 1 < len(ws)
                        and ws[n].text == ","
                        and ws[n + 1].tag in finite
                        and not ws[n + 1].konj
                    ):
                        out.append((ws[m].start, ws[n - 1].end, " ".join(x.text for x in ws[m:n])))
                continue
            # inverted: "Da Frankfurt … gewann, war Trainer Thomas Schaaf zufrieden", "Am
            # Montag traf Austin …": the first finite verb of the main clause, then the name
            j = k
            reach = 8
            nxt = ws[k + 1].tag if k + 1 < len(ws) else ""
            if ws[k].tag == "KOUS" or (ws[k].lower in _SUBJUNCTIONS and nxt not in finite):
                j = next((x for x in range(k, min(k + 30, len(ws))) if ws[x].text in ",.!?"), k)
                j += 1
            elif ws[k].lower in _ACCUSATIVE_OPENERS:
                # "Einen direkten Zusammenhang zwischen … sieht Marc Olefs": an object first
                reach = 20
            elif ws[k].tag == "PTKNEG":
                # "Nicht gegen die Ehrung, wohl aber gegen … sprach sich Hannes Gnauck aus": a
                # negated phrase and its contrast (with a comma) before the verb
                reach = 24
            elif ws[k].tag not in {"ADV", "APPR", "APPRART", "PROAV", "PAV", "ADJD"}:
                continue
            v = next((x for x in range(j, min(j + reach, len(ws))) if ws[x].tag in finite), None)
            stops = ".!?:;" if ws[k].tag == "PTKNEG" else ",.!?:;"
            if v is None or ws[v].konj or any(ws[x].text in stops for x in range(j, v)):
                continue
            if iq is not None and iq[v]:
                continue
            m, n = name_at(v + 2 if v + 1 < len(ws) and ws[v + 1].lower == "sich" else v + 1)
            if n > m:
                out.append((ws[m].start, ws[n - 1].end, " ".join(x.text for x in ws[m:n])))
        self._subjects = out
        return out

    def subject_between(self, pos: int) -> tuple[int, int, str] | None:
        """The person subject named since the last speaker's mention and before ``pos``:
        (start, end, fullest name), or None."""
        got = self._subject_between(pos, span=True)
        return (got[0], got[1], self._complete(got[2])) if got else None

    def _subject_between(self, pos: int, span: bool = False) -> Any:
        """The person subject named after the last speaker's mention and before a pronoun
        at ``pos``, if any: the nearer antecedent."""
        last = self.history_end[-1] if self.history_end else -1
        subjects = self.subjects()
        reach = self.__dict__.get("_subject_reach")
        if reach is None or len(reach) != len(subjects):
            reach, top = [], -1  # running maximum of the starts: ascending, so bisect works
            for start, _end, _name in subjects:
                top = max(top, start)
                reach.append(top)
            self.__dict__["_subject_reach"] = reach
        # the scan in list order stops at the first subject starting at or after ``pos``
        stop = bisect.bisect_left(reach, pos)
        # … and the answer is the last one before that which starts after ``last``
        for k in range(stop - 1, -1, -1):
            if reach[k] <= last:
                break
            if subjects[k][0] > last:
                return subjects[k] if span else subjects[k][2]
        return None if span else ""
