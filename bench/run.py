"""`make bench`: every figure in the README's Performance section, as JSON and a markdown table.

Server figures come from the websocket driver (bench/protocol.py) against one app process; each is
also given as a ratio to a bare Streamlit app measured in the same run.
"""

from __future__ import annotations

import asyncio
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

from bench import collaboration, micro, pages, scaling, workspace
from bench.browser import browser_timings
from bench.load import load, run_load
from bench.server import ROOT, Server

RESULTS = ROOT / "bench" / "results"
THINK = (5.0, 15.0)
CLICKS = int(os.environ.get("BENCH_CLICKS", "4"))
VARIANTS = {
    "gc_freeze": ((), {}),  # shipped: no GC after each rerun, start-up objects frozen (ui/warmup.py)
    "gc_off": ((), {"SOC_NAVIGATOR_GC_FREEZE": "0"}),
    "gc_on": (("--runner.postScriptGC", "true"), {"SOC_NAVIGATOR_GC_FREEZE": "0"}),  # Streamlit's default
}
# The soak runs with the shipped setting; the two others (about ten minutes, most of it Streamlit's
# default collecting after every rerun) only with `--gc-variants`, and are otherwise carried over
# from the last run that measured them, marked as such.
SHIPPED = "gc_freeze"
SOAK_FLAGS = ("--server.disconnectedSessionTTL", "2")


def say(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", flush=True)


def levels(script: str, flow: str, folder: Path, sessions: list[int], flags: tuple[str, ...] = (),
           env: dict[str, str] | None = None) -> dict[str, dict[str, float]]:
    out = {}
    with Server(script, folder, flags, env) as server:
        load(server.url, 1, 3, (0.05, 0.1), flow=flow)   # warm up imports and caches
        for n in sessions:
            say(f"{script} {n} session(s), think {THINK[0]:g}-{THINK[1]:g} s, {CLICKS} clicks each")
            out[str(n)] = load(server.url, n, CLICKS, THINK, flow=flow).summary()
        say(f"{script} burst: 100 sessions clicking within one second")
        out["burst_100"] = load(server.url, 100, 2, (0.0, 1.0), flow=flow, start_within=0.0).summary()
    return out


def memory(folder: Path) -> dict[str, object]:
    """Server RSS with 0, 10, 50 and 100 sessions connected (each has answered a few questions)."""
    say("memory per session")
    readings = {}
    with Server("app.py", folder) as server:
        load(server.url, 1, 3, (0.05, 0.1))
        time.sleep(1)
        readings["0"] = server.rss_kb()

        async def hold() -> None:
            release = asyncio.Event()
            tasks = []
            opened = 0
            for target in (10, 50, 100):
                tasks.append(asyncio.create_task(
                    run_load(server.url, target - opened, 3, (0.01, 0.05), start_within=1.0, keep_open=release,
                             seed=target)))
                opened = target
                await asyncio.sleep(8)
                readings[str(target)] = server.rss_kb()
            release.set()
            await asyncio.gather(*tasks)

        asyncio.run(hold())
    per_session = (readings["100"] - readings["0"]) / 100
    return {"rss_kb": readings, "kb_per_session": round(per_session, 1)}


def soak(folder: Path, flags: tuple[str, ...], env: dict[str, str], waves: int = 10) -> dict[str, object]:
    """10 waves of 100 sessions (arriving over 10 s, one click each); RSS once each wave's sessions are gone."""
    rss, p50, p95, errors = [], [], [], 0
    with Server("app.py", folder, (*flags, *SOAK_FLAGS), env) as server:
        load(server.url, 1, 3, (0.05, 0.1))
        for wave in range(waves):
            result = load(server.url, 100, 1, (1.0, 3.0), start_within=10.0, seed=wave + 7)
            summary = result.summary()
            time.sleep(3)
            rss.append(server.rss_kb())
            p50.append(summary["p50_ms"])
            p95.append(summary["p95_ms"])
            errors += len(result.errors)
            say(f"  wave {wave + 1}: p50 {summary['p50_ms']} ms, p95 {summary['p95_ms']} ms, "
                f"errors {len(result.errors)}, RSS {rss[-1]} KiB")
    later = rss[len(rss) // 2:]
    return {"rss_kb": rss, "wave_p50_ms": p50, "wave_p95_ms": p95, "errors": errors,
            "growth_kb_first_to_last": rss[-1] - rss[0], "growth_kb_second_half": max(later) - min(later)}


def _browser(folder: Path) -> dict[str, object]:
    with Server("app.py", folder) as server:
        return browser_timings(server.url)


def save(results: dict[str, object]) -> None:
    """Written after every section, so a long run that stops early still leaves its figures."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "results.json").write_text(json.dumps(results, indent=2))


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="socnav-bench-"))
    results: dict[str, object] = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "think_time_s": THINK, "clicks_per_session": CLICKS,
    }
    on_disk = json.loads((RESULTS / "results.json").read_text()) if (RESULTS / "results.json").exists() else {}
    previous = on_disk if "--resume" in sys.argv[1:] else {}
    earlier = {name: figures for name, figures in on_disk.get("gc_variants", {}).items()
               if isinstance(figures, dict) and "rss_kb" in figures}
    say("engine and exports")
    results["engine"] = micro.engine()
    results["exports"] = micro.exports()
    save(results)
    say("workspace with 5,000 assessments")
    results["workspace"] = workspace.measure()
    save(results)
    sections = {
        "bare": lambda: levels("bench/bare_app.py", "bare", folder / "bare", [1, 100]),
        "app": lambda: levels("app.py", "wizard", folder / "app", [1, 30, 100]),
        "memory": lambda: memory(folder / "memory"),
        "browser": lambda: _browser(folder / "browser"),
        "collaboration": lambda: collaboration.measure(folder / "collaboration"),
        "pages": lambda: pages.measure(folder / "pages", 4, 12),
        "scaling": lambda: scaling.measure(scaling.FULL, folder / "scaling", mode="full"),
    }
    for name, measure in sections.items():
        if name in previous:   # --resume keeps figures a stopped run already measured
            results[name] = previous[name]
            continue
        say(name)
        results[name] = measure()
        save(results)
    variants: dict[str, object] = dict(previous.get("gc_variants", {}))
    results["gc_variants"] = variants
    compare = "--gc-variants" in sys.argv[1:]
    for name, (flags, env) in VARIANTS.items():
        if name in variants:
            continue
        if name != SHIPPED and not compare and name in earlier:   # the comparison, from the run that made it
            variants[name] = {**earlier[name], "earlier_run": True}
            continue
        if name != SHIPPED and not compare:
            continue
        say(f"soak with garbage-collection setting {name}")
        variants[name] = soak(folder / f"soak-{name}", flags, env)
        results["gc_variants"] = variants
        save(results)
    save(results)   # with the comparison carried over
    from bench.report import markdown

    (RESULTS / "results.md").write_text(markdown(results))
    print(markdown(results))
    together = results.get("collaboration")
    if isinstance(together, dict) and not together.get("ok"):
        say("collaboration: answers were lost or duplicated, or a session failed (see results.json)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
