"""The workspace benchmark measures what it says: a page of the store and the drawn Workspace page."""

from __future__ import annotations

from bench import workspace


def test_the_workspace_measure_lists_and_pages_the_seeded_assessments():
    results = workspace.measure(count=60)  # the benchmark itself uses 5,000; no timing is asserted here
    assert results["assessments"] == 60
    for name in ("store_first_page", "store_last_page", "store_search", "store_one_org", "store_after_saves",
                 "page_rerun", "page_next"):
        assert results[name]["runs"] > 0 and results[name]["median_ms"] > 0
