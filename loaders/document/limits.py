"""Plausibility limits: what a document of this family can be, checked before and while parsing.

A business-model document is a few pages of text whose names are short.  Random text, or a
huge file of shuffled pieces, would otherwise be "extracted" into thousands of activities
with names of thousands of characters, and cost time and memory out of proportion.  Three
limits refuse such input early, each with a message that says how to raise it:

* the size of the document (bytes of the file, or of the text a Word file, PDF or web page
  gives): checked before the text is read, so memory stays bounded;
* the length of a name (activity, role, department, output);
* the number of warnings on one page (text the parser cannot place).

Each can be raised with an environment variable (``KG_MAX_DOCUMENT_BYTES``,
``KG_MAX_NAME_LENGTH``, ``KG_MAX_WARNINGS_PER_PAGE``) or, for ``kg extract``, a flag.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from kg.errors import ConfigError, DocumentError

#: Defaults: the bundled document is 15 kB, its longest name 21 characters, and it has at
#: most 2 warnings on a page.
MAX_DOCUMENT_BYTES = 2_000_000
MAX_NAME_LENGTH = 64
MAX_WARNINGS_PER_PAGE = 100

_ENV = {
    "max_bytes": "KG_MAX_DOCUMENT_BYTES",
    "max_name": "KG_MAX_NAME_LENGTH",
    "max_warnings": "KG_MAX_WARNINGS_PER_PAGE",
}


@dataclass(frozen=True)
class Limits:
    """The plausibility limits of one extraction."""

    max_bytes: int = MAX_DOCUMENT_BYTES
    max_name: int = MAX_NAME_LENGTH
    max_warnings: int = MAX_WARNINGS_PER_PAGE

    @classmethod
    def from_env(cls, **given: int | None) -> Limits:
        """Limits from the arguments given, else the environment, else the defaults."""
        values: dict[str, int] = {}
        for key, var in _ENV.items():
            value = given.get(key)
            if value is None and os.environ.get(var):
                raw = os.environ[var].strip()
                if not raw.isdigit() or int(raw) < 1:
                    raise ConfigError(f"{var}={raw!r}: expected a positive whole number")
                value = int(raw)
            if value is not None:
                if value < 1:
                    raise ConfigError(f"limit {key}={value}: expected a positive number")
                values[key] = value
        return cls(**values)

    def check_size(self, size: int, where: str) -> None:
        if size > self.max_bytes:
            raise DocumentError(
                f"{where}: {size:,} bytes of text, more than a business-model document holds "
                f"(limit {self.max_bytes:,}); to read it anyway, raise the limit with "
                f"--max-size or {_ENV['max_bytes']}"
            )

    def name_error(self, where: str, page: int, name: str) -> DocumentError:
        return DocumentError(
            f"{where}: page {page}: a name of {len(name):,} characters ({name[:20]!r}…): not a "
            f"document of this family (names have at most {self.max_name} characters; raise "
            f"with --max-name or {_ENV['max_name']})"
        )

    def warnings_error(self, where: str, page: int) -> DocumentError:
        return DocumentError(
            f"{where}: page {page}: more than {self.max_warnings} pieces of text the parser "
            "cannot place on one page: not a document of this family (raise with "
            f"--max-warnings or {_ENV['max_warnings']})"
        )


DEFAULT = Limits()
