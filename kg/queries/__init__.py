"""The canned Cypher library: catalogue, typed parameters, running, and output formats.

Every canned query is one ``.cypher`` file of the ``kg.cypher`` package (the top-level
``cypher/`` folder; ``cypher/write/`` and ``cypher/whatif/`` hold other statements and
are not part of the catalogue), read through :mod:`kg.statements`.  The package, by
concern:

- :mod:`~kg.queries.catalogue`: the files' comment headers (name, description,
  parameters, returns, severity), :class:`CannedQuery`, :func:`load_catalogue`;
- :mod:`~kg.queries.params`: parameter types (:data:`PARAM_TYPES`), :class:`Param`,
  coercion, the command line's ``--param`` options;
- :mod:`~kg.queries.resolve`: graph-typed values — a role, activity, department or output
  given by its id, canonical (Simplified) name, original-script name or English name
  (case-insensitive) — resolved to the id the Cypher expects (:func:`resolve_node`);
- :mod:`~kg.queries.transaction`: one statement in one managed transaction, READ unless
  asked to write; Neo4j's refusals as one line;
- :mod:`~kg.queries.single`: a query and the resolution of its names in one statement,
  one auto-commit read (:func:`run_resolved`);
- :mod:`~kg.queries.run`: :func:`run_query`, :func:`run_cypher`, :class:`QueryResult`;
- :mod:`~kg.queries.formats`: values as data or text, results as JSON, CSV, Markdown or
  a rich table.

``from kg.queries import …`` gives every public name of the package.
"""

from __future__ import annotations

from kg.queries.catalogue import (
    SEVERITIES,
    CannedQuery,
    get_query,
    load_catalogue,
    parse_query,
    queries,
    rules,
)
from kg.queries.formats import (
    FORMATS,
    markdown_cell,
    markdown_table,
    render,
    rich_table,
    text_rows,
    to_csv_text,
    to_data,
    to_json_text,
    to_markdown_text,
    to_text,
)
from kg.queries.params import (
    NODE_TYPES,
    PARAM_TYPES,
    Param,
    coerce_params,
    parse_cli_value,
    parse_param_options,
)
from kg.queries.resolve import bind_params, reading, resolve_in, resolve_node, resolve_params
from kg.queries.run import QueryResult, run_cypher, run_query
from kg.queries.single import run_resolved
from kg.queries.transaction import cypher_error

__all__ = [
    "FORMATS",
    "NODE_TYPES",
    "PARAM_TYPES",
    "SEVERITIES",
    "CannedQuery",
    "Param",
    "QueryResult",
    "bind_params",
    "coerce_params",
    "cypher_error",
    "get_query",
    "load_catalogue",
    "markdown_cell",
    "markdown_table",
    "parse_cli_value",
    "parse_param_options",
    "parse_query",
    "queries",
    "reading",
    "render",
    "resolve_in",
    "resolve_node",
    "resolve_params",
    "rich_table",
    "rules",
    "run_cypher",
    "run_query",
    "run_resolved",
    "text_rows",
    "to_csv_text",
    "to_data",
    "to_json_text",
    "to_markdown_text",
    "to_text",
]
