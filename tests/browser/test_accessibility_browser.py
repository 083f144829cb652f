"""Every page against WCAG 2.1 A and AA as axe-core checks it, at laptop and at phone width.

The pages come from ui.pages_registry.NAVIGATION, so a page added later is checked without
touching this file. Each page is checked as a new visitor sees it and with a rich assessment open
(SOC 1 and SOC 2, blockers, gaps, follow-ups, a deadline, a second client to compare with), with
every tab shown in turn and every expander opened, since axe only judges what is rendered.
Nothing is excluded from the scan.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from bench.server import Server
from questions import default_bank
from scoring.summary import summarise
from storage import open_store
from tests.browser.conftest import ARTIFACTS, ROOT
from tests.conftest import profile
from ui.pages_registry import HOME, NAVIGATION

pytestmark = pytest.mark.browser
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
LAPTOP, PHONE, TALL = 1280, 390, 2400
BANK = default_bank()
READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'
# What does not fit a phone's width, as a function for page.evaluate.
FITS_WIDTH = (Path(__file__).parent / "fits_width.js").read_text(encoding="utf-8")
# Placeholders Streamlit shows while an element's code (charts, tables) is still loading.
LOADING = '[data-testid="stSkeleton"], [data-testid="stSkeletonElement"], [data-testid="stAppSkeleton"]'


def readiness_answers(pattern: tuple[str, ...]) -> dict[str, str]:
    return {q.id: pattern[i % len(pattern)] for i, q in enumerate(q for q in BANK.questions if q.kind == "readiness")}


# A payroll processor asked for both reports: every kind of result block appears.
RICH = profile(business_type="payroll", fin_impact="yes", user_auditor_ask="yes", uptime_sla="yes",
               deadline_months=9, controls_operating_months=2, headcount=120) | readiness_answers(
    ("yes", "partial", "yes", "no", "yes", "unsure", "yes"))
EARLIER = profile(deadline_months=12) | readiness_answers(("partial", "no", "yes"))


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """An app server whose database holds two assessments; yields its URL and a resume token.
    Seeded through the store rather than typed, so 24 page checks do not answer 98 questions each."""
    folder = tmp_path_factory.mktemp("a11y-server")
    store = open_store(f"sqlite:///{folder / 'bench.db'}")   # the file Server points the app at
    store.create("Earlier Client Ltd", EARLIER, "full", BANK.version, summarise(EARLIER))
    _, token = store.create("Accessible Payroll Ltd", RICH, "full", BANK.version, summarise(RICH),
                            notes="Audit firm shortlist due in March.")
    store.engine.dispose()
    server = Server("app.py", folder).start()
    yield server.url, token
    server.stop()


def url_of(base: str, path: str, token: str | None) -> str:
    """Streamlit's address of a page file: `pages/2_Results.py` is /Results, the entry script /."""
    slug = "" if path == HOME else re.sub(r"^\d+_", "", Path(path).stem)
    return f"{base}/{slug}" + (f"?a={token}" if token else "")


def wait_until_drawn(page) -> None:
    """The script has finished, every chart is drawn and no transition is still fading colours in."""
    expect(page.locator(READY)).to_be_attached(timeout=30_000)
    expect(page.locator('[data-testid="stMain"] h1, [data-testid="stMain"] h2').first).to_be_visible()
    expect(page.locator(LOADING)).to_have_count(0, timeout=30_000)
    page.wait_for_function("""() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
        .filter(chart => chart.offsetParent !== null).every(chart => chart.querySelector('.main-svg'))""")
    page.wait_for_function("""() => document.getAnimations().every(a =>
        a.playState !== 'running' || a.effect.getComputedTiming().iterations === Infinity)""")


def open_expanders(page) -> None:
    """Open every closed expander in the main area and, when it is shown, the sidebar."""
    shown = '[data-testid="stMain"], [data-testid="stSidebar"][data-collapsed="false"]'
    closed = page.locator(shown).locator('[data-testid="stExpander"] details:not([open]) > summary:visible')
    for left in range(closed.count(), 0, -1):
        closed.first.click()
        expect(closed).to_have_count(left - 1)
    wait_until_drawn(page)


def axe(page) -> list[dict[str, object]]:
    """axe-core's WCAG 2.1 A/AA violations on the page as drawn now (iframes included)."""
    if not AXE.is_file():
        pytest.fail(f"axe-core is not installed ({AXE.relative_to(ROOT)} is missing): run `make test`, "
                    "which installs it from package-lock.json")
    for frame in page.frames:
        if not frame.evaluate("() => typeof window.axe !== 'undefined'"):
            frame.add_script_tag(path=str(AXE))
    return page.evaluate("""async (tags) => {
        const found = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
        return found.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            targets: v.nodes.slice(0, 3).map(n => n.target.join(' > ')),
            summary: v.nodes[0] ? v.nodes[0].failureSummary : ''}));
    }""", WCAG_21_AA)


def shoot(page, name: str) -> None:
    """The whole page: Streamlit scrolls inside its main area, so the window grows to fit it first."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": max(size["height"], height)})
    wait_until_drawn(page)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    page.set_viewport_size(size)
    wait_until_drawn(page)


def tabs(page):
    return page.locator('[data-testid="stMain"] [role="tablist"] [role="tab"]')


def each_view(page, name: str) -> Iterator[str]:
    """The page as loaded, then each of its tabs in turn, expanders open; a screenshot of each."""
    open_expanders(page)
    shoot(page, name)
    yield name
    for index in range(1, tabs(page).count()):
        tab = tabs(page).nth(index)
        tab.scroll_into_view_if_needed()
        tab.click()
        expect(tab).to_have_attribute("aria-selected", "true")
        open_expanders(page)
        shoot(page, f"{name}-tab{index}")
        yield f"{name} (tab {tab.inner_text().strip()!r})"


def describe(found: dict[str, list[dict[str, object]]]) -> str:
    """One entry per violation and place, naming every view it was seen in."""
    seen: dict[tuple[str, str], tuple[dict[str, object], list[str]]] = {}
    for view, violations in found.items():
        for v in violations:
            seen.setdefault((str(v["id"]), str(v["targets"])), (v, []))[1].append(view)
    return "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']}\n  in {', '.join(views)}\n  at {v['targets']}\n  "
        + str(v["summary"]).replace("\n", "\n  ") for v, views in seen.values())


PAGES = [pytest.param(path, id=label) for path, label, _ in NAVIGATION]


@pytest.mark.parametrize("width", [LAPTOP, PHONE])
@pytest.mark.parametrize("answered", [True, False], ids=["answered", "new"])
@pytest.mark.parametrize("path", PAGES)
def test_every_page_meets_wcag_21_aa_and_fits_a_phone(page, seeded, path, answered, width):
    """axe-core on every view; at phone width also nothing clipped sideways. Each lists every view."""
    base, token = seeded
    page.set_viewport_size({"width": width, "height": TALL})
    page.goto(url_of(base, path, token if answered else None))
    wait_until_drawn(page)
    name = f"a11y-{Path(path).stem.lower()}-{'answered' if answered else 'new'}-{width}"
    found, clipped = {}, {}
    for view in each_view(page, name):
        found[view] = axe(page)
        clipped[view] = page.evaluate(FITS_WIDTH) if width == PHONE else []
    found = {view: violations for view, violations in found.items() if violations}
    assert not found, "axe-core found WCAG 2.1 AA violations:\n" + describe(found)
    clipped = {view: problems for view, problems in clipped.items() if problems}
    assert not clipped, f"Not usable {width} px wide:\n" + "\n".join(
        f"- {view}: " + "; ".join(problems[:5]) for view, problems in clipped.items())
    assert page.console_errors == []
