"""The library handle: ``kg.connect()`` gives a :class:`Graph`, and the CLI and the
notebooks do everything through it.

    import kg
    with kg.connect() as g:                       # NEO4J_* variables / .env, as the CLI
        g.query("reporting-chain", role="客户经理").dicts()
        g.load(["data/huawei-marketing-model-v1.txt"])
        g.raci().rows, g.validate().findings, g.view("chain", role="客户经理").write("c.html")

:class:`Graph` is the connection handle of :mod:`kg.db` (driver and settings, sessions)
with the library's operations on top.  Every layer below takes the handle; this module
and the CLI are the only parts of ``kg`` that call into ``loaders/``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from kg import viz
from kg.config import load_settings
from kg.db import Database
from kg.export import GraphData, read_graph
from kg.inventory import server_info
from kg.model import Model
from kg.ogm import FACT_CLASSES, Fact, bound, install_schema
from kg.queries import QueryResult, resolve_node, run_cypher, run_query
from kg.raci import RaciMatrix, build_matrix
from kg.validate import ValidationReport, validate
from kg.viz import View
from loaders.refresh import LoadReport, load_paths, loaded_model, unload


class Graph(Database):
    """A verified connection to one Neo4j database, with kg's operations."""

    # ----------------------------------------------------------------------- reading
    def status(self) -> dict[str, Any]:
        """Server version and edition, counts by label and type (``kg status``)."""

        return server_info(self)

    def query(self, name: str, **params: Any) -> QueryResult:
        """Run the canned query ``name`` (``kg query --list``); roles and activities may be
        given by id, name in any script or English name."""

        return run_query(self, name, params)

    def cypher(
        self, text: str, params: Mapping[str, Any] | None = None, *, write: bool = False
    ) -> QueryResult:
        """Run ad-hoc Cypher; read-only unless ``write``."""

        return run_cypher(self, text, params or {}, write=write)

    def resolve(self, label: str, name: str) -> str:
        """The id of the one Role, Activity, Output or Department that ``name`` names (its
        id, its name in any script, its English name); :class:`kg.errors.QueryError` lists
        candidates when it names none or several."""

        return resolve_node(self, label.lower(), name)

    def node(self, label: str, ref: str) -> Fact:
        """The neomodel object of the node ``ref`` names (see :meth:`resolve`): it stays
        usable, e.g. ``role.responsible_for.all()``,
        ``role.reports_to.relationship(boss).activities``.  It reads in read sessions (on
        a cluster: a reader), now and when it follows a relationship later; a write
        through it (``save()``) is refused: the graph changes through :meth:`load`."""

        node_id = self.resolve(label, ref)
        with bound(self, read=True):
            return FACT_CLASSES[label.capitalize()].nodes.get(uid=node_id)

    def raci(self, letters: Mapping[str, str] | None = None, area: str | None = None) -> RaciMatrix:
        """The RACI matrix (of one business area when ``area`` names one)."""

        return build_matrix(self, letters, area or None)

    def validate(self, rules: Iterable[str] | None = None) -> ValidationReport:
        """Run the validation rules (all, or those named)."""

        return validate(self, rules)

    def view(self, kind: str, **options: Any) -> View:
        """An interactive view: ``chain`` (role=, activity=), ``role`` (role=),
        ``activity`` (activity=), ``area`` (area=) or ``model`` (max_nodes=)."""

        builders: dict[str, Callable[..., View]] = {
            "chain": viz.chain_view,
            "role": viz.role_view,
            "activity": viz.activity_view,
            "area": viz.area_view,
            "model": viz.model_view,
        }
        if kind not in builders:
            raise ValueError(f"no view {kind!r} (one of {', '.join(builders)})")
        return builders[kind](self, **options)

    def export(self) -> GraphData:
        """Every fact node and relationship, for ``kg.export``'s formats."""

        return read_graph(self)

    # ----------------------------------------------------------------------- writing
    def install_schema(self) -> None:
        """Install the graph's constraints and indexes (the first load does it too)."""

        install_schema(self)

    def load(self, paths: Iterable[str | Path], **options: Any) -> list[LoadReport]:
        """Load documents, model files, RACI matrices and folders of them as one
        all-or-nothing refresh (options as ``kg load``'s: ``dry_run``, ``force``,
        ``source_id``, ``progress``, ``letters``, ``prune``, ``first_report``)."""

        return load_paths(self, list(paths), **options)

    def loaded_model(self, source: str) -> Model:
        """The model last loaded for ``source`` (its snapshot): what the graph holds of it."""
        return loaded_model(self, source)

    def unload(self, source: str) -> LoadReport:
        """Withdraw everything ``source`` states."""

        return unload(self, source)


def connect(**overrides: Any) -> Graph:
    """A :class:`Graph` on a verified connection. ``overrides`` are the CLI's flags
    (``uri``, ``username``, ``password``, ``database``, ``home``, ``bolt_port``): flag >
    environment > ``.env`` > default."""
    return Graph.open(load_settings({k: v for k, v in overrides.items() if v is not None} or None))


__all__ = ["Graph", "connect"]
