"""kg: a knowledge base of organisation roles and business activities on Neo4j.

``kg.connect()`` opens the library handle (:class:`kg.api.Graph`); see :mod:`kg.api`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kg.version import __version__

if TYPE_CHECKING:
    from kg.api import Graph


def connect(**overrides: Any) -> Graph:
    """A :class:`kg.api.Graph` on a verified connection (see :func:`kg.api.connect`)."""
    from kg.api import connect as _connect  # the handle imports the whole library: on use

    return _connect(**overrides)


__all__ = ["__version__", "connect"]
