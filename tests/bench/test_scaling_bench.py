"""The scaling benchmark runs end to end on a tiny room: the burst on one app process and on `make serve`
with two workers behind HAProxy, and a room that grows on one process. No timing is asserted."""

from __future__ import annotations

import json

from bench import scaling

TINY = scaling.Plan(
    burst=scaling.Burst(sessions=3, within=0.5, answers=(1, 2), think=(0.05, 0.1)),
    ramp=scaling.Ramp(levels=(2, 3), think=(0.2, 0.4), arrive_over=0.5, window=2.0, limit_ms=60_000),
    runs=((0, True), (2, False)),   # one process for returning browsers; two workers for first visits
    hurried=(0.02, 0.05),
)
FIGURES = {"n", "p50_ms", "p95_ms", "p99_ms", "max_ms", "mean_ms"}


def test_a_tiny_room_on_one_process_and_on_two_workers(tmp_path):
    results = scaling.measure(TINY, tmp_path, mode="test")
    json.dumps(results)                                            # what main() writes

    runs = results["burst"]["runs"]
    assert list(runs) == ["one_process_files_cached", "serve_2_workers", "serve_2_workers_hurried"]
    for name, run in runs.items():
        assert run["errors"] == [] and run["server_log_problems"] == [], (name, run["errors"])
        assert run["sessions"] == 3 and sum(run["served_by"].values()) == 3
        assert run["first_page"]["n"] == 3 and run["start_click"]["n"] == 3
        assert 6 <= run["clicks"]["n"] <= 9                          # the start and 1-2 answers each
        assert run["clicks"]["n"] == run["start_click"]["n"] + run["answer_clicks"]["n"]
        for figures in ("page", "first_page", "clicks", "start_click", "answer_clicks", "polls"):
            assert set(run[figures]) == FIGURES
        assert 0 < run["clicks"]["p50_ms"] <= run["clicks"]["p95_ms"] <= run["clicks"]["p99_ms"] \
            <= run["clicks"]["max_ms"]
        assert {"app", "proxy", "driver", "other", "machine_cores", "load_average_1min"} <= set(run["cores"])
        assert run["cores"]["app"] > 0
    one = runs["one_process_files_cached"]
    assert one["workers"] == 1 and not one["proxy"] and set(one["served_by"]) == {"one process"}
    assert not one["files_fetched"] and one["page_kb"] < 100             # the page alone
    two = runs["serve_2_workers"]
    assert two["workers"] == 2 and two["proxy"] and set(two["served_by"]) <= {"w1", "w2"}
    assert two["files_fetched"] and two["page_kb"] > 1000                # and the files it names
    assert two["cores"]["proxy"] >= 0 and results["burst"]["target"]["met"] is None   # judged at 100 people
    hurried = runs["serve_2_workers_hurried"]
    assert hurried["workers"] == 2 and hurried["think_s"] == (0.02, 0.05) and two["think_s"] == (0.05, 0.1)

    ramp = results["sessions_per_core"]
    assert [level["sessions"] for level in ramp["levels"]] == [2, 3]   # the limit is never passed here
    for level in ramp["levels"]:
        assert level["errors"] == [] and level["within_limit"] and level["clicks"]["n"] > 0
    assert ramp["sessions_per_core"] == 3 and ramp["reached_last_level"]
    assert ramp["errors_after_last_level"] == [] and ramp["server_log_problems"] == []

    text = scaling.table(results)
    assert "| one app process, files cached |" in text and "| make serve, 2 workers behind HAProxy |" in text
    assert "| make serve, 2 workers behind HAProxy, a hurried room (0.02-0.05 s of thought) |" in text
    assert "Sessions per core: **3**" in text


def test_percentiles_rank_like_the_load_driver():
    figures = scaling.stats([n / 1000 for n in range(1, 101)])    # 1 … 100 ms
    assert (figures["n"], figures["p50_ms"], figures["p95_ms"], figures["p99_ms"], figures["max_ms"]) == \
        (100, 51.0, 96.0, 100.0, 100.0)
    assert scaling.stats([])["n"] == 0
