"""Properties that must hold for any answers (hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from questions import default_bank
from questions.contract import CHOICE_QUESTIONS, INTEGER_QUESTIONS
from scoring import PlanOptions, assess

BANK = default_bank()
READINESS_IDS = [q.id for q in BANK.questions if q.kind == "readiness"]
ORDER = ["no", "unsure", "partial", "yes"]
STRENGTH = {"no": 0, "unsure": 0, "partial": 1, "yes": 2}


@st.composite
def scoping_answers(draw: st.DrawFn) -> dict[str, object]:
    answers: dict[str, object] = {}
    for qid, values in CHOICE_QUESTIONS.items():
        if draw(st.booleans()) or qid == "business_type":
            answers[qid] = draw(st.sampled_from(values))
    for qid, (low, high) in INTEGER_QUESTIONS.items():
        if draw(st.booleans()):
            answers[qid] = draw(st.integers(low, min(high or 5000, 5000)))
    return answers


@st.composite
def full_answers(draw: st.DrawFn) -> dict[str, object]:
    answers = draw(scoping_answers())
    chosen = draw(st.lists(st.sampled_from(READINESS_IDS), unique=True))
    for qid in chosen:
        answers[qid] = draw(st.sampled_from(ORDER))
    return answers


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(full_answers())
def test_scores_stay_within_0_and_100(answers):
    readiness = assess(answers, BANK).readiness
    scores = [a.score for a in readiness.areas] + [c.score for c in readiness.criteria]
    if readiness.overall is not None:
        scores.append(readiness.overall)
    assert all(0 <= s <= 100 for s in scores)


@SETTINGS
@given(full_answers(), st.data())
def test_improving_any_answer_never_lowers_any_score(answers, data):
    answered = [q for q in READINESS_IDS if q in answers and answers[q] != "yes"]
    if not answered:
        return
    qid = data.draw(st.sampled_from(answered))
    better = data.draw(st.sampled_from([v for v in ORDER if STRENGTH[v] > STRENGTH[str(answers[qid])]]))
    before = assess(answers, BANK)
    after = assess({**answers, qid: better}, BANK)
    if before.readiness.overall is None:   # only hidden questions were answered: nothing is scored
        assert after.readiness.overall is None
        return
    assert after.readiness.overall >= before.readiness.overall
    assert all(a.score >= b.score for a, b in zip(after.readiness.areas, before.readiness.areas, strict=True))
    assert all(a.score >= b.score for a, b in zip(after.readiness.criteria, before.readiness.criteria, strict=True))
    assert after.timeline.months_high <= before.timeline.months_high or after.report_type != before.report_type


@SETTINGS
@given(full_answers())
def test_security_comes_first_whenever_categories_are_given(answers):
    result = assess(answers, BANK)
    if result.categories:
        assert result.categories[0] == "Security"
        assert "SOC 2" in result.reports
    else:
        assert "SOC 2" not in result.reports
    order = ["Security", "Availability", "Confidentiality", "Processing Integrity", "Privacy"]
    assert result.categories == [c for c in order if c in result.categories]


@SETTINGS
@given(full_answers(), st.sampled_from([None, 3, 6, 12]), st.sampled_from([None, True, False]))
def test_phases_never_run_backwards_or_overlap_wrongly(answers, window, type_i_first):
    result = assess(answers, BANK, PlanOptions(observation_months=window, type_i_first=type_i_first))
    timeline = result.timeline
    phases = {p.id: p for p in timeline.phases}
    for phase in phases.values():
        assert 0 <= phase.start_week < phase.end_week
    assert phases["scoping"].start_week == 0
    preparation = [p for p in timeline.phases if p.stage == "prepare" and p.id != "scoping"]
    assert all(p.start_week == phases["scoping"].end_week for p in preparation)
    ready = max(p.end_week for p in preparation)
    if "observation" in phases:
        # A period never ends before the controls are final, and is followed by its report.
        assert phases["observation"].end_week >= ready
        assert phases["type_ii"].start_week == phases["observation"].end_week
        if result.readiness.blockers or "type_i" in phases:
            assert phases["observation"].start_week >= ready
    if "type_i" in phases:
        assert phases["type_i"].start_week >= ready
    first = phases.get("type_i") or phases.get("type_ii")
    if first is not None:
        assert first.end_week == timeline.latest_week       # the Gantt ends on the promised date
    assert 0 < timeline.months_low <= timeline.months_high
    assert timeline.earliest_week <= timeline.latest_week
    assert (result.report_type is None) == (result.reports == [])


@SETTINGS
@given(full_answers())
def test_a_blocker_always_caps_the_score_below_the_ready_band(answers):
    readiness = assess(answers, BANK).readiness
    if readiness.blockers:
        assert readiness.overall is None or readiness.overall <= 79
        assert readiness.verdict in ("not_assessed", "blocked")
    else:
        assert readiness.verdict != "blocked"


@SETTINGS
@given(full_answers(), st.sampled_from([None, 0, 2, 4, 6, 9, 12, 18]))
def test_latest_is_never_before_earliest_and_the_verdict_obeys_the_range(answers, deadline):
    answers = {**answers, "deadline_months": deadline}
    if deadline is None:
        del answers["deadline_months"]
    timeline = assess(answers, BANK).timeline
    assert timeline.months_low <= timeline.months_high and timeline.earliest_week <= timeline.latest_week
    if deadline is None or not assess(answers, BANK).reports:
        assert timeline.verdict == "no_deadline"
    elif timeline.months_high <= deadline:
        assert timeline.verdict == "on_track"
    elif timeline.months_low <= deadline:
        assert timeline.verdict == "at_risk"
    else:
        assert timeline.verdict == "not_possible"


def _type_ii_weeks(result) -> int:
    """When the Type II report lands, whichever path leads to it."""
    return result.timeline.type_ii_latest_week or result.timeline.latest_week


@SETTINGS
@given(scoping_answers(), st.integers(0, 30), st.sampled_from([None, True, False]))
def test_more_months_of_clean_evidence_never_lengthen_the_plan(answers, months, type_i_first):
    """Clean = no readiness answers, so no key control is known to be missing."""
    options = PlanOptions(type_i_first=type_i_first)
    before = assess({**answers, "controls_operating_months": months, "process_controls_months": months},
                    BANK, options)
    after = assess({**answers, "controls_operating_months": months + 1, "process_controls_months": months + 1},
                   BANK, options)
    if type_i_first is not None:
        assert after.timeline.months_high <= before.timeline.months_high
        assert after.timeline.months_low <= before.timeline.months_low
    assert _type_ii_weeks(after) <= _type_ii_weeks(before)


@SETTINGS
@given(full_answers())
def test_the_saved_summary_is_the_one_assess_gives(answers):
    """`summarise` (run at every save) stops at the decisions; its figures must be assess's."""
    from scoring.summary import summarise

    result = assess(answers, BANK)
    summary = summarise(answers)
    assert (summary.reports, summary.report_type, summary.readiness) == \
        (result.reports, result.report_type, result.readiness.overall)


@st.composite
def plan_options(draw: st.DrawFn) -> PlanOptions:
    return PlanOptions(observation_months=draw(st.sampled_from([None, 3, 6, 12])),
                       type_i_first=draw(st.sampled_from([None, True, False])),
                       readiness_override=draw(st.one_of(st.none(), st.integers(0, 100))),
                       deadline_shift_weeks=draw(st.integers(-4, 30)))


@SETTINGS
@given(answers=full_answers(), options=plan_options())
def test_a_what_if_planned_from_the_kept_measurement_is_the_full_assessment(answers, options):
    """The Plan page plans a what-if again from what the answers decided (ui/assessed.py): the same
    result as assessing from scratch, for every answer and option."""
    from scoring.engine import measure

    kept = measure(answers, BANK, gaps=True)
    assert assess(answers, BANK, options, kept) == assess(answers, BANK, options)
    assert assess(answers, BANK, None, measure(answers, BANK)) == assess(answers, BANK)
