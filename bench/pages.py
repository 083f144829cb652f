"""What one click costs on each page, against the bare Streamlit app, measured in the same run.

One app process and one bare-app process run side by side; one simulated tab at a time
(bench/protocol.py, which reruns only the fragment a widget sits in, as the browser does) clicks
through each measurement in turn, and the rounds interleave the bare app with the pages, so a
machine that gets busier part-way slows both sides alike. Each app tab opens its own saved assessment
(scoping and readiness answered: SOC 2 with Security and Availability, some gaps, a deadline) through
its resume link, then the page:

- **Assessment, answer**: a readiness answer on the Access control section (another option each time).
- **Assessment, scoping answer**: a scoping answer that could change which questions show but here
  does not (public_artifact): its card reruns; the whole page follows only when what is shown changes.
- **Assessment, Next**: to the next section (the whole page).
- **Results, a widget**: "What changed since …" (a moment picked, the history read) and the
  "Assessed by" name (saved), in turn.
- **Results, open a tab**: Scope, Readiness (its charts), Next steps, Why, in turn.
- **Plan, what-if**: the Type II window and the readiness slider, in turn.
- **… whole page**: the page run again with nothing changed: what arriving on it costs, and the
  redraw when a colleague changed something.

`python -m bench.pages` (`make bench-quick`, a few minutes) prints the table and writes
bench/results/pages.json; `make bench` records the same figures with the rest.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from bench.collaboration import cpu_seconds
from bench.protocol import Session
from bench.server import ROOT, Server
from questions import default_bank
from scoring.summary import summarise
from storage import open_store

RESULTS = ROOT / "bench" / "results"
TARGET = 2.0   # a click at one session within 2x the bare app's (p50)
THINK = (0.15, 0.35)
SCOPING = {"business_type": "b2b_saas", "b2b": "yes", "has_customers": "yes", "fin_impact": "no",
           "user_auditor_ask": "no", "security_ask": "yes", "customer_data": "yes", "uptime_sla": "yes",
           "confidential_nda": "no", "processing": "no", "personal_info": "no", "phi": "no",
           "public_artifact": "no", "deadline_months": 9, "controls_operating_months": 2, "headcount": 40}
PATTERN = ("yes", "partial", "yes", "no", "yes", "unsure", "yes")


def seeded_answers() -> dict[str, str | int]:
    readiness = [q for q in default_bank().questions if q.kind == "readiness"]
    return SCOPING | {q.id: PATTERN[i % len(PATTERN)] for i, q in enumerate(readiness)}


Click = Callable[[Session, random.Random, int], Awaitable[object]]


@dataclass(frozen=True)
class Measure:
    """One row of the table: a page opened at a section, then one kind of click on it."""

    name: str
    page: str           # the page's path in its URL ("" is Home)
    section: str
    click: Click
    whole_page: bool    # True: the click reruns the whole page by design


async def _answer(session: Session, rng: random.Random, _: int) -> object:
    keys = [widget_id.split("-", 2)[-1] for widget_id, element in session.widgets.items()
            if element.WhichOneof("type") == "radio" and "-q:" in widget_id]
    key = rng.choice(keys)
    current = session.chosen(key)
    return await session.choose(key, rng.choice([i for i in range(4) if i != current]))


async def _scoping(session: Session, _: random.Random, n: int) -> object:
    return await session.choose("q:public_artifact", n % 2)   # "yes", then back to "no"


async def _next(session: Session, _: random.Random, n: int) -> object:
    return await session.click("Back" if n % 2 else "Next")


async def _results_widget(session: Session, _: random.Random, n: int) -> object:
    if n % 2:
        return await session.type_text("assessor_input", f"Assessor {n}")
    return await session.choose("changes:since", (n // 2) % 4)


async def _results_tab(session: Session, _: random.Random, n: int) -> object:
    return await session.open_tab(("Scope", "Readiness", "Next steps", "Why")[n % 4])


async def _plan(session: Session, _: random.Random, n: int) -> object:
    if n % 2:
        return await session.slide("plan:readiness", float(40 + (n * 7) % 50))
    return await session.choose("plan:window", (n // 2) % 3)


async def _whole(session: Session, _: random.Random, __: int) -> object:
    return await session.redraw()


MEASURES = (
    Measure("Assessment, answer", "Assessment", "access", _answer, False),
    Measure("Assessment, scoping answer", "Assessment", "scoping", _scoping, False),
    Measure("Assessment, Next", "Assessment", "governance", _next, True),
    Measure("Assessment, whole page", "Assessment", "access", _whole, True),
    Measure("Results, a widget", "Results", "scoping", _results_widget, False),
    Measure("Results, open a tab", "Results", "scoping", _results_tab, False),
    Measure("Results, whole page", "Results", "scoping", _whole, True),
    Measure("Plan, what-if", "Plan", "scoping", _plan, False),
    Measure("Plan, whole page", "Plan", "scoping", _whole, True),
)
HEADLINE = {"Assessment": "Assessment, answer", "Results": "Results, a widget", "Plan": "Plan, what-if"}


async def _bare(session: Session, rng: random.Random, n: int) -> object:
    if n % 2:
        return await session.click(rng.choice(["next", "back"]))
    return await session.choose("q:pick", rng.randrange(3))


async def _clicks(server: Server, open_with: Callable[[Session], Awaitable[object]], click: Click, clicks: int,
                  seed: int) -> tuple[list[float], float]:
    """Each click's time, and the CPU seconds the server used from the first click to the last (this
    tab sends nothing between clicks: no live poll runs)."""
    rng = random.Random(seed)
    session = Session(server.url)
    seconds = []
    assert server.process is not None
    try:
        await open_with(session)
        cpu_before = cpu_seconds(server.process.pid)
        for n in range(clicks):
            await asyncio.sleep(rng.uniform(*THINK))
            started = time.perf_counter()
            await click(session, rng, n)
            seconds.append(time.perf_counter() - started)
        cpu = cpu_seconds(server.process.pid) - cpu_before
    finally:
        await session.close()
    return seconds, cpu


def _opener(token: str, measure: Measure) -> Callable[[Session], Awaitable[object]]:
    async def open_page(session: Session) -> None:
        session.query_string = urlencode({"a": token, "s": measure.section})
        await session.connect()
        await session.goto(measure.page)
        if measure.page == "Results":
            await session.open_block("changes:open")   # "What changed since …", where its picker is
    return open_page


def _summary(seconds: list[float], cpu: float) -> dict[str, float | int]:
    ms = sorted(s * 1000 for s in seconds)
    return {"clicks": len(ms), "p50_ms": round(statistics.median(ms), 1),
            "p90_ms": round(ms[min(len(ms) - 1, int(0.9 * len(ms)))], 1), "mean_ms": round(statistics.fmean(ms), 1),
            "cpu_ms_per_click": round(1000 * cpu / len(ms), 1)}


def measure(folder: Path, rounds: int = 4, clicks: int = 12) -> dict[str, object]:
    """Every measurement, `rounds` times `clicks` clicks, the bare app's before each page's."""
    (folder / "app").mkdir(parents=True, exist_ok=True)
    store = open_store(f"sqlite:///{folder / 'app' / 'bench.db'}")   # the file the app's server uses
    answers = seeded_answers()
    bank = default_bank()
    tokens = [store.create(f"Bench client {n}", answers, "full", bank.version, summarise(answers))[1]
              for n in range(len(MEASURES) * rounds)]
    store.engine.dispose()
    samples: dict[str, list[float]] = {m.name: [] for m in MEASURES}
    cpu: dict[str, float] = {m.name: 0.0 for m in MEASURES} | {"bare": 0.0}
    bare: list[float] = []

    def add(name: str, found: tuple[list[float], float]) -> None:
        (bare if name == "bare" else samples[name]).extend(found[0])
        cpu[name] += found[1]

    with Server("bench/bare_app.py", folder / "bare") as bare_server, Server("app.py", folder / "app") as app:
        async def warm() -> None:   # imports, caches and the first page of each kind
            await _clicks(bare_server, lambda s: s.connect(), _bare, 6, 0)
            for measure_ in MEASURES:
                await _clicks(app, _opener(tokens[-1], measure_), measure_.click, 3, 0)

        asyncio.run(warm())
        for round_ in range(rounds):
            for index, measure_ in enumerate(MEASURES):
                seed = round_ * 100 + index
                add("bare", asyncio.run(_clicks(bare_server, lambda s: s.connect(), _bare, clicks, seed)))
                add(measure_.name, asyncio.run(
                    _clicks(app, _opener(tokens[round_ * len(MEASURES) + index], measure_), measure_.click,
                            clicks, seed)))
            print(f"[{time.strftime('%H:%M:%S')}] round {round_ + 1} of {rounds}", flush=True)
    base = _summary(bare, cpu["bare"])
    rows = {}
    for m in MEASURES:
        found = _summary(samples[m.name], cpu[m.name])
        found["ratio_p50"] = round(found["p50_ms"] / base["p50_ms"], 2)
        found["whole_page"] = m.whole_page
        rows[m.name] = found
    headline = {page: {"click": name, "ratio_p50": rows[name]["ratio_p50"], "met": rows[name]["ratio_p50"] <= TARGET}
                for page, name in HEADLINE.items()}
    return {"rounds": rounds, "clicks_per_round": clicks, "think_s": THINK, "target_ratio": TARGET,
            "bare": base, "measures": rows, "headline": headline}


def table(r: dict) -> str:
    b = r["bare"]
    lines = [f"One tab at a time; {r['rounds']} rounds of {r['clicks_per_round']} clicks per row, the bare app "
             f"measured before each row in the same run (bare p50 {b['p50_ms']} ms, p90 {b['p90_ms']} ms, "
             f"{b['clicks']} clicks; the server's CPU {b['cpu_ms_per_click']} ms per click).", "",
             "| Click | p50 / p90 | Server CPU per click | Ratio to bare (p50) | Target |", "|---|---|---|---|---|"]
    headlines = {h["click"] for h in r["headline"].values()}
    for name, m in r["measures"].items():
        target = (f"≤ {r['target_ratio']:g}× {'✅' if m['ratio_p50'] <= r['target_ratio'] else '❌'}"
                  if name in headlines else "")
        lines.append(f"| {name} | {m['p50_ms']} / {m['p90_ms']} ms | {m.get('cpu_ms_per_click', '?')} ms | "
                     f"{m['ratio_p50']:.2f}× | {target} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--clicks", type=int, default=12)
    args = parser.parse_args(argv)
    found = measure(Path(tempfile.mkdtemp(prefix="socnav-pages-")), args.rounds, args.clicks)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "pages.json").write_text(json.dumps(found, indent=2))
    print(table(found))
    return 0


if __name__ == "__main__":
    sys.exit(main())
