"""News pages (HTML) as text to extract from, read through trafilatura, a library made for them:
the article's text without menus, footers and markup, and its title, date and URL as metadata.

    looks_like_html(text) -> bool      # starts as a page does: <!DOCTYPE html> or <html>
    read_page(markup) -> Page           # BadInput (one line) when the page holds no article text

Offsets of the facts of a page are into `Page.text`, the page's text as read here.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

# An HTML file may be larger than its text (markup, scripts, styles): this much is read; the text
# it gives is then held to the limit of one text (extract/inputs.MAX_TEXT_BYTES).
MAX_HTML_BYTES = 10 * 1024 * 1024
_START = re.compile(r"(?:\s|<!--.*?-->|<\?xml[^>]*>)*(?:<!doctype\s+html|<html[\s>])", re.IGNORECASE | re.DOTALL)
_HEAD = 4096  # characters of a text in which a page's start is looked for


class BadPage(ValueError):
    """HTML that gives no text to extract from; the message is one line."""


@dataclass
class Page:
    text: str
    title: str | None
    date: str | None  # YYYY-MM-DD, as the page gives it (its meta tags, its visible date)
    url: str | None  # the page's canonical or og:url address


def looks_like_html(text: str) -> bool:
    return _START.match(text[:_HEAD]) is not None


def _quiet() -> None:
    """trafilatura and its helpers log their doubts as warnings; a run says one line per input, its own."""
    for name in ("trafilatura", "htmldate", "courlan", "justext", "charset_normalizer"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def read_page(markup: str) -> Page:
    import trafilatura  # loaded when a page comes: most runs read plain text

    _quiet()
    try:
        # favor_precision: a page of links and a footer is no article (the balanced default gives its links' text)
        doc = trafilatura.bare_extraction(markup, with_metadata=True, include_comments=False, include_tables=True,
                                          deduplicate=False, favor_precision=True)
    except Exception as e:  # a library's failure on one page must not stop the run
        raise BadPage(f"HTML page that cannot be read ({type(e).__name__}: {e})") from None
    text = (doc.text or "").strip() if doc is not None else ""
    if not text:
        raise BadPage("HTML page with no article text in it")
    return Page(text, doc.title or None, doc.date or None, doc.url or None)
