"""Bytes to text: which encoding a page really uses, and a record of how it was decoded."""

from __future__ import annotations

import codecs

from bs4.dammit import UnicodeDammit
from w3lib.encoding import html_to_unicode, resolve_encoding


def _cp1252_for_invalid_utf8(error: UnicodeError) -> tuple[str, int]:
    """Decode the bytes that are not UTF-8 as Windows-1252 (what a copy-paste from an old
    editor leaves in a UTF-8 page), instead of replacing them with U+FFFD."""
    assert isinstance(error, UnicodeDecodeError)
    bad = error.object[error.start:error.end]
    return bad.decode("cp1252", errors="replace"), error.end


codecs.register_error("ess-cp1252", _cp1252_for_invalid_utf8)


def detect_encoding(body: bytes) -> str | None:
    """Return the encoding of a page that declares none (no BOM, header or meta):
    BeautifulSoup's UnicodeDammit tries UTF-8, then Windows-1252 and its other candidates."""
    return UnicodeDammit(body, is_html=True).original_encoding


def decode_page(body: bytes | str, content_type: str | None = None) -> tuple[str, str]:
    """Return the page's text and the name of the encoding used to decode it.

    The order is WHATWG's (byte-order mark, then the HTTP header, then ``<meta charset>``,
    then detection), as w3lib implements it. When that says UTF-8 but some bytes are not
    UTF-8 (Windows-1252 text in a page labelled UTF-8, or a mix of both), those bytes are read
    as Windows-1252 and the encoding is recorded as ``utf-8+cp1252``."""
    if isinstance(body, str):
        return body, "unicode"
    encoding, text = html_to_unicode(content_type, body, auto_detect_fun=detect_encoding)
    if "\ufffd" in text and resolve_encoding(encoding) == "utf-8":
        try:
            body.decode("utf-8")
        except UnicodeDecodeError:
            start = 3 if body.startswith(codecs.BOM_UTF8) else 0
            return body[start:].decode("utf-8", errors="ess-cp1252"), "utf-8+cp1252"
    return text, encoding
