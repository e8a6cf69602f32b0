"""Bounded reading of untrusted containers: zip parts, XML and PDF objects within limits.

Every reader of a ``.docx``, ``.xlsx`` or ``.pdf`` opens its file through here, so a
damaged or hostile file (a zip or flate bomb, an XML entity expansion, a DTD, deeply
nested objects) becomes one :class:`kg.errors.DocumentError` line naming the file and
what is wrong, within a documented memory ceiling, never a traceback.

(First version: the checks are being written — issue #24 item 2; readers already call it.)
"""

from __future__ import annotations

from pathlib import Path


def check_zip(path: Path) -> None:
    """Refuse a zip container whose parts are over the limits before any reader opens it."""


__all__ = ["check_zip"]
