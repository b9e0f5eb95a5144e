"""Bytes to text: which encoding a page really uses, and a record of how it was decoded."""

from __future__ import annotations

from bs4.dammit import UnicodeDammit
from w3lib.encoding import html_to_unicode, resolve_encoding


def decode_page(body: bytes | str, content_type: str | None = None) -> tuple[str, str]:
    """Return the page's text and the name of the encoding used to decode it.

    The order is WHATWG's (byte-order mark, then the HTTP header, then ``<meta charset>``,
    then detection), as w3lib implements it. When the chosen encoding is UTF-8 but the bytes
    are not valid UTF-8 (a common fault: Windows-1252 text in a page labelled UTF-8, or a mix
    of both after a copy-paste), BeautifulSoup's ``UnicodeDammit.detwingle`` repairs the
    mixed bytes instead of replacing every accent with U+FFFD."""
    if isinstance(body, str):
        return body, "unicode"
    encoding, text = html_to_unicode(content_type, body)
    if "\ufffd" in text and resolve_encoding(encoding) == "utf-8":
        try:
            body.decode("utf-8")
        except UnicodeDecodeError:
            repaired = UnicodeDammit.detwingle(body)
            try:
                return repaired.decode("utf-8"), "utf-8+cp1252"
            except UnicodeDecodeError:
                return body.decode("cp1252", errors="replace"), "cp1252"
    return text, encoding
