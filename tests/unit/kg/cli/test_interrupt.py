"""Ctrl-C exits 130 with one line at any moment of `kg` (#24 item 4): while the command
line is being imported (a second or more: a KeyboardInterrupt there was a 46-79-line
traceback) and while a command runs.

A real `kg` process gets SIGINT at several moments after its imports began (seen as the
first extension module from site-packages in its memory map: the interpreter's own start
comes before the entry point and is not kg's), then at moments well inside the command,
which waits on a server that accepts the connection and never answers."""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

KG = shutil.which("kg", path=str(Path(sys.executable).parent))


def _importing(pid: int) -> bool:
    try:
        maps = Path(f"/proc/{pid}/maps").read_text()
    except OSError:
        return False
    return any("site-packages" in line and line.rstrip().endswith(".so") for line in maps.splitlines())


@pytest.fixture
def silent_server() -> Iterator[int]:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    yield server.getsockname()[1]
    server.close()


@pytest.mark.skipif(KG is None or not Path("/proc/self/maps").exists(), reason="needs the kg script and /proc")
@pytest.mark.parametrize("after", [0.0, 0.05, 0.15, 0.3, 0.6, 1.0, 1.5, 3.0])
def test_ctrl_c_at_any_moment_is_one_line_and_130(silent_server: int, after: float) -> None:
    assert KG is not None
    child = subprocess.Popen(
        [KG, "status", "--uri", f"bolt://127.0.0.1:{silent_server}", "--password", "x"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    while not _importing(child.pid) and child.poll() is None:
        time.sleep(0.002)
    time.sleep(after)
    child.send_signal(signal.SIGINT)
    out, err = child.communicate(timeout=60)
    assert (child.returncode, err.decode(), out.decode()) == (130, "Interrupted.\n", "")
