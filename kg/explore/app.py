"""The explorer's web application: one page (``static/``) and the JSON endpoints it uses,
documented by the OpenAPI schema at ``/api/openapi.json`` (and the page's "API" view).

Read-only by construction: every route is a GET, a request with any other method is
refused (405) before it reaches a route, and the routes call :mod:`kg.explore.reads`,
which opens read transactions and runs kg's own Cypher only.  Who may ask
(:class:`Guard`): without a token, only loopback clients that name a loopback host (a
web page elsewhere cannot reach the explorer through DNS rebinding); with a token, only
requests that present it (header ``Authorization: Bearer T`` or ``X-KG-Token``, or
``?token=T`` once, which sets a cookie for the page's own requests).  Every response
carries a Content-Security-Policy that allows this origin's scripts only and no other
request.  Errors are JSON ``{"error": "…"}`` with a 4xx status (503 when Neo4j cannot be
reached), never a traceback.
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import Awaitable, Callable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, Query, Request
from fastapi import Path as PathPart
from fastapi.exceptions import RequestValidationError
from neo4j.exceptions import DriverError, Neo4jError, ServiceUnavailable, SessionExpired
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.responses import HTMLResponse, JSONResponse, Response

from kg.api import Graph
from kg.errors import ConnectionFailed, KgError
from kg.version import __version__
from kg.viz import ViewError
from kg.viz.render import VIS_JS, vis_options

from . import reads
from .shapes import styles

STATIC = Path(__file__).resolve().parent / "static"
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "::1", "localhost"})
#: The longest text a parameter may carry (names are at most 64 characters).
MAX_TEXT = 500
CSP = "; ".join([
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",  # vis-network positions its elements with style
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
])
COOKIE = "kg_explore_token"
log = logging.getLogger("kg.explore")

Text = Annotated[str, Query(max_length=MAX_TEXT)]
OptText = Annotated[str | None, Query(max_length=MAX_TEXT)]


def error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


class Guard(BaseHTTPMiddleware):
    """Read-only methods, who may ask, and the security headers (see the module doc)."""

    def __init__(self, app: Any, token: str | None) -> None:
        super().__init__(app)
        self.token = token

    def _presented(self, request: Request) -> str | None:
        auth = request.headers.get("authorization", "")
        if auth.lower().startswith("bearer "):
            return auth[7:].strip()
        return (
            request.headers.get("x-kg-token")
            or request.query_params.get("token")
            or request.cookies.get(COOKIE)
        )

    async def dispatch(
        self, request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await self._checked(request, call_next)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Cache-Control"] = "no-store"
        return response

    async def _checked(
        self, request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        if request.method not in ("GET", "HEAD"):
            return error(405, f"the explorer is read-only: {request.method} is refused (use kg load)")
        if self.token is None:
            client = request.client.host if request.client else ""
            host = (request.url.hostname or "").strip("[]")
            if client not in LOOPBACK_HOSTS or host not in LOOPBACK_HOSTS:
                return error(403, "the explorer answers this machine only (start it with --host and --token)")
            return await call_next(request)
        presented = self._presented(request)
        if presented is None or not hmac.compare_digest(presented.encode(), self.token.encode()):
            return error(403, "a token is needed: open the address `kg explore` printed, with ?token=…")
        response = await call_next(request)
        if request.query_params.get("token"):
            response.set_cookie(COOKIE, self.token, httponly=True, samesite="strict")
        return response


@cache
def _vis_js() -> str:
    return (resources.files("pyvis") / VIS_JS).read_text(encoding="utf-8")


def _static(name: str, media: str) -> Response:
    return Response((STATIC / name).read_text(encoding="utf-8"), media_type=media)


def create_app(g: Graph, token: str | None = None) -> FastAPI:
    """The explorer over the graph ``g`` (its connection stays the caller's to close)."""
    app = FastAPI(
        title="kg explore",
        version=__version__,
        description="Read-only JSON over the live knowledge graph: the endpoints the "
        "explorer's page uses, usable from scripts (every answer is JSON; errors are "
        '{"error": "…"} with a 4xx status, 503 when Neo4j cannot be reached).',
        docs_url=None,  # FastAPI's docs pages load scripts from a CDN: the page's "API" view instead
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.add_middleware(Guard, token=token)

    @app.exception_handler(ConnectionFailed)
    async def unreachable(_: Request, exc: ConnectionFailed) -> JSONResponse:
        return error(503, f"the graph cannot be reached: {exc}")

    @app.exception_handler(ServiceUnavailable)
    @app.exception_handler(SessionExpired)
    async def lost(_: Request, exc: DriverError) -> JSONResponse:
        return error(503, "the graph cannot be reached: the connection to Neo4j was lost")

    @app.exception_handler(Neo4jError)
    async def neo4j_refused(_: Request, exc: Neo4jError) -> JSONResponse:
        return error(400, f"Neo4j refused the request: {exc.code or type(exc).__name__}")

    @app.exception_handler(KgError)
    async def refused(_: Request, exc: KgError) -> JSONResponse:
        return error(400, str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'request'}: {e.get('msg')}"
            for e in exc.errors()
        )
        return error(422, problems or "invalid request")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        return error(exc.status_code, str(exc.detail))

    @app.exception_handler(Exception)
    async def unexpected(_: Request, exc: Exception) -> JSONResponse:
        log.exception("kg explore: unexpected error")
        return error(500, f"unexpected error ({type(exc).__name__}); see the server's log")

    # ------------------------------------------------------------------ the page
    @app.get("/", include_in_schema=False)
    def index() -> Response:
        return HTMLResponse((STATIC / "index.html").read_text(encoding="utf-8"))

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)

    @app.get("/static/explore.js", include_in_schema=False)
    def script() -> Response:
        return _static("explore.js", "text/javascript")

    @app.get("/static/pages.js", include_in_schema=False)
    def pages() -> Response:
        return _static("pages.js", "text/javascript")

    @app.get("/static/explore.css", include_in_schema=False)
    def stylesheet() -> Response:
        return _static("explore.css", "text/css")

    @app.get("/static/vis-network.min.js", include_in_schema=False)
    def vis() -> Response:
        return Response(_vis_js(), media_type="text/javascript")

    # ------------------------------------------------------------------ the API
    @app.get("/api/health", summary="Whether Neo4j answers")
    def health() -> dict[str, Any]:
        try:
            g.driver.verify_connectivity()
        except Exception as exc:  # noqa: BLE001 - any failure is "cannot be reached"
            raise ConnectionFailed(str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from None
        return {"ok": True, "database": g.database}

    @app.get("/api/meta", summary="Styles, layout options and limits the page draws with")
    def meta() -> dict[str, Any]:
        return {
            "version": __version__,
            "styles": styles(),
            "options": vis_options("physics", 50),
            "chainOptions": vis_options("hierarchical", 20),
            "limits": {"search": reads.SEARCH_LIMIT, "neighbours": reads.NEIGHBOURS_LIMIT,
                       "rows": reads.ROWS_LIMIT},
        }

    @app.get("/api/search", summary="Suggestions: part of a name in any script or English, or an id")
    def search(q: Text = "", limit: Annotated[int, Query(ge=1, le=200)] = reads.SEARCH_LIMIT) -> dict[str, Any]:
        return reads.search(g, q, limit)

    @app.get("/api/node", summary="A node, its facts, provenance and a page of its relationships")
    def node(
        ref: Text,
        skip: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
        limit: Annotated[int, Query(ge=1, le=500)] = reads.NEIGHBOURS_LIMIT,
    ) -> dict[str, Any]:
        return reads.node_page(g, ref, skip, limit)

    @app.get("/api/chain", summary="Reporting chain up (superiors) or down (subordinates)")
    def chain(
        role: Text,
        activity: OptText = None,
        direction: Annotated[str, Query(pattern="^(up|down)$")] = "up",
        depth: Annotated[int, Query(ge=0, le=100)] = 0,
    ) -> dict[str, Any]:
        return reads.chain(g, role, activity, direction, depth)

    @app.get("/api/path", summary="Shortest connections between two roles or departments")
    def path(
        source: Annotated[str, Query(alias="from", max_length=MAX_TEXT)],
        target: Annotated[str, Query(alias="to", max_length=MAX_TEXT)],
        limit: Annotated[int, Query(ge=1, le=50)] = 5,
    ) -> dict[str, Any]:
        return reads.path(g, source, target, limit)

    @app.get("/api/raci", summary="The RACI matrix, of one business area or all")
    def raci(area: OptText = None) -> dict[str, Any]:
        return reads.raci(g, area)

    @app.get("/api/queries", summary="The canned queries and their declared parameters")
    def catalogue() -> dict[str, Any]:
        return {"queries": reads.catalogue()}

    @app.get("/api/query/{name}", summary="Run a canned query: its parameters as ?NAME=VALUE")
    def query(name: Annotated[str, PathPart(max_length=100)], request: Request) -> dict[str, Any]:
        return reads.run(g, name, _params(request))

    @app.get("/api/csv/{name}", summary="A canned query's whole result as CSV")
    def csv(name: Annotated[str, PathPart(max_length=100)], request: Request) -> Response:
        from kg.queries import to_csv_text

        text = to_csv_text(g.query(name, **_params(request)))
        return Response(text, media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})

    @app.get("/api/history", summary="The recorded load runs, newest first")
    def history(source: OptText = None, limit: Annotated[int, Query(ge=1, le=1000)] = 50) -> dict[str, Any]:
        return reads.history(g, source, limit)

    @app.get("/api/runs/{run}", summary="What one load run changed (kg history --show)")
    def run_report(run: Annotated[str, PathPart(min_length=1, max_length=100)]) -> dict[str, Any]:
        return reads.run_report(g, run)

    @app.get("/api/static/{view}", summary="Today's offline page (kg viz) of a view, to save")
    def static_page(view: Annotated[str, PathPart(max_length=20)], request: Request) -> Response:
        params = _params(request)
        try:
            filename, page = reads.static_html(g, view, params)
        except ViewError as exc:
            raise KgError(str(exc)) from None
        return HTMLResponse(page, headers={"Content-Disposition": f'attachment; filename="{filename}"'})

    return app


def _params(request: Request) -> dict[str, str]:
    """The query string as parameters (``token`` aside); a name given twice is refused."""
    items = [(k, v) for k, v in request.query_params.multi_items() if k != "token"]
    params: dict[str, str] = {}
    for key, value in items:
        if key in params:
            raise KgError(f"parameter {key!r} given twice")
        if len(value) > MAX_TEXT:
            raise KgError(f"parameter {key!r}: longer than {MAX_TEXT} characters")
        params[key] = value
    return params


__all__ = ["CSP", "Guard", "create_app"]
