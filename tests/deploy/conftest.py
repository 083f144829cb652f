"""`make serve` under test: the launcher (deploy/serve.py) with its app processes behind HAProxy,
on free loopback ports, and what each process is.

Nothing here skips: a missing HAProxy is a failure, since `make test` installs it.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from bench.server import free_port, free_ports_in_a_row

ROOT = Path(__file__).resolve().parents[2]
START_SECONDS = 240


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


class Launched:
    """`python -m deploy.serve` with `workers` app processes, HAProxy on a free port, until stop()."""

    def __init__(self, folder: Path, workers: int = 2, env: dict[str, str] | None = None) -> None:
        haproxy_binary()
        self.folder, self.workers = folder, workers
        self.port = free_port()
        self.first_worker_port = free_ports_in_a_row(workers)
        self.url = f"http://127.0.0.1:{self.port}"
        self.run_dir = folder / "run"
        self.log = folder / "serve.log"
        self.env = {**os.environ, "SOC_NAVIGATOR_DATABASE_URL": f"sqlite:///{folder / 'app.db'}",
                    "SOC_NAVIGATOR_LINK_SECRET": "deploy-test-link-secret", **(env or {})}
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> Launched:
        self.folder.mkdir(parents=True, exist_ok=True)
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "deploy.serve", "--workers", str(self.workers), "--host", "127.0.0.1",
                 "--port", str(self.port), "--first-worker-port", str(self.first_worker_port),
                 "--run-dir", str(self.run_dir)],
                cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"the launcher exited with {self.process.returncode}:\n{self.log.read_text()}")
            try:
                if get(f"{self.url}/_stcore/health")[0] == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        pytest.fail(f"the launcher did not serve within {START_SECONDS} s:\n{self.log.read_text()}")

    def children(self) -> dict[int, list[str]]:
        """The launcher's child processes: {pid: command line}."""
        assert self.process is not None
        pid = self.process.pid
        found = {}
        for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split():
            try:
                found[int(child)] = Path(f"/proc/{child}/cmdline").read_text().split("\0")
            except FileNotFoundError:
                continue
        return found

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

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __enter__(self) -> Launched:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
