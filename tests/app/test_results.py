"""Results: cards, reasons with links back, scope, readiness charts, gaps, things to settle."""

from __future__ import annotations

from tests.app.conftest import chart_spec, header, open_app
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
    at = open_app(RESULTS, answers=profile(uptime_sla="yes", personal_info="yes"))
    text = markdown_text(at)
    assert "**Availability** · In scope" in text
    assert "**Privacy** · Consider" in text
    assert "**Confidentiality** · Not needed" in text
    assert any("to be safe" in w.value for w in at.warning)


def test_quick_check_results_say_readiness_is_not_assessed():
    at = open_app(RESULTS, answers=profile())
    assert any("Readiness has not been assessed" in i.value for i in at.info)
    assert not [n for n in at.get("plotly_chart")]


def test_readiness_charts_carry_area_and_criterion_scores():
    answers = everything("yes", uptime_sla="yes") | {"GOV-01": "no", "BCP-04": "no", "BCP-05": "no"}
    at = open_app(RESULTS, answers=answers)
    bars = chart_spec(at, "areas-chart")["data"][0]
    scores = dict(zip(bars["y"], bars["x"], strict=True))
    assert scores["A1 Availability"] == 67          # A1.1 at 0, A1.2 and A1.3 at 100
    assert scores["CC8 Change Management"] == 100
    treemap = chart_spec(at, "criteria-map")["data"][0]
    assert "A1.1" in treemap["labels"] and "CC1.2" in treemap["labels"]
    assert len([label for label in treemap["labels"] if "." in label]) == 36   # 33 CC + 3 A1


def test_top_gaps_with_actions_and_not_sure_answers():
    answers = everything("yes") | {"ACC-01": "no", "OPS-04": "unsure"}
    at = open_app(RESULTS, answers=answers)
    text = markdown_text(at)
    assert ":red-badge[High]" in text and "single sign-on" in text
    assert "Not sure" in text and "hardened baseline" in text


def test_follow_up_for_unsure_financial_impact():
    at = open_app(RESULTS, answers=profile(fin_impact="unsure"))
    assert "read or display customer data" in markdown_text(at)


def test_applicable_myths_are_listed():
    at = open_app(RESULTS, answers=profile(public_artifact="yes"))
    labels = [e.label for e in at.expander]
    assert any("certified" in label for label in labels)
    assert any("publish our SOC 2" in label for label in labels)


def test_missing_required_answers_make_the_result_provisional():
    at = open_app(RESULTS, answers=profile(headcount=None))
    assert any("provisional" in w.value and "How many people" in w.value for w in at.warning)
