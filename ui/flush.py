"""How soon Streamlit sends what a run draws.

Streamlit sends every session's messages from one loop that rests after each flush (1.67:
`MESSAGE_FLUSH_INTERVAL_SECS`, 5 ms). A click whose run outlasts the first flush (a fragment that saves
an answer, say) waits out the rest for its last elements: up to 5 ms on a click of 5 to 10 ms (README
"Performance"). Streamlit's maintainers call the rest a legacy cool-down that batching does not need;
the app rests 1 ms. The bare app of the page benchmark (bench/bare_app.py) runs with the same setting.
"""

from __future__ import annotations

import streamlit.runtime.runtime as runtime

FLUSH_SECONDS = 0.001


def send_promptly() -> None:
    """Rest FLUSH_SECONDS between flushes in this process (Streamlit reads the value at every flush)."""
    runtime.MESSAGE_FLUSH_INTERVAL_SECS = FLUSH_SECONDS
