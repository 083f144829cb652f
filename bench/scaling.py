"""A room of a hundred: the workshop burst on one app process and on `make serve`, and how many
people one app process (one core) serves.

Every simulated person is a browser tab as bench/live_session.py plays it (it keeps reading between
clicks and sends the live fragment's poll once its assessment exists, i.e. from its first answer,
every 5 s while alone on it, as the frontend does), and opens the app as a browser does: GET / (which, through HAProxy,
sets the sticky cookie), on a first visit the files that page names (scripts, style sheet, font,
about 2.2 MB over six connections; not the chunks the scripts load later; a returning browser has
them cached for a year), /_stcore/health and /_stcore/host-config, then the websocket with the cookie.

1. **The workshop burst.** Burst.sessions tabs arrive within Burst.within seconds; each opens the app
   and starts the full assessment, then gives Burst.answers answers, with Burst.think seconds of
   thought before each click, and keeps its tab open (polling) until the last person is done. Run on one
   app process (bench/server.py) and on `python -m deploy.serve --workers N` (N processes behind
   HAProxy on free loopback ports, SOC_NAVIGATOR_ACCESS=required as `make serve` sets it), each for
   first visits and (full mode) for browsers that have the files cached (Plan.runs), and (full mode)
   once more on two workers for a hurried room that thinks half as long (Plan.hurried). Click
   times (the start and the answers, sent to script finished) and arrival times (the page, and the
   websocket to its first script run) are reported apart, with p50 / p95 / p99 / max and errors.
2. **Sessions per core.** On one app process, a room that fills up to Ramp.levels people: each
   level's newcomers join within Ramp.arrive_over seconds and start an assessment at once; every open
   tab then answers through the wizard with Ramp.think seconds of thought before each click, and
   polls. The clicks of the Ramp.window seconds after the newcomers' arrival are that level's
   figures. The room grows until click p95 passes Ramp.limit_ms (or anything fails); "sessions per
   core" is the largest level below it.

CPU: the cores each part used (app processes, HAProxy, this driver, everything else on the machine)
and the load average are recorded with every figure: on a shared machine other work slows them all.

`python -m bench.scaling` (5-6 minutes on a 2-core machine, up to 10 where one process holds more
levels; `--quick` under 2) prints markdown tables and writes bench/results/scaling.json (exit 1 if
a person in a burst saw an error).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import random
import re
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

from websockets.exceptions import WebSocketException

from bench.collaboration import LOG_PROBLEMS, cpu_seconds, loop_lag, machine_busy_seconds
from bench.flows import wizard
from bench.live_session import LiveSession, Poll
from bench.protocol import RerunError
from bench.server import ROOT, Launcher, Server
from deploy.haproxy import COOKIE, SERVED_BY

RESULTS = ROOT / "bench" / "results"
ERRORS = (RerunError, OSError, KeyError, StopAsyncIteration, WebSocketException, ValueError)
HTTP_TIMEOUT = 60.0
BROWSER_CONNECTIONS = 6        # a browser fetches a page's files over up to six connections per host
P95_LIMIT_MS = 250.0           # sessions per core: the largest level whose click p95 stays below this
TARGET_BURST_P95_MS = 1000.0   # 100 people on `make serve` with two workers: click p95 under 1 s, no errors
TARGET_BURST_SESSIONS = 100


@dataclass(frozen=True)
class Burst:
    sessions: int = 100
    within: float = 1.0                       # every tab arrives within this many seconds
    answers: tuple[int, int] = (4, 6)         # answers each, after starting the full assessment
    think: tuple[float, float] = (2.0, 6.0)   # seconds before each click: a quick room (reading a one-line
                                              # question and tapping takes 2 s at the least)
    assets: bool = True                       # fetch the files the page names, as a first visit does
                                              # (a returning browser has them cached for a year)
    start_at_once: bool = False               # True: everyone starts the moment the page is up, with no
                                              # thought before the first click (harsher than a room)


@dataclass(frozen=True)
class Ramp:
    levels: tuple[int, ...] = (10, 20, 40, 60, 80, 100, 120, 140, 160, 200, 250, 300)
    think: tuple[float, float] = (5.0, 15.0)  # seconds before each click, like a real room
    arrive_over: float = 5.0                  # newcomers of a level join within this many seconds
    window: float = 30.0                      # then this many seconds of clicks make the level's figures
    limit_ms: float = P95_LIMIT_MS
    assets: bool = False                      # newcomers fetch the page only: the burst measures first visits


@dataclass(frozen=True)
class Plan:
    burst: Burst
    ramp: Ramp
    # Where the burst runs, in this order: (`make serve` workers, 0 for one app process without a proxy;
    # whether the browsers already have the page's files cached).
    runs: tuple[tuple[int, bool], ...] = ((0, False), (2, False))
    # Then, if set, the burst once more on `make serve` with two workers, for a hurried room: this many
    # seconds of thought before each click (more than two workers' cores can take, to show the margin).
    hurried: tuple[float, float] | None = None


def runs(workers: tuple[int, ...] = (2,), cached_too: bool = True) -> tuple[tuple[int, bool], ...]:
    """One app process, then `make serve` with each of `workers`: first visits, then (if asked) the same
    for browsers that have the page's files cached."""
    first = tuple((count, False) for count in (0, *workers))
    return first + (tuple((count, True) for count, _ in first) if cached_too else ())


FULL = Plan(Burst(), Ramp(), runs=runs(), hurried=(1.0, 3.0))
QUICK = Plan(Burst(sessions=40, answers=(3, 4)), Ramp(levels=(10, 40, 80, 120), arrive_over=3.0, window=12.0),
             runs=runs(cached_too=False))


def run_name(workers: int, cached: bool) -> str:
    return ("one_process" if workers == 0 else f"serve_{workers}_workers") + ("_files_cached" if cached else "")


# --- figures ------------------------------------------------------------------------------------

def stats(seconds: list[float]) -> dict[str, float | int]:
    """n, p50 / p95 / p99 / max and mean in milliseconds, ranked as bench/load.py ranks them."""
    ms = sorted(s * 1000 for s in seconds)

    def pct(p: float) -> float:
        return round(ms[min(len(ms) - 1, int(p * len(ms)))], 1) if ms else 0.0

    return {"n": len(ms), "p50_ms": pct(0.50), "p95_ms": pct(0.95), "p99_ms": pct(0.99),
            "max_ms": round(ms[-1], 1) if ms else 0.0, "mean_ms": round(sum(ms) / len(ms), 1) if ms else 0.0}


@dataclass
class Room:
    """Everything the tabs of one run measured, each with the moment it ended (perf_counter)."""

    pages: list[float] = field(default_factory=list)         # GET / and the files it names
    page_bytes: list[int] = field(default_factory=list)
    arrivals: list[tuple[float, float]] = field(default_factory=list)   # websocket to first script run
    clicks: list[tuple[float, float, str]] = field(default_factory=list)   # (ended, seconds, "start"/"answer")
    tabs: list[Tab] = field(default_factory=list)
    errors: list[tuple[float, str]] = field(default_factory=list)
    served_by: Counter[str] = field(default_factory=Counter)

    def error(self, text: str) -> None:
        self.errors.append((time.perf_counter(), text))

    def polls(self, start: float = 0.0, end: float = float("inf")) -> list[Poll]:
        """The live fragment's polls every tab sent between `start` and `end`."""
        return [poll for tab in self.tabs for poll in tab.polls if start <= poll.at < end]

    def poll_errors(self) -> list[str]:
        """What went wrong in a tab outside its clicks (a poll that failed, an exception on a redraw)."""
        return [text for tab in self.tabs for text in tab.errors]


# --- CPU ----------------------------------------------------------------------------------------

def descendants(pid: int) -> list[int]:
    """Every process below `pid` (its children, theirs, …)."""
    found, queue = [], [pid]
    while queue:
        parent = queue.pop()
        for path in Path(f"/proc/{parent}/task").glob("*/children"):
            with contextlib.suppress(OSError):
                for child in map(int, path.read_text().split()):
                    found.append(child)
                    queue.append(child)
    return found


def command(pid: int) -> list[str]:
    try:
        return Path(f"/proc/{pid}/cmdline").read_text().split("\0")
    except OSError:
        return []


class Meter:
    """CPU seconds of the app processes, of HAProxy, of this driver and of the whole machine."""

    def __init__(self, app: list[int], proxy: list[int]) -> None:
        self.app, self.proxy = app, proxy

    @staticmethod
    def _sum(pids: list[int]) -> float:
        total = 0.0
        for pid in pids:
            with contextlib.suppress(OSError):
                total += cpu_seconds(pid)
        return total

    def read(self) -> tuple[float, ...]:
        return (time.perf_counter(), self._sum(self.app), self._sum(self.proxy), time.process_time(),
                machine_busy_seconds())

    @staticmethod
    def cores(before: tuple[float, ...], after: tuple[float, ...]) -> dict[str, float]:
        wall = max(1e-9, after[0] - before[0])
        app, proxy, driver, machine = ((b - a) / wall for a, b in zip(before[1:], after[1:], strict=True))
        return {"app": round(app, 2), "proxy": round(proxy, 2), "driver": round(driver, 2),
                "other": round(max(0.0, machine - app - proxy - driver), 2), "machine_cores": os.cpu_count() or 0,
                "load_average_1min": round(os.getloadavg()[0], 2)}


# --- a browser tab ------------------------------------------------------------------------------

class Tab(LiveSession):
    """A LiveSession that sends the browser's cookies with its websocket handshake (HAProxy's sticky
    cookie) and keeps the handshake's response headers (HAProxy names the process that took it)."""

    def __init__(self, base_url: str, cookie: str = "", timeout: float = 60.0) -> None:
        super().__init__(base_url, timeout)
        self.headers = {"Cookie": cookie} if cookie else {}


class Http:
    """One keep-alive HTTP/1.1 connection, as a browser holds to the server."""

    def __init__(self, url: str, cookie: str = "") -> None:
        parts = urlsplit(url)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.cookie = cookie
        self._streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def get(self, path: str) -> tuple[int, dict[str, str], bytes]:
        if self._streams is None:
            self._streams = await asyncio.open_connection(self.host, self.port, limit=1 << 20)
        reader, writer = self._streams
        cookie = f"Cookie: {self.cookie}\r\n" if self.cookie else ""
        writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\nUser-Agent: scaling-bench\r\n"
                     f"Accept: */*\r\nAccept-Encoding: gzip\r\n{cookie}\r\n".encode())
        await writer.drain()
        status_line = (await reader.readline()).decode("latin-1")
        if not status_line.startswith("HTTP/1."):
            raise OSError(f"GET {path}: no HTTP answer ({status_line[:40]!r})")
        headers: dict[str, str] = {}
        cookies: list[str] = []
        while (line := (await reader.readline()).decode("latin-1").strip()):
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
            if name.strip().lower() == "set-cookie":
                cookies.append(value.strip())
        chunked = headers.get("transfer-encoding", "").lower() == "chunked"
        if "content-length" in headers:
            body = await reader.readexactly(int(headers["content-length"]))
        elif chunked:
            body = b""
            while (size := int((await reader.readline()).split(b";")[0], 16)):
                body += await reader.readexactly(size)
                await reader.readline()
            await reader.readline()
        else:  # delimited by the end of the connection
            body = await reader.read()
        if headers.get("connection", "").lower() == "close" or not ("content-length" in headers or chunked):
            await self.close()
        for value in cookies:
            if value.startswith(f"{COOKIE}="):
                self.cookie = value.split(";", 1)[0]
        return int(status_line.split()[1]), headers, body

    async def close(self) -> None:
        if self._streams is not None:
            writer = self._streams[1]
            self._streams = None
            writer.close()
            with contextlib.suppress(OSError):
                await writer.wait_closed()


PAGE_FILES = re.compile(r'(?:src|href)="\./((?:static/|favicon)[^"]+)"')


async def open_page(url: str, assets: bool) -> tuple[str, int]:
    """What a browser fetches before the websocket: the page, the files it names, the health check and
    the host configuration; (the sticky cookie, if any, and the bytes received)."""
    first = Http(url)
    try:
        status, _, body = await asyncio.wait_for(first.get("/"), HTTP_TIMEOUT)
        if status != 200:
            raise OSError(f"GET / answered {status}")
        paths = ["/_stcore/health", "/_stcore/host-config"]
        if assets:
            paths += [f"/{path}" for path in dict.fromkeys(PAGE_FILES.findall(body.decode("utf-8", "replace")))]
        received = len(body)
        queue = iter(paths)

        async def fetch(connection: Http) -> None:
            nonlocal received
            try:
                for path in queue:
                    got, _, content = await asyncio.wait_for(connection.get(path), HTTP_TIMEOUT)
                    if got != 200:
                        raise OSError(f"GET {path} answered {got}")
                    received += len(content)
            finally:
                await connection.close()

        connections = [first, *(Http(url, first.cookie) for _ in range(BROWSER_CONNECTIONS - 1))]
        await asyncio.gather(*(fetch(connection) for connection in connections))
        return first.cookie, received
    finally:
        await first.close()


async def think(seconds: float, leave: asyncio.Event) -> bool:
    """Wait `seconds`, or until `leave` is set; True when the tab should go on."""
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(leave.wait(), timeout=seconds)
    return not leave.is_set()


async def person(url: str, room: Room, rng: random.Random, arrive_after: float, answers: int | None,
                 think_s: tuple[float, float], start_at_once: bool, assets: bool, leave: asyncio.Event,
                 done: asyncio.Event | None = None) -> None:
    """One person: arrives, opens the app, starts the full assessment, answers `answers` questions (or
    until `leave`) with think time, and keeps the tab open until `leave`."""
    await asyncio.sleep(arrive_after)
    tab: Tab | None = None
    try:
        started = time.perf_counter()
        cookie, received = await open_page(url, assets)
        room.pages.append(time.perf_counter() - started)
        room.page_bytes.append(received)
        tab = Tab(url, cookie)
        room.tabs.append(tab)
        first = await tab.connect()
        room.arrivals.append((time.perf_counter(), first.seconds))
        room.served_by[tab.response_headers.get(SERVED_BY.lower(), "one process")] += 1
        steps = wizard(tab, rng)
        if start_at_once or await think(rng.uniform(*think_s), leave):
            run = await anext(steps)
            room.clicks.append((time.perf_counter(), run.seconds, "start"))
            given = 0
            while (answers is None or given < answers) and await think(rng.uniform(*think_s), leave):
                run = await anext(steps)
                room.clicks.append((time.perf_counter(), run.seconds, "answer"))
                given += 1
    except ERRORS as exc:
        room.error(f"{type(exc).__name__}: {exc}")
    finally:
        if done is not None:
            done.set()
        try:
            await leave.wait()
        finally:
            if tab is not None:
                await tab.close()


def gone(room: Room, outcomes: list[object]) -> None:
    """Whatever ended a person's task other than the errors it records itself is an error too."""
    for outcome in outcomes:
        if isinstance(outcome, BaseException) and not isinstance(outcome, asyncio.CancelledError):
            room.error(f"{type(outcome).__name__}: {outcome}")


async def warm(url: str, cookies: list[str]) -> None:
    """One short visit per app process (by its sticky cookie), so that no burst pays for first imports."""
    for cookie in cookies:
        await open_page(url, assets=False)
        tab = Tab(url, cookie)
        try:
            await tab.connect()
            steps = wizard(tab, random.Random(0))
            for _ in range(3):
                await anext(steps)
        finally:
            await tab.close()


def in_thread(make: Callable[[], Awaitable[object]]) -> object:
    """Run a coroutine on an event loop of its own, in a thread of its own: safe whether or not the
    caller's thread already runs a loop (Playwright's sync API keeps one once a browser test ran)."""
    async def main() -> object:
        return await make()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, main()).result()


# --- what runs the app --------------------------------------------------------------------------

class Served(Launcher):
    """`make serve`'s launcher (bench/server.py), and which of its processes are the app's and HAProxy's."""

    def pids(self) -> tuple[list[int], list[int]]:
        """(app processes, HAProxy processes)."""
        assert self.process is not None
        found = descendants(self.process.pid)
        app = [pid for pid in found if "streamlit" in command(pid)]
        proxy = [pid for pid in found if command(pid) and Path(command(pid)[0]).name == "haproxy"]
        return app, proxy


@contextlib.contextmanager
def app_processes(folder: Path, workers: int) -> Iterator[tuple[str, Meter, list[str]]]:
    """(url, CPU meter, the cookies that reach each process) of one app process (`workers` 0: bench/
    server.py, no proxy) or of `make serve` with `workers` processes behind HAProxy."""
    if workers == 0:
        with Server("app.py", folder) as server:
            assert server.process is not None
            yield server.url, Meter([server.process.pid], []), [""]
    else:
        with Served(folder, workers) as served:
            app, proxy = served.pids()
            yield served.url, Meter(app, proxy), [f"{COOKIE}=w{i + 1}" for i in range(workers)]


def log_problems(folder: Path) -> list[str]:
    path = folder / "server.log"
    lines = path.read_text(errors="replace").splitlines() if path.exists() else []
    return [line[:300] for line in lines if any(word in line for word in LOG_PROBLEMS)]


# --- 1. the workshop burst ----------------------------------------------------------------------

async def burst(url: str, meter: Meter, plan: Burst, seed: int) -> dict[str, object]:
    """`plan.sessions` people arriving within `plan.within` s, each starting an assessment and answering."""
    room, rng, lags = Room(), random.Random(seed), []
    leave = asyncio.Event()
    dones = [asyncio.Event() for _ in range(plan.sessions)]
    monitor = asyncio.create_task(loop_lag(lags))
    before, started = meter.read(), time.perf_counter()
    people = [asyncio.create_task(person(url, room, random.Random(rng.random()), rng.uniform(0, plan.within),
                                         rng.randint(*plan.answers), plan.think, plan.start_at_once, plan.assets, leave,
                                         done))
              for done in dones]
    try:
        for done in dones:
            await done.wait()
        finished, after = time.perf_counter(), meter.read()
    finally:
        leave.set()
        gone(room, await asyncio.gather(*people, return_exceptions=True))
        monitor.cancel()
    problems = [text for _, text in room.errors] + room.poll_errors()
    cores = Meter.cores(before, after)
    return {
        "sessions": plan.sessions, "seconds": round(finished - started, 1),
        "page": stats(room.pages),
        "page_kb": round(sum(room.page_bytes) / max(1, len(room.page_bytes)) / 1024, 1),
        "first_page": stats([s for _, s in room.arrivals]),
        "clicks": stats([s for _, s, _ in room.clicks]),
        "start_click": stats([s for _, s, kind in room.clicks if kind == "start"]),
        "answer_clicks": stats([s for _, s, kind in room.clicks if kind == "answer"]),
        "polls": stats([poll.seconds for poll in room.polls(started, finished)]),
        "errors": problems, "error_count": len(problems),
        "served_by": dict(sorted(room.served_by.items())),
        "cores": cores, "driver_loop_lag": stats(lags),
        # what one person cost the app processes, from arrival to the last answer (polls included)
        "app_cpu_s_per_person": round(cores["app"] * (finished - started) / plan.sessions, 3),
    }


def burst_on(folder: Path, workers: int, plan: Burst, seed: int = 1, note: str = "") -> dict[str, object]:
    """The burst on one app process (`workers` 0) or on `make serve` with `workers` processes; `note`
    ends the run's label."""
    with app_processes(folder, workers) as (url, meter, cookies):
        in_thread(lambda: warm(url, cookies))
        time.sleep(1)
        result = in_thread(lambda: burst(url, meter, plan, seed))
    assert isinstance(result, dict)
    result["label"] = ("one app process" if workers == 0 else f"make serve, {workers} workers behind HAProxy") \
        + ("" if plan.assets else ", files cached") + note
    result["workers"] = max(1, workers)
    result["proxy"] = workers > 0
    result["files_fetched"] = plan.assets
    result["think_s"] = plan.think
    result["server_log_problems"] = log_problems(folder)
    return result


# --- 2. sessions per core -----------------------------------------------------------------------

async def ramp(url: str, meter: Meter, plan: Ramp, seed: int,
               say: Callable[[str], None]) -> tuple[list[dict[str, object]], list[str]]:
    """A room that fills up level by level on one app process, until click p95 passes the limit; the
    levels' figures, and anything that went wrong once the last level was measured."""
    room, rng, lags = Room(), random.Random(seed), []
    leave = asyncio.Event()
    people: list[asyncio.Task[None]] = []
    levels: list[dict[str, object]] = []
    monitor = asyncio.create_task(loop_lag(lags))
    try:
        for level in plan.levels:
            joined, arrived_before = time.perf_counter(), len(room.arrivals)
            poll_errors_before = len(room.poll_errors())
            people += [asyncio.create_task(person(url, room, random.Random(rng.random()),
                                                  rng.uniform(0, plan.arrive_over), None, plan.think, True,
                                                  plan.assets, leave))
                       for _ in range(level - len(people))]
            await asyncio.sleep(plan.arrive_over + 0.5)
            lags_before, before = len(lags), meter.read()
            await asyncio.sleep(plan.window)
            after = meter.read()
            start, end = before[0], after[0]
            errors = [text for at, text in room.errors if joined <= at < end] + \
                room.poll_errors()[poll_errors_before:]
            clicks = stats([s for at, s, _ in room.clicks if start <= at < end])
            within = bool(clicks["n"]) and clicks["p95_ms"] <= plan.limit_ms and not errors
            cores = Meter.cores(before, after)
            levels.append({
                "sessions": level, "window_s": round(end - start, 1), "clicks": clicks,
                "polls": stats([poll.seconds for poll in room.polls(start, end)]),
                "arrivals": stats([s for _, s in room.arrivals[arrived_before:]]),
                "errors": errors, "error_count": len(errors), "within_limit": within,
                "cores": cores, "driver_loop_lag": stats(lags[lags_before:]),
                # CPU each open tab costs the app process per second of the room's work
                "app_cpu_ms_per_session_second": round(cores["app"] * 1000 / level, 2),
            })
            say(f"  {level} sessions: clicks p50 {clicks['p50_ms']} / p95 {clicks['p95_ms']} / p99 "
                f"{clicks['p99_ms']} ms ({clicks['n']} clicks), {len(errors)} errors; cores: app {cores['app']}, "
                f"driver {cores['driver']}, other {cores['other']}")
            if not within:
                break
    finally:
        ended, polls_before = time.perf_counter(), len(room.poll_errors())
        leave.set()
        gone(room, await asyncio.gather(*people, return_exceptions=True))
        monitor.cancel()
    return levels, [text for at, text in room.errors if at >= ended] + room.poll_errors()[polls_before:]


def sessions_per_core(folder: Path, plan: Ramp, seed: int = 2,
                      say: Callable[[str], None] = print) -> dict[str, object]:
    with app_processes(folder, 0) as (url, meter, cookies):
        in_thread(lambda: warm(url, cookies))
        measured = in_thread(lambda: ramp(url, meter, plan, seed, say))
    assert isinstance(measured, tuple)
    levels, late = measured
    good = [level["sessions"] for level in levels if level["within_limit"]]
    over = next((level["sessions"] for level in levels if not level["within_limit"]), None)
    return {"settings": asdict(plan), "levels": levels, "sessions_per_core": max(good) if good else 0,
            "first_level_over": over, "reached_last_level": over is None,
            "errors_after_last_level": late, "server_log_problems": log_problems(folder)}


# --- the whole measurement ----------------------------------------------------------------------

def say(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", flush=True)


def measure(plan: Plan = FULL, folder: Path | None = None, mode: str = "full", seed: int = 1,
            saved: Callable[[dict[str, object]], None] | None = None) -> dict[str, object]:
    """Both parts; `saved` is called with the results after each step (a long run that stops early
    still leaves its figures). A temporary folder made here (databases, server logs) is removed at the
    end unless something went wrong."""
    own_folder = folder is None
    folder = folder or Path(tempfile.mkdtemp(prefix="socnav-bench-scaling-"))
    burst_plan, ramp_plan = plan.burst, plan.ramp
    started = time.perf_counter()
    results: dict[str, object] = {
        "mode": mode, "started": time.strftime("%Y-%m-%d %H:%M:%S"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
                    "load_average_at_start": [round(x, 2) for x in os.getloadavg()]},
    }
    runs: dict[str, object] = {}
    results["burst"] = {"settings": asdict(burst_plan), "runs": runs}
    for count, cached in plan.runs:
        name = run_name(count, cached)
        say(f"burst: {burst_plan.sessions} sessions within {burst_plan.within:g} s on "
            + ("one app process" if count == 0 else f"make serve with {count} workers")
            + (", the page's files cached" if cached else ""))
        runs[name] = burst_on(folder / name, count, replace(burst_plan, assets=burst_plan.assets and not cached),
                              seed)
        run = runs[name]
        assert isinstance(run, dict)
        say(f"  first page p50 {run['first_page']['p50_ms']} / p95 {run['first_page']['p95_ms']} ms; clicks p50 "
            f"{run['clicks']['p50_ms']} / p95 {run['clicks']['p95_ms']} / p99 {run['clicks']['p99_ms']} ms; "
            f"{run['error_count']} errors; cores: app {run['cores']['app']}, proxy {run['cores']['proxy']}, "
            f"driver {run['cores']['driver']}, other {run['cores']['other']}")
        if saved:
            saved(results)
    if plan.hurried is not None:
        say(f"burst: the same on make serve with 2 workers, for a hurried room ({plan.hurried[0]:g}-"
            f"{plan.hurried[1]:g} s of thought)")
        runs["serve_2_workers_hurried"] = burst_on(
            folder / "hurried", 2, replace(burst_plan, think=plan.hurried), seed,
            f", a hurried room ({plan.hurried[0]:g}-{plan.hurried[1]:g} s of thought)")
        if saved:
            saved(results)
    target = runs.get("serve_2_workers")
    if isinstance(target, dict):   # judged only for a burst of the target's size
        results["burst"]["target"] = {  # type: ignore[index]
            "sessions": TARGET_BURST_SESSIONS, "p95_ms_below": TARGET_BURST_P95_MS, "errors": 0,
            "met": (target["clicks"]["p95_ms"] < TARGET_BURST_P95_MS and target["error_count"] == 0)
            if burst_plan.sessions >= TARGET_BURST_SESSIONS else None}
    say(f"sessions per core: levels {', '.join(map(str, ramp_plan.levels))}, think {ramp_plan.think[0]:g}-"
        f"{ramp_plan.think[1]:g} s, until click p95 passes {ramp_plan.limit_ms:g} ms")
    results["sessions_per_core"] = sessions_per_core(folder / "ramp", ramp_plan, seed + 1, say)
    results["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]  # type: ignore[index]
    results["seconds"] = round(time.perf_counter() - started, 1)
    if saved:
        saved(results)
    spc = results["sessions_per_core"]
    assert isinstance(spc, dict)
    if own_folder and not burst_errors(results) and not spc["server_log_problems"]:
        shutil.rmtree(folder, ignore_errors=True)
    return results


def burst_errors(results: dict[str, object]) -> int:
    runs = results["burst"]["runs"]  # type: ignore[index]
    return sum(len(run["errors"]) + len(run["server_log_problems"]) for run in runs.values())


# --- the tables ---------------------------------------------------------------------------------

def _four(figures: dict) -> str:
    return f"{figures['p50_ms']:.0f} / {figures['p95_ms']:.0f} / {figures['p99_ms']:.0f} / {figures['max_ms']:.0f}"


def _cores(c: dict) -> str:
    proxy = f", HAProxy {c['proxy']}" if c["proxy"] else ""
    return f"app {c['app']}{proxy}, driver {c['driver']}, other {c['other']} (load {c['load_average_1min']})"


def table(r: dict) -> str:
    b, s = r["burst"], r["sessions_per_core"]
    plan = b["settings"]
    lines = [
        f"Machine: {r['machine']['cpus']} cores, shared (load average {r['machine']['load_average_at_start'][0]} at "
        f"the start, {r['machine'].get('load_average_at_end', ['?'])[0]} at the end); Python "
        f"{r['machine']['python']}; {r['mode']} mode, {r.get('seconds', '?')} s.",
        "",
        f"**Workshop burst**: {plan['sessions']} people arrive within {plan['within']:g} s; each opens the app "
        "(the page and, on a first visit, the files it names; then the websocket and its first run), starts the "
        f"full assessment, then gives {plan['answers'][0]}-{plan['answers'][1]} answers with "
        f"{plan['think'][0]:g}-{plan['think'][1]:g} s of thought before each click (the start too, unless a row "
        "says otherwise); tabs poll every 5 s while alone on their assessment. Clicks are the start and the "
        "answers. Times in ms.",
        "",
        "| Served by | Clicks p50 / p95 / p99 / max | Errors | First page p50 / p95 / p99 / max "
        "| Page (and files) p50 / p95 | Live poll p50 / p95 | Tabs per process | Cores in use |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for run in b["runs"].values():
        page = f"{run['page']['p50_ms']:.0f} / {run['page']['p95_ms']:.0f}" + (
            f" ({run['page_kb'] / 1024:.1f} MB)" if run["files_fetched"] else " (page only)")
        lines.append(
            f"| {run['label']} | {_four(run['clicks'])} ({run['clicks']['n']} clicks) | {run['error_count']} | "
            f"{_four(run['first_page'])} | {page} | "
            f"{run['polls']['p50_ms']:.0f} / {run['polls']['p95_ms']:.0f} | "
            f"{', '.join(f'{k} {v}' for k, v in run['served_by'].items())} | {_cores(run['cores'])} |")
    if "target" in b:
        t = b["target"]
        verdict = {True: "met", False: "not met", None: f"not judged ({plan['sessions']} people here)"}[t["met"]]
        lines += ["", f"Target ({t['sessions']} people, make serve with 2 workers): click p95 under "
                      f"{t['p95_ms_below']:g} ms, no errors: {verdict}."]
    think = s["settings"]["think"]
    lines += [
        "",
        f"**Sessions per core**: one app process, a room filling up. Each level's newcomers join within "
        f"{s['settings']['arrive_over']:g} s and start an assessment; every tab answers through the wizard with "
        f"{think[0]:g}-{think[1]:g} s of thought before each click, and polls every 5 s. Figures from the "
        f"{s['settings']['window']:g} s after each level's arrivals; times in ms.",
        "",
        "| Sessions | Clicks p50 / p95 / p99 / max | Clicks | Errors | Live polls: n, p50 / p95 | Cores in use | "
        f"p95 ≤ {s['settings']['limit_ms']:g} ms |",
        "|---|---|---|---|---|---|---|",
    ]
    for level in s["levels"]:
        lines.append(
            f"| {level['sessions']} | {_four(level['clicks'])} | {level['clicks']['n']} | {level['error_count']} | "
            f"{level['polls']['n']}, {level['polls']['p50_ms']:.0f} / {level['polls']['p95_ms']:.0f} | "
            f"{_cores(level['cores'])} | "
            f"{'yes' if level['within_limit'] else 'no'} |")
    most = s["sessions_per_core"]
    lines += ["", f"Sessions per core: **{most}**" + (" (the last level measured; more may fit)"
                                                     if s["reached_last_level"] else
                                                     f" (at {s['first_level_over']} the click p95 passed "
                                                     f"{s['settings']['limit_ms']:g} ms or a click failed)") + "."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.scaling", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="40 people in the burst, four levels (under 2 minutes)")
    parser.add_argument("--output", type=Path, default=RESULTS / "scaling.json", help="(%(default)s)")
    parser.add_argument("--workers", type=int, nargs="+", default=[2], metavar="N",
                        help="run the burst on `make serve` with N workers (several: one run each; default 2)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if min(args.workers) < 1:
        parser.error("--workers must be at least 1")

    def save(results: dict[str, object]) -> None:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(json.dumps(results, indent=2))

    plan = QUICK if args.quick else FULL
    plan = replace(plan, runs=runs(tuple(args.workers), cached_too=not args.quick))
    results = measure(plan, mode="quick" if args.quick else "full", seed=args.seed, saved=save)
    print(table(results))
    for run in results["burst"]["runs"].values():  # type: ignore[attr-defined]
        for line in [*run["errors"], *run["server_log_problems"]][:10]:
            print(f"  ! {run['label']}: {line}")
    return 1 if burst_errors(results) else 0


if __name__ == "__main__":
    sys.exit(main())
