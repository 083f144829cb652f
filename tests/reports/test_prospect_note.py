"""The note to the prospect: the verdict speaks of the first report, and the offer fits its reader."""

from __future__ import annotations

from datetime import date

from reports.story import prospect_note
from scoring import assess
from tests.conftest import profile

START = date(2026, 11, 23)


def test_the_deadline_sentence_follows_the_report_it_is_about_not_the_later_type_ii():
    answers = profile(deadline_months=9)
    result = assess(answers)
    assert result.report_type == "Type I" and result.timeline.verdict == "on_track"
    note = prospect_note(result, START)
    assert note.index("in time for") < note.index("A Type II report")


def test_a_soc1_only_note_offers_what_a_finance_reader_wants():
    result = assess(profile(fin_impact="yes", user_auditor_ask="yes", security_ask="no", customer_data="no"))
    assert result.reports == ["SOC 1"]
    note = prospect_note(result, START)
    assert "security questionnaire" not in note
    assert "description of our controls over the processing we do for you" in note
