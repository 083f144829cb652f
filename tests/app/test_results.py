"""Results: cards, reasons with links back, scope, readiness charts, gaps, things to settle."""

from __future__ import annotations

from datetime import date

from questions import default_bank
from reports.story import plan_dates, verdict_label
from scoring import assess
from tests.app.conftest import chart_spec, elements, header, open_app, open_tab
from tests.conftest import profile
from tests.scoring.test_readiness import everything

RESULTS = "pages/2_Results.py"


def markdown_text(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_empty_state_says_what_to_do():
    at = open_app(RESULTS)
    assert "answer the scoping questions first" in at.info[0].value


def test_cards_show_recommended_reports_with_type():
    at = open_app(RESULTS, answers=profile(fin_impact="yes", security_ask="yes"))
    text = markdown_text(at)
    assert "SOC 1" in text and "SOC 2" in text
    assert text.count("**Recommended**") == 2
    assert "Not needed now" in text   # SOC 3


def test_not_yet_card_when_no_report_is_needed():
    at = open_app(RESULTS, answers=profile(has_customers="no", security_ask="no"))
    assert "Not yet" in markdown_text(at)
    assert "No audit yet" in at.subheader[0].value


def test_reasons_name_the_answers_and_link_back_to_them():
    at = open_app(RESULTS, answers=profile(uptime_sla="yes"))
    assert any("Because you answered **Yes** to: Do you commit to uptime" in c.value for c in at.caption)
    change = next(b for b in at.button if b.key and b.key.startswith("change-why-") and b.key.endswith("uptime_sla"))
    change.click().run()
    assert header(at) == "About your business"
    assert at.session_state["focus_question"] == "uptime_sla"
    assert any("You came here to change" in c.value for c in at.caption)


def test_scope_lists_categories_in_and_out_with_a_warning():
    at = open_tab(open_app(RESULTS, answers=profile(uptime_sla="yes", personal_info="yes")), "Scope")
    text = markdown_text(at)
    assert "**Availability** · In scope" in text
    assert "**Privacy** · Consider" in text
    assert "**Confidentiality** · Not needed" in text
    assert any("to be safe" in w.value for w in at.warning)


def test_quick_check_results_say_readiness_is_not_assessed():
    at = open_tab(open_app(RESULTS, answers=profile()), "Readiness")
    assert any("Readiness has not been assessed" in i.value for i in at.info)
    assert not [n for n in at.get("plotly_chart")]


def test_readiness_charts_carry_area_and_criterion_scores_under_plain_names_first():
    answers = everything("yes", uptime_sla="yes") | {"GOV-01": "no", "BCP-04": "no", "BCP-05": "no"}
    at = open_app(RESULTS, answers=answers)
    assert not at.get("plotly_chart")                                # no chart built before the tab is opened
    open_tab(at, "Readiness")
    bars = chart_spec(at, "areas-chart")["data"][0]
    scores = dict(zip(bars["customdata"], bars["x"], strict=True))
    assert scores["Availability: capacity, backups and recovery (A1)"] == 67   # A1.1 at 0, A1.2 and A1.3 at 100
    assert scores["Change management (CC8)"] == 100
    assert all("<br>" in label or len(label) <= 30 for label in bars["y"])   # wrapped for phones
    treemap, scale = chart_spec(at, "criteria-map")["data"]
    assert "A1.1" in treemap["labels"] and "CC1.2" in treemap["labels"]
    assert "Access control (CC6)" in treemap["labels"]
    assert scale["marker"]["showscale"] and scale["marker"]["colorbar"]["title"]["text"] == "coverage %"
    assert len([label for label in treemap["labels"] if "." in label]) == 36   # 33 CC + 3 A1


def test_top_gaps_with_actions_and_not_sure_answers():
    answers = everything("yes") | {"ACC-01": "no", "OPS-04": "unsure"}
    at = open_tab(open_app(RESULTS, answers=answers), "Next steps")
    text = markdown_text(at)
    assert ":red-badge[High]" in text and "single sign-on" in text
    assert "Not sure" in text and "hardened baseline" in text


def test_follow_up_for_unsure_financial_impact():
    at = open_tab(open_app(RESULTS, answers=profile(fin_impact="unsure")), "Next steps")
    assert "read or display customer data" in markdown_text(at)


def test_applicable_myths_are_listed():
    at = open_app(RESULTS, answers=profile(public_artifact="yes"))
    labels = [e.label for e in at.expander]
    assert any("certified" in label for label in labels)
    assert any("publish our SOC 2" in label for label in labels)


def test_missing_required_answers_make_the_result_provisional():
    at = open_app(RESULTS, answers=profile(headcount=None))
    assert any("provisional" in w.value and "How many people" in w.value for w in at.warning)


def test_deadline_verdict_and_missing_key_controls_sit_above_the_tabs():
    answers = everything("yes") | {"ACC-01": "no", "CHG-01": "partial", "deadline_months": 6}
    result = assess(answers)
    at = open_app(RESULTS, answers=answers)
    order = list(elements(at.main))
    tabs = next(i for i, node in enumerate(order) if getattr(node, "type", "") == "tab_container")
    label = verdict_label(result)
    verdict = next(i for i, node in enumerate(order)
                   if type(node).__name__ in ("Success", "Warning", "Error") and node.value.startswith(f"**{label}:**"))
    assert plan_dates(result, date.today()).latest_text in order[verdict].value
    bank = default_bank()
    for qid in ("ACC-01", "CHG-01"):
        shown = next(i for i, node in enumerate(order)
                     if type(node).__name__ == "Caption" and node.value.endswith(bank.question(qid).text))
        change = next(i for i, node in enumerate(order) if getattr(node, "key", None) == f"change-blocker-{qid}")
        assert verdict < shown < change < tabs
    assert verdict < tabs


def test_a_blocker_change_button_opens_its_question():
    at = open_app(RESULTS, answers=everything("yes") | {"ACC-01": "no"})
    at.button(key="change-blocker-ACC-01").click().run()
    assert at.session_state["focus_question"] == "ACC-01"


def test_no_verdict_box_or_blockers_without_a_deadline_or_missing_key_control():
    at = open_app(RESULTS, answers=everything("yes"))
    assert not [b for b in at.button if (b.key or "").startswith("change-blocker-")]
    alerts = [*at.success, *at.warning, *at.error]
    assert not [n for n in alerts if n.value.startswith(("**On track", "**At risk", "**Not possible"))]


def test_readiness_tab_leads_with_the_verdict_in_words_and_lists_the_blockers():
    answers = everything("yes") | {"ACC-01": "no", "OPS-01": "unsure"}
    at = open_tab(open_app(RESULTS, answers=answers), "Readiness")
    assert any(e.value.startswith("**Blocked: 2 key controls missing.**") for e in at.error)
    assert "single sign-on" in markdown_text(at)
    at = open_tab(open_app(RESULTS, answers=everything("yes")), "Readiness")
    assert any(s.value.startswith("**Audit ready.**") for s in at.success)


def test_soc1_readiness_is_shown_when_soc1_is_recommended():
    answers = everything("yes", fin_impact="yes", user_auditor_ask="yes") | {"GOV-01": "no"}
    result = assess(answers)
    at = open_tab(open_app(RESULTS, answers=answers), "Readiness")
    by_report = result.readiness.by_report
    assert f"**SOC 1** {by_report['SOC 1']}% · **SOC 2** {by_report['SOC 2']}%" in markdown_text(at)
    itgc, process = (chart_spec(at, f"soc1-{family}-chart")["data"][0] for family in ("itgc", "process"))
    assert "Logical access to the systems in scope" in itgc["customdata"]
    assert "Reconciliations and cut-off" in process["customdata"]
    assert len(itgc["x"]) + len(process["x"]) == len(result.readiness.soc1_areas)


def test_a_soc1_only_result_is_read_on_its_control_objectives_not_the_soc2_criteria():
    answers = everything("yes", business_type="payroll", fin_impact="yes", user_auditor_ask="yes",
                         security_ask="no", customer_data="no") | {"SOC1-01": "no"}
    result = assess(answers)
    assert result.reports == ["SOC 1"]
    at = open_tab(open_app(RESULTS, answers=answers), "Readiness")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {"SOC 1 readiness": f"{result.readiness.overall}%"}
    captions = " ".join(c.value for c in at.caption)
    assert f"Over {len(result.readiness.soc1_areas)} SOC 1 control-objective areas" in captions
    assert "criteria in scope" not in captions


def test_gap_answers_read_as_the_options_the_user_saw():
    at = open_tab(open_app(RESULTS, answers=everything("yes") | {"ACC-02": "partial"}), "Next steps")
    captions = [c.value for c in at.caption if c.value.startswith("You answered")]
    assert captions and all("Partly or informally" in c for c in captions)
    assert any("1 control is missing" in c.value for c in at.caption)
