"""The click-per-page benchmark runs end to end on a tiny budget: every kind of click on every page
works through the real server, and each row has its times, the server's CPU and its ratio to the bare
app. No timing is asserted."""

from __future__ import annotations

import json

from bench import pages


def test_every_click_of_every_page_runs_and_is_reported(tmp_path):
    results = pages.measure(tmp_path, rounds=1, clicks=2)
    json.dumps(results)                                          # what main() writes
    assert results["bare"]["clicks"] == 2 * len(pages.MEASURES)  # the bare app before each row
    assert list(results["measures"]) == [m.name for m in pages.MEASURES]
    for name, row in results["measures"].items():
        assert row["clicks"] == 2, name
        assert 0 < row["p50_ms"] <= row["p90_ms"] and row["cpu_ms_per_click"] >= 0, name
        assert row["ratio_p50"] == round(row["p50_ms"] / results["bare"]["p50_ms"], 2)
    assert sum(row["cpu_ms_per_click"] for row in results["measures"].values()) > 0   # the server's CPU is read
    assert set(results["headline"]) == {"Assessment", "Results", "Plan"}
    text = pages.table(results)
    assert all(f"| {m.name} |" in text for m in pages.MEASURES) and "Server CPU per click" in text
