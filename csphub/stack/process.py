"""Start and stop the stack's server processes by pid file.

Each service runs in its own session (process group), its pid written to ``<stack>/<name>.pid`` and its
output to ``<stack>/<name>.log``. Stopping signals exactly that recorded process group, and only
after checking that the pid still belongs to the command we started (a reused pid is left alone).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from csphub.errors import HubError


class StackError(HubError):
    """A local service did not start, answer or stop as expected."""


@dataclass(frozen=True)
class Service:
    """A server process the stack manages: its name, pid file, log file and a cmdline marker."""

    name: str
    stack_dir: Path
    marker: str  # a string that must appear in /proc/<pid>/cmdline for the pid to be ours

    @property
    def pid_file(self) -> Path:
        return self.stack_dir / f"{self.name}.pid"

    @property
    def log_file(self) -> Path:
        return self.stack_dir / f"{self.name}.log"

    def pid(self) -> int | None:
        """The pid of our running process, or None (a stale pid file is removed)."""
        try:
            pid = int(self.pid_file.read_text().strip())
        except (FileNotFoundError, ValueError):
            return None
        if _is_ours(pid, self.marker):
            return pid
        self.pid_file.unlink(missing_ok=True)
        return None

    def start(self, argv: Sequence[str], *, cwd: Path | None = None, env: dict[str, str] | None = None) -> int:
        self.stack_dir.mkdir(parents=True, exist_ok=True)
        with open(self.log_file, "ab") as log:
            log.write(f"\n--- {time.strftime('%Y-%m-%dT%H:%M:%S')} starting: {' '.join(argv)}\n".encode())
            log.flush()
            proc = subprocess.Popen(  # noqa: S603 - argv is built by the stack, not from user input
                list(argv),
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                cwd=cwd,
                env={**os.environ, **(env or {})},
                start_new_session=True,
            )
        # wait for the exec: until then /proc/<pid>/cmdline is still Python's and lacks the marker
        deadline = time.monotonic() + 10
        while proc.poll() is None and not _is_ours(proc.pid, self.marker) and time.monotonic() < deadline:
            time.sleep(0.02)
        self.pid_file.write_text(f"{proc.pid}\n")
        return proc.pid

    def exited_early(self) -> bool:
        """True when the recorded process is gone (it died during start-up)."""
        return self.pid() is None

    def stop(self, *, grace_s: float = 20.0, kill_after_s: float = 10.0) -> bool:
        """SIGTERM the process group we started, wait; SIGKILL it if it has not exited. True if it was running."""
        pid = self.pid()
        if pid is None:
            return False
        _signal_group(pid, signal.SIGTERM)
        if not _wait_gone(pid, grace_s):
            _signal_group(pid, signal.SIGKILL)
            if not _wait_gone(pid, kill_after_s):
                raise StackError(f"{self.name} (pid {pid}) did not exit", stage="stack")
        self.pid_file.unlink(missing_ok=True)
        return True

    def tail(self, lines: int = 20) -> str:
        try:
            return "\n".join(self.log_file.read_text(errors="replace").splitlines()[-lines:])
        except FileNotFoundError:
            return ""


def _is_ours(pid: int, marker: str) -> bool:
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return False
    if stat.rsplit(")", 1)[-1].split()[0] == "Z":  # a zombie has exited; only its parent has to reap it
        return False
    return marker in cmdline


def _signal_group(pid: int, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, sig)  # the service was started as leader of its own session, so pgid == pid


def _wait_gone(pid: int, timeout_s: float) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)  # reap it if it is our child (tests start the stack in-process)
        if not _alive(pid):
            return True
        time.sleep(0.1)
    return not _alive(pid)


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[-1].split()[0] != "Z"


def port_open(host: str, port: int, timeout_s: float = 0.5) -> bool:
    """True when something accepts TCP connections on host:port."""
    try:
        with socket.create_connection((host, port), timeout=timeout_s):
            return True
    except OSError:
        return False


def free_port(host: str = "127.0.0.1") -> int:
    """A port nobody listens on right now (for tests; the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])
