"""A saved web page: its encoding, the site's chrome to drop, and the page containers.

Shared by the two readers of a web page — :func:`loaders.containers.read_html` (the page
as the scraped text) and :func:`loaders.blocks.html.read_html_blocks` (the page as
blocks) — so that both drop the same chrome and find the same pages.

- **Encoding**: the charset the page's ``<meta>`` declares, else UTF-8, else GB18030 or
  Big5 (Chinese sites saved without a declaration).
- **Chrome**: scripts, styles, navigation, headers, footers, forms, buttons, frames, and
  every element whose class or id says it is a menu, header, footer, sidebar, download
  prompt, share button, comment list, related documents, advert or copyright line; and
  the running header and footer a word processor saves with a page (LibreOffice's
  ``<div title="header">``, Word's ``mso-element:footer``).
- **Page containers**: the outermost elements whose class or id names a page (``page``,
  ``page-3``, ``pageContent``, ``doc-page``), in document order.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from kg.errors import DocumentError

#: Elements that are never the document: the site's chrome.
CHROME_TAGS = ("script", "style", "noscript", "template", "nav", "header", "footer",
               "aside", "form", "button", "iframe", "svg", "select", "input")
#: Class or id words of the site's chrome.
_CHROME = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|header|footer|sidebar|breadcrumb|download|login|"
    r"share|comment|comments|related|recommend|advert|ads?|banner|toolbar|copyright)(?:$|[\s_-])",
    re.IGNORECASE,
)
#: Class or id of a page container: ``page``, ``page-3``, ``pageContent``, ``doc-page``.
_PAGE = re.compile(r"(?:^|[\s_-])page(?:[\s_-]?\d+|[\s_-]?(?:box|content|wrap|text))?(?:$|[\s_-])",
                   re.IGNORECASE)
#: A word processor's running header or footer saved with the page: LibreOffice writes
#: ``<div title="header">``, Word ``<div style="mso-element:header">``.
_FURNITURE_STYLE = re.compile(r"mso-element\s*:\s*(?:header|footer)", re.IGNORECASE)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def _words(element: Any) -> str:
    return f"{element.get('class', '')} {element.get('id', '')}"


def decode_html(path: Path, raw: bytes) -> str:
    """A page's text: the charset its ``<meta>`` declares, else UTF-8, else GB18030
    (Chinese sites saved without a declaration)."""
    declared = _CHARSET.search(raw[:4096])
    candidates = [declared.group(1).decode("ascii")] if declared else []
    candidates += ["utf-8-sig", "gb18030", "big5"]
    for encoding in candidates:
        try:
            return raw.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    raise DocumentError(f"{path}: cannot tell the web page's encoding: save it as UTF-8")


def parse_html(path: Path) -> Any:
    """The page's element tree (lxml), decoded as :func:`decode_html` says."""
    import lxml.html
    from lxml import etree

    text = decode_html(path, path.read_bytes())
    try:
        return lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise DocumentError(f"{path}: not a readable web page ({exc})") from None


def drop_chrome(root: Any) -> None:
    """Remove the site's chrome (see the module docstring) from the tree, in place."""
    for element in list(root.iter(*CHROME_TAGS)):
        element.drop_tree()
    for element in list(root.iter()):
        if isinstance(element.tag, str) and element.getparent() is not None and (
            _CHROME.search(_words(element))
            or element.get("title", "").strip().lower() in ("header", "footer")
            or _FURNITURE_STYLE.search(element.get("style", ""))
        ):
            element.drop_tree()


def page_containers(root: Any) -> list[Any]:
    """The outermost elements whose class or id names a page, in document order."""
    return [
        e for e in root.iter()
        if isinstance(e.tag, str) and _PAGE.search(_words(e))
        and not any(_PAGE.search(_words(a)) for a in e.iterancestors())
    ]


__all__ = ["CHROME_TAGS", "decode_html", "drop_chrome", "page_containers", "parse_html"]
