"""Real-browser timings with Playwright and Debian's Chromium: first render and click-to-update."""

from __future__ import annotations

import statistics
import time

from playwright.sync_api import sync_playwright

from tests.browser.conftest import CHROMIUM_ARGS, chromium_path

IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def _stats(samples: list[float]) -> dict[str, float]:
    samples = sorted(samples)
    return {"runs": len(samples), "median_ms": round(statistics.median(samples), 1),
            "p95_ms": round(samples[min(len(samples) - 1, int(0.95 * len(samples)))], 1)}


def browser_timings(url: str, loads: int = 5, clicks: int = 12) -> dict[str, dict[str, float]]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        first_render = []
        for _ in range(loads):
            page = browser.new_page()
            started = time.perf_counter()
            page.goto(url)
            page.get_by_role("button", name="Start the full assessment").wait_for()
            page.wait_for_selector(IDLE)
            first_render.append((time.perf_counter() - started) * 1000)
            page.close()
        page = browser.new_page()
        page.goto(url)
        page.get_by_role("button", name="Start the full assessment").click()
        page.get_by_role("heading", name="About your business").wait_for()
        page.wait_for_selector(IDLE)
        # Count finished runs in the page itself, so a rerun that ends before we look is not missed.
        page.evaluate("""() => { window.__finished = 0; const app = document.querySelector('[data-testid="stApp"]');
            new MutationObserver(() => { if (app.dataset.testScriptState === 'notRunning') window.__finished++; })
              .observe(app, {attributes: true, attributeFilter: ['data-test-script-state']}); }""")
        updates = []
        groups = page.locator('[data-testid="stMain"] [data-testid="stRadio"]')
        for n in range(clicks):
            option = groups.nth(n % 12).locator('label:has(input[type="radio"])').nth(n % 2)
            before = page.evaluate("window.__finished")
            started = time.perf_counter()
            option.click()
            page.wait_for_function(f"window.__finished > {before}")
            updates.append((time.perf_counter() - started) * 1000)
            page.wait_for_timeout(100)
        browser.close()
    return {"first_render": _stats(first_render), "click_to_update": _stats(updates)}
