"""The page reader (kit.reading.web) on tiny pages written for these tests (no real pages)."""

import gzip
import json

from kit.reading.web import page as webpage
from kit.reading.web.dates import parse_date
from kit.reading.web.outlets import lookup_outlet
from kit.reading.web.page import extract
from kit.reading.web.titles import strip_title_affixes

PARAS = [
    "Der Stadtrat hat am Dienstagabend nach langer Debatte beschlossen, die Straßenbahnlinie bis zum neuen "
    "Wohngebiet im Norden zu verlängern. Die Bauarbeiten sollen im kommenden Frühjahr beginnen.",
    "Nach Angaben der Verwaltung kostet das Vorhaben rund 48 Millionen Euro. Der größte Teil soll aus "
    "Fördermitteln des Landes und des Bundes kommen, den Rest trägt die Stadt selbst.",
    "Anwohnerinnen und Anwohner hatten sich seit Jahren für eine bessere Anbindung eingesetzt. Bislang fahren "
    "dort nur Busse, die in der Hauptverkehrszeit regelmäßig im Stau stehen.",
    "Die Opposition kritisierte den Zeitplan als zu ehrgeizig. Man werde genau darauf achten, dass die Kosten "
    "nicht aus dem Ruder laufen, sagte ein Sprecher nach der Sitzung.",
]


def page(head="", body_top="", paras=PARAS, body_end="", lang="de", extra_body=""):
    ps = "\n".join(f"<p>{p}</p>" for p in paras)
    lang_attr = f' lang="{lang}"' if lang else ""
    return (
        f'<!DOCTYPE html><html{lang_attr}><head><meta charset="utf-8">{head}</head><body>'
        '<nav><a href="/">Startseite</a> <a href="/politik">Politik</a></nav>'
        f"<main><article>{body_top}{ps}{body_end}</article></main>{extra_body}"
        "<footer><p>Impressum · Datenschutz · Kontakt</p></footer></body></html>"
    ).encode()


def ld(obj):
    return f'<script type="application/ld+json">{json.dumps(obj, ensure_ascii=False)}</script>'


# --------------------------------------------------------------------------- metadata


def test_json_ld_graph_article():
    head = ld(
        {
            "@context": "https://schema.org",
            "@graph": [
                {
                    "@type": "WebSite",
                    "@id": "https://www.example-zeitung.de/#site",
                    "name": "Beispiel",
                },
                {
                    "@type": "Person",
                    "@id": "https://www.example-zeitung.de/#p1",
                    "name": "Erika Musterfrau",
                },
                {
                    "@type": "NewsArticle",
                    "headline": "Straßenbahn wird verlängert",
                    "datePublished": "2024-03-05T18:30:00+01:00",
                    "dateModified": "2024-03-06T08:00:00+01:00",
                    "author": [
                        {"@id": "https://www.example-zeitung.de/#p1"},
                        {"@type": "Person", "name": "Max Muster"},
                    ],
                    "publisher": {"@type": "NewsMediaOrganization", "name": "Rheinische Post"},
                    "description": "Der Stadtrat hat beschlossen, die Straßenbahn zu verlängern.",
                },
            ],
        }
    )
    head += (
        '<link rel="canonical" href="https://www.example-zeitung.de/stadt/strassenbahn-123.html">'
    )
    p = extract(page(head, "<h1>Straßenbahn wird verlängert</h1>"))
    assert p.meta["title"] == "Straßenbahn wird verlängert"
    assert p.field_sources["title"] == "json-ld"
    assert p.meta["date"] == "2024-03-05"
    assert p.meta["datetime"] == "2024-03-05T18:30:00+01:00"
    assert p.meta["modified"].startswith("2024-03-06T08:00")
    assert p.meta["authors"] == ["Erika Musterfrau", "Max Muster"]
    assert p.field_sources["authors"] == "json-ld"
    assert p.meta["outlet"] == "Rheinische Post"
    assert p.meta["url"] == "https://www.example-zeitung.de/stadt/strassenbahn-123.html"
    assert p.meta["language"] == "de"
    assert p.text.split("\n\n")[0] == "Straßenbahn wird verlängert"
    assert PARAS[0] in p.text and PARAS[3] in p.text
    assert p.problems == []


def test_open_graph_and_meta_with_outlet_suffix():
    head = (
        '<meta property="og:title" content="Straßenbahn wird verlängert | DER SPIEGEL">'
        '<meta property="og:site_name" content="SPIEGEL">'
        '<meta property="article:published_time" content="2024-03-05T18:30:00Z">'
        '<meta name="author" content="Von Erika Musterfrau und Max Muster">'
        '<meta property="og:url" content="https://www.spiegel.de/panorama/strassenbahn-a-1.html">'
        "<title>Straßenbahn wird verlängert - DER SPIEGEL</title>"
    )
    p = extract(page(head, "<h1>Straßenbahn wird verlängert</h1>"))
    assert p.meta["title"] == "Straßenbahn wird verlängert"
    assert p.field_sources["title"] == "og"
    assert p.meta["outlet"] == "Spiegel"
    assert p.meta["datetime"] == "2024-03-05T18:30:00+00:00"
    assert p.field_sources["date"] == "meta"
    assert p.meta["authors"] == ["Erika Musterfrau", "Max Muster"]


def test_kicker_in_title_is_split_off():
    head = ld(
        {
            "@type": "NewsArticle",
            "headline": "Verkehrswende: Straßenbahn wird verlängert",
            "datePublished": "2024-03-05",
        }
    )
    head += '<meta property="og:title" content="Straßenbahn wird verlängert">'
    top = (
        '<h1><span class="headline__kicker">Verkehrswende</span>'
        '<span class="headline__title">Straßenbahn wird verlängert</span></h1>'
    )
    p = extract(page(head, top))
    assert p.meta["title"] == "Straßenbahn wird verlängert"
    # the headline (with or without kicker) is not repeated in the body
    assert p.text.count("Straßenbahn wird verlängert") == 1
    assert "Verkehrswende" not in p.text


def test_title_suffix_and_date_in_title():
    names = {"dw"}
    assert (
        strip_title_affixes("Ukraine: Ziele, Chancen | Europa | DW | 28.04.2023", names, loose=True)
        == "Ukraine: Ziele, Chancen"
    )
    assert strip_title_affixes("Neue Regeln - Golem.de", set()) == "Neue Regeln"
    assert (
        strip_title_affixes("Orden fürs Morden, Tageszeitung junge Welt, 26.04.2024", set())
        == "Orden fürs Morden"
    )
    # a dash inside a real title stays
    assert (
        strip_title_affixes("Rückschlag im Titelkampf - Liverpool verliert bei Everton", set())
        == "Rückschlag im Titelkampf - Liverpool verliert bei Everton"
    )


def test_outlet_aliases():
    assert lookup_outlet("DER SPIEGEL") == "Spiegel"
    assert lookup_outlet("spiegel.de") == "Spiegel"
    assert lookup_outlet("https://www.spiegel.de/politik/") == "Spiegel"
    assert lookup_outlet("RFA") == "Radio Free Asia"
    assert lookup_outlet("Deutsche Presse-Agentur") == "dpa"
    assert lookup_outlet("sport.sueddeutsche.de") == "SZ"
    assert lookup_outlet("Nicht Vorhanden Zeitung") is None


def test_outlet_never_url_or_underscore():
    head = '<meta property="og:site_name" content="https://www.unbekannt_blatt.example/">'
    p = extract(
        page(head, "<h1>Straßenbahn wird verlängert</h1>"),
        url="https://www.unbekannt_blatt.example/a",
    )
    assert p.meta["outlet"]
    assert (
        "://" not in p.meta["outlet"]
        and "_" not in p.meta["outlet"]
        and "/" not in p.meta["outlet"]
    )


def test_date_formats():
    assert parse_date("Fri Apr 28 19:20:36 CEST 2023").iso() == "2023-04-28T19:20:36+02:00"
    assert parse_date("2024-04-30 16:17:29 +02:00").iso() == "2024-04-30T16:17:29+02:00"
    assert parse_date("2024-04-21T20:24:00+0200").iso() == "2024-04-21T20:24:00+02:00"
    assert parse_date("2023-04-28T17:52:31.847Z").iso() == "2023-04-28T17:52:31+00:00"
    assert parse_date("28.04.2023, 19:20 Uhr").iso() == "2023-04-28T19:20:00"
    assert parse_date("2024-04-30").iso() == "2024-04-30"
    assert parse_date("kein Datum") is None


def test_naive_date_completed_by_offset_source():
    head = ld(
        {
            "@type": "NewsArticle",
            "headline": "Straßenbahn wird verlängert",
            "datePublished": "2023-04-28 18:11:01.0",
        }
    )
    head += '<meta name="date" content="2023-04-28T18:11:01+02:00">'
    p = extract(page(head))
    assert p.meta["datetime"] == "2023-04-28T18:11:01+02:00"
    assert p.field_sources["datetime"] == "json-ld"


# ------------------------------------------------------------------------ body text


def test_teaser_with_dateline_and_quotes_survive():
    quotes = (
        '„Wir sind sehr froh“, sagte sie. "Endlich" heißt es, »nie wieder« und «bald», '
        "‚klein‘ und ›fein‹ – alles bleibt, wie es war."
    )
    head = '<meta property="og:description" content="Die Straßenbahn kommt. Der Stadtrat hat entschieden.">'
    top = (
        '<h1>Straßenbahn wird verlängert</h1><div class="lead"><span>Berlin.</span> '
        "<span>Die Straßenbahn kommt. Der Stadtrat hat entschieden.</span></div>"
    )
    p = extract(page(head, top, PARAS + [quotes]))
    parts = p.text.split("\n\n")
    assert parts[1] == "Berlin. Die Straßenbahn kommt. Der Stadtrat hat entschieden."
    assert p.meta["teaser"] == parts[1]
    assert quotes in p.text


def test_comments_section_is_dropped():
    comments = (
        '<section class="comments"><h2>Kommentare</h2>'
        '<div class="comment"><p>Leser123 schrieb: Das ist doch alles viel zu teuer und kommt sowieso zu spät, '
        "wie immer in dieser Stadt.</p></div>"
        '<div class="comment"><p>Anna_B meinte: Endlich passiert etwas, ich freue mich schon auf die neue '
        "Verbindung in den Norden.</p></div></section>"
    )
    p = extract(
        page(
            "<title>Straßenbahn wird verlängert</title>",
            "<h1>Straßenbahn wird verlängert</h1>",
            body_end=comments,
        )
    )
    assert PARAS[2] in p.text
    assert "Leser123" not in p.text and "Anna_B" not in p.text
    assert "Kommentare" not in p.text


def test_paywall_newsletter_and_related_boxes_are_dropped():
    junk = (
        '<div class="paywall"><p>Lesen Sie jetzt weiter mit unserem Digitalabo: Jetzt testen für nur 1 Euro '
        "im ersten Monat, jederzeit kündbar.</p></div>"
        "<p>Jetzt kostenlos zum Newsletter anmelden und nichts mehr verpassen!</p>"
        "<p>Lesen Sie auch: Neue Buslinie im Süden startet im Mai</p>"
        '<figure><img src="x.jpg" alt="Eine Straßenbahn an der Endhaltestelle im Norden der Stadt">'
        "<figcaption>Eine Straßenbahn an der Endhaltestelle. Foto: Max Muster/dpa</figcaption></figure>"
    )
    p = extract(
        page(
            "<title>Straßenbahn wird verlängert</title>",
            "<h1>Straßenbahn wird verlängert</h1>",
            PARAS[:2] + [junk] + PARAS[2:],
        )
    )
    for para in PARAS:
        assert para in p.text
    for bad in ("Digitalabo", "Newsletter", "Lesen Sie auch", "Endhaltestelle"):
        assert bad not in p.text


def test_gzip_input_and_language_detection():
    raw = gzip.compress(page("<title>Straßenbahn wird verlängert</title>", lang=""))
    p = extract(raw)
    assert PARAS[1] in p.text
    assert p.meta["language"] == "de"
    assert p.field_sources["language"] == "langid"


# ------------------------------------------------------------------------ bad pages


def test_empty_page():
    for data in (b"", b"   \n", None):
        p = extract(data)
        assert p.text == "" and p.problems and p.problems[0].startswith("empty")


def test_not_html():
    p = extract(b'{"status": "ok", "items": [1, 2, 3]}')
    assert p.text == "" and p.problems[0].startswith("not HTML")
    assert "JSON" in p.problems[0]
    p = extract(b"Nur ein bisschen Text ohne jedes Markup.")
    assert p.problems[0].startswith("not HTML")


def test_binary():
    p = extract(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    assert p.problems[0].startswith("binary") and "PNG" in p.problems[0]
    p = extract(bytes(range(256)) * 20)
    assert p.problems[0].startswith("binary")


def test_too_large():
    big = b"<html><body>" + b"<p>" + b"x" * (20 * 1024 * 1024) + b"</p></body></html>"
    p = extract(big)
    assert p.problems[0].startswith("too large") and p.text == ""
    # a gzip bomb is stopped while unpacking
    p = extract(gzip.compress(big))
    assert p.problems[0].startswith("too large")


def test_broken_encoding_cp1252_without_declaration():
    html = (
        page("<title>Straßenbahn wird verlängert</title>")
        .decode("utf-8")
        .replace('<meta charset="utf-8">', "")
    )
    p = extract(html.encode("cp1252"))
    assert any(x.startswith("broken encoding") for x in p.problems)
    assert "Straßenbahnlinie" in p.text  # decoded correctly nevertheless


def test_mojibake_is_repaired():
    html = page('<meta property="og:title" content="Straßenbahn wird verlängert">').decode("utf-8")
    moji = html.replace("Straßenbahn", "Straßenbahn".encode().decode("cp1252")).replace(
        "größte", "größte".encode().decode("cp1252")
    )
    moji = moji.replace("Bauarbeiten", "Ã¼berall Ã¤hnlich Bauarbeiten")
    p = extract(moji.encode("utf-8"))
    assert any("mojibake" in x for x in p.problems)
    assert p.meta["title"] == "Straßenbahn wird verlängert"
    assert "größte" in p.text and "Ã" not in p.text


def test_no_article_text():
    html = (
        b"<html><head><title>Startseite</title></head><body><nav><a href='/a'>Politik</a>"
        b"<a href='/b'>Sport</a></nav></body></html>"
    )
    p = extract(html)
    assert "no article text found" in p.problems
    assert not p.ok


def test_never_raises_on_garbage_markup():
    for data in (b"<html><body><p>" * 5000, b"<<<>>>", b"<html>\x00</html>"):
        p = extract(data)
        assert isinstance(p, webpage.Page)
