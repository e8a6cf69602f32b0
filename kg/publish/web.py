"""Blocks as one self-contained HTML page: h1 for the title, h2… for headings, p, table.

Every piece of text is escaped (``html.escape``); the page loads nothing (a
Content-Security-Policy allows no source but its own inline style, named by its hash, as
:mod:`kg.viz` does for its scripts).  Each page of the document (the front matter, then one
per business area) is a ``<div class="page">`` that prints on a page of its own.
"""

from __future__ import annotations

import base64
import hashlib
from html import escape

from kg.model import Source
from kg.publish.layout import Block

STYLE = (
    'body{font-family:"Noto Sans CJK SC","Noto Sans CJK TC",sans-serif;font-size:11pt;'
    "max-width:60em;margin:2em auto;line-height:1.5}"
    ".page{break-after:page}.page:last-child{break-after:auto}"
    "table{border-collapse:collapse}th,td{border:1px solid #999;padding:2pt 6pt;"
    "vertical-align:top;text-align:left}"
)


def _csp() -> str:
    digest = base64.b64encode(hashlib.sha256(STYLE.encode("utf-8")).digest()).decode("ascii")
    return f"default-src 'none'; style-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"


def to_html(blocks: list[Block], source: Source) -> str:
    """The blocks as an HTML page (text)."""
    pages: list[list[str]] = [[]]
    for block in blocks:
        body = pages[-1]
        if block.kind == "page-break":
            if body:
                pages.append([])
        elif block.kind == "title":
            body.append(f"<h1>{escape(block.text)}</h1>")
        elif block.kind == "heading":
            tag = f"h{min(block.level + 1, 6)}"
            body.append(f"<{tag}>{escape(block.text)}</{tag}>")
        elif block.kind == "paragraph":
            body.append(f"<p>{escape(block.text)}</p>")
        elif block.kind == "table":
            header, *rows = block.rows
            head = "".join(f"<th>{escape(c)}</th>" for c in header)
            body_rows = "".join(
                "<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows
            )
            body.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body_rows}</tbody></table>")
    divs = "\n".join('<div class="page">\n' + "\n".join(p) + "\n</div>" for p in pages if p)
    title = escape(source.title or "")
    return (
        '<!doctype html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_csp()}">\n'
        f"<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{divs}\n</body>\n</html>\n"
    )
