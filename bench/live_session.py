"""A browser tab that keeps listening between clicks: the protocol client of bench/protocol.py plus
what Streamlit's frontend does on its own.

- Every ForwardMsg is read by one background task, so messages that arrive while the simulated user
  thinks (the redraw a colleague's answer causes) are seen, each timed as it arrives; an observer
  (`on_element`) is told of every element the moment it comes in.
- Each fragment's `run_every` timer runs as the frontend runs it: an `auto_rerun` message starts one
  per fragment (kept if the interval is unchanged), a full run's `new_session` clears them all, a
  `stop_auto_rerun` ends the ones it names. When a timer fires, the tab sends that fragment's rerun
  (`fragment_id`, `is_auto_rerun`) with the current widget states, and times it as a poll.
- A widget whose value the app set (`set_value`, e.g. a colleague's answer shown) is taken into the
  widget states the tab sends afterwards, as the frontend does.

One request at a time per tab: a click that comes due while a poll (or the full rerun it caused) is
still running waits for it, and a poll waits for a click. A request ends with its final
`script_finished` (after any `st.rerun()` it caused); a poll whose fragment a full run has since
dropped is not sent.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass

from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.exceptions import WebSocketException

from bench.protocol import WIDGET_TYPES, RerunError, Run, Session

FINAL = (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
         ForwardMsg.FINISHED_WITH_COMPILE_ERROR)
STRING_WIDGETS = ("radio", "selectbox")  # their widget state is the displayed option (string_value)
Observer = Callable[["LiveSession", Element, float], None]


@dataclass
class Poll:
    """One fragment auto-rerun: its time to the final script_finished, and whether it redrew the page
    (the fragment called `st.rerun()`, so a full run followed)."""

    seconds: float
    redrew: bool
    at: float


@dataclass
class _Request:
    started: float
    future: asyncio.Future[Run]
    full_run: bool = False


class LiveSession(Session):
    """One simulated browser tab that stays connected, listens and polls like the real frontend."""

    def __init__(self, base_url: str, timeout: float = 60.0, on_element: Observer | None = None,
                 name: str = "") -> None:
        super().__init__(base_url, timeout)
        self.name = name
        self.on_element = on_element
        self.errors: list[str] = []
        self.polls: list[Poll] = []
        self.finished_at = 0.0          # when the last request's final script_finished arrived
        self._lock = asyncio.Lock()
        self._request: _Request | None = None
        self._reader: asyncio.Task[None] | None = None
        self._timers: dict[str, tuple[float, asyncio.Task[None]]] = {}
        self._due: set[str] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        self._run_widgets: dict[str, Element] = {}
        self._run_exceptions = 0
        self._fragment_of: dict[str, str] = {}   # widget id -> the fragment that drew it ("" for none)
        self._last_full = False

    @property
    def poll_intervals(self) -> list[float]:
        """The seconds between the auto-reruns of each fragment that has a timer running, smallest first."""
        return sorted(interval for interval, _ in self._timers.values())

    async def connect(self) -> Run:
        await self._open()
        self._reader = asyncio.create_task(self._read_forever())
        return await self._rerun()

    async def close(self) -> None:
        for _, timer in self._timers.values():
            timer.cancel()
        self._timers.clear()
        for task in list(self._tasks):
            task.cancel()
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._reader
        await super().close()

    async def enter_text(self, key: str, value: str) -> Run:
        element = self.find(key)
        return await self._rerun(WidgetState(id=element.text_input.id, string_value=value))

    # --- requests ------------------------------------------------------------------------

    async def _rerun(self, change: WidgetState | None = None, trigger: bool = False,
                     fragment_id: str = "", auto: bool = False) -> Run:
        async with self._lock:
            return await self._send_and_wait(change, trigger, fragment_id, auto)

    async def _send_and_wait(self, change: WidgetState | None, trigger: bool, fragment_id: str,
                             auto: bool) -> Run:
        if change is not None and not fragment_id:
            fragment_id = self._fragment_of.get(change.id, "")  # the frontend reruns only that fragment
        message = self._rerun_message(change, trigger, fragment_id, auto)
        assert self._socket is not None
        request = _Request(started=time.perf_counter(), future=asyncio.get_running_loop().create_future())
        self._request = request
        try:
            await self._socket.send(message.SerializeToString())
            try:
                return await asyncio.wait_for(asyncio.shield(request.future), timeout=self.timeout)
            except TimeoutError as exc:
                raise RerunError("rerun did not finish in time") from exc
        finally:
            self._request = None

    async def _poll(self, fragment_id: str) -> None:
        try:
            async with self._lock:
                if fragment_id not in self._timers:   # a full run since dropped this fragment's timer
                    return
                at = time.perf_counter()
                run = await self._send_and_wait(None, False, fragment_id, True)
                self.polls.append(Poll(seconds=run.seconds, redrew=self._last_full, at=at))
        except (RerunError, OSError, WebSocketException) as exc:
            self.errors.append(f"poll: {type(exc).__name__}: {exc}")
        finally:
            self._due.discard(fragment_id)

    async def _timer(self, fragment_id: str, interval: float) -> None:
        while True:
            await asyncio.sleep(interval)
            if fragment_id not in self._due:
                self._due.add(fragment_id)
                task = asyncio.create_task(self._poll(fragment_id))
                self._tasks.add(task)
                task.add_done_callback(self._tasks.discard)

    def _stop_timer(self, fragment_id: str) -> None:
        found = self._timers.pop(fragment_id, None)
        if found is not None:
            found[1].cancel()

    # --- the background reader -----------------------------------------------------------

    async def _read_forever(self) -> None:
        assert self._socket is not None
        try:
            async for raw in self._socket:
                arrived = time.perf_counter()
                msg = ForwardMsg()
                msg.ParseFromString(raw)
                self._handle(msg, arrived)
        except WebSocketException as exc:
            self._fail(RerunError(f"connection closed: {exc}"))
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # a bug here must not pass silently as a hang
            self.errors.append(f"reader: {type(exc).__name__}: {exc}")
            self._fail(RerunError(f"reader failed: {exc}"))
            raise
        self._fail(RerunError("connection closed"))

    def _fail(self, error: RerunError) -> None:
        if self._request is not None and not self._request.future.done():
            self._request.future.set_exception(error)

    def _handle(self, msg: ForwardMsg, arrived: float) -> None:
        kind = msg.WhichOneof("type")
        if kind == "new_session":
            fragment_run = bool(msg.metadata.run.fragment_ids)
            self._run_widgets = {}
            if not fragment_run:
                self.page_hash = msg.new_session.page_script_hash
                for fragment_id in list(self._timers):   # the frontend clears its timers on a full run
                    self._stop_timer(fragment_id)
                if self._request is not None:
                    self._request.full_run = True
            self._run_exceptions = 0
        elif kind == "page_info_changed":
            self.query_string = msg.page_info_changed.query_string
        elif kind == "navigation":
            self.pages = {"" if page.is_default else page.url_pathname: page.page_script_hash
                          for page in msg.navigation.app_pages}
        elif kind == "auto_rerun":
            fragment_id, interval = msg.auto_rerun.fragment_id, msg.auto_rerun.interval
            if fragment_id and self._timers.get(fragment_id, (None,))[0] != interval:
                self._stop_timer(fragment_id)
                self._timers[fragment_id] = (interval, asyncio.create_task(self._timer(fragment_id, interval)))
        elif kind == "stop_auto_rerun":
            for fragment_id in msg.stop_auto_rerun.fragment_ids:
                self._stop_timer(fragment_id)
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            self._element(msg.delta.new_element, msg.delta.fragment_id, arrived)
        elif kind == "script_finished" and msg.script_finished in FINAL:
            self._finished(msg.script_finished, arrived)

    def _element(self, element: Element, fragment_id: str, arrived: float) -> None:
        element_type = element.WhichOneof("type")
        if element_type == "exception":
            self._run_exceptions += 1
        elif element_type in WIDGET_TYPES:
            proto = getattr(element, element_type)
            self._run_widgets[proto.id] = element
            self._fragment_of[proto.id] = fragment_id
            if element_type in STRING_WIDGETS and proto.set_value:   # the app set the value it shows
                if proto.HasField("raw_value"):
                    self.states[proto.id] = WidgetState(id=proto.id, string_value=proto.raw_value)
                else:
                    self.states.pop(proto.id, None)
        if self.on_element is not None:
            self.on_element(self, element, arrived)

    def _finished(self, status: int, arrived: float) -> None:
        if status == ForwardMsg.FINISHED_SUCCESSFULLY:
            self.widgets = self._run_widgets
        else:
            self.widgets.update(self._run_widgets)
        self._run_widgets = {}
        exceptions, self._run_exceptions = self._run_exceptions, 0
        request = self._request
        problem = None
        if exceptions:
            problem = f"the app showed {exceptions} exception(s)"
        elif status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
            problem = "the script did not compile"
        if request is None:   # nothing of ours was waiting: a run the server started on its own
            if problem:
                self.errors.append(problem)
            return
        self.finished_at = arrived
        self._last_full = request.full_run
        if request.future.done():
            return
        if problem:
            request.future.set_exception(RerunError(problem))
        else:
            request.future.set_result(Run(seconds=arrived - request.started, widgets=dict(self.widgets)))
