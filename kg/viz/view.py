"""A view: the subgraph and what produced it, with its drawing steps as methods."""

from __future__ import annotations

from pathlib import Path

from pyvis.network import Network

from kg.viz.network import build_network
from kg.viz.render import iframe, render_html, write_html
from kg.viz.subgraph import ViewData


class View(ViewData):
    """A drawable subgraph (:class:`ViewData`) that can draw itself."""

    def network(self) -> Network:
        return build_network(self)

    def html(self) -> str:
        return render_html(self)

    def write(self, path: str | Path) -> Path:
        return write_html(self, path)

    def _repr_html_(self) -> str:
        """Inline display in a notebook: the page in a sandboxed iframe (``srcdoc``)."""
        return iframe(self.html())
