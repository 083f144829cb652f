"""`make serve` under test: the launcher (deploy/serve.py) with its app processes behind HAProxy,
on free loopback ports, and what each process is.

Nothing here skips: a missing HAProxy is a failure, since `make test` installs it.
"""

from __future__ import annotations

import os
import shutil
import signal
import urllib.request
from pathlib import Path

import pytest

from bench.server import Launcher, LaunchError

ROOT = Path(__file__).resolve().parents[2]


def haproxy_binary() -> str:
    found = shutil.which("haproxy") or next((p for p in ("/usr/sbin/haproxy",) if os.access(p, os.X_OK)), None)
    if found is None:
        pytest.fail("HAProxy is not installed: run `make test`, which installs Debian's haproxy")
    return found


def get(url: str, cookie: str | None = None, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], str]:
    """(status, headers with lower-case names, body) of a GET, never following a redirect."""
    request = urllib.request.Request(url, headers={**({"Cookie": cookie} if cookie else {}), **(headers or {})})
    with urllib.request.urlopen(request, timeout=10) as response:
        return (response.status, {name.lower(): value for name, value in response.headers.items()},
                response.read().decode("utf-8", "replace"))


class Launched(Launcher):
    """The launcher (bench/server.py) for a test: HAProxy must be installed, a failed start fails the test
    with the launcher's log, and an app process can be killed by name."""

    def __init__(self, folder: Path, workers: int = 2, env: dict[str, str] | None = None) -> None:
        haproxy_binary()
        super().__init__(folder, workers, env)

    def start(self) -> Launched:
        try:
            super().start()
        except LaunchError as problem:
            pytest.fail(str(problem))
        return self

    def worker_pids(self) -> dict[str, int]:
        """{app process name (w1, w2, …): pid}, as HAProxy's cookie names them."""
        found = {}
        for pid, command in self.children().items():
            if "--server.port" in command:
                port = int(command[command.index("--server.port") + 1])
                found[f"w{port - self.first_worker_port + 1}"] = pid
        return found

    def kill(self, name: str) -> None:
        """SIGKILL one app process: no shutdown hooks, exactly like a crash or an out-of-memory kill."""
        os.kill(self.worker_pids()[name], signal.SIGKILL)

