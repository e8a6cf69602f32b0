"""The local Neo4j Community server that kg fetches and runs by itself (no Docker needed).

Maven resolves the server's class path from Maven Central (``pom.xml`` beside this file);
the JDK runs ``org.neo4j.server.CommunityEntryPoint`` — the same entry point the official
tarball's ``neo4j console`` uses — with a ``neo4j.conf`` written under the data directory:
Bolt and HTTP (with Neo4j Browser) bound to 127.0.0.1, authentication on.

Layout under ``settings.home`` (default ``.kg/``)::

    neo4j-password          generated password (mode 0600) when NEO4J_PASSWORD is unset
    neo4j/conf/neo4j.conf   written on every start from the settings
    neo4j/data/             databases
    neo4j/logs/             neo4j.log, debug.log, console.log
    neo4j/run/kg-neo4j.pid  pid of the running server
    neo4j/classpath-<version>.args   java @argfile with the resolved class path
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import stat
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from kg.config import Settings
from kg.errors import ServerError

ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
ADMIN_TOOL = "org.neo4j.cli.AdminTool"
JVM_OPTIONS = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048",
    "-Dlog4j2.disable.jmx=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
)

Echo = Callable[[str], None]


def _quiet(_: str) -> None:
    pass


@dataclass(frozen=True)
class ServerStatus:
    running: bool
    pid: int | None
    bolt: str
    http: str
    version: str
    home: str

    def as_dict(self) -> dict[str, object]:
        return {
            "running": self.running,
            "pid": self.pid,
            "bolt": self.bolt,
            "http": self.http,
            "version": self.version,
            "home": self.home,
        }


class LocalServer:
    """Fetch, configure, start, stop and inspect the local Neo4j server."""

    def __init__(self, settings: Settings, echo: Echo = _quiet) -> None:
        self.settings = settings
        self.echo = echo
        self.root = settings.home.resolve() / "neo4j"
        self.conf_dir = self.root / "conf"
        self.data_dir = self.root / "data"
        self.logs_dir = self.root / "logs"
        self.run_dir = self.root / "run"
        self.pid_file = self.run_dir / "kg-neo4j.pid"
        self.argfile = self.root / f"classpath-{settings.neo4j_version}.args"

    # ------------------------------------------------------------------ addresses
    @property
    def bolt_uri(self) -> str:
        return f"bolt://127.0.0.1:{self.settings.bolt_port}"

    @property
    def http_url(self) -> str:
        return f"http://127.0.0.1:{self.settings.http_port}/"

    # ------------------------------------------------------------------ fetch
    def fetch(self) -> Path:
        """Resolve the server's class path through Maven (downloads on first use only)."""
        if self.argfile.is_file():
            return self.argfile
        mvn = shutil.which("mvn")
        if mvn is None:
            raise ServerError(
                "Maven (mvn) is not on PATH: install Maven (e.g. `apt-get install maven`) "
                "so kg can fetch Neo4j from Maven Central, or point NEO4J_URI at a running Neo4j"
            )
        self._java()  # fail early with a clear message
        self.root.mkdir(parents=True, exist_ok=True)
        cp_file = self.root / f"classpath-{self.settings.neo4j_version}.txt"
        self.echo(
            f"Fetching Neo4j Community {self.settings.neo4j_version} through Maven "
            "(first start only; later starts reuse ~/.m2)..."
        )
        with resources.as_file(resources.files("kg.server") / "pom.xml") as pom:
            cmd = [
                mvn,
                "-B",
                "-q",
                "-f",
                str(pom),
                f"-Dneo4j.version={self.settings.neo4j_version}",
                "dependency:build-classpath",
                f"-Dmdep.outputFile={cp_file}",
            ]
            proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if proc.returncode != 0 or not cp_file.is_file():
            tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-15:])
            raise ServerError(
                f"Maven could not fetch Neo4j {self.settings.neo4j_version} "
                f"(exit {proc.returncode}). Is Maven Central reachable?\n{tail}"
            )
        classpath = cp_file.read_text(encoding="utf-8").strip()
        # a java @argfile keeps the ~240-jar class path out of the command line
        self.argfile.write_text(f'-cp "{classpath}"\n', encoding="utf-8")
        return self.argfile

    @staticmethod
    def _java() -> str:
        home = os.environ.get("JAVA_HOME")
        java = str(Path(home) / "bin" / "java") if home else shutil.which("java")
        if not java or not Path(java).exists():
            raise ServerError("no Java found: install a JDK >= 17 (or set JAVA_HOME)")
        proc = subprocess.run([java, "-version"], capture_output=True, text=True, check=False)
        first = (proc.stderr or proc.stdout).splitlines()[0] if (proc.stderr or proc.stdout) else ""
        try:
            version = first.split('"')[1]
            major = int(version.split(".")[0])
        except (IndexError, ValueError):
            return java
        if major < 17:
            raise ServerError(f"Java {version} is too old: Neo4j 5.26 needs a JDK >= 17 ({java})")
        return java

    # ------------------------------------------------------------------ configuration
    def write_config(self) -> Path:
        s = self.settings
        for d in (self.conf_dir, self.data_dir, self.logs_dir, self.run_dir):
            d.mkdir(parents=True, exist_ok=True)
        conf = self.conf_dir / "neo4j.conf"
        conf.write_text(
            "\n".join(
                [
                    "# Written by `kg server start` on every start; edit the settings, not this file.",
                    "server.default_listen_address=127.0.0.1",
                    "server.default_advertised_address=127.0.0.1",
                    f"server.bolt.listen_address=127.0.0.1:{s.bolt_port}",
                    f"server.bolt.advertised_address=127.0.0.1:{s.bolt_port}",
                    "server.bolt.tls_level=DISABLED",
                    "server.http.enabled=true",
                    f"server.http.listen_address=127.0.0.1:{s.http_port}",
                    f"server.http.advertised_address=127.0.0.1:{s.http_port}",
                    "server.https.enabled=false",
                    "dbms.security.auth_enabled=true",
                    f"server.directories.data={self.data_dir}",
                    f"server.directories.logs={self.logs_dir}",
                    f"server.directories.run={self.run_dir}",
                    f"server.directories.import={self.root / 'import'}",
                    f"server.memory.heap.initial_size={s.heap}",
                    f"server.memory.heap.max_size={s.heap}",
                    f"server.memory.pagecache.size={s.pagecache}",
                    "db.tx_log.rotation.retention_policy=1 files",
                    "dbms.usage_report.enabled=false",
                    "server.directories.plugins=" + str(self.root / "plugins"),
                    "",
                ]
            ),
            encoding="utf-8",
        )
        (self.root / "import").mkdir(exist_ok=True)
        return conf

    def password(self) -> str:
        """The password to set on first start: NEO4J_PASSWORD, else a generated one (0600)."""
        s = self.settings
        if s.password and s.origin.get("password") != "generated":
            return s.password
        if s.password_file.is_file():
            return s.password_file.read_text(encoding="utf-8").strip()
        s.home.mkdir(parents=True, exist_ok=True)
        generated = secrets.token_urlsafe(24)
        fd = os.open(s.password_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(generated + "\n")
        os.chmod(s.password_file, stat.S_IRUSR | stat.S_IWUSR)
        self.echo(f"Generated a password for the local server, stored in {s.password_file} (0600).")
        return generated

    def _initialised(self) -> bool:
        return (self.data_dir / "databases" / "system").exists()

    def _set_initial_password(self, java: str, argfile: Path, password: str) -> None:
        """Run the admin tool's ``dbms set-initial-password``. The password goes in a
        private file that the tool expands (``@file``, picocli's argument files), never on
        a command line, which other local users could read from /proc."""
        env = dict(os.environ, NEO4J_HOME=str(self.root), NEO4J_CONF=str(self.conf_dir))
        fd, secret = tempfile.mkstemp(prefix="initial-password-", dir=self.run_dir)
        try:
            quoted = password.replace("\\", "\\\\").replace('"', '\\"')
            with os.fdopen(fd, "w", encoding="utf-8") as fh:  # mkstemp: 0600
                # '--' ends the options: a password may start with '-' (token_urlsafe too)
                fh.write(f'-- "{quoted}"\n')  # one argument, whatever the password holds
            cmd = [java, f"@{argfile}", ADMIN_TOOL, "dbms", "set-initial-password", f"@{secret}"]
            proc = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
        finally:
            os.unlink(secret)
        if proc.returncode != 0:
            out = (proc.stdout + proc.stderr).replace(password, "****")
            raise ServerError(f"could not set the initial password:\n{out.strip()}")

    # ------------------------------------------------------------------ process
    def pid(self) -> int | None:
        """Pid of the running server, or None (a stale pid file is removed)."""
        try:
            pid = int(self.pid_file.read_text().strip())
        except (FileNotFoundError, ValueError):
            return None
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            self.pid_file.unlink(missing_ok=True)
            return None
        except PermissionError:
            return pid
        # a zombie or a recycled pid is not our server
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
            if ENTRY_POINT.encode() not in cmdline:
                self.pid_file.unlink(missing_ok=True)
                return None
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
            if state == "Z":
                return None
        except OSError:
            pass
        return pid

    def _port_open(self, port: int) -> bool:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            sock.settimeout(0.5)
            return sock.connect_ex(("127.0.0.1", port)) == 0

    def start(self, timeout: float = 120.0) -> ServerStatus:
        """Start the server in the background and wait until Bolt answers. Idempotent."""
        if self.pid() is not None:
            self.echo(f"Neo4j is already running (pid {self.pid()}) at {self.bolt_uri}.")
            return self.status()
        for port in (self.settings.bolt_port, self.settings.http_port):
            if self._port_open(port):
                raise ServerError(
                    f"port {port} on 127.0.0.1 is already in use by another process: "
                    "stop it, or choose other ports (KG_BOLT_PORT / KG_HTTP_PORT)"
                )
        java = self._java()
        argfile = self.fetch()
        self.write_config()
        password = self.password()
        if not self._initialised():
            self._set_initial_password(java, argfile, password)
        cmd = [
            java,
            f"-Xms{self.settings.heap}",
            f"-Xmx{self.settings.heap}",
            *JVM_OPTIONS,
            f"@{argfile}",
            ENTRY_POINT,
            f"--home-dir={self.root}",
            f"--config-dir={self.conf_dir}",
        ]
        console = self.logs_dir / "console.log"
        self.echo(f"Starting Neo4j {self.settings.neo4j_version} on {self.bolt_uri} ...")
        with open(console, "ab") as log:
            proc = subprocess.Popen(  # noqa: S603 - fixed argv, no shell
                cmd,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                cwd=self.root,
                start_new_session=True,
                env=dict(os.environ, NEO4J_HOME=str(self.root), NEO4J_CONF=str(self.conf_dir)),
            )
        self.pid_file.write_text(f"{proc.pid}\n")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                self.pid_file.unlink(missing_ok=True)
                raise ServerError(
                    f"Neo4j exited during start (exit code {proc.returncode}). Last log lines:\n"
                    + self.logs(25)
                )
            if self._bolt_ready(password):
                self.echo(f"Neo4j is up: Bolt {self.bolt_uri}, Browser {self.http_url}")
                return self.status()
            time.sleep(0.5)
        self.stop()
        raise ServerError(
            f"Neo4j did not answer on {self.bolt_uri} within {timeout:.0f}s. Last log lines:\n"
            + self.logs(25)
        )

    def _bolt_ready(self, password: str) -> bool:
        if not self._port_open(self.settings.bolt_port):
            return False
        from neo4j import GraphDatabase
        from neo4j.exceptions import AuthError, Neo4jError, ServiceUnavailable

        try:
            with GraphDatabase.driver(self.bolt_uri, auth=("neo4j", password)) as driver:
                driver.verify_connectivity()
                with driver.session(database="system") as session:
                    # the default database must be online, not just the Bolt port open
                    rows = session.run("SHOW DEFAULT DATABASE YIELD currentStatus").data()
                    return bool(rows) and rows[0]["currentStatus"] == "online"
        except AuthError:
            raise ServerError(
                f"Neo4j at {self.bolt_uri} started but rejects the password: the data in "
                f"{self.data_dir} was created with another one. Set NEO4J_PASSWORD to it, "
                f"or remove {self.root} to start afresh"
            ) from None
        except (ServiceUnavailable, Neo4jError, OSError):
            return False

    def stop(self, timeout: float = 60.0) -> bool:
        """Stop the server cleanly (SIGTERM, then SIGKILL after ``timeout``). True if it ran."""
        pid = self.pid()
        if pid is None:
            return False
        self.echo(f"Stopping Neo4j (pid {pid}) ...")
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not _alive(pid):
                break
            time.sleep(0.2)
        else:
            self.echo("Neo4j did not stop in time; killing it.")
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            while _alive(pid):
                time.sleep(0.1)
        self.pid_file.unlink(missing_ok=True)
        self.echo("Neo4j stopped.")
        return True

    def status(self) -> ServerStatus:
        pid = self.pid()
        return ServerStatus(
            running=pid is not None,
            pid=pid,
            bolt=self.bolt_uri,
            http=self.http_url,
            version=self.settings.neo4j_version,
            home=str(self.root),
        )

    def logs(self, lines: int = 50) -> str:
        """The last lines of neo4j.log (and of the console output, where the JVM writes)."""
        chunks = []
        for name in ("neo4j.log", "console.log"):
            path = self.logs_dir / name
            if path.is_file():
                tail = path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:]
                if any(line.strip() for line in tail):  # a log of blank lines says nothing
                    chunks.append(f"==> {path} <==\n" + "\n".join(tail))
        return "\n".join(chunks) or f"(no logs yet in {self.logs_dir})"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # reap it if it is our child, and treat a zombie as gone
        finished, _ = os.waitpid(pid, os.WNOHANG)
        if finished == pid:
            return False
    except ChildProcessError:
        pass
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        return state != "Z"
    except OSError:
        return True


__all__ = ["LocalServer", "ServerStatus"]
