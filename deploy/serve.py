"""`make serve`: N app processes on loopback behind HAProxy on HOST:PORT, until SIGTERM or Ctrl-C.

    python -m deploy.serve --workers 2 --host 0.0.0.0 --port 8501

1. Prepares what the processes share: the database schema (created or migrated once, here, rather
   than by N processes at the same moment) and, unless SOC_NAVIGATOR_LINK_SECRET is set, the link
   secret file under data/. Every process gets the same Streamlit cookie secret (XSRF tokens and
   sign-in cookies are signed with it) and SOC_NAVIGATOR_ACCESS=required: they are only ever
   reached through the proxy.
2. Renders the HAProxy configuration (deploy/haproxy.py) into a run folder.
3. Starts `streamlit run app.py --server.address 127.0.0.1 --server.port 8601+i` for each process
   and waits until each answers /_stcore/health.
4. Runs `haproxy -W -db -f <config>` in the foreground. SIGTERM or SIGINT stops HAProxy, then
   every app process (SIGTERM, then SIGKILL after a grace period), and removes the run folder.

Restarting a process that died is not done here: HAProxy's health checks take it out of rotation
within about two seconds and its browsers reconnect to another one; restarting belongs to systemd
(deploy/soc-navigator.service restarts the whole set) or the container platform.
"""

from __future__ import annotations

import argparse
import ctypes
import ipaddress
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

from deploy.haproxy import APP_PORT, FIRST_WORKER_PORT, HEALTH_PATH, Backend, local_backends, render

ROOT = Path(__file__).resolve().parent.parent
HAPROXY_PATHS = ("/usr/sbin/haproxy", "/usr/local/sbin/haproxy")
START_SECONDS = 180   # N processes importing pandas and plotly at once on a small machine
STOP_SECONDS = 20     # SIGTERM grace before SIGKILL
COOKIE_SECRET_ENV = "STREAMLIT_SERVER_COOKIE_SECRET"
PR_SET_PDEATHSIG = 1


class Stopped(Exception):
    """SIGTERM or SIGINT arrived."""


class ServeError(RuntimeError):
    """Something the operator must fix before the set can start (said in one line)."""


@dataclass
class Options:
    workers: int
    host: str
    port: int
    first_worker_port: int = FIRST_WORKER_PORT
    run_dir: Path | None = None
    haproxy: str | None = None


@dataclass
class Worker:
    backend: Backend
    process: subprocess.Popen[bytes]

    @property
    def url(self) -> str:
        return f"http://{self.backend.host}:{self.backend.port}"


@dataclass
class Launcher:
    options: Options
    workers: list[Worker] = field(default_factory=list)
    proxy: subprocess.Popen[bytes] | None = None
    run_dir: Path | None = None
    _own_run_dir: bool = False
    _stopping: bool = False

    # --- the whole life -------------------------------------------------------------------------

    def run(self) -> int:
        previous = {sig: signal.signal(sig, self._on_signal) for sig in (signal.SIGTERM, signal.SIGINT)}
        try:
            return self._serve()
        except Stopped:
            return 0
        finally:
            self._stopping = True  # a second signal during the clean-up changes nothing
            self.stop()
            for sig, handler in previous.items():
                signal.signal(sig, handler)

    def _on_signal(self, signum: int, _frame: FrameType | None) -> None:
        if self._stopping:
            return
        self._stopping = True
        print(f"serve: {signal.Signals(signum).name}, stopping", file=sys.stderr, flush=True)
        raise Stopped

    def _serve(self) -> int:
        haproxy = self._haproxy_binary()
        backends = local_backends(self.options.workers, self.options.first_worker_port)
        if self.options.port in {backend.port for backend in backends}:
            raise ServeError(f"port {self.options.port} is both HAProxy's and an app process's; "
                             "choose another PORT or --first-worker-port")
        self._check_ports_free([(self.options.host, self.options.port)]
                               + [(b.host, b.port) for b in backends])
        env = worker_environment(os.environ)
        prepare_shared_state()
        config = self._write_config(backends)
        self._check_config(haproxy, config)
        for backend in backends:
            self.workers.append(Worker(backend, self._start_worker(backend, env)))
            print(f"serve: {backend.name} on {backend.host}:{backend.port} (pid {self.workers[-1].process.pid})",
                  flush=True)
        self._wait_until_healthy()
        self.proxy = subprocess.Popen([haproxy, "-W", "-db", "-f", str(config)], cwd=ROOT,
                                      preexec_fn=_die_with_parent)
        where = ("every interface of this machine" if self.options.host in {"0.0.0.0", "::", "*"}
                 else f"http://{_display(self.options.host)}")
        print(f"serve: SOC Navigator on {where}, port {self.options.port} "
              f"({len(self.workers)} app processes behind HAProxy, pid {self.proxy.pid})", flush=True)
        return self._watch(self.proxy)

    def _watch(self, proxy: subprocess.Popen[bytes]) -> int:
        """Until HAProxy ends or no app process is left: says when a process dies (HAProxy routes
        around it), and ends with a failure when all have, so systemd restarts the set."""
        running = list(self.workers)
        while True:
            try:
                code = proxy.wait(timeout=1)
            except subprocess.TimeoutExpired:
                pass
            else:
                print(f"serve: HAProxy exited with status {code}", file=sys.stderr, flush=True)
                return code or 1  # HAProxy only ends by itself when something is wrong
            for worker in [w for w in running if w.process.poll() is not None]:
                running.remove(worker)
                print(f"serve: {worker.backend.name} exited ({_status(worker.process.returncode)}); "
                      f"HAProxy sends its browsers to the {len(running)} left", file=sys.stderr, flush=True)
            if not running:
                print("serve: no app process left", file=sys.stderr, flush=True)
                return 1

    # --- steps ----------------------------------------------------------------------------------

    def _haproxy_binary(self) -> str:
        candidates: list[str | None] = ([self.options.haproxy] if self.options.haproxy
                                        else [shutil.which("haproxy"), *HAPROXY_PATHS])
        for candidate in candidates:
            if candidate and os.access(candidate, os.X_OK):
                return candidate
        raise ServeError("HAProxy is not installed: `make serve` installs Debian's haproxy")

    @staticmethod
    def _check_ports_free(addresses: list[tuple[str, int]]) -> None:
        for host, port in addresses:
            family = socket.AF_INET6 if ":" in host else socket.AF_INET
            with socket.socket(family, socket.SOCK_STREAM) as sock:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                try:
                    sock.bind((host, port))
                except OSError as exc:
                    raise ServeError(f"{_display(host)}:{port} cannot be used ({exc.strerror}); "
                                     "choose other ports (PORT=… or --first-worker-port …)") from exc

    def _write_config(self, backends: list[Backend]) -> Path:
        if self.options.run_dir is not None:
            self.run_dir = self.options.run_dir
            self.run_dir.mkdir(parents=True, exist_ok=True)
        elif os.environ.get("RUNTIME_DIRECTORY"):  # systemd's RuntimeDirectory=
            self.run_dir = Path(os.environ["RUNTIME_DIRECTORY"].split(":")[0])
        else:
            self.run_dir = Path(tempfile.mkdtemp(prefix="soc-navigator-serve-"))
            self._own_run_dir = True
        config = self.run_dir / "haproxy.cfg"
        config.write_text(render(backends, self.options.host, self.options.port), encoding="utf-8")
        return config

    @staticmethod
    def _check_config(haproxy: str, config: Path) -> None:
        checked = subprocess.run([haproxy, "-c", "-q", "-f", str(config)], capture_output=True, text=True,
                                 check=False)
        if checked.returncode != 0:
            raise ServeError(f"HAProxy refused {config}:\n{checked.stdout}{checked.stderr}")

    @staticmethod
    def _start_worker(backend: Backend, env: dict[str, str]) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.address", backend.host,
             "--server.port", str(backend.port)],
            cwd=ROOT, env=env, preexec_fn=_die_with_parent)

    def _wait_until_healthy(self) -> None:
        waiting = list(self.workers)
        deadline = time.monotonic() + START_SECONDS
        while waiting:
            for worker in list(waiting):
                code = worker.process.poll()
                if code is not None:
                    raise ServeError(f"{worker.backend.name} exited with status {code} while starting "
                                     "(its messages are above)")
                if healthy(worker.url):
                    waiting.remove(worker)
            if waiting and time.monotonic() > deadline:
                raise ServeError(f"not healthy after {START_SECONDS} s: "
                                 + ", ".join(worker.backend.name for worker in waiting))
            if waiting:
                time.sleep(0.2)

    def stop(self) -> None:
        """HAProxy first (no new requests), then every app process; SIGKILL what outlives the grace."""
        processes = ([self.proxy] if self.proxy is not None else []) + [w.process for w in self.workers]
        if self.proxy is not None and self.proxy.poll() is None:
            self.proxy.terminate()
            _wait(self.proxy)
        for worker in self.workers:
            if worker.process.poll() is None:
                worker.process.terminate()
        deadline = time.monotonic() + STOP_SECONDS
        for process in processes:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if self._own_run_dir and self.run_dir is not None:
            shutil.rmtree(self.run_dir, ignore_errors=True)


# --- shared by every app process -------------------------------------------------------------------

def worker_environment(base: os._Environ[str] | dict[str, str]) -> dict[str, str]:
    """The app processes' environment: the operator's, plus what several processes must share."""
    env = dict(base)
    env["SOC_NAVIGATOR_ACCESS"] = "required"   # every request reaches them through the proxy
    if not env.get(COOKIE_SECRET_ENV):
        env[COOKIE_SECRET_ENV] = secrets.token_hex(32)
    return env


def prepare_shared_state() -> None:
    """Create or migrate the schema once, and the link secret file, before N processes start.

    A database that cannot be reached now is not fatal: each process says so on its pages and
    in its log, and keeps retrying (README, "Saved assessments").
    """
    from storage import access, open_store

    if not os.environ.get(access.LINK_SECRET_ENV):
        access.link_secret()  # data/link_secret, shared by the processes on this machine
    try:
        open_store().engine.dispose()
    except Exception as exc:  # reported here; the processes take over
        print(f"serve: the database cannot be opened yet ({type(exc).__name__}); the app will retry",
              file=sys.stderr, flush=True)


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}{HEALTH_PATH}", timeout=2) as response:
            return bool(response.status == 200)
    except (OSError, urllib.error.URLError):
        return False


def _die_with_parent() -> None:
    """In the child, before exec: SIGTERM when the launcher dies, even by SIGKILL (Linux only)."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def _wait(process: subprocess.Popen[bytes]) -> None:
    try:
        process.wait(timeout=STOP_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _status(code: int) -> str:
    if code >= 0:
        return f"status {code}"
    try:
        return f"signal {signal.Signals(-code).name}"
    except ValueError:
        return f"signal {-code}"


def _display(host: str) -> str:
    try:
        return f"[{host}]" if ipaddress.ip_address(host).version == 6 else host
    except ValueError:
        return host


def parse(argv: Sequence[str] | None = None) -> Options:
    parser = argparse.ArgumentParser(prog="python -m deploy.serve", description=__doc__.split("\n")[0])
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="app processes (default: the number of cores, %(default)s)")
    parser.add_argument("--host", default="0.0.0.0", help="address HAProxy listens on (%(default)s)")
    parser.add_argument("--port", type=int, default=APP_PORT, help="port HAProxy listens on (%(default)s)")
    parser.add_argument("--first-worker-port", type=int, default=FIRST_WORKER_PORT,
                        help="app process i listens on 127.0.0.1:PORT+i (%(default)s)")
    parser.add_argument("--run-dir", type=Path, help="where the HAProxy configuration is written "
                        "(default: systemd's RUNTIME_DIRECTORY, else a temporary folder)")
    parser.add_argument("--haproxy", help="the haproxy binary (default: found on PATH or in /usr/sbin)")
    args = parser.parse_args(argv)
    if args.workers < 1:
        parser.error("--workers must be at least 1")
    return Options(workers=args.workers, host=args.host, port=args.port,
                   first_worker_port=args.first_worker_port, run_dir=args.run_dir, haproxy=args.haproxy)


def main(argv: Sequence[str] | None = None) -> int:
    launcher = Launcher(parse(argv))
    try:
        return launcher.run()
    except ServeError as exc:
        print(f"serve: {exc}", file=sys.stderr, flush=True)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
