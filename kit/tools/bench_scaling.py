"""Long articles for the scaling benchmark: generated transcript-like German text.

A Bundestag plenary protocol, a press-conference transcript or a scraped page
can be one article of 0.3–5 MB. :func:`transcript` writes such an article of
a requested length: paragraphs of speakers („…“, sagte X; X sagte, es gebe …;
Nach Angaben des …; laut X; X zufolge …; Zwischenrufe), a figure in nearly
every sentence, names composed from syllables (one pool per article that
grows with its length, so a long article also has more people in it), and
never one sentence twice (every sentence is checked against those already
written). Everything is seeded: the same call gives the same text.

:func:`single_line` is the other stress case of issue 12: one line of
``"Die Zahl lag bei 8.000 Soldaten, sagte er. "`` repeated, 25,000 short
attributed sentences without a single line break.

:func:`fit_exponent` fits ``seconds = c · length^k`` on a log–log scale
(least squares); ``k`` ≈ 1 means linear cost.

The templates are ours, written for this benchmark; the first names come
from the kit's own gazetteer (``kit/resources/first_names.txt``).
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from pathlib import Path

from kit.tools.bench_corpus import _NAME_CODAS, _NAME_NUCLEI, _NAME_ONSETS, peak_rss_mb
from kit.wordlists import lines

_PARTIES = ("SPD", "CDU", "CSU", "Grüne", "FDP", "Linke", "AfD", "BSW")
_ROLES = (
    "Bundesminister", "Staatssekretärin", "Abgeordneter", "Abgeordnete", "Ministerin",
    "Fraktionschef", "Senatorin", "Bürgermeister", "Landrat", "Sprecherin", "Präsident",
    "Vorsitzende", "Berichterstatter", "Ministerpräsident",
)  # fmt: skip
_ORGS = (
    "Statistischen Bundesamtes", "Bundesagentur für Arbeit", "Robert-Koch-Instituts",
    "Innenministeriums", "Finanzministeriums", "Deutschen Städtetages", "Bundesrechnungshofes",
    "Umweltbundesamtes", "Kraftfahrt-Bundesamtes", "Bundeskriminalamtes", "ADAC",
    "Deutschen Gewerkschaftsbundes", "Mieterbundes", "Bauernverbandes", "Ifo-Instituts",
)  # fmt: skip
_NOUNS = (
    "Wohnungen", "Lehrer", "Pflegekräfte", "Soldaten", "Flüchtlinge", "Schulen", "Brücken",
    "Windräder", "Ladesäulen", "Ärzte", "Polizisten", "Betriebe", "Arbeitsplätze", "Kitaplätze",
    "Busse", "Studierende", "Rentner", "Haushalte", "Anträge", "Verfahren", "Kilometer Radwege",
    "Tonnen Stahl", "Hektar Wald", "Stellen", "Patienten", "Fahrzeuge", "Asylanträge",
)  # fmt: skip
# (nominative article, accusative article, noun)
_TOPICS = (
    ("der", "den", "Haushalt"), ("das", "das", "Rentenpaket"), ("das", "das", "Heizungsgesetz"),
    ("das", "das", "Bürgergeld"), ("die", "die", "Bundeswehr"), ("der", "den", "Wohnungsbau"),
    ("der", "den", "Klimaschutz"), ("der", "den", "Digitalpakt"), ("die", "die", "Krankenhausreform"),
    ("die", "die", "Schuldenbremse"), ("das", "das", "Migrationspaket"),
    ("das", "das", "Deutschlandticket"), ("die", "die", "Kindergrundsicherung"),
    ("der", "den", "Mindestlohn"), ("der", "den", "Netzausbau"), ("der", "den", "Agrardiesel"),
)  # fmt: skip
_PLACES = (
    "Berlin", "Hamburg", "Bayern", "Sachsen", "Brandenburg", "Hessen", "Bremen", "Thüringen",
    "Niedersachsen", "Köln", "Leipzig", "Dresden", "München", "Stuttgart", "Kiel", "Mainz",
)  # fmt: skip
_MONTHS = (
    "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
    "Oktober", "November", "Dezember",
)  # fmt: skip
_VERBS_SAY = ("sagte", "erklärte", "betonte", "kritisierte", "warnte", "versicherte")
_CHANGES = ("gestiegen", "gesunken", "gewachsen", "zurückgegangen")
# (finite verb, rest after the subject): "In Kiel fehlen 300 Lehrer", "… sind 30 Lehrer betroffen"
_SUBJ_VERBS = (
    ("fehlen", ""), ("entstehen", ""), ("warten", " auf einen Termin"), ("sind", " betroffen"),
    ("werden", " gebraucht"), ("stehen", " leer"), ("wurden", " gestrichen"), ("kommen", " hinzu"),
)  # fmt: skip


def _de_int(n: int) -> str:
    """German thousands separator: 12345 → "12.345"."""
    return f"{n:,}".replace(",", ".")


def _de_dec(x: float, digits: int = 1) -> str:
    return f"{x:.{digits}f}".replace(".", ",")


class _Writer:
    """Sentence templates over a seeded random source and a growing pool of people."""

    def __init__(self, rng: random.Random, n_people: int) -> None:
        self.rng = rng
        first = [n for n in lines("first_names.txt") if n.isalpha() and n[0].isupper()]
        taken: set[str] = set()
        self.people: list[tuple[str, str, str, str]] = []  # (first, surname, role, party)
        while len(self.people) < n_people:
            surname = (
                rng.choice(_NAME_ONSETS)
                + rng.choice(_NAME_NUCLEI)
                + rng.choice(_NAME_CODAS)
                + (rng.choice(_NAME_CODAS) if rng.random() < 0.2 else "")
            )
            if surname in taken:
                continue
            taken.add(surname)
            self.people.append(
                (rng.choice(first), surname, rng.choice(_ROLES), rng.choice(_PARTIES))
            )

    # -- slots
    def person(self) -> tuple[str, str, str, str]:
        return self.rng.choice(self.people)

    def number(self) -> str:
        r = self.rng
        kind = r.randrange(7)
        if kind == 0:
            return _de_int(r.randrange(1_000, 990_000))
        if kind == 1:
            return f"{_de_dec(r.uniform(1, 99))} Millionen"
        if kind == 2:
            return str(r.randrange(2, 999))
        if kind == 3:
            return f"rund {_de_int(r.randrange(1_000, 99_000))}"
        if kind == 4:
            return f"mehr als {_de_int(r.randrange(100, 50_000))}"
        if kind == 5:
            return f"{_de_dec(r.uniform(1, 9), 2)} Milliarden"
        return f"knapp {r.randrange(10, 900)}"

    def percent(self) -> str:
        return f"{_de_dec(self.rng.uniform(0.2, 60))} Prozent"

    def money(self) -> str:
        r = self.rng
        if r.random() < 0.5:
            return f"{_de_dec(r.uniform(1, 99))} Milliarden Euro"
        return f"{_de_int(r.randrange(10_000, 9_000_000))} Euro"

    def date(self) -> str:
        r = self.rng
        return f"am {r.randrange(1, 29)}. {r.choice(_MONTHS)} {r.randrange(2015, 2031)}"

    def claim(self) -> str:
        """A self-contained clause with a figure, as said in a quotation."""
        r = self.rng
        k = r.randrange(6)
        noun = r.choice(_NOUNS)
        if k == 0:
            verb, rest = r.choice(_SUBJ_VERBS)
            return f"In {r.choice(_PLACES)} {verb} {self.number()} {noun}{rest}"
        if k == 1:
            art, _, topic = r.choice(_TOPICS)
            return (
                f"{art.title()} {topic} kostet uns {self.money()} im Jahr {r.randrange(2015, 2031)}"
            )
        if k == 2:
            return f"Die Zahl der {noun} ist seit {r.randrange(2010, 2024)} um {self.percent()} {r.choice(_CHANGES)}"
        if k == 3:
            return f"Wir haben {self.number()} {noun} versprochen und nur {r.randrange(2, 99)} Prozent geliefert"
        if k == 4:
            return f"Bis {r.randrange(2025, 2040)} brauchen wir {self.number()} zusätzliche {noun}"
        return f"Allein {self.date()} wurden {self.number()} {noun} gemeldet"

    def sentence(self) -> str:
        r = self.rng
        first, last, role, party = self.person()
        k = r.randrange(11)
        if k == 0:
            return f"„{self.claim()}“, {r.choice(_VERBS_SAY)} {role} {first} {last} ({party})."
        if k == 1:
            return f"{first} {last} ({party}): „{self.claim()}. {self.claim()}.“"
        if k == 2:
            return (
                f"Nach Angaben des {r.choice(_ORGS)} wurden im {r.choice(_MONTHS)} "
                f"{self.number()} {r.choice(_NOUNS)} gezählt, {self.percent()} mehr als im Vorjahr."
            )
        if k == 3:
            return f"{role} {last} sagte, es gebe in {r.choice(_PLACES)} derzeit {self.number()} {r.choice(_NOUNS)}."
        if k == 4:
            art, _, topic = r.choice(_TOPICS)
            return f"Laut {last} kostet {art} {topic} bis {r.randrange(2025, 2035)} {self.money()}."
        if k == 5:
            return f"{last} zufolge seien {self.number()} {r.choice(_NOUNS)} in {r.choice(_PLACES)} betroffen."
        if k == 6:
            second = self.claim()
            return f"„{self.claim()}“, fügte {last} hinzu, „{second[0].lower()}{second[1:]}.“"
        if k == 7:
            return f"(Zwischenruf {first} {last} [{party}]: „{r.randrange(2, 99)} Prozent? Das stimmt doch nicht!“)"
        if k == 8:
            _, acc, topic = r.choice(_TOPICS)
            return (
                f"Die Regierung teilte {self.date()} mit, für {acc} {topic} stünden "
                f"{self.money()} bereit."
            )
        if k == 9:
            return f"Präsidentin: Das Wort hat {role} {first} {last}, {party}, für {r.randrange(3, 12)} Minuten."
        return (
            f"{first} {last} warnte, die Zahl der {r.choice(_NOUNS)} sei um {self.percent()} "
            f"{r.choice(_CHANGES)}."
        )


def transcript(n_chars: int, *, seed: int = 12) -> str:
    """A transcript-like article of about ``n_chars`` characters (paragraphs of 2–6 sentences).

    No sentence occurs twice; the people pool grows with the length
    (``12 + n_chars / 20,000`` persons).
    """
    return "\n".join(" ".join(p) for p in paragraphs(n_chars, seed=seed))


def paragraphs(n_chars: int, *, seed: int = 12) -> list[list[str]]:
    """The sentences of :func:`transcript`, paragraph by paragraph."""
    rng = random.Random(seed * 1_000_003 + n_chars)
    writer = _Writer(rng, 12 + n_chars // 20_000)
    seen: set[str] = set()
    out: list[list[str]] = []
    size = 0
    while size < n_chars:
        sents = []
        for _ in range(rng.randrange(2, 7)):
            for _attempt in range(50):
                s = writer.sentence()
                if s not in seen:
                    break
            else:  # pragma: no cover - 50 repeats in a row would mean a broken writer
                raise RuntimeError("bench_scaling: the sentence writer keeps repeating itself")
            seen.add(s)
            sents.append(s)
        out.append(sents)
        size += sum(len(x) + 1 for x in sents)
    return out


SINGLE_LINE_SENTENCE = "Die Zahl lag bei 8.000 Soldaten, sagte er. "


def single_line(n_sentences: int = 25_000) -> str:
    """The issue's worst case: one line of ``n_sentences`` identical attributed sentences."""
    return (SINGLE_LINE_SENTENCE * n_sentences).rstrip()


def fit_exponent(lengths: Sequence[float], seconds: Sequence[float]) -> float:
    """Least-squares slope of log(seconds) against log(length): the cost exponent."""
    xs = [math.log(x) for x in lengths]
    ys = [math.log(max(y, 1e-9)) for y in seconds]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx if sxx else 0.0


# ------------------------------------------------------------------- measuring

#: article lengths (characters) of the scaling benchmark, and how often each is timed
FULL_SIZES = (10_000, 20_000, 50_000, 100_000, 200_000, 500_000, 1_000_000, 2_000_000)
QUICK_SIZES = (10_000, 50_000, 200_000, 1_000_000, 2_000_000)


def _repeats(size: int, quick: bool) -> int:
    if size <= 200_000:
        return 2 if quick else 3
    return 1 if quick else 2


def measure(
    sizes: Sequence[int], *, quick: bool = False, single_sentences: int = 25_000
) -> dict[str, object]:
    """Time the per-article job on generated transcripts and on the single line.

    Runs in the calling process (the bench starts a fresh one): the pipeline is
    loaded and warmed first; each article is timed ``_repeats`` times and the
    fastest run counts (other jobs on a shared machine only ever slow a run
    down). Returns the rows, the fitted exponent and the single-line figures.
    """
    import time

    from kit.corpus.article import process_article
    from kit.german.pipeline import get_nlp
    from kit.reading.boilerplate import mark_boilerplate
    from kit.records import Article

    nlp = get_nlp()
    nlp("Warm-up: Der Minister sagte, es gebe 3.000 Soldaten.")

    def run(name: str, text: str, times: int) -> tuple[float, float, dict]:
        article = Article(name, text, f"{name}.txt", {}, mark_boilerplate(text))
        best = best_cpu = float("inf")
        payload: dict = {}
        for _ in range(times):
            start, cpu = time.perf_counter(), time.process_time()
            payload = process_article(article, nlp, timeout=None)
            best = min(best, time.perf_counter() - start)
            best_cpu = min(best_cpu, time.process_time() - cpu)
        return best, best_cpu, payload

    rows = []
    for size in sizes:
        text = transcript(size)
        seconds, cpu, payload = run(f"transcript-{size}", text, _repeats(size, quick))
        rows.append({
            "chars": len(text), "words": payload["n_words"], "seconds": round(seconds, 3),
            "cpu_seconds": round(cpu, 3), "quotes": len(payload["quotes"]),
            "figures": len(payload["figures"]),
        })  # fmt: skip
    line = single_line(single_sentences)
    seconds, cpu, payload = run("single-line", line, 1)
    lengths = [r["chars"] for r in rows]
    upper = [r for r in rows if r["chars"] >= 200_000]
    one_mb = min(rows, key=lambda r: abs(r["chars"] - 1_000_000))
    return {
        "rows": rows,
        "exponent": round(fit_exponent(lengths, [r["seconds"] for r in rows]), 3),
        "exponent_cpu": round(fit_exponent(lengths, [r["cpu_seconds"] for r in rows]), 3),
        "exponent_upper": round(
            fit_exponent([r["chars"] for r in upper], [r["seconds"] for r in upper]), 3
        )
        if len(upper) >= 2
        else None,
        "one_mb_s": one_mb["seconds"],
        "one_mb_chars": one_mb["chars"],
        "single_line": {
            "chars": len(line),
            "sentences": line.count(SINGLE_LINE_SENTENCE.strip()),
            "seconds": round(seconds, 2),
            "quotes": len(payload["quotes"]),
            "figures": len(payload["figures"]),
        },  # fmt: skip
        "peak_mb": round(peak_rss_mb()),
    }


def plot(result: dict, path: Path) -> Path:
    """The log–log plot of time per article against its length, with the fitted line."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = result["rows"]
    xs = [r["chars"] / 1000 for r in rows]
    ys = [r["seconds"] for r in rows]
    k = result["exponent"]
    # the fitted line through the geometric means
    mx = math.exp(sum(math.log(x) for x in xs) / len(xs))
    my = math.exp(sum(math.log(y) for y in ys) / len(ys))
    fig, ax = plt.subplots(figsize=(6.4, 4.2), dpi=120)
    ax.loglog(xs, ys, "o", color="#1f4e79", label="transcript-like article (fastest run)")
    ax.loglog(
        [xs[0], xs[-1]], [my * (xs[0] / mx) ** k, my * (xs[-1] / mx) ** k], "-",
        color="#c0504d", label=f"fit: time ∝ length^{k:.2f}",
    )  # fmt: skip
    ax.loglog(
        [xs[0], xs[-1]], [my * (xs[0] / mx), my * (xs[-1] / mx)], ":", color="#888888",
        label="linear (exponent 1)",
    )  # fmt: skip
    single = result["single_line"]
    ax.loglog(
        [single["chars"] / 1000], [single["seconds"]], "s", color="#e69f00",
        label=f"one line, {single['sentences']:,} sentences",
    )  # fmt: skip
    ax.set_xlabel("article length (1,000 characters)")
    ax.set_ylabel("seconds per article")
    ax.set_title("kit: time per article against its length (log–log)")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path)
    plt.close(fig)
    return path
