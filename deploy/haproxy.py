"""The one HAProxy configuration, for `make serve` (app processes on this machine) and for the
containers (compose.yaml's replicas): rendered by `render`, never written by hand.

What it does and why:
- **Sticky sessions.** A Streamlit session lives in one app process, on its websocket. HAProxy
  inserts a cookie naming the process (`SERVERID=w1`) into the first response, and every later
  request of that browser, the websocket included, goes to the same process.
- **Websockets.** HTTP/1.1 upgrades pass through in http mode; `timeout tunnel` keeps an open
  tab's websocket for an hour of silence (the frontend reconnects by itself after that).
- **Health checks** on Streamlit's `/_stcore/health`, every second: a process that dies is out of
  rotation within about two seconds, and `option redispatch` sends a request whose cookie names a
  dead process to a live one at once (which then sets a new cookie).
- **Client address.** `option forwardfor` adds X-Forwarded-For, after removing any the client sent,
  so the app's per-address limits see the real address. The app then treats every request as
  coming through a proxy: the workspace needs sign-in or the workspace key (README, Security).
- **The frontend's files from memory.** A first visit fetches about 2.2 MB of scripts, style sheet
  and font from `/static/`, the same in every app process and named by their content. They go to
  their own backend, with no sticky cookie, whose responses HAProxy keeps in a cache in memory: each
  file is read from an app process once, not once per browser (a room's first visits cost the app
  processes about a third of their CPU without it). `X-Cache-Status` says HIT or MISS.

`python -m deploy.haproxy` rewrites deploy/haproxy.compose.cfg, the containers' copy.
"""

from __future__ import annotations

import argparse
import ipaddress
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

HEALTH_PATH = "/_stcore/health"
COOKIE = "SERVERID"
SERVED_BY = "X-Served-By"
CACHE_STATUS = "X-Cache-Status"
STATIC_PATH = "/static/"   # the frontend's files: the same in every app process, named by their content
CACHE_MEGABYTES = 64       # the files of one Streamlit release take about 10 MB
LARGEST_FILE = 8 * 1024 * 1024
APP_PORT = 8501          # a container's app process, and the proxy's default port
FIRST_WORKER_PORT = 8601  # `make serve`: worker i (from 0) listens on 127.0.0.1:8601+i
COMPOSE_SERVICES = ("app1", "app2")
COMPOSE_CONFIG = Path(__file__).resolve().parent / "haproxy.compose.cfg"
DOCKER_DNS = "127.0.0.11:53"  # the resolver every container on a compose network has


@dataclass(frozen=True)
class Backend:
    """One app process: its name (also the value of the sticky cookie) and where it listens."""

    name: str
    host: str
    port: int


def local_backends(count: int, first_port: int = FIRST_WORKER_PORT) -> list[Backend]:
    """`count` app processes on loopback, w1, w2, … on consecutive ports."""
    if count < 1:
        raise ValueError("at least one app process is needed")
    return [Backend(f"w{index + 1}", "127.0.0.1", first_port + index) for index in range(count)]


def compose_backends() -> list[Backend]:
    """compose.yaml's app services, each one app process on the image's port."""
    return [Backend(name, name, APP_PORT) for name in COMPOSE_SERVICES]


def bind_address(host: str, port: int) -> str:
    """HAProxy's spelling of a listening address: `0.0.0.0:8501`, `[::]:8501`, `*:8501`."""
    try:
        if ipaddress.ip_address(host).version == 6:
            return f"[{host}]:{port}"
    except ValueError:
        pass
    return f"{host}:{port}"


def render(backends: Sequence[Backend], bind_host: str, bind_port: int, dns: str | None = None) -> str:
    """The HAProxy configuration for `backends` behind `bind_host:bind_port`.

    `dns`: a resolver to re-resolve backend host names at run time (containers get a new address
    when they restart); without it names are resolved once at start, as for loopback addresses.
    """
    if not backends:
        raise ValueError("at least one app process is needed")
    names = [backend.name for backend in backends]
    if len(set(names)) != len(names):
        raise ValueError(f"app process names must differ: {names}")
    lines = [
        "# SOC Navigator behind HAProxy: rendered by deploy/haproxy.py (README, \"Serving a team\").",
        "# Do not edit: change deploy/haproxy.py and render it again.",
        "global",
        "    log stdout format raw local0 notice",
        "    maxconn 4096",
        "",
    ]
    if dns:
        lines += [
            "resolvers dns",
            f"    nameserver dns1 {dns}",
            "    hold valid 10s",
            "",
        ]
    lines += [
        "cache static_files",
        f"    total-max-size {CACHE_MEGABYTES}",
        f"    max-object-size {LARGEST_FILE}",
        "    max-age 86400",
        "",
        "defaults",
        "    mode http",
        "    log global",
        "    option httplog",
        "    option dontlognull",
        "    option forwardfor",
        "    option redispatch",
        "    retries 3",
        "    timeout connect 5s",
        "    timeout client 60s",
        "    timeout server 60s",
        "    timeout http-request 10s",
        "    timeout http-keep-alive 10s",
        "    timeout queue 30s",
        "    timeout check 3s",
        "    timeout client-fin 30s",
        "    timeout tunnel 1h",
        "",
        "frontend soc_navigator",
        f"    bind {bind_address(bind_host, bind_port)}",
        "    # The client's own X-Forwarded-For goes; `option forwardfor` adds the address HAProxy saw.",
        "    http-request del-header X-Forwarded-For",
        f"    http-request set-var(txn.static) bool(true) if {{ path_beg {STATIC_PATH} }}",
        "    use_backend static if { var(txn.static) -m bool }",
        "    # A file HAProxy answered from its cache reached no server.",
        f"    http-response set-header {CACHE_STATUS} HIT if {{ var(txn.static) -m bool }} !{{ srv_id -m found }}",
        f"    http-response set-header {CACHE_STATUS} MISS if {{ var(txn.static) -m bool }} {{ srv_id -m found }}",
        "    default_backend app",
        "",
        "backend static",
        "    # Any process serves the same files; HAProxy keeps them (no cookie: a cached answer is shared).",
        "    balance roundrobin",
        "    http-request cache-use static_files",
        "    http-response cache-store static_files",
    ]
    if dns:
        lines.append("    default-server resolvers dns init-addr last,libc,none")
    lines += [f"    server {b.name} {bind_address(b.host, b.port)} track app/{b.name}" for b in backends]
    lines += [
        "",
        "backend app",
        "    # Open tabs hold a websocket each: a new browser goes to the process with the fewest.",
        "    balance leastconn",
        f"    cookie {COOKIE} insert indirect nocache httponly attr \"SameSite=Lax\"",
        f"    option httpchk GET {HEALTH_PATH}",
        "    http-check expect status 200",
        f"    http-response set-header {SERVED_BY} %[srv_name]",
        "    default-server check inter 1s fall 2 rise 2"
        + (" resolvers dns init-addr last,libc,none" if dns else ""),
    ]
    lines += [f"    server {b.name} {bind_address(b.host, b.port)} cookie {b.name}" for b in backends]
    return "\n".join(lines) + "\n"


def compose_config() -> str:
    """The configuration compose.yaml's haproxy service mounts."""
    return render(compose_backends(), "*", APP_PORT, dns=DOCKER_DNS)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy.haproxy",
                                     description="Write the containers' HAProxy configuration.")
    parser.add_argument("--output", type=Path, default=COMPOSE_CONFIG, help="where to write it (%(default)s)")
    options = parser.parse_args(argv)
    options.output.write_text(compose_config(), encoding="utf-8")
    print(f"Wrote {options.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
