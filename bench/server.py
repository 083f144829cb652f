"""Start and stop a Streamlit server for a benchmark, and read its memory."""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def free_ports_in_a_row(count: int) -> int:
    """The first of `count` consecutive free loopback ports (`make serve`'s workers take ports in a row)."""
    for _ in range(200):
        first = free_port()
        if all(_free(first + offset) for offset in range(1, count)):
            return first
    raise RuntimeError(f"no {count} free ports in a row")


def _free(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def serving(url: str, process: subprocess.Popen[bytes], seconds: float) -> bool:
    """Whether `url` answers its health check within `seconds`; False at once if `process` exits first."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return True
        except OSError:
            pass
        time.sleep(0.2)
    return False


class Server:
    """`streamlit run SCRIPT` on loopback, with extra flags and environment."""

    def __init__(self, script: str, folder: Path, flags: tuple[str, ...] = (),
                 env: dict[str, str] | None = None) -> None:
        self.script, self.folder, self.flags = script, folder, flags
        self.env = {**os.environ, "SOC_NAVIGATOR_DATABASE_URL": f"sqlite:///{folder / 'bench.db'}", **(env or {})}
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> Server:
        """Start the server and wait until it answers its health check."""
        self.folder.mkdir(parents=True, exist_ok=True)
        log = (self.folder / "server.log").open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", self.script, "--server.port", str(self.port),
             "--server.address", "127.0.0.1", *self.flags],
            cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=self.env)
        if serving(self.url, self.process, 60):
            return self
        self.process.kill()
        raise RuntimeError(f"{self.script} did not start")

    def kill(self) -> None:
        """SIGKILL: no shutdown hooks, exactly like a crash or an out-of-memory kill."""
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=15)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def rss_kb(self) -> int:
        """Resident memory of the server process, in KiB."""
        assert self.process is not None
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        raise RuntimeError("no VmRSS")


class LaunchError(RuntimeError):
    """`deploy.serve` exited, or did not serve in time; the message quotes its log."""


class Launcher:
    """`python -m deploy.serve` (what `make serve` runs) with `workers` app processes behind HAProxy, on
    free loopback ports, until stop(). The benchmarks and the deploy tests start it the same way."""

    START_SECONDS = 240

    def __init__(self, folder: Path, workers: int, env: dict[str, str] | None = None) -> None:
        self.folder, self.workers = folder, workers
        self.port = free_port()
        self.first_worker_port = free_ports_in_a_row(workers)
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = folder / "serve.log"
        self.run_dir = folder / "run"   # the launcher's HAProxy configuration and socket
        self.env = {**os.environ, "SOC_NAVIGATOR_DATABASE_URL": f"sqlite:///{folder / 'app.db'}",
                    "SOC_NAVIGATOR_LINK_SECRET": secrets.token_hex(16), **(env or {})}
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> Launcher:
        """Start the launcher and wait until the proxy answers the health check."""
        self.folder.mkdir(parents=True, exist_ok=True)
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "deploy.serve", "--workers", str(self.workers), "--host", "127.0.0.1",
                 "--port", str(self.port), "--first-worker-port", str(self.first_worker_port),
                 "--run-dir", str(self.run_dir)],
                cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        if serving(self.url, self.process, self.START_SECONDS):
            return self
        if self.process.poll() is not None:
            raise LaunchError(f"the launcher exited with {self.process.returncode}:\n{self.log.read_text()}")
        self.stop()
        raise LaunchError(f"the launcher did not serve within {self.START_SECONDS} s:\n{self.log.read_text()}")

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

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __enter__(self) -> Launcher:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
