"""A Streamlit client that speaks the app's own websocket protocol, like a browser tab.

It sends BackMsg `rerun_script` messages carrying widget states, reads the ForwardMsg deltas to
learn which widgets are on screen, and times each rerun until its `script_finished` message. As the
browser does, a change to a widget drawn inside an `st.fragment` reruns only that fragment (the
message names the fragment), and switching pages sends the page's script hash.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Block_pb2 import Block
from streamlit.proto.Common_pb2 import DoubleArray, StringArray
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
        self.blocks: dict[str, Block] = {}          # stateful containers on screen (tabs that rerun), by id
        self.pages: dict[str, str] = {}              # url path ("" for the main page) -> script hash
        self._fragment_of: dict[str, str] = {}       # widget id -> the fragment that drew it ("" for none)
        self._socket: websockets.ClientConnection | None = None

    async def connect(self) -> Run:
        """Open the websocket and run the first page, as a fresh tab does."""
        await self._open()
        return await self._rerun()

    async def _open(self) -> None:
        """The websocket, with this tab's headers; keeps the handshake's response headers."""
        ws_url = self.base_url.replace("http", "ws", 1) + "/_stcore/stream"
        self._socket = await websockets.connect(ws_url, subprotocols=["streamlit"], origin=self.base_url,
                                                max_size=None, compression=None,
                                                additional_headers=self.headers or None)
        if self._socket.response is not None:
            self.response_headers = {name.lower(): value for name, value in self._socket.response.headers.raw_items()}

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
        """Pick a radio or selectbox option (the browser sends the option's displayed text), or one
        button of a segmented control (a list of one displayed text)."""
        element = self.find(key)
        kind = element.WhichOneof("type")
        proto = getattr(element, kind)
        if kind == "button_group":
            text = proto.options[option_index].content
            return await self._rerun(WidgetState(id=proto.id, string_array_value=StringArray(data=[text])))
        return await self._rerun(WidgetState(id=proto.id, string_value=proto.options[option_index]))

    def chosen(self, key: str) -> int | None:
        """The option index this tab last sent for a radio or selectbox (None: never sent)."""
        element = self.find(key)
        proto = getattr(element, element.WhichOneof("type"))
        state = self.states.get(proto.id)
        if state is None or state.WhichOneof("value") != "string_value":
            return None
        return list(proto.options).index(state.string_value) if state.string_value in proto.options else None

    async def enter_number(self, key: str, value: float) -> Run:
        element = self.find(key)
        return await self._rerun(WidgetState(id=element.number_input.id, double_value=value))

    async def slide(self, key: str, value: float) -> Run:
        element = self.find(key)
        return await self._rerun(WidgetState(id=element.slider.id, double_array_value=DoubleArray(data=[value])))

    async def type_text(self, key: str, value: str) -> Run:
        element = self.find(key)
        kind = element.WhichOneof("type")
        return await self._rerun(WidgetState(id=getattr(element, kind).id, string_value=value))

    async def open_tab(self, label: str) -> Run:
        """Show another tab. Tabs that do not rerun the app switch in the browser alone (no cost here);
        tabs drawn with `on_change` send their new label."""
        for block_id, block in self.blocks.items():
            if block.WhichOneof("type") == "tab_container":
                return await self._rerun(WidgetState(id=block_id, string_value=label))
        return Run(seconds=0.0)

    async def open_block(self, key: str) -> Run:
        """Open an expander or popover drawn with `on_change` (its content is built only then); one drawn
        without opens in the browser alone (no cost here)."""
        for block_id in self.blocks:
            if block_id.endswith(f"-{key}"):
                return await self._rerun(WidgetState(id=block_id, bool_value=True))
        return Run(seconds=0.0)

    async def goto(self, path: str) -> Run:
        """Open another page of the app, as its link in the sidebar does (`path` as in its URL)."""
        self.page_hash = self.pages[path]
        return await self._rerun()

    async def redraw(self) -> Run:
        """A whole run of the page with nothing changed: what arriving at it, or a redraw the app asks
        for (a colleague's change), costs."""
        return await self._rerun()

    def _rerun_message(self, change: WidgetState | None, trigger: bool, fragment_id: str = "",
                       auto: bool = False) -> BackMsg:
        if change is not None and not fragment_id:
            fragment_id = self._fragment_of.get(change.id, "")  # the browser reruns only that fragment
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
        states = [s for s in self.states.values()
                  if s.id in self.widgets or s.id in self.blocks or (change is not None and s.id == change.id)]
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
        blocks: dict[str, Block] = {}
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
                if not msg.metadata.run.fragment_ids:
                    self.page_hash = msg.new_session.page_script_hash
                widgets, blocks = {}, {}
                exceptions = 0
            elif kind == "page_info_changed":
                self.query_string = msg.page_info_changed.query_string
            elif kind == "navigation":
                self.pages = {"" if page.is_default else page.url_pathname: page.page_script_hash
                              for page in msg.navigation.app_pages}
            elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                element = msg.delta.new_element
                element_type = element.WhichOneof("type")
                if element_type == "exception":
                    exceptions += 1
                elif element_type in WIDGET_TYPES:
                    widgets[getattr(element, element_type).id] = element
                    self._fragment_of[getattr(element, element_type).id] = msg.delta.fragment_id
            elif kind == "delta" and msg.delta.WhichOneof("type") == "add_block":
                block = msg.delta.add_block
                block_type = block.WhichOneof("type")
                block_id = getattr(getattr(block, block_type), "id", "") if block_type else ""
                if block_id:
                    blocks[block_id] = block
                    self._fragment_of[block_id] = msg.delta.fragment_id
            elif kind == "script_finished" and msg.script_finished in FINISHED:
                seconds = time.perf_counter() - started
                if msg.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
                    self.widgets, self.blocks = widgets, blocks
                else:
                    self.widgets.update(widgets)
                    self.blocks.update(blocks)
                if exceptions:
                    raise RerunError(f"the app showed {exceptions} exception(s)")
                return Run(seconds=seconds, widgets=widgets, exceptions=exceptions)
