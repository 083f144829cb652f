"""In-process timings: the engine on the largest assessment, and the PDF and Excel exports."""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable

from reports.content import build_report
from reports.excel import build_xlsx
from reports.pdf import build_pdf
from scoring import assess
from tests.reports.conftest import LONG_NOTES, largest_answers


def timings(fn: Callable[[], object], runs: int) -> dict[str, float]:
    fn()  # warm caches (bank, fonts' coverage)
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return {"runs": runs, "median_ms": round(statistics.median(samples), 3),
            "p95_ms": round(samples[min(runs - 1, int(0.95 * runs))], 3)}


def engine(runs: int = 500) -> dict[str, float]:
    """Under the app's own conditions: start-up objects frozen, as ui/warmup.py does."""
    answers = largest_answers()
    gc.collect()
    gc.freeze()
    try:
        return timings(lambda: assess(answers), runs)
    finally:
        gc.unfreeze()


def exports(runs: int = 8) -> dict[str, dict[str, float]]:
    answers = largest_answers()
    data = build_report(assess(answers), answers, "Acme Largest Ltd", "Jane Doe", LONG_NOTES)
    return {"pdf": timings(lambda: build_pdf(data), runs), "excel": timings(lambda: build_xlsx(data), runs)}
