"""Write a model back as a business-model document: Word or HTML, in a house style.

``kg export --format docx|html --style site|decimal|table`` renders the graph (through
:func:`kg.export.to_model`) or a model file.  Analysts use it to publish a corrected model;
the tests use it as a generator of documents whose model is known.

- :mod:`.layout` — the house styles: a model → blocks (title, headings with levels,
  paragraphs, tables, page breaks); the styles are described there;
- :mod:`.word` — blocks → ``.docx`` bytes (python-docx), deterministic;
- :mod:`.web` — blocks → one self-contained, escaped HTML page.
"""

from __future__ import annotations

from pathlib import Path

from kg.model import Model
from kg.publish.layout import STYLES, Block, StyleError, layout
from kg.publish.web import to_html
from kg.publish.word import to_docx

FORMATS = ("docx", "html")

__all__ = ["FORMATS", "STYLES", "Block", "StyleError", "layout", "render", "write_document"]


def render(model: Model, fmt: str, style: str = "site") -> bytes:
    """The model as a document in ``fmt`` (docx or html, UTF-8) and ``style``."""
    blocks = layout(model, style)
    if fmt == "docx":
        return to_docx(blocks, model.source)
    if fmt == "html":
        return to_html(blocks, model.source).encode("utf-8")
    raise StyleError(f"unknown document format {fmt!r} (one of {', '.join(FORMATS)})", exit_code=2)


def write_document(model: Model, path: str | Path, style: str = "site") -> Path:
    """Write the model to ``path`` as the document its suffix names (``.docx``, ``.html``);
    written whole or not at all."""
    path = Path(path)
    fmt = {".docx": "docx", ".html": "html", ".htm": "html"}.get(path.suffix.lower())
    if fmt is None:
        raise StyleError(f"{path}: a document is written as .docx or .html", exit_code=2)
    data = render(model, fmt, style)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return path
