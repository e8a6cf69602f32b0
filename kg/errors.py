"""Errors that mean "the user can fix this": the CLI prints them as one message, no traceback.

Exit codes, the same for every command (README, "Exit codes"):

- 0: done;
- 1: the answer is no (``kg validate`` found an error, ``kg diff`` found a difference), or
  content kg cannot process (an invalid model file, a document or CSV it cannot read, a
  statement Neo4j refuses, a load too large for the server);
- 2: usage (a wrong option or parameter), a missing or unreadable file, bad settings,
  or the connection (Neo4j unreachable, authentication, unknown database, the connection
  lost mid-command);
- 3: ``kg server status``: the server is stopped;
- 4: a document refused because the model extracted from it looks wrong (below the quality
  thresholds of :mod:`loaders.document.quality`): readable, unlike 1, and loadable
  with ``--accept-partial``, so a script can tell "fix the parser or accept" from "broken";
- 130: interrupted (Ctrl-C).
"""

from __future__ import annotations


class KgError(Exception):
    """A problem the user can act on. ``details`` are extra lines (e.g. one per invalid field)."""

    exit_code = 1

    def __init__(
        self, message: str, details: list[str] | None = None, *, exit_code: int | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.details = list(details or [])
        if exit_code is not None:  # e.g. a missing file (2) reported by a content error class
            self.exit_code = exit_code

    def __str__(self) -> str:
        if not self.details:
            return self.message
        return self.message + "\n" + "\n".join(f"  - {d}" for d in self.details)


#: The exit code of a file the user named that is missing or cannot be read.
UNREADABLE_FILE = 2
#: The exit code of a command used wrongly (options that do not go together, an unknown id).
USAGE = 2


class ConfigError(KgError):
    """Bad settings (flag, environment, .env)."""

    exit_code = 2


class ConnectionFailed(KgError):
    """Neo4j unreachable, authentication failed, unknown database."""

    exit_code = 2


class ServerError(KgError):
    """The local Neo4j server could not be fetched, started or stopped."""

    exit_code = 1


class ModelFileError(KgError):
    """A model file (JSON/YAML) that cannot be read or is invalid."""

    exit_code = 1


class DocumentError(KgError):
    """A source document that cannot be read or holds nothing usable."""

    exit_code = 1


class SourceError(KgError):
    """A source passed to ``kg load`` (document, model file, RACI CSV) that cannot be loaded."""

    exit_code = 1


class QueryError(KgError):
    """A canned query or its parameters used wrongly: unknown name or parameter, wrong type,
    missing required value, a role or activity that is not in the graph."""

    exit_code = 2


class CypherError(KgError):
    """Neo4j rejected a query (syntax error, a write in a read-only run, a failed constraint)."""

    exit_code = 1


class QualityError(DocumentError):
    """A document whose extracted model falls below the quality thresholds: refused, since
    a wrong model loaded quietly is worse than none (``--accept-partial`` takes it)."""

    exit_code = 4
