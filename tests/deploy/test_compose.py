"""The container set-up, checked without running it (the project's machines cannot pull images):
compose.yaml, the Dockerfile and the systemd unit name the same services, ports, health-check path
and sticky cookie as the HAProxy configuration the launcher renders, and the committed
deploy/haproxy.compose.cfg is exactly what deploy/haproxy.py renders today."""

from __future__ import annotations

import json
import re
import subprocess

import pytest
import yaml

from deploy.haproxy import (
    APP_PORT,
    COMPOSE_CONFIG,
    COMPOSE_SERVICES,
    COOKIE,
    HEALTH_PATH,
    compose_config,
    local_backends,
    render,
)
from tests.deploy.conftest import ROOT, haproxy_binary

HAPROXY_CFG_IN_IMAGE = "/usr/local/etc/haproxy/haproxy.cfg"


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def committed() -> str:
    return COMPOSE_CONFIG.read_text(encoding="utf-8")


def servers(config: str) -> dict[str, tuple[str, int, str]]:
    """{server name: (host, port, cookie value)} of an HAProxy configuration."""
    found = {}
    for name, host, port, cookie in re.findall(r"^\s*server (\S+) (\S+):(\d+) cookie (\S+)", config, re.MULTILINE):
        found[name] = (host, int(port), cookie)
    return found


def app_services(compose: dict) -> dict[str, dict]:
    return {name: service for name, service in compose["services"].items() if name not in {"postgres", "haproxy"}}


def dockerfile_instructions() -> dict[str, list[str]]:
    """{instruction: [arguments, …]} of the Dockerfile, continuation lines joined."""
    text = re.sub(r"\\\n\s*", " ", (ROOT / "Dockerfile").read_text(encoding="utf-8"))
    found: dict[str, list[str]] = {}
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            instruction, _, rest = line.strip().partition(" ")
            found.setdefault(instruction.upper(), []).append(rest.strip())
    return found


def test_the_committed_compose_configuration_is_what_the_launchers_function_renders(committed):
    assert committed == compose_config(), "run `python -m deploy.haproxy` and commit deploy/haproxy.compose.cfg"


def test_compose_and_make_serve_share_one_configuration_but_their_servers(committed):
    local = render(local_backends(len(COMPOSE_SERVICES), APP_PORT + 100), "*", APP_PORT)
    strip = re.compile(r"^\s*(server |default-server |resolvers |nameserver |hold ).*\n", re.MULTILINE)
    assert strip.sub("", committed).replace("\n\n\n", "\n\n") == strip.sub("", local)


def test_haproxy_accepts_the_committed_compose_configuration():
    checked = subprocess.run([haproxy_binary(), "-c", "-f", str(COMPOSE_CONFIG)], capture_output=True, text=True,
                             check=False)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_compose_has_two_app_replicas_postgres_and_haproxy(compose):
    assert set(compose["services"]) == {"app1", "app2", "postgres", "haproxy"}
    assert tuple(app_services(compose)) == COMPOSE_SERVICES


def test_haproxys_servers_are_the_compose_app_services_on_the_images_port(compose, committed):
    assert servers(committed) == {name: (name, APP_PORT, name) for name in app_services(compose)}
    cmd = json.loads(dockerfile_instructions()["CMD"][-1])   # the exec form is a JSON list
    assert cmd[cmd.index("--server.port") + 1] == str(APP_PORT)
    assert cmd[cmd.index("--server.address") + 1] == "0.0.0.0"
    assert cmd[:5] == ["python", "-m", "streamlit", "run", "app.py"]
    for service in app_services(compose).values():
        assert str(APP_PORT) in [str(port) for port in service["expose"]]


def test_sticky_cookie_health_path_and_forwarding_are_in_the_compose_configuration(committed):
    assert f"cookie {COOKIE} insert indirect nocache" in committed
    assert f"option httpchk GET {HEALTH_PATH}" in committed and "http-check expect status 200" in committed
    assert "option forwardfor" in committed and "option redispatch" in committed and "timeout tunnel" in committed


def test_the_images_health_check_asks_the_same_path_on_the_same_port():
    [healthcheck] = dockerfile_instructions()["HEALTHCHECK"]
    assert f"http://127.0.0.1:{APP_PORT}{HEALTH_PATH}" in healthcheck


def test_the_image_installs_the_lock_with_hashes():
    instructions = dockerfile_instructions()
    assert instructions["FROM"] == ["python:3.11-slim"]
    assert any("pip install --require-hashes --no-deps -r requirements.lock" in run for run in instructions["RUN"])
    assert instructions["USER"] and instructions["USER"][-1] != "root"


def test_the_replicas_share_postgres_secrets_and_closed_access(compose):
    replicas = app_services(compose)
    environments = [service["environment"] for service in replicas.values()]
    assert all(environment == environments[0] for environment in environments)
    environment = environments[0]
    assert environment["SOC_NAVIGATOR_DATABASE_URL"].startswith("postgresql://")
    assert "@postgres:5432/" in environment["SOC_NAVIGATOR_DATABASE_URL"]
    assert environment["SOC_NAVIGATOR_ACCESS"] == "required"
    for shared in ("SOC_NAVIGATOR_LINK_SECRET", "STREAMLIT_SERVER_COOKIE_SECRET"):
        assert environment[shared] == f"${{{shared}:?set {shared}}}"   # required, never a default
    for service in replicas.values():
        assert service["depends_on"]["postgres"]["condition"] == "service_healthy"
        assert service["build"] == "."


def test_postgres_has_a_health_check(compose):
    postgres = compose["services"]["postgres"]
    assert postgres["image"].startswith("postgres:")
    assert "pg_isready" in " ".join(postgres["healthcheck"]["test"])
    assert postgres["environment"]["POSTGRES_PASSWORD"].startswith("${POSTGRES_PASSWORD:?")


def test_haproxy_mounts_the_generated_configuration_and_publishes_the_port(compose):
    haproxy = compose["services"]["haproxy"]
    assert haproxy["image"].startswith("haproxy:")
    source, target, mode = haproxy["volumes"][0].split(":")
    assert (ROOT / source).resolve() == COMPOSE_CONFIG and target == HAPROXY_CFG_IN_IMAGE and mode == "ro"
    assert haproxy["ports"] == [f"{APP_PORT}:{APP_PORT}"]
    assert set(haproxy["depends_on"]) == set(app_services(compose))


def test_the_systemd_unit_runs_the_launcher_as_its_own_user():
    unit = (ROOT / "deploy" / "soc-navigator.service").read_text(encoding="utf-8")
    settings = [line.split("=", 1) for line in unit.splitlines() if "=" in line and not line.startswith("#")]
    values: dict[str, list[str]] = {}
    for key, value in settings:
        values.setdefault(key.strip(), []).append(value.strip())
    assert values["Restart"] == ["on-failure"]
    assert values["User"][0] not in {"root", "0"}
    assert values["WorkingDirectory"] == ["/opt/soc-navigator"]
    [exec_start] = values["ExecStart"]
    assert exec_start.startswith("/opt/soc-navigator/.venv/bin/python -m deploy.serve ")
    assert {"--host", "--port", "--workers"} <= set(exec_start.split())
    assert {value.split("=")[0] for value in values["Environment"]} == {"HOST", "PORT", "WORKERS"}
