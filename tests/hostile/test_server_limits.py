"""The limits of .streamlit/config.toml, tried against a real server on loopback: uploads over the
size limit, uploads for file ids the server never issued, uploads without the XSRF token,
websocket messages over the size limit, and websocket connections under a foreign host name."""

from __future__ import annotations

import asyncio
import http.client
import json
import tomllib
import uuid
from collections.abc import Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import pytest
import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench.server import Server

ROOT = Path(__file__).resolve().parents[2]
CONFIG = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["server"]
MB = 1024 * 1024
T = TypeVar("T")


def run_async(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine on a thread of its own: a browser test's Playwright session may still hold
    this thread's event loop, and asyncio.run refuses to start inside a running loop."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with Server("app.py", tmp_path_factory.mktemp("limits")) as running:
        yield running


def xsrf_cookie(server: Server) -> str:
    """The XSRF cookie the server sets as the page starts (the browser echoes it in a header on uploads)."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    connection.request("GET", "/_stcore/health")
    response = connection.getresponse()
    response.read()
    cookies = [h for k, h in response.getheaders() if k.lower() == "set-cookie" and h.startswith("_streamlit_xsrf=")]
    assert cookies, "the page sets no XSRF cookie: is server.enableXsrfProtection on?"
    return cookies[0].split(";", 1)[0].split("=", 1)[1]


async def stream(server: Server, host: str, **options: object) -> websockets.ClientConnection:
    """A websocket to the server as a page served under `host` opens it (Host and Origin name it)."""
    return await websockets.connect(f"ws://{host}:{server.port}/_stcore/stream", host="127.0.0.1", port=server.port,
                                    subprotocols=["streamlit"], origin=f"http://{host}:{server.port}", **options)


async def _issued_upload(server: Server, host: str = "127.0.0.1") -> tuple[str, str, websockets.ClientConnection]:
    """Open a session as a browser tab does and ask for one upload URL: (session id, file id, socket)."""
    socket = await stream(server, host, max_size=None)
    start = BackMsg()
    start.rerun_script.query_string = ""
    await socket.send(start.SerializeToString())
    session_id, finished = "", False
    while not finished:
        message = ForwardMsg()
        message.ParseFromString(await asyncio.wait_for(socket.recv(), 60))
        if message.WhichOneof("type") == "new_session":
            session_id = message.new_session.initialize.session_id
        finished = message.WhichOneof("type") == "script_finished"
    ask = BackMsg()
    ask.file_urls_request.request_id = "r1"
    ask.file_urls_request.session_id = session_id
    ask.file_urls_request.file_names.append("export.json")
    await socket.send(ask.SerializeToString())
    while True:
        message = ForwardMsg()
        message.ParseFromString(await asyncio.wait_for(socket.recv(), 30))
        if message.WhichOneof("type") == "file_urls_response":
            return session_id, message.file_urls_response.file_urls[0].file_id, socket


def put(server: Server, session_id: str, file_id: str, body: bytes, token: str | None) -> int:
    boundary = uuid.uuid4().hex
    payload = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"export.json\"\r\n"
               "Content-Type: application/json\r\n\r\n").encode() + body + f"\r\n--{boundary}--\r\n".encode()
    headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
    if token is not None:
        headers |= {"X-Xsrftoken": token, "Cookie": f"_streamlit_xsrf={token}"}
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    try:
        connection.request("PUT", f"/_stcore/upload_file/{session_id}/{file_id}", body=payload, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status
    except (BrokenPipeError, ConnectionResetError):
        return 413  # the server stopped reading an oversized body and answered early
    finally:
        connection.close()


def test_the_limits_are_configured():
    assert CONFIG["maxUploadSize"] == 2 and CONFIG["maxMessageSize"] == 4
    assert CONFIG["enableXsrfProtection"] is True and CONFIG["enableCORS"] is True
    assert set(CONFIG["allowedHosts"]) == {"localhost", "127.0.0.1", "::1"}


def test_uploads_are_refused_over_the_limit_for_unissued_ids_and_without_the_token(server):
    async def scenario() -> dict[str, int]:
        session_id, file_id, socket = await _issued_upload(server)
        token = xsrf_cookie(server)
        export = json.dumps({"format": "soc-navigator/assessment"}).encode()
        try:
            return {
                "issued": put(server, session_id, file_id, export, token),
                "too large": put(server, session_id, file_id, b"x" * (CONFIG["maxUploadSize"] * MB + 1), token),
                "never issued": put(server, session_id, str(uuid.uuid4()), export, token),
                "no token": put(server, session_id, file_id, export, None),
                "no session": put(server, "not-a-session", file_id, export, token),
            }
        finally:
            await socket.close()

    statuses = run_async(scenario())
    assert statuses == {"issued": 204, "too large": 413, "never issued": 400, "no token": 403, "no session": 400}


def test_a_websocket_message_over_the_limit_closes_the_connection(server):
    async def scenario() -> bool:
        _, _, socket = await _issued_upload(server)
        big = BackMsg()
        big.rerun_script.query_string = "x" * (CONFIG["maxMessageSize"] * 1_000_000 + 1)
        try:
            await socket.send(big.SerializeToString())
            await asyncio.wait_for(socket.recv(), 30)
            await asyncio.wait_for(socket.recv(), 30)
        except websockets.ConnectionClosed:
            return True
        finally:
            await socket.close()
        return False

    assert run_async(scenario())


def test_a_websocket_under_a_foreign_host_name_is_refused(server):
    """DNS rebinding: a page on evil.example whose name now points at this server."""

    async def connect(host: str) -> bool:
        try:
            socket = await stream(server, host)
        except websockets.InvalidStatus:
            return False
        await socket.close()
        return True

    assert run_async(connect("localhost")) is True
    assert run_async(connect("evil.example")) is False
