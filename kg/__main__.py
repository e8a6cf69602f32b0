"""The ``kg`` command's entry point (``[project.scripts]``; also ``python -m kg``).

Ctrl-C exits 130 with one line at any moment.  Importing the command line takes a second
or more (click, rich, pydantic, the driver…), and a ``KeyboardInterrupt`` raised inside an
import is a long traceback: so the handler is installed here, before anything else is
imported, and nothing has been written yet when it runs.  Once the commands are imported,
Ctrl-C is a ``KeyboardInterrupt`` again, which :class:`kg.cli.common.KgGroup` turns into
the same line after the command's transactions and files are closed.
"""

from __future__ import annotations

import os
import signal
from types import FrameType

INTERRUPTED = "Interrupted."
#: The exit code of an interrupted command (README, "Exit codes").
EXIT_INTERRUPTED = 130


def _interrupted_while_starting(signum: int, frame: FrameType | None) -> None:
    os.write(2, f"{INTERRUPTED}\n".encode())
    os._exit(EXIT_INTERRUPTED)


def main() -> None:
    """Run ``kg`` with the arguments of the process."""
    signal.signal(signal.SIGINT, _interrupted_while_starting)
    from kg.cli import cli

    signal.signal(signal.SIGINT, signal.default_int_handler)
    cli(prog_name="kg")


if __name__ == "__main__":
    main()
