"""Case table for decoding pages: declared encodings in WHATWG order (BOM, header, meta),
undeclared French pages, and UTF-8 pages with stray Windows-1252 bytes. Every result must
hold whichever character detector is installed."""

from __future__ import annotations

import codecs
import sys

import pytest

from crawler.parser import Interview, parse_page
from crawler.parser.decode import decode_page, detect_encoding

FRENCH = "Une œuvre commune, l’été dernier : 10 000 € récoltés « à la main »… Œil vif, déjà."


def page(text: str, head: str = "", title: str = "Essai") -> str:
    return f"<!DOCTYPE html><html><head>{head}<title>{title}</title></head><body><p>{text}</p></body></html>"


@pytest.fixture(params=["installed", "absent"])
def detectors(request, monkeypatch):
    """Run a test with the installed detectors, then with none importable."""
    if request.param == "absent":
        for module in ("charset_normalizer", "chardet", "cchardet", "faust_cchardet"):
            monkeypatch.setitem(sys.modules, module, None)  # import raises ImportError
    return request.param


# (body, Content-Type header, expected encoding name, expected text in the page)
DECLARED = [
    # BOM beats the header and the meta.
    (codecs.BOM_UTF8 + page(FRENCH, '<meta charset="windows-1252">').encode("utf-8"),
     "text/html; charset=iso-8859-1", "utf-8", FRENCH),
    # The header beats the meta.
    (page(FRENCH, '<meta charset="utf-8">').encode("cp1252"), "text/html; charset=windows-1252", "cp1252", FRENCH),
    (page(FRENCH, '<meta charset="windows-1252">').encode("utf-8"), "text/html; charset=UTF-8", "utf-8", FRENCH),
    # The meta when the header has no charset; ISO-8859-1 is read as Windows-1252 (WHATWG).
    (page(FRENCH, '<meta charset="windows-1252">').encode("cp1252"), "text/html", "cp1252", FRENCH),
    (page(FRENCH, '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">').encode("cp1252"),
     None, "cp1252", FRENCH),
    (page("Une œuvre à 10 €", '<meta charset="iso-8859-15">').encode("iso-8859-15"), None, "iso8859-15",
     "Une œuvre à 10 €"),
    # An unknown header label falls through to the meta.
    (page(FRENCH, '<meta charset="windows-1252">').encode("cp1252"), "text/html; charset=nonsense", "cp1252",
     FRENCH),
]


@pytest.mark.parametrize("body, content_type, encoding, text", DECLARED)
def test_declared_encodings_in_whatwg_order(detectors, body, content_type, encoding, text):
    decoded, used = decode_page(body, content_type)
    assert codecs.lookup(used).name == codecs.lookup(encoding).name
    assert text in decoded


UNDECLARED = [
    (page(FRENCH).encode("cp1252"), "cp1252", FRENCH),
    (page("Le rapport d’été de l’association : un bilan très positif.").encode("cp1252"), "cp1252",
     "Le rapport d’été de l’association : un bilan très positif."),
    (page("Élan, été, œuvre.").encode("cp1252"), "cp1252", "Élan, été, œuvre."),
    (page("Prix : 12 €").encode("cp1252"), "cp1252", "Prix : 12 €"),
    (page(FRENCH).encode("utf-8"), "utf-8", FRENCH),
    (page("Plain ASCII only.").encode("ascii"), "utf-8", "Plain ASCII only."),
    # No byte in 0x80-0x9F and an œ inside a word: only ISO-8859-15 reads it as French.
    (page("Une œuvre et un cœur à 5 €.").encode("iso-8859-15"), "iso-8859-15", "Une œuvre et un cœur à 5 €."),
]


@pytest.mark.parametrize("body, encoding, text", UNDECLARED)
def test_undeclared_pages_read_as_a_french_site_writes(detectors, body, encoding, text):
    assert detect_encoding(body) == encoding
    decoded, used = decode_page(body, None)
    assert codecs.lookup(used).name == codecs.lookup(encoding).name
    assert text in decoded


@pytest.mark.parametrize("content_type", [None, "text/html; charset=utf-8"])
def test_utf8_page_with_stray_cp1252_bytes_is_repaired(detectors, content_type):
    body = page("Déjà l’été : ").encode("utf-8").replace(b"</p>", "une œuvre à 5 €</p>".encode("cp1252"))
    decoded, used = decode_page(body, content_type)
    assert used == "utf-8+cp1252"
    assert "Déjà l’été : une œuvre à 5 €" in decoded


def test_bytes_undefined_in_cp1252_do_not_become_replacement_characters(detectors):
    body = page("été").encode("cp1252").replace(b"</p>", b"\x81\x8d\x8f\x90\x9d</p>")
    decoded, used = decode_page(body, "text/html; charset=windows-1252")
    assert "\ufffd" not in decoded
    assert "été\x81\x8d\x8f\x90\x9d" in decoded
    assert detect_encoding(body) == "cp1252"


def test_an_undeclared_cp1252_interview_keeps_its_words(detectors):
    title = "3 questions à Léo Marchal, Fondateur de l’Atelier Bleu"
    body = page("", title=title).replace("<p></p>", "<h1>3 questions à Léo Marchal, Fondateur de l’Atelier Bleu</h1>"
                            "<p>1. Quelle est l’œuvre de votre atelier cet été ?</p><p>Nous réparons des vélos.</p>"
                            "<p>2. Et le budget ?</p><p>Environ 10 000 € par an.</p>"
                            "<p>3. Et après ?</p><p>Déjà d’autres projets.</p>").encode("cp1252")
    record = parse_page(body, "http://127.0.0.1:8765/2021/05/03/3-questions-a-leo-marchal/")
    assert isinstance(record, Interview), record
    assert record.encoding == "cp1252"
    assert record.organisation == "Atelier Bleu"
    assert "l’œuvre" in record.qa[0].question and "€" in record.qa[1].answer


def test_text_is_returned_as_is():
    assert decode_page("déjà", None) == ("déjà", "unicode")
