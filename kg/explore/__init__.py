"""``kg explore``: a local, read-only workbench over the live graph in the browser.

One page (``static/index.html``; ``explore.js``: fetching, the graph, a node's page, the router;
``pages.js``: the other pages; ``explore.css``: vanilla JavaScript and CSS, no
build step; vis-network served from the copy inside pyvis, as ``kg viz`` embeds it) and
JSON endpoints over the :class:`kg.api.Graph` handle and the canned-query catalogue:

- :mod:`~kg.explore.reads`: what each endpoint answers, a thin shell over ``kg query``,
  ``kg raci``, ``kg viz`` and ``kg history`` (search, a node's page and neighbourhood,
  reporting chains, paths, the RACI grid, canned queries, load runs, offline pages);
- :mod:`~kg.explore.shapes`: nodes and edges styled as ``kg viz`` styles them, keyed by kg ids;
- :mod:`~kg.explore.app`: the FastAPI application: routes, errors as JSON, and the guard
  (read-only methods, loopback or token, Content-Security-Policy);
- :mod:`~kg.explore.serve`: where it listens (loopback unless ``--host`` with a token) and
  uvicorn.

The page keeps its state in the URL (``#/role/role:客户经理?x=…``), so a view can be
bookmarked, shared and opened cold; everything taken from documents reaches the screen
through ``textContent`` only.  The endpoints are documented by ``/api/openapi.json``
and the page's "API" view.
"""

from __future__ import annotations

from kg.explore.app import create_app
from kg.explore.serve import (
    DEFAULT_HOST,
    DEFAULT_PORT,
    DRIVER_CONFIG,
    Listen,
    check_free,
    plan,
    serve,
)

__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "DRIVER_CONFIG", "Listen", "check_free", "create_app", "plan", "serve"]
