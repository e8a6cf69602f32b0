"""Connections to Neo4j: one driver per settings, errors translated into what to do."""

from __future__ import annotations

import logging
import socket
from types import TracebackType
from typing import Any, Self
from urllib.parse import urlparse

from neo4j import READ_ACCESS, WRITE_ACCESS, Driver, GraphDatabase, Session
from neo4j.exceptions import (
    AuthError,
    ConfigurationError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

from kg.config import Settings
from kg.errors import ConnectionFailed

# The server's notifications (deprecations, performance hints) are for query authors;
# kg's own queries are kept free of them.  The driver logs a lost connection or a failed
# routing table on its own ("[#0000] _: <CONNECTION> error: …", "Unable to retrieve
# routing information") before it raises; kg turns the exception into one line that says
# what to do, so those records go nowhere unless the application configures logging.
logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)
logging.getLogger("neo4j").addHandler(logging.NullHandler())


def _reason(exc: Exception) -> str:
    text = (getattr(exc, "message", None) or str(exc) or type(exc).__name__).strip()
    return text.splitlines()[0][:200]


def _hint(settings: Settings) -> str:
    if settings.is_local:
        return "start the local server with `kg server start`, or set NEO4J_URI to a running Neo4j"
    return "check NEO4J_URI and that the server is running and reachable"


def _listening(uri: str) -> bool:
    """Whether something accepts TCP connections at the URI's host and port."""
    parsed = urlparse(uri)
    try:
        with socket.create_connection((parsed.hostname or "", parsed.port or 7687), timeout=2):
            return True
    except OSError:
        return False


def translate(exc: Exception, settings: Settings) -> ConnectionFailed:
    """Turn a driver exception into a one-line message that says what to do."""
    if isinstance(exc, AuthError):
        return ConnectionFailed(
            f"authentication failed for user {settings.username!r} at {settings.uri}: "
            "check NEO4J_USERNAME/NEO4J_PASSWORD (or --username/--password)"
        )
    if isinstance(exc, (ServiceUnavailable, SessionExpired, OSError)):
        if not _listening(settings.uri):
            return ConnectionFailed(f"cannot reach Neo4j at {settings.uri}: {_hint(settings)}")
        scheme = urlparse(settings.uri).scheme
        if scheme.endswith(("+s", "+ssc")):
            plain = scheme.split("+")[0]
            return ConnectionFailed(
                f"the server at {settings.uri} answers, but not with TLS: use "
                f"{plain}:// for a server without TLS ({scheme}:// needs a server with a "
                "certificate, as Aura has)"
            )
        return ConnectionFailed(
            f"Neo4j at {settings.uri} accepts connections but dropped or refused this one "
            f"({_reason(exc)}): see its log (`kg server logs` for the local server), "
            "then try again"
        )
    if isinstance(exc, ConfigurationError):
        return ConnectionFailed(f"cannot connect to {settings.uri}: {exc}")
    code = getattr(exc, "code", "") or ""
    if code.endswith("DatabaseNotFound"):
        return ConnectionFailed(
            f"database {settings.database!r} does not exist on {settings.uri}: "
            "set NEO4J_DATABASE (or --database) to an existing one (Community has 'neo4j')"
        )
    message = getattr(exc, "message", None) or str(exc)
    return ConnectionFailed(f"Neo4j at {settings.uri} refused the request: {message}")


def open_driver(settings: Settings, **config: Any) -> Driver:
    """A verified driver for ``settings`` (raises :class:`ConnectionFailed`); ``config``
    is the driver's own (e.g. ``max_transaction_retry_time`` for a server that must answer
    soon, as ``kg explore`` does)."""
    auth = (settings.username, settings.password or "")
    try:
        driver = GraphDatabase.driver(settings.uri, auth=auth, **{"connection_timeout": 10.0, **config})
    except (ValueError, ConfigurationError) as exc:
        raise ConnectionFailed(f"cannot use NEO4J_URI {settings.uri!r}: {exc}") from None
    try:
        driver.verify_connectivity()
        # a read: on a cluster it reaches a reader, so a read-only command needs no
        # leader at all (a write finds the leader at its first write, or says it cannot)
        with driver.session(database=settings.database, default_access_mode=READ_ACCESS) as session:
            session.run("RETURN 1").consume()
    except (Neo4jError, ServiceUnavailable, SessionExpired, ConfigurationError, OSError) as exc:
        driver.close()
        raise translate(exc, settings) from None
    return driver


class Database:
    """A verified connection to one Neo4j database: the handle every layer below the
    CLI takes (``kg.api.Graph`` adds the library's operations to it).

    ``with Database.open(settings) as db:`` closes the driver afterwards, and turns a
    connection lost on the way into :class:`ConnectionFailed`.
    """

    def __init__(self, driver: Driver, settings: Settings) -> None:
        self.driver = driver
        self.settings = settings

    @classmethod
    def open(cls, settings: Settings, **config: Any) -> Self:
        """A handle on a verified driver for ``settings`` (raises :class:`ConnectionFailed`);
        ``config``: the driver's settings (:func:`open_driver`)."""
        return cls(open_driver(settings, **config), settings)

    @property
    def database(self) -> str:
        return self.settings.database

    def session(self, *, write: bool = True, **config: Any) -> Session:
        """A session on the configured database; ``write=False`` for reads (routed to a
        reader on a cluster).  A read that decides a write (is this file loaded already?
        is the schema there?) stays in a write session: on the leader, where the last
        write is sure to be seen."""
        config.setdefault("database", self.settings.database)
        config.setdefault("default_access_mode", WRITE_ACCESS if write else READ_ACCESS)
        return self.driver.session(**config)

    def translate(self, exc: Exception) -> ConnectionFailed:
        return translate(exc, self.settings)

    def close(self) -> None:
        self.driver.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
        if isinstance(exc, (ServiceUnavailable, SessionExpired, AuthError)):
            raise translate(exc, self.settings) from None


def connect(settings: Settings) -> Database:
    """``with connect(settings) as db:`` — a verified handle, closed afterwards."""
    return Database.open(settings)


def escape_name(name: str) -> str:
    """Quote a label or relationship type as a Cypher identifier."""
    return "`" + name.replace("`", "``") + "`"


__all__ = ["Database", "connect", "escape_name", "open_driver", "translate"]
