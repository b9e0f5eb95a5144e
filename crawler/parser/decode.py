"""Bytes to text: which encoding a page really uses, and a record of how it was decoded.

A page that declares nothing is read with the candidates a French site uses, in order:
UTF-8, then Windows-1252 (ISO-8859-15 only when its bytes read as French in it and in no
other), through BeautifulSoup's ``UnicodeDammit`` given those candidates: no statistical
detector decides (charset-normalizer or chardet read short French Windows-1252 pages as
windows-1250 or johab), so the result does not depend on what is installed."""

from __future__ import annotations

import codecs
import re

from bs4.dammit import UnicodeDammit
from w3lib.encoding import html_to_unicode, http_content_type_encoding, read_bom, resolve_encoding, to_unicode

# Well-formed UTF-8 sequences of two to four bytes (no overlongs, no surrogates).
UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
                           rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
                           rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}")
HIGH_BYTE = re.compile(rb"[\x80-\xff]")
# Bytes 0x80-0x9F are printable in Windows-1252 (€ ’ œ …) and unused in ISO-8859-15.
CP1252_ONLY = re.compile(rb"[\x80-\x9f]")
# Where ISO-8859-15 differs from Windows-1252 in a way French text shows: œ/Œ (0xBD/0xBC,
# "½"/"¼" in Windows-1252) inside a word, € (0xA4, "¤") after a digit or a space.
LATIN9_FRENCH = re.compile(rb"[A-Za-z\xc0-\xff][\xbc\xbd]|[\xbc\xbd][a-z\xe0-\xff]|[0-9 ]\xa4")


def _cp1252_for_invalid_utf8(error: UnicodeError) -> tuple[str, int]:
    """Decode the bytes that are not UTF-8 as Windows-1252 (what a copy-paste from an old
    editor leaves in a UTF-8 page), instead of replacing them with U+FFFD."""
    assert isinstance(error, UnicodeDecodeError)
    bad = error.object[error.start:error.end]
    return bad.decode("cp1252", errors="ess-latin1"), error.end


def _latin1_for_undefined_cp1252(error: UnicodeError) -> tuple[str, int]:
    """Decode the five bytes Windows-1252 leaves undefined (0x81 0x8D 0x8F 0x90 0x9D) as
    their Latin-1 control characters, as WHATWG's windows-1252 does."""
    assert isinstance(error, UnicodeDecodeError)
    return error.object[error.start:error.end].decode("latin-1"), error.end


codecs.register_error("ess-cp1252", _cp1252_for_invalid_utf8)
codecs.register_error("ess-latin1", _latin1_for_undefined_cp1252)


def detect_encoding(body: bytes) -> str:
    """Return the encoding of a page that declares none (no BOM, header or meta): UTF-8
    when its bytes are UTF-8 (or mostly, with a few stray Windows-1252 bytes), else
    ISO-8859-15 when only that reads as French, else Windows-1252."""
    try:
        body.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    sequences = len(UTF8_SEQUENCE.findall(body))
    stray = len(HIGH_BYTE.findall(UTF8_SEQUENCE.sub(b"", body)))
    if sequences and sequences >= stray:
        return "utf-8"  # decode_page reads the stray bytes as Windows-1252
    latin9 = not CP1252_ONLY.search(body) and LATIN9_FRENCH.search(body)
    # BeautifulSoup's UnicodeDammit, told the candidates a French site uses: it tries them
    # in order, strictly, and would consult a statistical detector only if none fitted.
    candidates = ["iso-8859-15"] if latin9 else ["windows-1252"]
    found = UnicodeDammit(body, known_definite_encodings=candidates, is_html=True).original_encoding
    # Anything else means a byte Windows-1252 leaves undefined: decode_page reads those as
    # WHATWG does (Latin-1 controls), so the page stays Windows-1252.
    return "iso-8859-15" if found == "iso-8859-15" else "cp1252"


# Content-Type headers repeat (every page of a site): each distinct one is read once.
_HEADER_ENCODINGS: dict[str | None, str | None] = {}
MAX_CACHED = 10_000


def header_encoding(content_type: str | None) -> str | None:
    """Return ``w3lib.encoding.http_content_type_encoding(content_type)``, each header read once."""
    found = _HEADER_ENCODINGS.get(content_type, 0)
    if found == 0:
        if len(_HEADER_ENCODINGS) >= MAX_CACHED:
            _HEADER_ENCODINGS.clear()
        found = _HEADER_ENCODINGS[content_type] = http_content_type_encoding(content_type)
    return found


def to_text(content_type: str | None, body: bytes) -> tuple[str, str]:
    """Return ``w3lib.encoding.html_to_unicode(content_type, body, detect_encoding)``: its
    order (byte-order mark, header, ``<meta>``, detection), the header read once per value."""
    encoding = header_encoding(content_type)
    if encoding is None or encoding in ("utf-16", "utf-32") or read_bom(body)[0] is not None:
        return html_to_unicode(content_type, body, auto_detect_fun=detect_encoding)
    return encoding, to_unicode(body, encoding)


def labelled_utf8(body: bytes, content_type: str | None) -> bool:
    """Return whether WHATWG's order reads a page as UTF-8 from its header: the header says
    UTF-8 and no UTF-16 or UTF-32 byte-order mark says otherwise."""
    return header_encoding(content_type) == "utf-8" and not body.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))


def decode_page(body: bytes | str, content_type: str | None = None) -> tuple[str, str]:
    """Return the page's text and the name of the encoding used to decode it.

    The order is WHATWG's (byte-order mark, then the HTTP header, then ``<meta charset>``,
    then detection), as w3lib implements it. When that says UTF-8 but some bytes are not
    UTF-8 (Windows-1252 text in a page labelled UTF-8, or a mix of both), those bytes are read
    as Windows-1252 and the encoding is recorded as ``utf-8+cp1252``."""
    if isinstance(body, str):
        return body, "unicode"
    encoding, text = to_text(content_type, body)
    if "\ufffd" in text and resolve_encoding(encoding) == "utf-8":
        try:
            body.decode("utf-8")
        except UnicodeDecodeError:
            start = 3 if body.startswith(codecs.BOM_UTF8) else 0
            return body[start:].decode("utf-8", errors="ess-cp1252"), "utf-8+cp1252"
    if "\ufffd" in text and resolve_encoding(encoding) == "cp1252":
        return body.decode("cp1252", errors="ess-latin1"), encoding
    return text, encoding
