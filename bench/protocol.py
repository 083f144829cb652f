"""A Streamlit client that speaks the app's own websocket protocol, like a browser tab.

It sends BackMsg `rerun_script` messages carrying widget states, reads the ForwardMsg deltas to
learn which widgets are on screen, and times each rerun until its `script_finished` message.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

WIDGET_TYPES = ("button", "radio", "selectbox", "number_input", "text_input", "slider", "button_group",
                "date_input", "text_area", "download_button", "file_uploader")
FINISHED = (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY)


class RerunError(RuntimeError):
    """The app raised an exception, or the rerun did not finish in time."""


@dataclass
class Run:
    """What one rerun produced."""

    seconds: float
    widgets: dict[str, Element] = field(default_factory=dict)
    exceptions: int = 0


class Session:
    """One simulated browser tab on one websocket."""

    def __init__(self, base_url: str, timeout: float = 60.0, headers: dict[str, str] | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.headers = dict(headers or {})  # e.g. a load balancer's sticky cookie
        self.response_headers: dict[str, str] = {}  # of the websocket handshake
        self.page_hash = ""
        self.query_string = ""
        self.widgets: dict[str, Element] = {}
        self.states: dict[str, WidgetState] = {}
        self._socket: websockets.ClientConnection | None = None

    async def connect(self) -> Run:
        """Open the websocket and run the first page, as a fresh tab does."""
        ws_url = self.base_url.replace("http", "ws", 1) + "/_stcore/stream"
        self._socket = await websockets.connect(ws_url, subprotocols=["streamlit"], origin=self.base_url,
                                                max_size=None, compression=None,
                                                additional_headers=self.headers or None)
        if self._socket.response is not None:
            self.response_headers = {name.lower(): value for name, value in self._socket.response.headers.raw_items()}
        return await self._rerun()

    async def close(self) -> None:
        if self._socket is not None:
            await self._socket.close()

    def find(self, key_or_label: str) -> Element:
        """A widget on screen by its user key (ids end with `-key`) or its label."""
        for widget_id, element in self.widgets.items():
            proto = getattr(element, element.WhichOneof("type"))
            if widget_id.endswith(f"-{key_or_label}") or getattr(proto, "label", None) == key_or_label:
                return element
        raise KeyError(f"no widget {key_or_label!r} on screen")

    async def click(self, key_or_label: str) -> Run:
        element = self.find(key_or_label)
        return await self._rerun(WidgetState(id=element.button.id, trigger_value=True), trigger=True)

    async def choose(self, key: str, option_index: int) -> Run:
        """Pick a radio or selectbox option; the browser sends the option's displayed text."""
        element = self.find(key)
        proto = getattr(element, element.WhichOneof("type"))
        return await self._rerun(WidgetState(id=proto.id, string_value=proto.options[option_index]))

    async def enter_number(self, key: str, value: float) -> Run:
        element = self.find(key)
        return await self._rerun(WidgetState(id=element.number_input.id, double_value=value))

    def _rerun_message(self, change: WidgetState | None, trigger: bool, fragment_id: str = "",
                       auto: bool = False) -> BackMsg:
        """The BackMsg a browser sends for this change: every widget state on screen, the change, and
        (for a fragment's own rerun) the fragment's id."""
        message = BackMsg()
        client_state = message.rerun_script
        client_state.query_string = self.query_string
        client_state.page_script_hash = self.page_hash
        if fragment_id:
            client_state.fragment_id = fragment_id
            client_state.is_auto_rerun = auto
        if change is not None and not trigger:
            self.states[change.id] = change
        states = [s for s in self.states.values() if s.id in self.widgets or (change is not None and s.id == change.id)]
        client_state.widget_states.widgets.extend(states)
        if trigger and change is not None:
            client_state.widget_states.widgets.append(change)
        return message

    async def _rerun(self, change: WidgetState | None = None, trigger: bool = False) -> Run:
        message = self._rerun_message(change, trigger)
        assert self._socket is not None
        started = time.perf_counter()
        await self._socket.send(message.SerializeToString())
        return await self._read_until_finished(started)

    async def _read_until_finished(self, started: float) -> Run:
        widgets: dict[str, Element] = {}
        exceptions = 0
        deadline = started + self.timeout
        assert self._socket is not None
        while True:
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                raise RerunError("rerun did not finish in time")
            try:
                raw = await asyncio.wait_for(self._socket.recv(), timeout=remaining)
            except TimeoutError as exc:
                raise RerunError("rerun did not finish in time") from exc
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            kind = msg.WhichOneof("type")
            if kind == "new_session":
                self.page_hash = msg.new_session.page_script_hash
                widgets = {}
                exceptions = 0
            elif kind == "page_info_changed":
                self.query_string = msg.page_info_changed.query_string
            elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                element = msg.delta.new_element
                element_type = element.WhichOneof("type")
                if element_type == "exception":
                    exceptions += 1
                elif element_type in WIDGET_TYPES:
                    widgets[getattr(element, element_type).id] = element
            elif kind == "script_finished" and msg.script_finished in FINISHED:
                seconds = time.perf_counter() - started
                if msg.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
                    self.widgets = widgets
                else:
                    self.widgets.update(widgets)
                if exceptions:
                    raise RerunError(f"the app showed {exceptions} exception(s)")
                return Run(seconds=seconds, widgets=widgets, exceptions=exceptions)
