"""The HAProxy configuration deploy/haproxy.py renders, run by Debian's HAProxy in front of two
small stand-in app processes (stdlib HTTP servers that echo what reached them): the sticky cookie,
the client address, and what happens to a browser whose process fails its health check or dies."""

from __future__ import annotations

import json
import subprocess
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from bench.server import free_port
from deploy.haproxy import COOKIE, HEALTH_PATH, SERVED_BY, Backend, compose_config, local_backends, render
from tests.deploy.conftest import get, haproxy_binary

WAIT_SECONDS = 30   # the health checks run every second; a bound, not a measurement


class StandIn(ThreadingHTTPServer):
    """Answers the health check (200 while `healthy`) and echoes every other request as JSON."""

    daemon_threads = True

    def __init__(self, name: str) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.name, self.healthy = name, True
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.shutdown()
        self.server_close()


class _Handler(BaseHTTPRequestHandler):
    server: StandIn

    def do_GET(self) -> None:
        if self.path == HEALTH_PATH:
            body = b"ok" if self.server.healthy else b"unhealthy"
            self.send_response(200 if self.server.healthy else 503)
        else:
            body = json.dumps({"name": self.server.name,
                               "x-forwarded-for": self.headers.get_all("X-Forwarded-For") or []}).encode()
            self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def proxied(tmp_path: Path) -> Iterator[tuple[str, dict[str, StandIn]]]:
    """HAProxy on a free port in front of stand-ins w1 and w2, with the rendered configuration."""
    stand_ins = {name: StandIn(name) for name in ("w1", "w2")}
    port = free_port()
    config = tmp_path / "haproxy.cfg"
    config.write_text(render([Backend(name, "127.0.0.1", s.server_address[1]) for name, s in stand_ins.items()],
                             "127.0.0.1", port))
    log = (tmp_path / "haproxy.log").open("wb")
    proxy = subprocess.Popen([haproxy_binary(), "-W", "-db", "-f", str(config)], stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _until(lambda: _both_up(url), "HAProxy did not come up")
        yield url, stand_ins
    finally:
        proxy.terminate()
        proxy.wait(timeout=30)
        log.close()
        for stand_in in stand_ins.values():
            stand_in.stop()


def _both_up(url: str) -> bool:
    try:
        return {_echo(url, f"{COOKIE}={name}")["name"] for name in ("w1", "w2")} == {"w1", "w2"}
    except OSError:
        return False


def _echo(url: str, cookie: str | None = None, headers: dict[str, str] | None = None) -> dict[str, object]:
    _, response_headers, body = get(f"{url}/page", cookie=cookie, headers=headers)
    echoed = json.loads(body)
    echoed["served-by"] = response_headers[SERVED_BY.lower()]
    echoed["set-cookie"] = response_headers.get("set-cookie", "")
    return echoed


def _until(condition: object, message: str) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            pytest.fail(message)
        time.sleep(0.1)


@pytest.mark.parametrize("text", [render(local_backends(1), "0.0.0.0", 8501), render(local_backends(4), "::", 8501),
                                  render(local_backends(2, 9000), "127.0.0.1", 8080), compose_config()],
                         ids=["one-process", "ipv6-four-processes", "loopback", "compose"])
def test_haproxy_accepts_every_rendered_configuration(tmp_path, text):
    config = tmp_path / "haproxy.cfg"
    config.write_text(text)
    checked = subprocess.run([haproxy_binary(), "-c", "-f", str(config)], capture_output=True, text=True, check=False)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_first_answer_sets_the_cookie_and_later_requests_keep_to_its_process(proxied):
    url, _ = proxied
    first = _echo(url)
    assert first["set-cookie"].startswith(f"{COOKIE}={first['name']};")
    assert "HttpOnly" in first["set-cookie"] and first["served-by"] == first["name"]
    cookie = first["set-cookie"].split(";")[0]
    assert {_echo(url, cookie)["name"] for _ in range(10)} == {first["name"]}


def test_the_app_sees_the_address_haproxy_saw_never_one_the_client_made_up(proxied):
    url, _ = proxied
    echoed = _echo(url, headers={"X-Forwarded-For": "203.0.113.9"})
    assert echoed["x-forwarded-for"] == ["127.0.0.1"]


def test_a_process_failing_its_health_check_loses_its_browsers_to_a_healthy_one(proxied):
    url, stand_ins = proxied
    stand_ins["w1"].healthy = False
    _until(lambda: _echo(url, f"{COOKIE}=w1")["name"] == "w2", "the unhealthy process kept its browsers")
    moved = _echo(url, f"{COOKIE}=w1")
    assert moved["set-cookie"].startswith(f"{COOKIE}=w2;")   # the browser now keeps to w2
    assert {_echo(url)["name"] for _ in range(6)} == {"w2"}  # and new browsers go there too
    stand_ins["w1"].healthy = True
    _until(lambda: _echo(url, f"{COOKIE}=w1")["name"] == "w1", "the process did not come back")


def test_a_request_for_a_dead_process_is_sent_to_a_live_one_before_any_check_notices(proxied):
    url, stand_ins = proxied
    stand_ins["w1"].stop()            # the port now refuses connections, before any check has noticed
    moved = _echo(url, f"{COOKIE}=w1")
    assert moved["name"] == "w2" and moved["set-cookie"].startswith(f"{COOKIE}=w2;")
