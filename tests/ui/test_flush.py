"""The app's message flush setting reaches the loop that sends every session's messages."""

from __future__ import annotations

import inspect

import streamlit.runtime.runtime as runtime

from ui import flush


def test_the_runtime_loop_rests_as_long_as_the_app_says(monkeypatch):
    monkeypatch.setattr(runtime, "MESSAGE_FLUSH_INTERVAL_SECS", 0.005)
    flush.send_promptly()
    assert runtime.MESSAGE_FLUSH_INTERVAL_SECS == flush.FLUSH_SECONDS == 0.001
    # The loop reads the module's value at every flush, so setting it takes effect (a Streamlit release
    # that stops reading it here must fail this test, not slow every click silently).
    assert "await asyncio.sleep(MESSAGE_FLUSH_INTERVAL_SECS)" in inspect.getsource(runtime.Runtime._loop_coroutine)


def test_the_app_and_the_bare_benchmark_app_both_use_it():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    assert "flush.send_promptly()" in (root / "ui" / "warmup.py").read_text()
    assert "send_promptly()" in (root / "bench" / "bare_app.py").read_text()
