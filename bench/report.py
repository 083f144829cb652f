"""Turn bench/results/results.json into the markdown table the README shows."""

from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path


def _ratio(value: float, base: float) -> str:
    return f"{value / base:.2f}×" if base else "n/a"


def _check(ok: bool) -> str:
    return "✅" if ok else "❌"


def _collaboration(c: dict) -> list[str]:
    """bench/collaboration.py: participants on one assessment, on one app process."""
    seen, everyone, click, alone = c["propagation"]["pairs"], c["propagation"]["until_all_saw"], c["click"], \
        c["click_alone"]
    poll, check = c["poll_nothing_new"], c["integrity"]
    who = f"Collaboration, {c['participants']} participants on one assessment"
    return [
        f"| {who}: answer seen by each other participant (p50 / p95 / max) | {seen['p50_ms']:.0f} / "
        f"{seen['p95_ms']:.0f} / {seen['max_ms']:.0f} ms ({seen['n']} observations) | | | | |",
        f"| {who}: answer seen by all other participants (p50 / p95) | {everyone['p50_ms']:.0f} / "
        f"{everyone['p95_ms']:.0f} ms ({everyone['n']} answers) | | | | |",
        f"| {who}: answering click (p50 / p95), and alone | {click['p50_ms']} / {click['p95_ms']} ms; alone "
        f"{alone['p50_ms']} / {alone['p95_ms']} ms ({c['click_ratio_p50']}× at p50) | | | | |",
        f"| {who}: live poll that kept the page (p50 / p95) | {poll['p50_ms']} / {poll['p95_ms']} ms | | | | |",
        f"| {who}: answers stored / given, history changes, errors | {check['answers_stored']} / "
        f"{check['answers_given']}, {check['history_changes']} changes, {len(c['errors'])} errors | | | "
        f"none lost, none duplicated | {_check(bool(c['ok']))} |",
    ]


def markdown(r: dict) -> str:
    app, bare, mem = r["app"], r["bare"], r["memory"]
    engine, pdf, excel = r["engine"], r["exports"]["pdf"], r["exports"]["excel"]
    soak = r["gc_variants"]["gc_freeze"]
    lines = [
        f"Machine: {r['machine']['cpus']} cores, Python {r['machine']['python']}, one app process. "
        f"Think time {r['think_time_s'][0]:g}-{r['think_time_s'][1]:g} s, {r['clicks_per_session']} clicks per "
        "session through the real wizard (home → full assessment → scoping answers → next sections).",
        "",
        "| Measure | Result | Bare Streamlit app | Ratio | Target | Met |",
        "|---|---|---|---|---|---|",
        f"| Engine, largest assessment (median / p95) | {engine['median_ms']:.2f} / {engine['p95_ms']:.2f} ms | | | "
        f"≤ 1 ms | {_check(engine['median_ms'] <= 1)} |",
    ]
    for n in ("1", "30", "100"):
        a = app[n]
        b = bare.get(n)
        base = f"{b['p50_ms']} / {b['p95_ms']} ms" if b else ""
        target = {"1": "≤ 1.5× bare (p50)", "100": "p95 ≤ 150 ms, no errors"}.get(n, "")
        met = {"1": _check(b is not None and a["p50_ms"] <= 1.5 * b["p50_ms"]),
               "100": _check(a["p95_ms"] <= 150 and a["errors"] == 0)}.get(n, "")
        lines.append(
            f"| Per click, {n} session{'s' if n != '1' else ''} (p50 / p95 / p99 / max) | {a['p50_ms']} / "
            f"{a['p95_ms']} / {a['p99_ms']} / {a['max_ms']} ms, {a['errors']} errors, {a['reruns_per_s']} reruns/s "
            f"| {base} | {_ratio(a['p50_ms'], b['p50_ms']) if b else ''} | {target} | {met} |")
    burst, bare_burst = app["burst_100"], bare["burst_100"]
    lines.append(f"| Burst: 100 sessions click within 1 s (p50 / p95 / max) | {burst['p50_ms']} / {burst['p95_ms']} "
                 f"/ {burst['max_ms']} ms, {burst['errors']} errors | {bare_burst['p50_ms']} / {bare_burst['p95_ms']} "
                 f"ms | {_ratio(burst['p95_ms'], bare_burst['p95_ms'])} (p95) | | |")
    rss = mem["rss_kb"]
    lines.append(f"| Memory per session (RSS 0 / 10 / 50 / 100 sessions) | {mem['kb_per_session']} KB "
                 f"({rss['0']} / {rss['10']} / {rss['50']} / {rss['100']} KiB) | | | ≤ 250 KB | "
                 f"{_check(mem['kb_per_session'] <= 250)} |")
    waves = ", ".join(str(x // 1024) for x in soak["rss_kb"])
    lines.append(f"| Soak: RSS after each of 10 waves of 100 sessions | {waves} "
                 f"MiB; second-half spread {soak['growth_kb_second_half']} KiB | | | no growth | "
                 f"{_check(soak['growth_kb_second_half'] <= 5 * 1024)} |")
    if "workspace" in r:
        w = r["workspace"]
        lines.append(f"| Workspace, {w['assessments']:,} assessments: one page from the store (first / last / search "
                     f"/ one organisation, median) | {w['store_first_page']['median_ms']:.1f} / "
                     f"{w['store_last_page']['median_ms']:.1f} / {w['store_search']['median_ms']:.1f} / "
                     f"{w['store_one_org']['median_ms']:.1f} ms | | | | |")
        if "store_after_saves" in w:
            saves = w["store_after_saves"]
            lines.append(f"| Workspace, {w['assessments']:,} assessments: the first page after 100 of them were "
                         f"answered (their summaries computed then; median / p95) | {saves['median_ms']:.1f} / "
                         f"{saves['p95_ms']:.1f} ms | | | | |")
        lines.append(f"| Workspace page, {w['assessments']:,} assessments, drawn by AppTest (rerun / next page, "
                     f"median / p95) | {w['page_rerun']['median_ms']:.0f} / {w['page_rerun']['p95_ms']:.0f} ms, "
                     f"{w['page_next']['median_ms']:.0f} / {w['page_next']['p95_ms']:.0f} ms | | | well under 1 s "
                     f"| {_check(w['page_next']['p95_ms'] < 1000 and w['page_rerun']['p95_ms'] < 1000)} |")
    browser = r["browser"]
    lines.append(f"| Browser: first interactive render (median / p95) | {browser['first_render']['median_ms']} / "
                 f"{browser['first_render']['p95_ms']} ms | | | | |")
    lines.append(f"| Browser: click to updated page (median / p95) | {browser['click_to_update']['median_ms']} / "
                 f"{browser['click_to_update']['p95_ms']} ms | | | | |")
    if "collaboration" in r:
        lines += _collaboration(r["collaboration"])
    lines.append(f"| PDF, largest assessment (median / p95) | {pdf['median_ms']:.0f} / {pdf['p95_ms']:.0f} ms | | | "
                 f"≤ 1 s | {_check(pdf['median_ms'] <= 1000)} |")
    lines.append(f"| Excel, largest assessment (median / p95) | {excel['median_ms']:.0f} / {excel['p95_ms']:.0f} ms "
                 "| | | | |")
    lines += ["", "Garbage collection after each rerun (Streamlit's hidden `runner.postScriptGC`), soak of 10 waves "
              "of 100 sessions (arriving over 10 s, each opening the app and making one click):", "",
              "| Setting | Wave p50 / p95 (median over waves) | Errors | RSS first → last wave | Second-half spread |",
              "|---|---|---|---|---|"]
    lines += gc_rows(r["gc_variants"])
    if "pages" in r:  # bench/pages.py: one click per page against the bare app
        from bench.pages import table as pages_table
        lines += ["", pages_table(r["pages"])]
    if "scaling" in r:  # bench/scaling.py: the workshop burst and sessions per core
        from bench.scaling import table as scaling_table
        lines += ["", scaling_table(r["scaling"])]
    return "\n".join(lines) + "\n"


def gc_rows(variants: dict) -> list[str]:
    """A row per garbage-collection setting measured; a setting carried over from an earlier run says so."""
    rows = []
    names = {"gc_on": "GC after every rerun (Streamlit's default)", "gc_off": "No GC after reruns",
             "gc_freeze": "No GC after reruns + `gc.freeze()` at start-up (shipped)"}
    for key, label in names.items():
        s = variants.get(key)
        if not s:
            continue
        p50, p95 = statistics.median(s["wave_p50_ms"]), statistics.median(s["wave_p95_ms"])
        label += " (an earlier run: `python -m bench.run --gc-variants`)" if s.get("earlier_run") else ""
        rows.append(f"| {label} | {p50:.0f} / {p95:.0f} ms "
                    f"| {s['errors']} | {s['rss_kb'][0] // 1024} → {s['rss_kb'][-1] // 1024} MiB | "
                    f"{s['growth_kb_second_half']} KiB |")
    return rows


if __name__ == "__main__":
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent / "results" / "results.json"
    print(markdown(json.loads(path.read_text())))
