"""Plan: the dated Gantt, the deadline verdict, what-if controls and fee bands."""

from __future__ import annotations

import io
import re
from datetime import date, datetime, timedelta

import openpyxl
import pytest

from reports.csv_export import build_csv
from reports.excel import build_xlsx
from reports.markdown import build_markdown
from reports.pdf import build_pdf
from reports.story import plan_dates
from scoring import assess
from scoring.fees import ACCEPTED_SOURCES
from tests.app.conftest import chart_spec, open_app
from tests.conftest import profile
from tests.reports.test_pdf import text_of
from tests.scoring.test_readiness import everything
from ui.plan_view import SHARE

PLAN = "pages/3_Plan.py"
SHARE_OPEN = {SHARE: True}   # "Share and export this plan" opened


def headline(at) -> str:
    """The plan's card: the what-if in effect, the headline, the date to promise and the verdict, in one box."""
    boxes = [*at.success, *at.warning, *at.error, *at.info, *at.markdown]
    return next(box.value for box in boxes if "#### " in box.value)


def bars(at) -> dict[str, float]:
    data = chart_spec(at, "gantt")["data"][0]
    return dict(zip(data["y"], data["x"], strict=True))


def test_empty_state():
    at = open_app(PLAN)
    assert "Nothing to plan yet" in at.info[0].value


def test_gantt_has_every_phase_from_the_start_date_and_marks_the_deadline():
    at = open_app(PLAN, answers=profile(deadline_months=6, security_ask="no"))
    spec = chart_spec(at, "gantt")
    assert set(bars(at)) == {"Scoping", "Risk assessment", "Fixing gaps", "Policies", "System description",
                             "Type I report", "Type II period", "Type II report", "Next period", "Renewal report"}
    assert spec["data"][0]["base"][-1] == date.today().isoformat()   # scoping starts today
    assert any(shape.get("line", {}).get("dash") == "dash" for shape in spec["layout"]["shapes"])
    assert at.error or at.warning or at.success   # the verdict box


def test_what_if_window_and_path_redraw_the_plan():
    at = open_app(PLAN, answers=profile(security_ask="no"))
    three_months = bars(at)["Type II period"]
    at.segmented_control(key="plan:window").set_value(12).run()
    assert bars(at)["Type II period"] > 3.5 * three_months
    at.selectbox(key="plan:path").set_value("type_i").run()
    assert "Type I report" in bars(at)
    assert "Start with a SOC 2 Type I" in headline(at)


def test_a_guessed_readiness_shortens_remediation():
    at = open_app(PLAN, answers=profile(security_ask="no"))
    before = bars(at)["Fixing gaps"]
    at.toggle(key="plan:guess").set_value(True).run()
    at.slider(key="plan:guessed").set_value(90).run()
    assert bars(at)["Fixing gaps"] < before


def test_start_date_moves_the_plan():
    at = open_app(PLAN, answers=profile())
    at.date_input(key="plan:start").set_value(date(2027, 1, 4)).run()
    assert chart_spec(at, "gantt")["data"][0]["base"][-1] == "2027-01-04"


@pytest.mark.parametrize("days_later", [0, 3, 10, 70, 200])
def test_a_later_start_keeps_the_customers_deadline_on_its_calendar_day(days_later):
    """The deadline is given in months from today: moving the start must not move it later."""
    answers = profile(deadline_months=6)
    today = date.today()
    baseline = plan_dates(assess(answers), today).deadline
    at = open_app(PLAN, answers=answers)
    at.date_input(key="plan:start").set_value(today + timedelta(days=days_later)).run()
    deadline = datetime.strptime(chart_spec(at, "gantt")["layout"]["shapes"][0]["x0"][:10], "%Y-%m-%d").date()
    assert baseline - timedelta(days=6) <= deadline <= baseline


def test_fee_bands_are_labelled_as_reported_ranges():
    at = open_app(PLAN, answers=profile(security_ask="no"))
    text = "\n".join(m.value for m in at.markdown)
    assert "SOC 2 Type II" in text and "$20,000" in text
    assert ":small[:gray[Reported ranges from public sources, not a quote." in text   # the small print


# --- what-if: it changes nothing until moved on purpose, and then it says so everywhere ----------

NAMED_SOURCES = re.compile(r"(?:Published by CPA firms|From compliance vendors' guides): ([^.]+)\.")
BLOCKED = everything("yes") | {"ACC-01": "no", "deadline_months": 9}


def record_reports(monkeypatch) -> list:
    """Every ReportData the share panel builds (the paste line, the note and each download use it)."""
    import ui.downloads

    built: list = []
    real = ui.downloads.build_report
    monkeypatch.setattr(ui.downloads, "build_report", lambda *a, **k: built.append(real(*a, **k)) or built[-1])
    return built


def paste_line(at) -> str:
    return at.code[-2].value


def test_an_untouched_plan_exports_the_same_dates_as_the_results_page(monkeypatch):
    built = record_reports(monkeypatch)
    results = open_app("pages/2_Results.py", answers=BLOCKED)
    plan = open_app(PLAN, answers=BLOCKED, **SHARE_OPEN)
    assert paste_line(plan) == paste_line(results)
    assert built[-1].what_if == [] and built[-1].dates == built[0].dates
    assert at_slider(plan).value == assess(BLOCKED).readiness.planning_score   # starts at the measured score
    assert "What-if" not in headline(plan)


def at_slider(at):
    return at.slider(key="plan:readiness")


def test_moving_the_readiness_slider_changes_the_plan_and_every_export_states_the_assumption(monkeypatch):
    built = record_reports(monkeypatch)
    measured = assess(BLOCKED).readiness.planning_score
    at = open_app(PLAN, answers=BLOCKED, **SHARE_OPEN)
    before_line, before_bar = paste_line(at), bars(at)["Fixing gaps"]
    at_slider(at).set_value(95).run()
    assumption = f"What-if: readiness 95% instead of the measured {measured}%."
    assert bars(at)["Fixing gaps"] < before_bar
    assert assumption in headline(at)
    assert paste_line(at) != before_line and assumption in paste_line(at)
    assert "planning assumption: readiness 95%" in at.code[-1].value        # the note to the prospect
    data = built[-1]
    assert data.what_if and data.dates.latest < built[0].dates.latest
    exports = {"PDF": text_of(build_pdf(data))[1], "Markdown": build_markdown(data), "CSV": build_csv(data),
               "Excel": " ".join(str(c.value) for row in openpyxl.load_workbook(io.BytesIO(build_xlsx(data)))["Summary"]
                                 .iter_rows() for c in row)}
    assert [name for name, text in exports.items() if assumption not in " ".join(text.split())] == []
    at.button(key="what-if-reset").click().run()
    assert paste_line(at) == before_line and at_slider(at).value == measured


def test_an_untouched_slider_follows_the_measured_score_when_answers_change():
    at = open_app(PLAN, answers=BLOCKED)
    at.session_state["answers"] = BLOCKED | {"GOV-01": "no", "OPS-01": "no"}
    at.run()
    assert at_slider(at).value == assess(at.session_state["answers"]).readiness.planning_score
    assert "What-if" not in headline(at)


def test_without_a_readiness_score_the_slider_hides_behind_a_guess_toggle():
    at = open_app(PLAN, answers=profile(security_ask="no"), **SHARE_OPEN)
    assert [s.key for s in at.slider] == []
    toggle = at.toggle(key="plan:guess")
    assert "a guess" in toggle.label and "not assessed" in toggle.label and toggle.value is False
    toggle.set_value(True).run()
    assert [s.key for s in at.slider] == ["plan:guessed"]
    assert any("What-if: a guessed readiness of" in i.value for i in at.info)
    assert "guessed readiness" in paste_line(at)


def test_window_and_path_left_alone_are_no_what_if():
    at = open_app(PLAN, answers=profile(uptime_sla="yes"))
    at.segmented_control(key="plan:window").set_value(3).run()      # the engine's own window
    assert "What-if" not in headline(at)
    at.segmented_control(key="plan:window").set_value(6).run()
    assert any("a 6-month Type II window instead of 3 months" in i.value for i in at.info)


def test_fee_sources_named_are_only_the_accepted_ones():
    answers = profile(fin_impact="yes", user_auditor_ask="yes", public_artifact="yes", deadline_months=4)
    at = open_app(PLAN, answers=answers)
    shown = "\n".join(m.value for m in at.markdown)
    named = {name.strip() for found in NAMED_SOURCES.findall(shown) for name in found.split(",")}
    assert named and named <= ACCEPTED_SOURCES
    assert "Reported by compliance vendors" in shown     # bands that name no source say who reported them


def test_the_share_panel_is_built_only_once_opened():
    at = open_app(PLAN, answers=BLOCKED)
    assert not at.get("download_button") and not at.code and not at.get("iframe")
    at.session_state[SHARE] = True
    at.run()
    assert len(at.get("download_button")) == 4 and "planning assumption" not in at.code[-1].value


def test_a_what_if_after_the_answers_change_plans_the_new_answers():
    """The what-if reuses what the answers decided only while they are the same answers."""
    from scoring import PlanOptions
    from ui.charts import gantt

    at = open_app(PLAN, answers=BLOCKED)
    at_slider(at).set_value(60).run()
    changed = BLOCKED | {"uptime_sla": "yes", "GOV-01": "no", "deadline_months": 4}
    at.session_state["answers"] = changed
    at.run()
    at_slider(at).set_value(61).run()
    expected = gantt(assess(changed, options=PlanOptions(readiness_override=61)), date.today()).to_dict()["data"][0]
    assert bars(at) == dict(zip(expected["y"], expected["x"], strict=True))
