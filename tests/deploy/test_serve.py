"""`make serve`, for real: two app processes behind HAProxy answer through the proxy, a browser
keeps to its process (cookie and websocket alike), and SIGTERM or Ctrl-C leaves nothing running."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bench.protocol import Session
from bench.server import free_port
from deploy.haproxy import CACHE_STATUS, COOKIE, HEALTH_PATH, SERVED_BY
from tests.deploy.conftest import ROOT, Launched, get


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Launched]:
    with Launched(tmp_path_factory.mktemp("serve"), workers=2) as launched:
        yield launched


def test_the_proxy_serves_the_app_and_its_health_check(served):
    status, headers, body = get(f"{served.url}/")
    assert status == 200
    assert '<div id="root">' in body and "<title>Streamlit</title>" in body
    served_by = headers[SERVED_BY.lower()]
    assert served_by in {"w1", "w2"}
    assert headers["set-cookie"].startswith(f"{COOKIE}={served_by};")   # the first answer pins the browser
    status, _, body = get(f"{served.url}{HEALTH_PATH}")
    assert (status, body) == (200, "ok")


def test_the_configuration_has_sticky_cookies_health_checks_and_the_client_address(served):
    config = (served.run_dir / "haproxy.cfg").read_text()
    assert f"cookie {COOKIE} insert indirect nocache" in config
    assert f"option httpchk GET {HEALTH_PATH}" in config and "http-check expect status 200" in config
    assert "option forwardfor" in config and "option redispatch" in config and "timeout tunnel" in config
    assert f"bind 127.0.0.1:{served.port}" in config
    for index, name in enumerate(("w1", "w2")):
        assert f"server {name} 127.0.0.1:{served.first_worker_port + index} cookie {name}" in config


def test_the_frontends_files_come_from_haproxys_cache_after_the_first_fetch(served):
    _, _, page = get(f"{served.url}/")
    files = re.findall(r'(?:src|href)="\./(static/[^"]+\.(?:js|css|woff2))"', page)
    assert len(files) >= 5                      # the scripts, style sheet and font a first visit fetches
    for path in files[:5]:
        status, first_headers, first = get(f"{served.url}/{path}")
        second_status, headers, second = get(f"{served.url}/{path}")
        assert (status, second_status) == (200, 200) and second == first and len(first) > 0
        assert first_headers[CACHE_STATUS.lower()] in {"MISS", "HIT"}   # HIT if an earlier test fetched it
        assert headers[CACHE_STATUS.lower()] == "HIT"                  # from HAProxy's memory: no app process
        assert SERVED_BY.lower() not in headers and "set-cookie" not in headers


def test_only_the_frontends_files_are_cached(served):
    for path in ("/", HEALTH_PATH, "/_stcore/host-config"):
        for _ in range(2):
            _, headers, _ = get(f"{served.url}{path}")
            assert CACHE_STATUS.lower() not in headers


@pytest.mark.parametrize("name", ["w1", "w2"])
def test_requests_carrying_the_cookie_stay_on_their_app_process(served, name):
    for _ in range(6):
        _, headers, _ = get(f"{served.url}/", cookie=f"{COOKIE}={name}")
        assert headers[SERVED_BY.lower()] == name
        assert "set-cookie" not in headers   # the cookie stands: nothing to change


def test_both_app_processes_take_new_browsers(served):
    # leastconn with no open tabs takes turns; a fresh browser is sent to either process
    seen = {get(f"{served.url}/")[1][SERVED_BY.lower()] for _ in range(8)}
    assert seen == {"w1", "w2"}


def test_a_websocket_through_the_proxy_runs_the_app_on_the_pinned_process(served):
    async def go() -> None:
        session = Session(served.url, headers={"Cookie": f"{COOKIE}=w2"})
        first = await session.connect()                       # the home page's script run
        assert session.response_headers[SERVED_BY.lower()] == "w2"
        assert any(widget_id.endswith("-start-full") for widget_id in first.widgets)
        await session.click("start-full")                     # the assessment page, on the same socket
        await session.choose("q:b2b", 0)
        assert session.query_string.startswith("a=")          # the first answer was saved
        assert session._socket is not None and session._socket.state.name == "OPEN"
        await session.close()

    # In a thread of its own: Playwright's sync API keeps an event loop running in this one once a
    # browser test has run in the same session.
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, go()).result(timeout=120)


def test_a_busy_port_is_refused_before_anything_starts(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "deploy.serve", "--workers", "1", "--host", "127.0.0.1",
                                 "--port", str(port), "--run-dir", str(tmp_path)],
                                cwd=ROOT, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 2
    assert f"127.0.0.1:{port} cannot be used" in result.stderr
    assert not (tmp_path / "haproxy.cfg").exists()


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_stop_signal_ends_haproxy_and_every_app_process(tmp_path, stop_signal):
    with Launched(tmp_path, workers=2) as launched:
        children = launched.children()
        workers = launched.worker_pids()
        assert set(workers) == {"w1", "w2"}
        assert any(Path(command[0]).name == "haproxy" for command in children.values())
        haproxy_workers = [int(pid) for haproxy in children for pid in
                           Path(f"/proc/{haproxy}/task/{haproxy}/children").read_text().split()]
        assert launched.process is not None
        launched.process.send_signal(stop_signal)
        assert launched.process.wait(timeout=60) == 0
    for pid in [*children, *haproxy_workers]:
        assert not _alive(pid), f"{pid} still runs: {children.get(pid)}"
    for port in (launched.port, launched.first_worker_port, launched.first_worker_port + 1):
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection(("127.0.0.1", port), timeout=5).close()
    assert "stopping" in launched.log.read_text()


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def test_the_launcher_refuses_a_missing_haproxy(tmp_path):
    result = subprocess.run([sys.executable, "-m", "deploy.serve", "--workers", "1", "--host", "127.0.0.1",
                             "--port", str(free_port()), "--haproxy", str(tmp_path / "no-haproxy")],
                            cwd=ROOT, capture_output=True, text=True, timeout=60, check=False,
                            env={**os.environ, "SOC_NAVIGATOR_LINK_SECRET": "x"})
    assert result.returncode == 2
    assert "`make serve` installs Debian's haproxy" in result.stderr


def test_when_no_app_process_is_left_the_launcher_ends_with_a_failure_for_systemd_to_restart(tmp_path):
    with Launched(tmp_path, workers=1) as launched:
        haproxy = [pid for pid, command in launched.children().items() if Path(command[0]).name == "haproxy"]
        launched.kill("w1")
        assert launched.process is not None
        assert launched.process.wait(timeout=60) == 1
    log = launched.log.read_text()
    assert "w1 exited (signal SIGKILL)" in log and "no app process left" in log
    assert haproxy and not any(_alive(pid) for pid in haproxy)
