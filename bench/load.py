"""Concurrent simulated users with think time: per-click latency, errors and reruns per second."""

from __future__ import annotations

import asyncio
import random
import statistics
import time
from dataclasses import dataclass, field

from websockets.exceptions import WebSocketException

from bench.flows import bare, wizard
from bench.protocol import RerunError, Session

FLOWS = {"wizard": wizard, "bare": bare}


@dataclass
class LoadResult:
    sessions: int
    clicks: list[float] = field(default_factory=list)
    loads: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> dict[str, float | int]:
        ms = sorted(c * 1000 for c in self.clicks)

        def pct(p: float) -> float:
            return round(ms[min(len(ms) - 1, int(p * len(ms)))], 1) if ms else 0.0

        return {"sessions": self.sessions, "clicks": len(ms), "errors": len(self.errors),
                "p50_ms": pct(0.50), "p95_ms": pct(0.95), "p99_ms": pct(0.99), "max_ms": round(ms[-1], 1) if ms else 0,
                "mean_ms": round(statistics.fmean(ms), 1) if ms else 0,
                "reruns_per_s": round(len(ms) / self.seconds, 2) if self.seconds else 0,
                "first_load_p50_ms": round(statistics.median(self.loads) * 1000, 1) if self.loads else 0}


async def _user(url: str, flow: str, clicks: int, think: tuple[float, float], seed: int, result: LoadResult,
                start_within: float, keep_open: asyncio.Event | None) -> None:
    rng = random.Random(seed)
    await asyncio.sleep(rng.uniform(0, start_within))
    session = Session(url)
    try:
        result.loads.append((await session.connect()).seconds)
        steps = FLOWS[flow](session, rng)
        for _ in range(clicks):
            await asyncio.sleep(rng.uniform(*think))
            run = await anext(steps)
            result.clicks.append(run.seconds)
        if keep_open is not None:
            await keep_open.wait()
    except (RerunError, OSError, KeyError, StopAsyncIteration, WebSocketException) as exc:
        result.errors.append(f"{type(exc).__name__}: {exc}")
    finally:
        await session.close()


async def run_load(url: str, sessions: int, clicks: int, think: tuple[float, float], flow: str = "wizard",
                   start_within: float | None = None, seed: int = 1,
                   keep_open: asyncio.Event | None = None) -> LoadResult:
    """`sessions` users arriving over `start_within` seconds, each making `clicks` clicks."""
    result = LoadResult(sessions=sessions)
    started = time.perf_counter()
    spread = think[1] if start_within is None else start_within
    await asyncio.gather(*(_user(url, flow, clicks, think, seed * 1000 + n, result, spread, keep_open)
                           for n in range(sessions)))
    result.seconds = time.perf_counter() - started
    return result


def load(url: str, sessions: int, clicks: int, think: tuple[float, float], **kwargs: object) -> LoadResult:
    return asyncio.run(run_load(url, sessions, clicks, think, **kwargs))  # type: ignore[arg-type]

