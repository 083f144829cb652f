"""Many people on one assessment, on one app process: how long until every other participant sees an
answer, what an answering click and a live poll cost, and whether the store kept every answer.

One session creates the assessment through the wizard (the scoping answers that make 13 readiness
sections visible) and its resume link's token is read from the URL the app set. Then PARTICIPANTS
tabs (bench/live_session.py: they listen between clicks and run the live fragment's 2-second poll as
the browser does) open `?a=<token>&s=<section>`, continue to the Assessment page and give their name.
Participant i takes section i mod 13; participants sharing a section split its questions round-robin,
so no two answer the same question. Once all have joined, each answers its questions with think
time. Before that, one participant alone on another assessment answers the same way, for the
one-participant click cost.

Seeing an answer: every full run draws "N answers so far" in the sidebar. A tab takes in others'
changes up to the assessment's current revision, and saves are serialised by that revision, so a tab
showing N holds exactly the first N answers in revision order. An answer is seen by a participant
when the first caption with N at least its rank arrives (the rank from the stored history),
measured from the moment the answering click's rerun finished. For participants on the same section
the radio itself is also watched (the value the app sets on it).

Afterwards the store must hold exactly the answers given, the history exactly one change per answer
(with the right value and the participant's name), and no session or server log may show an error.

`python -m bench.collaboration` prints a table and writes bench/results/collaboration.json (exit 1 if
anything was lost, duplicated or failed); `make bench` records the same figures with the rest.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlencode

from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.Element_pb2 import Element
from websockets.exceptions import WebSocketException

from bench.flows import NUMBERS, SCOPING
from bench.live_session import LiveSession, Poll
from bench.protocol import RerunError, Session
from bench.server import ROOT, Server
from questions import default_bank
from scoring.steps import visible_by_section
from storage import Change, open_store
from storage.history import history

RESULTS = ROOT / "bench" / "results"
PARTICIPANTS = 30
THINK = (1.0, 4.0)
SOLO_ANSWERS = 20
BUSINESS_TYPE = "cloud_infrastructure"   # with every scoping answer "yes": 13 readiness sections
COUNT = re.compile(r"^(\d+) answers? so far$")
ERRORS = (RerunError, OSError, KeyError, WebSocketException)
LOG_PROBLEMS = ("Traceback", "ERROR", "Exception")


@dataclass
class Given:
    """One answer a participant gave: what, and when its click's rerun finished."""

    participant: int
    question: str
    section: str
    value: str
    label: str
    at: float        # the click's rerun finished
    seconds: float   # the click's rerun, sent to finished


@dataclass
class Participant:
    index: int
    name: str
    section: str
    questions: list[str]
    tab: LiveSession
    counts: list[tuple[float, int]] = field(default_factory=list)        # (arrived, N answers so far)
    shown: dict[str, list[tuple[float, str]]] = field(default_factory=dict)  # question -> (arrived, value set)
    errors: list[str] = field(default_factory=list)
    alerts: set[str] = field(default_factory=set)   # warnings and errors the page showed (none expected)

    def observe(self, _tab: LiveSession, element: Element, arrived: float) -> None:
        kind = element.WhichOneof("type")
        if kind == "alert" and element.alert.format in (Alert.ERROR, Alert.WARNING):
            self.alerts.add(element.alert.body[:200])
        elif kind == "markdown":
            found = COUNT.match(element.markdown.body)
            if found:
                self.counts.append((arrived, int(found.group(1))))
        elif kind == "radio" and element.radio.set_value and "-q:" in element.radio.id:
            question = element.radio.id.rsplit("-q:", 1)[1]
            self.shown.setdefault(question, []).append((arrived, element.radio.raw_value))


@dataclass
class Phase:
    """What one phase (one participant alone, or the crowd) did and saw."""

    token: str
    given: list[Given]
    expected: dict[str, str | int]          # every answer given, the creator's included
    crew: list[Participant]
    polls: list[Poll]
    errors: list[str]
    authors: dict[str, str] = field(default_factory=dict)   # question -> name of the participant who answered
    answering_s: float = 0.0
    settle_s: float = 0.0
    cpu: dict[str, float] = field(default_factory=dict)   # cores in use while the answers were given


def cores(before: tuple[float, float, float], after: tuple[float, float, float], wall: float) -> dict[str, float]:
    """Cores in use over `wall` seconds: by the app server, by this driver, and by anything else on the
    machine (other work on a shared machine slows every figure here)."""
    server, driver, machine = ((b - a) / wall for a, b in zip(before, after, strict=True))
    other = max(0.0, machine - server - driver)
    return {"server": round(server, 2), "driver": round(driver, 2), "other": round(other, 2),
            "machine_cores": os.cpu_count() or 0}


def stats(seconds: list[float]) -> dict[str, float | int]:
    """p50 / p95 / max (and min) in milliseconds, as bench/load.py ranks them."""
    ms = sorted(s * 1000 for s in seconds)

    def pct(p: float) -> float:
        return round(ms[min(len(ms) - 1, int(p * len(ms)))], 1) if ms else 0.0

    return {"n": len(ms), "p50_ms": pct(0.50), "p95_ms": pct(0.95), "max_ms": round(ms[-1], 1) if ms else 0.0,
            "min_ms": round(ms[0], 1) if ms else 0.0}


def scoping() -> tuple[list[tuple[str, int | float, str]], dict[str, str | int]]:
    """The creator's clicks (widget key, option index or number, kind) and the answers they give."""
    bank = default_bank()
    business = bank.question("business_type").values.index(BUSINESS_TYPE)
    clicks: list[tuple[str, int | float, str]] = [("q:business_type", business, "choose")]
    clicks += [(key, 0, "choose") for key, _ in SCOPING]
    clicks += [(key, value, "number") for key, value in NUMBERS]
    answers: dict[str, str | int] = {}
    for key, value, kind in clicks:
        question = bank.question(key.removeprefix("q:"))
        answers[question.id] = question.values[int(value)] if kind == "choose" else int(value)
    return clicks, answers


def sections_of(answers: dict[str, str | int]) -> dict[str, list[str]]:
    """The visible readiness sections and their questions, in wizard order."""
    bank = default_bank()
    grouped = visible_by_section(bank, answers)
    return {s.id: [q.id for q in grouped[s.id] if q.kind == "readiness"] for s in bank.sections
            if s.id in grouped and s.id != "scoping"}


def assign(sections: dict[str, list[str]], participants: int,
           per_participant: int | None = None) -> list[tuple[str, list[str]]]:
    """Participant i takes section i mod len(sections); those sharing a section split its questions
    round-robin, so every question has at most one participant."""
    ids = list(sections)
    plan = []
    for i in range(participants):
        section = ids[i % len(ids)]
        sharing = [j for j in range(participants) if j % len(ids) == i % len(ids)]
        mine = [q for n, q in enumerate(sections[section]) if n % len(sharing) == sharing.index(i)]
        plan.append((section, mine[:per_participant]))
    return plan


async def create(url: str) -> tuple[str, dict[str, str | int]]:
    """Create an assessment through the wizard; its resume token (from the URL) and its answers."""
    clicks, answers = scoping()
    session = Session(url)
    try:
        await session.connect()
        await session.click("start-full")
        for key, value, kind in clicks:
            if kind == "choose":
                await session.choose(key, int(value))
            else:
                await session.enter_number(key, float(value))
    finally:
        await session.close()
    return parse_qs(session.query_string)["a"][0], answers


async def join(url: str, token: str, section: str, index: int, name: str, questions: list[str]) -> Participant:
    """Open the resume link at `section`, continue to the Assessment page, give a name."""
    participant = Participant(index=index, name=name, section=section, questions=questions,
                              tab=LiveSession(url, name=name))
    participant.tab.on_element = participant.observe
    participant.tab.query_string = urlencode({"a": token, "s": section})
    await participant.tab.connect()
    await participant.tab.click("Continue the assessment")
    if name:
        await participant.tab.enter_text("display_name_input", name)
    return participant


async def answer(participant: Participant, question: str, rng: random.Random, given: list[Given]) -> None:
    bank_question = default_bank().question(question)
    option = rng.randrange(len(bank_question.values))
    run = await participant.tab.choose(f"q:{question}", option)
    value = bank_question.values[option]
    given.append(Given(participant=participant.index, question=question, section=participant.section,
                       value=value, label=bank_question.label_for(value), at=participant.tab.finished_at,
                       seconds=run.seconds))


async def solo(url: str, answers: int, think: tuple[float, float], rng: random.Random) -> Phase:
    """One participant alone on its own assessment, answering across the sections with think time."""
    token, scoped = await create(url)
    sections = sections_of(scoped)
    order = [(s, qs[n]) for n in range(max(map(len, sections.values()))) for s, qs in sections.items() if n < len(qs)]
    order = order[:answers]
    participant = await join(url, token, order[0][0], 0, "", [q for _, q in order])
    given: list[Given] = []
    try:
        section = order[0][0]
        for next_section, question in order:
            if next_section != section:
                await participant.tab.click(f"jump-{next_section}")
                section = next_section
            await asyncio.sleep(rng.uniform(*think))
            await answer(participant, question, rng, given)
    except ERRORS as exc:
        participant.errors.append(f"{type(exc).__name__}: {exc}")
    finally:
        await participant.tab.close()
    return Phase(token=token, given=given, expected={**scoped, **{g.question: g.value for g in given}},
                 crew=[participant], polls=participant.tab.polls,
                 errors=[*participant.errors, *participant.tab.errors, *sorted(participant.alerts)])


async def crowd(url: str, participants: int, think: tuple[float, float], rng: random.Random,
                per_participant: int | None, join_within: float, settle: float, quiet: float,
                cpu: Callable[[], tuple[float, float, float]], section_count: int | None = None) -> Phase:
    """PARTICIPANTS tabs on one assessment: join, answer their own questions, wait until all saw all,
    then stay `quiet` seconds longer (their polls then find nothing new)."""
    token, scoped = await create(url)
    plan = assign(dict(list(sections_of(scoped).items())[:section_count]), participants, per_participant)
    names = [f"Participant {i + 1:02}" for i in range(participants)]

    async def arrive(i: int) -> Participant:
        await asyncio.sleep(rng.uniform(0, join_within))
        return await join(url, token, plan[i][0], i, names[i], plan[i][1])

    crew = list(await asyncio.gather(*(arrive(i) for i in range(participants))))
    given: list[Given] = []
    started, cpu_started = time.perf_counter(), cpu()

    async def work(participant: Participant) -> None:
        try:
            for question in participant.questions:
                await asyncio.sleep(rng.uniform(*think))
                await answer(participant, question, rng, given)
        except ERRORS as exc:
            participant.errors.append(f"{type(exc).__name__}: {exc}")

    await asyncio.gather(*(work(p) for p in crew))
    answered, cpu_answered = time.perf_counter(), cpu()
    total = len(scoped) + len(given)
    deadline = answered + settle
    while time.perf_counter() < deadline and not all(p.counts and p.counts[-1][1] >= total for p in crew):
        await asyncio.sleep(0.2)
    settled = time.perf_counter()
    await asyncio.sleep(quiet)
    await asyncio.gather(*(p.tab.close() for p in crew))
    polls = [poll for p in crew for poll in p.tab.polls if poll.at >= started]
    return Phase(token=token, given=given, expected={**scoped, **{g.question: g.value for g in given}},
                 crew=crew, polls=polls, authors={g.question: names[g.participant] for g in given},
                 errors=[f"{p.name}: {e}" for p in crew for e in [*p.errors, *p.tab.errors, *sorted(p.alerts)]],
                 answering_s=round(answered - started, 1), settle_s=round(settled - answered, 1),
                 cpu=cores(cpu_started, cpu_answered, answered - started))


def ranks(changes: tuple[Change, ...]) -> dict[str, int]:
    """Per answered field, how many answers the assessment held once that answer's revision was saved."""
    first: dict[str, int] = {}
    for change in sorted(changes, key=lambda c: c.revision):
        if change.new is not None:
            first.setdefault(change.field, change.revision)
    return {f: sum(1 for r in first.values() if r <= revision) for f, revision in first.items()}


def propagation(given: list[Given], crew: list[Participant], rank: dict[str, int]) -> dict[str, object]:
    """For each answer and each other participant, the time from the click's end until that participant
    was shown it: by the answer count (everyone) and by the radio itself (same section)."""
    everyone: list[float] = []
    from_sent: list[float] = []
    all_seen: list[float] = []
    same_section: list[float] = []
    missing = missing_widget = 0
    for g in given:
        needed = rank.get(g.question)
        latencies = []
        for p in crew:
            if p.index == g.participant:
                continue
            seen = next((t for t, n in p.counts if needed is not None and n >= needed), None)
            if seen is None:
                missing += 1
                continue
            latencies.append(seen - g.at)
            from_sent.append(seen - (g.at - g.seconds))
            if p.section == g.section:
                shown = next((t for t, value in p.shown.get(g.question, []) if value == g.label), None)
                if shown is None:
                    missing_widget += 1
                else:
                    same_section.append(shown - g.at)
        everyone += latencies
        if latencies and len(latencies) == len(crew) - 1:
            all_seen.append(max(latencies))
    return {"pairs": stats(everyone), "pairs_from_click_sent": stats(from_sent), "until_all_saw": stats(all_seen),
            "same_section_widget": stats(same_section), "expected_pairs": len(given) * (len(crew) - 1),
            "missing": missing, "missing_widget": missing_widget,
            "seen_before_click_finished": sum(1 for s in everyone if s < 0)}


def integrity(url: str, phase: Phase) -> tuple[dict[str, object], tuple[Change, ...]]:
    """The stored answers are exactly those given; the history has exactly one change for each, with
    the value given and (for participants) the name of the one who gave it."""
    store = open_store(url)
    try:
        record = store.open(phase.token)
        assert record is not None, "the assessment is not in the store"
        changes = history(store.engine, record.id)
    finally:
        store.engine.dispose()
    stored, expected, authors = record.answers, phase.expected, phase.authors
    per_field = Counter(c.field for c in changes)
    lost = sorted(f for f in expected if stored.get(f) != expected[f])
    unexpected = sorted(f for f in stored if f not in expected)
    duplicated = sorted(f for f, n in per_field.items() if n > 1)
    unrecorded = sorted(f for f in expected if per_field[f] == 0)
    wrong = sorted(c.field for c in changes if c.field not in expected or c.new != expected[c.field]
                   or c.old is not None or (c.field in authors and c.author.name != authors[c.field]))
    ok = not (lost or unexpected or duplicated or unrecorded or wrong) and len(changes) == len(expected)
    return {"ok": ok, "answers_given": len(expected), "answers_stored": len(stored), "history_changes": len(changes),
            "lost": lost, "unexpected": unexpected, "duplicated": duplicated, "unrecorded": unrecorded,
            "wrong": wrong}, changes


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine_busy_seconds() -> float:
    """CPU time every process on the machine has used so far (all cores)."""
    user, nice, system, _idle, _iowait, irq, softirq, steal = map(int, Path("/proc/stat").read_text().split()[1:9])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def cpu_use(pid: int) -> tuple[float, float, float]:
    """CPU seconds so far of the app server, of this driver, and of the whole machine."""
    return cpu_seconds(pid), time.process_time(), machine_busy_seconds()


async def loop_lag(lags: list[float], every: float = 0.05) -> None:
    """How late this driver's own event loop wakes up: a late loop would delay every time it takes."""
    while True:
        asked = time.perf_counter()
        await asyncio.sleep(every)
        lags.append(time.perf_counter() - asked - every)


def log_problems(folder: Path) -> list[str]:
    path = folder / "server.log"
    lines = path.read_text(errors="replace").splitlines() if path.exists() else []
    return [line[:300] for line in lines if any(word in line for word in LOG_PROBLEMS)]


def measure(folder: Path | None = None, participants: int = PARTICIPANTS, think: tuple[float, float] = THINK,
            per_participant: int | None = None, solo_answers: int = SOLO_ANSWERS, seed: int = 1,
            join_within: float = 5.0, settle: float = 30.0, quiet: float = 6.0,
            section_count: int | None = None) -> dict[str, object]:
    """Both phases on one app process (one participant alone, then the crowd); figures and checks."""
    folder = folder or Path(tempfile.mkdtemp(prefix="socnav-bench-collaboration-"))
    rng = random.Random(seed)
    lags: list[float] = []
    with Server("app.py", folder) as server:
        url = f"sqlite:///{folder / 'bench.db'}"
        assert server.process is not None
        pid = server.process.pid

        async def both() -> tuple[Phase, Phase]:
            monitor = asyncio.create_task(loop_lag(lags))
            try:
                alone = await solo(server.url, solo_answers, think, rng)
                together = await crowd(server.url, participants, think, rng, per_participant, join_within, settle,
                                       quiet, lambda: cpu_use(pid), section_count)
            finally:
                monitor.cancel()
            return alone, together

        started = time.perf_counter()
        alone, together = asyncio.run(both())
        seconds = time.perf_counter() - started
    alone_check, _ = integrity(url, alone)
    check, changes = integrity(url, together)
    seen = propagation(together.given, together.crew, ranks(changes))
    clicks, alone_clicks = stats([g.seconds for g in together.given]), stats([g.seconds for g in alone.given])
    errors = [*together.errors, *(f"alone: {e}" for e in alone.errors)]
    problems = log_problems(folder)
    ok = bool(check["ok"] and alone_check["ok"] and not errors and not problems and not seen["missing"]
              and not seen["missing_widget"])
    return {
        "ok": ok, "participants": participants, "sections": len({p.section for p in together.crew}),
        "answers": len(together.given), "think_time_s": list(think), "seconds": round(seconds, 1),
        "answering_s": together.answering_s, "settle_s": together.settle_s,
        "cores_in_use_answering": together.cpu, "propagation": seen,
        "click": clicks, "click_alone": alone_clicks,
        "click_ratio_p50": round(clicks["p50_ms"] / alone_clicks["p50_ms"], 2) if alone_clicks["p50_ms"] else None,
        "poll_nothing_new": stats([p.seconds for p in together.polls if not p.redrew]),
        "poll_with_redraw": stats([p.seconds for p in together.polls if p.redrew]),
        "poll_alone": stats([p.seconds for p in alone.polls if not p.redrew]),
        "driver_loop_lag": stats(lags),
        "integrity": check, "integrity_alone": alone_check, "errors": errors, "server_log_problems": problems,
    }


def table(r: dict) -> str:
    p, c, a = r["propagation"], r["click"], r["click_alone"]

    def three(figures: dict) -> str:
        return f"{figures['p50_ms']:.0f} / {figures['p95_ms']:.0f} / {figures['max_ms']:.0f} ms"

    rows = [
        ("Answer seen by each other participant (p50 / p95 / max)",
         f"{three(p['pairs'])}, {p['pairs']['n']} of {p['expected_pairs']} observations"),
        ("  the same, from the click itself", three(p["pairs_from_click_sent"])),
        ("Answer seen by all other participants (p50 / p95 / max)",
         f"{three(p['until_all_saw'])}, {p['until_all_saw']['n']} answers"),
        ("Same section: the radio shows it (p50 / p95 / max)",
         f"{three(p['same_section_widget'])}, {p['same_section_widget']['n']} observations"),
        ("Answering click (p50 / p95 / max)",
         f"{c['p50_ms']} / {c['p95_ms']} / {c['max_ms']} ms ({c['n']} clicks)"),
        ("  alone on an assessment (p50 / p95 / max)",
         f"{a['p50_ms']} / {a['p95_ms']} / {a['max_ms']} ms ({a['n']} clicks); crowd / alone {r['click_ratio_p50']}× "
         "(p50)"),
        ("Poll that kept the page (nothing new, or answers off the screen) (p50 / p95 / max)",
         f"{r['poll_nothing_new']['p50_ms']} / {r['poll_nothing_new']['p95_ms']} / {r['poll_nothing_new']['max_ms']} "
         f"ms ({r['poll_nothing_new']['n']}); alone {r['poll_alone']['p50_ms']} / {r['poll_alone']['p95_ms']} ms"),
        ("Poll that redrew the page (p50 / p95 / max)",
         f"{r['poll_with_redraw']['p50_ms']} / {r['poll_with_redraw']['p95_ms']} / {r['poll_with_redraw']['max_ms']} "
         f"ms ({r['poll_with_redraw']['n']})"),
        ("Integrity", f"{'OK' if r['ok'] else 'FAILED'}: {r['integrity']['answers_stored']} of "
         f"{r['integrity']['answers_given']} answers stored, {r['integrity']['history_changes']} history changes, "
         f"{len(r['errors'])} session errors, {len(r['server_log_problems'])} server log problems"),
    ]
    width = max(len(name) for name, _ in rows)
    use = r["cores_in_use_answering"]
    head = (f"{r['participants']} participants on one assessment ({r['sections']} sections, {r['answers']} answers "
            f"in {r['answering_s']} s, think {r['think_time_s'][0]:g}-{r['think_time_s'][1]:g} s), one app process\n"
            f"  cores in use while answering: app {use['server']}, driver {use['driver']}, other processes "
            f"{use['other']} (of {use['machine_cores']}); driver loop lag p95 {r['driver_loop_lag']['p95_ms']} ms")
    return "\n".join([head, *(f"  {name:<{width}}  {value}" for name, value in rows)])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.collaboration", description=__doc__.split("\n\n")[0])
    parser.add_argument("--participants", type=int, default=PARTICIPANTS)
    parser.add_argument("--think", type=float, nargs=2, default=THINK, metavar=("MIN", "MAX"))
    parser.add_argument("--solo-answers", type=int, default=SOLO_ANSWERS)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    results = measure(participants=args.participants, think=tuple(args.think), solo_answers=args.solo_answers,
                      seed=args.seed)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "collaboration.json").write_text(json.dumps(results, indent=2))
    print(table(results))
    for line in [*results["errors"], *results["server_log_problems"]][:20]:
        print(f"  ! {line}")
    return 0 if results["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
